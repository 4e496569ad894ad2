import { lastValueFrom, toArray } from 'rxjs';
import type { AnalysisProgressEvent } from './analysis-progress';
import { AnalysisProgressHub } from './analysis-progress.hub';

const posts = (count: number): AnalysisProgressEvent => ({ type: 'posts', count });

describe('AnalysisProgressHub', () => {
  it('a listener that arrives mid-run gets the steps so far, then the rest, then completes', async () => {
    const hub = new AnalysisProgressHub();
    let step!: (n: number) => void;
    let finish!: () => void;
    const run = hub.track('k', (progress) => {
      step = (n) => progress(posts(n));
      return new Promise<string>((resolve) => (finish = () => resolve('done')));
    });
    step(1);
    const late = lastValueFrom(hub.watch('k').pipe(toArray()));
    step(2);
    finish();

    await expect(run).resolves.toBe('done');
    await expect(late).resolves.toEqual([posts(1), posts(2)]);
    expect(hub.activeRuns).toBe(0);
  });

  it('a listener that arrives before the run follows the next run of its key only', async () => {
    const hub = new AnalysisProgressHub();
    const early = lastValueFrom(hub.watch('k').pipe(toArray()));
    await hub.track('other', async (progress) => progress(posts(9)));
    await hub.track('k', async (progress) => progress(posts(3)));

    await expect(early).resolves.toEqual([posts(3)]);
  });

  it('a failed run still ends its listeners and frees its key', async () => {
    const hub = new AnalysisProgressHub();
    const listener = lastValueFrom(hub.watch('k').pipe(toArray()));
    await expect(
      hub.track('k', async (progress) => {
        progress(posts(1));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');

    await expect(listener).resolves.toEqual([posts(1)]);
    expect(hub.activeRuns).toBe(0);
  });
});
