import { mapSettledWithLimit } from './map-settled';

describe('mapSettledWithLimit', () => {
  it('keeps order, settles failures and never exceeds the limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await mapSettledWithLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5 * (8 - n)));
      inFlight--;
      if (n % 3 === 0) throw new Error(`no ${n}`);
      return n * 10;
    });
    expect(peak).toBe(3);
    expect(
      results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)),
    ).toEqual([10, 20, 'no 3', 40, 50, 'no 6', 70]);
  });

  it('handles an empty list', async () => {
    expect(await mapSettledWithLimit([], 4, async () => 1)).toEqual([]);
  });
});
