import { createClient } from 'redis';
import { setTimeout as sleep } from 'node:timers/promises';
import { cacheKey, CACHE_KINDS, type CacheKind, type CacheEntry } from '../../src/cache/cache-key';
import { RequestContext, RequestStats } from '../../src/common/context/request-context';
import { eventually } from '../support/scaling/scaling-app';
import { startRedis, type RedisInstance } from '../support/redis-harness';
import {
  createCacheApp,
  gate,
  trackUnhandledRejections,
  type CacheTestApp,
  type CacheTestEnv,
} from '../support/cache/cache-testing';

const TTL: Record<CacheKind, number> = {
  profile: 1800,
  posts: 900,
  hashtag: 300,
  users: 600,
  analysis: 120,
};

function env(redis: RedisInstance, extra: CacheTestEnv = {}): CacheTestEnv {
  return {
    REDIS_URL: redis.url,
    CACHE_PROFILE_TTL: String(TTL.profile),
    CACHE_POSTS_TTL: String(TTL.posts),
    CACHE_HASHTAG_TTL: String(TTL.hashtag),
    CACHE_USERS_TTL: String(TTL.users),
    CACHE_ANALYSIS_TTL: String(TTL.analysis),
    // A short cool-down, so the Redis breaker closes again soon after an outage.
    REDIS_BREAKER_COOLDOWN_MS: '200',
    ...extra,
  };
}

