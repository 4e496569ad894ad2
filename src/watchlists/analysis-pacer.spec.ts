import { AnalysisPacer } from './analysis-pacer';

describe('AnalysisPacer', () => {
  it('spaces starts evenly: at most perMinute in a minute, the first at once', async () => {
    let now = 0;
    const waits: number[] = [];
    const pacer = new AnalysisPacer(
      6,
      () => now,
      async (ms) => {
        waits.push(ms);
        now += ms;
      },
    );
    const starts: number[] = [];
    for (let i = 0; i < 4; i++) {
      await pacer.slot();
      starts.push(now);
    }
    expect(starts).toEqual([0, 10_000, 20_000, 30_000]);
    expect(waits).toEqual([10_000, 10_000, 10_000]);
  });

  it('does not wait after a pause longer than the spacing', async () => {
    let now = 0;
    const waits: number[] = [];
    const pacer = new AnalysisPacer(
      60,
      () => now,
      async (ms) => void waits.push(ms),
    );
    await pacer.slot();
    now = 5000;
    await pacer.slot();
    expect(waits).toEqual([]);
  });
});
