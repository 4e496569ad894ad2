import { setTimeout as sleep } from 'node:timers/promises';
import { startFakeEnsemble, type FakeEnsemble } from '../fakes/fake-ensemble.server';
import {
  trackHandles,
  type HandleTracker,
  type OpenHandle,
} from '../support/lifecycle/open-handles';
import { startRedis, type RedisInstance } from '../support/redis-harness';
import { createTestApp } from '../support/test-app';
import { spawnWorker } from '../watchlists/support/spawn-worker';

/** The shutdown budget main.ts gives the hooks once HTTP is drained (graceful-shutdown.ts). */
const CLOSE_BUDGET_MS = 3000;
/** What `npm run worker` gets below: a close that waits on Redis overruns it and says so. */
const WORKER_SHUTDOWN_MS = 3000;

/** Until both watchlist workers hold their blocking read (BZPOPMIN) on the server. */
async function untilWorkersBlocked(redis: RedisInstance): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const info = await redis.command('INFO', 'clients');
    if (Number(/blocked_clients:(\d+)/.exec(info)?.[1] ?? 0) >= 2) return;
    await sleep(50);
  }
  throw new Error('the watchlist workers never blocked on Redis');
}

describe('app.close() after Redis went away (APP_ROLE=all: cache, rate limiter, queues, workers)', () => {
  let fake: FakeEnsemble;
  let redis: RedisInstance;
  let tracker: HandleTracker | undefined;

  beforeAll(async () => {
    fake = await startFakeEnsemble();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    tracker?.stop();
    await redis.stop();
  });

  /** Boots with Redis, kills it once the workers are blocked on it, then closes the app. */
  async function closeAfterLosingRedis(
    meanwhile: () => Promise<void>,
  ): Promise<{ closeMs: number; open: OpenHandle[] }> {
    tracker = trackHandles();
    const { app } = await createTestApp({
      ENSEMBLE_API_TOKEN: fake.token,
      ENSEMBLE_BASE_URL: fake.url,
      REDIS_URL: redis.url,
    });
    let closeMs = 0;
    try {
      await untilWorkersBlocked(redis);
      await redis.kill();
      await meanwhile();
    } finally {
      const started = Date.now();
      await app.close();
      closeMs = Date.now() - started;
    }
    // Sockets report their end asynchronously.
    await sleep(200);
    return { closeMs, open: tracker.open() };
  }

  it('while Redis is still down: no socket, reconnect timer or worker timer is left open', async () => {
    // The clients are now waiting between two reconnect attempts.
    const { closeMs, open } = await closeAfterLosingRedis(() => sleep(1000));
    expect(open).toEqual([]);
    expect(closeMs).toBeLessThan(CLOSE_BUDGET_MS);
  });

  it('with Redis back but reconnects still pending: nothing is left open either', async () => {
    const { closeMs, open } = await closeAfterLosingRedis(async () => {
      await sleep(1500);
      await redis.restart();
    });
    expect(open).toEqual([]);
    expect(closeMs).toBeLessThan(CLOSE_BUDGET_MS);
  });

  it('a worker process (npm run worker) stopped with SIGTERM while Redis is down closes everything in time', async () => {
    const worker = await spawnWorker({
      ENSEMBLE_API_TOKEN: fake.token,
      ENSEMBLE_BASE_URL: fake.url,
      REDIS_URL: redis.url,
      HISTORY_ENABLED: 'false',
      SHUTDOWN_TIMEOUT_MS: String(WORKER_SHUTDOWN_MS),
      LOG_LEVEL: 'info',
    });
    try {
      await untilWorkersBlocked(redis);
      await redis.kill();
      await sleep(1000);
    } finally {
      await worker.stop();
    }
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toContain('SIGTERM received');
    expect(worker.output()).not.toContain('still closing');
  });
});