describe('CacheService on Redis', () => {
  let redis: RedisInstance;
  let raw: ReturnType<typeof createClient>;
  let a: CacheTestApp;
  let b: CacheTestApp;

  beforeAll(async () => {
    redis = await startRedis();
    raw = createClient({ url: redis.url });
    raw.on('error', () => undefined);
    await raw.connect();
    a = await createCacheApp(env(redis));
    b = await createCacheApp(env(redis));
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    if (raw?.isOpen) raw.destroy();
    await redis?.stop();
  });

  beforeEach(async () => {
    if (raw.isReady) await raw.flushDb();
    a.memory.clear();
    b.memory.clear();
  });

  it('keys demo-mode entries apart from live ones, so a shared Redis never mixes them', async () => {
    const demo = await createCacheApp(env(redis, { ENSEMBLE_API_TOKEN: undefined }));
    try {
      const entry: CacheEntry = { kind: 'profile', id: 'maya' };
      await demo.cache.getOrLoad(entry, async () => 'demo data');
      expect(await a.cache.getOrLoad(entry, async () => 'live data')).toEqual({
        value: 'live data',
        hit: false,
      });
      expect((await raw.keys('*')).sort()).toEqual([
        'trendxl:v2:profile:maya',
        'trendxl:v2:profile:maya:source=demo',
      ]);
    } finally {
      await demo.close();
    }
  });

  it('connects both instances with separate clients', () => {
    expect(a.connection.backend).toBe('redis');
    expect(a.connection.isReady()).toBe(true);
    expect(b.connection.isReady()).toBe(true);
    expect(a.connection.client).not.toBe(b.connection.client);
  });

  it('stores each kind under its exact trendxl:v2 key with that kind’s TTL', async () => {
    for (const kind of CACHE_KINDS) {
      const entry: CacheEntry = { kind, id: 'ChefMaya', params: { depth: 2 } };
      const key = cacheKey(entry);
      const result = await a.cache.getOrLoad(entry, async () => ({ kind, n: 1 }));
      expect(result).toEqual({ value: { kind, n: 1 }, hit: false });
      expect(a.cache.ttlSeconds(kind)).toBe(TTL[kind]);
      const pttl = await raw.pTTL(key);
      expect(pttl).toBeLessThanOrEqual(TTL[kind] * 1000);
      expect(pttl).toBeGreaterThan(TTL[kind] * 1000 - 5000);
    }
    const keys = (await raw.keys('*')).sort();
    expect(keys).toEqual(
      CACHE_KINDS.map((k) => cacheKey({ kind: k, id: 'ChefMaya', params: { depth: 2 } })).sort(),
    );
  });

  it('answers the second lookup from the cache, on either instance, and records HIT/MISS', async () => {
    const entry: CacheEntry = { kind: 'profile', id: 'maya' };
    let calls = 0;
    const loader = async () => ({ username: 'maya', call: ++calls });

    const first = new RequestStats();
    const miss = await RequestContext.run(() => a.cache.getOrLoad(entry, loader), first);
    const second = new RequestStats();
    const hit = await RequestContext.run(() => b.cache.getOrLoad(entry, loader), second);

    expect(miss).toEqual({ value: { username: 'maya', call: 1 }, hit: false });
    expect(hit).toEqual({ value: { username: 'maya', call: 1 }, hit: true });
    expect(first.cache).toBe('MISS');
    expect(second.cache).toBe('HIT');
    expect(calls).toBe(1);
  });

  it('coalesces concurrent misses within one instance into one loader call', async () => {
    const entry: CacheEntry = { kind: 'posts', id: 'busy' };
    const key = cacheKey(entry);
    const held = gate();
    let calls = 0;
    const loader = async () => {
      calls++;
      await held.opened;
      return ['p1', 'p2'];
    };
    const lookups = Array.from({ length: 50 }, () => a.cache.getOrLoad(entry, loader));
    await sleep(50);
    held.open();
    const results = await Promise.all(lookups);
    expect(calls).toBe(1);
    expect(results.every((r) => r.hit === false && r.value.join() === 'p1,p2')).toBe(true);
    expect(await raw.exists(key)).toBe(1);
  });

  it('makes one upstream call for 50 identical cold requests across two instances', async () => {
    const entry: CacheEntry = { kind: 'hashtag', id: 'cooking' };
    const held = gate();
    let calls = 0;
    const loader = async () => {
      calls++;
      await held.opened;
      return { tag: 'cooking', views: 1000 };
    };
    const lookups = Array.from({ length: 50 }, (_, i) =>
      (i % 2 === 0 ? a : b).cache.getOrLoad(entry, loader),
    );
    await sleep(100);
    held.open();
    const results = await Promise.all(lookups);
    expect(calls).toBe(1);
    expect(results.every((r) => r.value.tag === 'cooking')).toBe(true);
    expect(await raw.keys('trendxl:lock:*')).toEqual([]);
  });

  it('lets every waiter see a loader failure, releases the lock, and retries next time', async () => {
    const entry: CacheEntry = { kind: 'users', id: 'broken' };
    const key = cacheKey(entry);
    let calls = 0;
    const failing = async (): Promise<string> => {
      calls++;
      await sleep(20);
      throw new Error('upstream down');
    };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).cache.getOrLoad(entry, failing)),
    );
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    expect(await raw.exists(key)).toBe(0);
    expect(await raw.keys('trendxl:lock:*')).toEqual([]);
    const after = await a.cache.getOrLoad(entry, async () => 'recovered');
    expect(after).toEqual({ value: 'recovered', hit: false });
    // One attempt per instance: the waiter takes over once the failed owner releases.
    expect(calls).toBe(2);
  });

  it('does not store kinds whose TTL is 0', async () => {
    const app = await createCacheApp(env(redis, { CACHE_ANALYSIS_TTL: '0' }));
    try {
      const entry: CacheEntry = { kind: 'analysis', id: 'nocache' };
      const key = cacheKey(entry);
      let calls = 0;
      const loader = async () => ++calls;
      await app.cache.getOrLoad(entry, loader);
      const second = await app.cache.getOrLoad(entry, loader);
      expect(second).toEqual({ value: 2, hit: false });
      expect(await raw.exists(key)).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('gives up on a hung Redis after the operation timeout, opens its breaker and serves from the loader', async () => {
    const unhandled = trackUnhandledRejections();
    redis.pause();
    try {
      expect(a.connection.isReady()).toBe(true);
      let calls = 0;
      const entry: CacheEntry = { kind: 'posts', id: 'hung' };
      const results = await Promise.all(
        Array.from({ length: 5 }, () => a.cache.getOrLoad(entry, async () => ++calls)),
      );
      expect(results.map((r) => r.value)).toEqual([1, 1, 1, 1, 1]);
      expect(await a.health.isHealthy()).toEqual({
        backend: 'redis',
        connected: false,
        breaker: 'open',
      });
      const limited = await a.throttler.increment('hung-client', 60_000, 10, 60_000, 'default');
      expect(limited).toMatchObject({ totalHits: 1, isBlocked: false });
    } finally {
      redis.resume();
    }
    // Once the cool-down is over Redis is probed again and answers.
    expect(await eventually(async () => (await a.health.isHealthy()).connected, 5_000)).toBe(true);
    // The lock SETs that timed out ran late and were released right behind, not left to expire.
    expect(await raw.keys('trendxl:lock:*')).toEqual([]);
    expect(unhandled.seen).toEqual([]);
    unhandled.stop();
  });

  it('serves from memory while Redis is down (a new key from the loader once), then caches in Redis again', async () => {
    const unhandled = trackUnhandledRejections();
    try {
      await redis.kill();
      let calls = 0;
      const loader = async () => `fresh-${++calls}`;
      const entry: CacheEntry = { kind: 'profile', id: 'outage' };
      const during = await Promise.all(
        Array.from({ length: 5 }, () => a.cache.getOrLoad(entry, loader)),
      );
      expect(during.map((r) => r.hit)).toEqual([false, false, false, false, false]);
      expect(calls).toBe(1);
      const again = await a.cache.getOrLoad(entry, loader);
      expect(again).toEqual({ value: 'fresh-1', hit: true });
      expect(calls).toBe(1);
      expect(await a.health.isHealthy()).toMatchObject({ backend: 'redis', connected: false });

      await redis.restart();
      expect(await a.connection.whenReady(15_000)).toBe(true);
      const fresh: CacheEntry = { kind: 'profile', id: 'after-outage' };
      const stored = await a.cache.getOrLoad(fresh, async () => 'after-restart');
      expect(stored).toEqual({ value: 'after-restart', hit: false });
      const cached = await b.connection
        .whenReady(15_000)
        .then(() => b.cache.getOrLoad(fresh, loader));
      expect(cached).toEqual({ value: 'after-restart', hit: true });
      expect(await a.health.isHealthy()).toMatchObject({ backend: 'redis', connected: true });
      expect(unhandled.seen).toEqual([]);
    } finally {
      unhandled.stop();
    }
  });
});

describe('CacheService without Redis', () => {
  it('caches in memory through the same code when REDIS_URL is unset', async () => {
    const app = await createCacheApp({});
    try {
      expect(app.connection.backend).toBe('memory');
      expect(app.connection.client).toBeNull();
      let calls = 0;
      const loader = async () => ++calls;
      const entry: CacheEntry = { kind: 'profile', id: 'mem' };
      const all = await Promise.all(
        Array.from({ length: 20 }, () => app.cache.getOrLoad(entry, loader)),
      );
      expect(calls).toBe(1);
      expect(all.every((r) => r.value === 1)).toBe(true);
      expect(await app.cache.getOrLoad(entry, loader)).toEqual({ value: 1, hit: true });
      expect(await app.health.isHealthy()).toMatchObject({ backend: 'memory', connected: true });
    } finally {
      await app.close();
    }
  });

  it('boots and serves from the loader when the configured Redis is not reachable', async () => {
    const redis = await startRedis();
    await redis.stop();
    const unhandled = trackUnhandledRejections();
    const app = await createCacheApp({ REDIS_URL: redis.url });
    try {
      expect(app.connection.isReady()).toBe(false);
      const result = await app.cache.getOrLoad({ kind: 'users', id: 'x' }, async () => 'v');
      expect(result).toEqual({ value: 'v', hit: false });
      expect(unhandled.seen).toEqual([]);
    } finally {
      await app.close();
      unhandled.stop();
    }
  });
});
