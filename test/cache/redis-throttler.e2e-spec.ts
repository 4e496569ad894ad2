import { createClient } from 'redis';
import { startRedis, type RedisInstance } from '../support/redis-harness';
import { PATIENT_REDIS } from '../support/scaling/rate-limit';
import {
  createCacheApp,
  trackUnhandledRejections,
  type CacheTestApp,
} from '../support/cache/cache-testing';

const MINUTE_MS = 60_000;

describe('RedisThrottlerStorage', () => {
  let redis: RedisInstance;
  let raw: ReturnType<typeof createClient>;
  let a: CacheTestApp;
  let b: CacheTestApp;

  beforeAll(async () => {
    redis = await startRedis();
    raw = createClient({ url: redis.url });
    raw.on('error', () => undefined);
    await raw.connect();
    // Exact shared counts: no call may outlive the operation timeout and be counted in memory
    // too (see PATIENT_REDIS in test/scaling/support/rate-limit.ts).
    a = await createCacheApp({ REDIS_URL: redis.url, ...PATIENT_REDIS });
    b = await createCacheApp({ REDIS_URL: redis.url, ...PATIENT_REDIS });
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    if (raw?.isOpen) raw.destroy();
    await redis?.stop();
  });

  // Sharing one limit across instances is asserted once, at AppModule level (test/scaling/rate-limit).
  it('counts atomically: 61 concurrent hits with limit 60 block exactly one', async () => {
    const records = await Promise.all(
      Array.from({ length: 61 }, () =>
        a.throttler.increment('client-1', MINUTE_MS, 60, MINUTE_MS, 'default'),
      ),
    );
    expect(records.filter((r) => r.isBlocked)).toHaveLength(1);
    expect(records.map((r) => r.totalHits).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 61 }, (_, i) => i + 1),
    );
    const blocked = records.find((r) => r.isBlocked);
    expect(blocked?.timeToBlockExpire).toBe(60);

    const next = await a.throttler.increment('client-1', MINUTE_MS, 60, MINUTE_MS, 'default');
    expect(next.isBlocked).toBe(true);
    expect(next.timeToBlockExpire).toBeGreaterThan(0);
    const other = await a.throttler.increment('client-2', MINUTE_MS, 60, MINUTE_MS, 'default');
    expect(other).toMatchObject({ totalHits: 1, isBlocked: false, timeToExpire: 60 });
  });

  it('keeps separate counters per throttler name and expires the window in Redis', async () => {
    await a.throttler.increment('client-3', MINUTE_MS, 5, MINUTE_MS, 'analyze');
    const other = await a.throttler.increment('client-3', MINUTE_MS, 5, MINUTE_MS, 'default');
    expect(other.totalHits).toBe(1);
    const pttl = await raw.pTTL('trendxl:rl:{client-3}:analyze:5/60000:hits');
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(MINUTE_MS);
  });

  it('counts instances with different limits apart (a rolling change never blocks early)', async () => {
    for (let i = 0; i < 3; i++) {
      await a.throttler.increment('client-6', MINUTE_MS, 3, MINUTE_MS, 'default');
    }
    const old = await a.throttler.increment('client-6', MINUTE_MS, 3, MINUTE_MS, 'default');
    expect(old.isBlocked).toBe(true);
    const updated = await b.throttler.increment('client-6', MINUTE_MS, 10, MINUTE_MS, 'default');
    expect(updated).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(await raw.exists('trendxl:rl:{client-6}:default:10/60000:hits')).toBe(1);
  });

  it('falls back to per-instance memory while Redis is down, without failing requests', async () => {
    const unhandled = trackUnhandledRejections();
    await redis.kill();
    try {
      const records = [];
      for (let i = 0; i < 3; i++) {
        records.push(await a.throttler.increment('client-4', MINUTE_MS, 2, MINUTE_MS, 'default'));
      }
      expect(records.map((r) => r.isBlocked)).toEqual([false, false, true]);
      expect(unhandled.seen).toEqual([]);
    } finally {
      unhandled.stop();
      await redis.restart();
      await a.connection.whenReady(15_000);
    }
    const shared = await a.throttler.increment('client-5', MINUTE_MS, 2, MINUTE_MS, 'default');
    expect(shared.totalHits).toBe(1);
    expect(await raw.exists('trendxl:rl:{client-5}:default:2/60000:hits')).toBe(1);
  });

  it('counts in memory when no Redis is configured', async () => {
    const memory = await createCacheApp({});
    try {
      const records = [];
      for (let i = 0; i < 3; i++) {
        records.push(await memory.throttler.increment('c', MINUTE_MS, 2, MINUTE_MS, 'default'));
      }
      expect(records.map((r) => r.isBlocked)).toEqual([false, false, true]);
    } finally {
      await memory.close();
    }
  });
});
