import { mapSettledUntil, mapSettledWithLimit } from './map-settled';

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

describe('mapSettledUntil', () => {
  it('reports what settled before the stop and leaves the rest pending, unstarted ones unstarted', async () => {
    const stop = new AbortController();
    const started: number[] = [];
    const gates = new Map<number, () => void>();
    const running = mapSettledUntil(
      [1, 2, 3, 4],
      2,
      (n) => {
        started.push(n);
        return new Promise<number>((resolve) => gates.set(n, () => resolve(n * 10)));
      },
      stop.signal,
    );
    await new Promise((r) => setImmediate(r));
    gates.get(1)?.();
    await new Promise((r) => setImmediate(r));
    stop.abort();
    const results = await running;
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'pending', 'pending', 'pending']);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 10 });
    await new Promise((r) => setImmediate(r));
    // 3 started when 1 finished, before the stop; 4 never starts.
    expect(started).toEqual([1, 2, 3]);
  });

  it('waits for everything when the stop never comes', async () => {
    const results = await mapSettledUntil(
      [1, 2],
      2,
      (n) => (n === 2 ? Promise.reject(new Error('two')) : Promise.resolve(n)),
      new AbortController().signal,
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
  });
});
