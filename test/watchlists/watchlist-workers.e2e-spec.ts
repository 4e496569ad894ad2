import type { NestExpressApplication } from '@nestjs/platform-express';
import { CREATOR } from '../support/analyze/analyze-corpus';
import { createTestApp } from '../support/test-app';
import { spawnWorker, type SpawnedWorker } from './support/spawn-worker';
import {
  createWatchlist,
  runNow,
  startWatchlistWorld,
  waitForRun,
  waitForRuns,
  type RunView,
  type WatchlistWorld,
} from './support/watchlist-world';
import { poll } from './support/webhook-receiver';

/** How many times each run id appears in a worker's "watchlist run completed" log lines. */
function completions(workers: SpawnedWorker[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const worker of workers) {
    for (const line of worker.output().split('\n')) {
      if (!line.includes('watchlist run completed')) continue;
      const runId = (JSON.parse(line) as { run_id: string }).run_id;
      counts.set(runId, (counts.get(runId) ?? 0) + 1);
    }
  }
  return counts;
}

function deliveredRunIds(world: WatchlistWorld): string[] {
  return world.receiver.received.map((r) => (JSON.parse(r.raw) as { run_id: string }).run_id);
}

describe('watchlist workers (an API process and two worker processes)', () => {
  let world: WatchlistWorld;
  let api: { app: NestExpressApplication; url: string };
  let workers: SpawnedWorker[] = [];

  beforeAll(async () => {
    world = await startWatchlistWorld();
    const env = world.env({
      WATCHLIST_MIN_INTERVAL_MINUTES: '1',
      WORKER_CONCURRENCY: '1',
      WORKER_STALLED_TIMEOUT_MS: '3000',
    });
    api = await createTestApp({ ...env, APP_ROLE: 'api' });
    const workerEnv = Object.fromEntries(
      Object.entries({ ...env, LOG_LEVEL: 'info' }).filter(
        (e): e is [string, string] => e[1] !== undefined,
      ),
    );
    workers = await Promise.all([spawnWorker(workerEnv), spawnWorker(workerEnv)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await api?.app.close();
    await world?.close();
  });

  it('a schedule every minute and several run-now jobs: every run processed and delivered once', async () => {
    const { url } = api;
    const created = await createWatchlist(url, {
      name: 'Every minute',
      creators: [CREATOR.uniqueId],
      interval_minutes: 1,
      webhook_url: world.receiver.url,
      notify: 'always',
    });
    const manual = await Promise.all(Array.from({ length: 4 }, () => runNow(url, created.id)));
    // The schedule's first run is at once, the next one a minute later.
    let runs: RunView[] = [];
    await poll(
      async () => {
        runs = await waitForRuns(url, created.id, 1);
        const scheduled = runs.filter((r) => r.trigger === 'schedule');
        return scheduled.length >= 2 && runs.every((r) => r.status === 'completed');
      },
      100_000,
      'two scheduled runs and every run completed',
    );
    expect(
      runs
        .filter((r) => r.trigger === 'manual')
        .map((r) => r.id)
        .sort(),
    ).toEqual([...manual].sort());
    const ids = runs.map((r) => r.id);
    const counts = completions(workers);
    for (const id of ids) expect([id, counts.get(id)]).toEqual([id, 1]);
    for (const run of runs) expect(run.creators).toHaveLength(1);
    // One delivery per run, none twice.
    await poll(
      () => ids.every((id) => deliveredRunIds(world).includes(id)),
      10_000,
      'a delivery per run',
    );
    const delivered = deliveredRunIds(world).filter((id) => ids.includes(id));
    expect(delivered.sort()).toEqual([...ids].sort());
    // The watchlist is deleted so that its schedule stays out of the next test.
    await fetch(`${url}/api/v1/watchlists/${created.id}`, { method: 'DELETE' });
  }, 150_000);

  it('a worker killed mid-run: another worker completes the run, delivered once', async () => {
    const { url } = api;
    const created = await createWatchlist(url, {
      name: 'Crash',
      creators: [CREATOR.uniqueId],
      webhook_url: world.receiver.url,
      notify: 'always',
    });
    const [baseline] = await waitForRuns(url, created.id, 1);
    await waitForRun(url, created.id, baseline.id);

    // Slow upstream: the run is still analysing when its worker dies.
    world.live.fake.setLatency(3000);
    const runId = await runNow(url, created.id);
    let holder: SpawnedWorker | undefined;
    await poll(
      () => {
        holder = workers.find((w) => w.output().includes(`"run_id":"${runId}"`));
        return holder !== undefined;
      },
      30_000,
      'a worker to start the run',
    );
    await holder!.kill();
    world.live.fake.setLatency(0);
    const survivor = workers.find((w) => w !== holder)!;

    const done = await waitForRun(url, created.id, runId, 60_000);
    expect(done.status).toBe('completed');
    expect(done.creators).toEqual([
      expect.objectContaining({ username: CREATOR.uniqueId, error_code: null }),
    ]);
    expect(completions([survivor]).get(runId)).toBe(1);
    expect(completions([holder!]).get(runId)).toBeUndefined();
    await poll(() => deliveredRunIds(world).includes(runId), 10_000, 'the delivery');
    expect(deliveredRunIds(world).filter((id) => id === runId)).toHaveLength(1);
  }, 120_000);
});
