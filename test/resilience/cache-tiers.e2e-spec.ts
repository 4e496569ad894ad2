import { setTimeout as sleep } from 'node:timers/promises';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CACHE_MEMORY_TIER } from '../../src/cache/cache-store.provider';
import type { MemoryTier } from '../../src/cache/memory-tier';
import { RedisConnection } from '../../src/cache/redis-connection';
import { startFakeEnsemble, type FakeEnsemble } from '../fakes/fake-ensemble.server';
import { getPath, postJson } from '../support/http';
import { eventually } from '../support/scaling/scaling-app';
import { startRedis, type RedisInstance } from '../support/redis-harness';
import { createTestApp } from '../support/test-app';

const ADMIN_KEY = 'tiers-admin-key-0123456789';
const PROFILE_KEY = /^trendxl:v2:profile:/;

interface Instance {
  app: NestExpressApplication;
  url: string;
  memory: MemoryTier;
  redis: RedisConnection;
}

describe('cache tiers: memory in front of Redis, on two instances', () => {
  let fake: FakeEnsemble;
  let redis: RedisInstance;
  let a: Instance;
  let b: Instance;

  async function boot(): Promise<Instance> {
    const { app, url } = await createTestApp({
      ENSEMBLE_API_TOKEN: fake.token,
      ENSEMBLE_BASE_URL: fake.url,
      ENSEMBLE_RETRY_BASE_MS: '20',
      REDIS_URL: redis.url,
      REDIS_OPERATION_TIMEOUT_MS: '100',
      REDIS_BREAKER_THRESHOLD: '3',
      REDIS_BREAKER_COOLDOWN_MS: '300',
      ADMIN_API_KEY: ADMIN_KEY,
      MAX_REQUESTS_PER_MINUTE: '100000',
    });
    return {
      app,
      url,
      memory: app.get<MemoryTier>(CACHE_MEMORY_TIER),
      redis: app.get(RedisConnection),
    };
  }

  const profile = (instance: Instance, username = 'chefmaya') =>
    postJson(instance.url, '/api/v1/profile', { username });

  beforeAll(async () => {
    fake = await startFakeEnsemble();
    redis = await startRedis();
    a = await boot();
    b = await boot();
  });

  afterAll(async () => {
    await a?.app.close();
    await b?.app.close();
    redis?.resume();
    await redis?.stop();
    await fake?.close();
  });

  beforeEach(async () => {
    await postJson(a.url, '/api/v1/cache/clear', {}, { 'x-api-key': ADMIN_KEY });
    fake.reset();
  });

  it("fills an instance's memory from another instance's Redis entry", async () => {
    expect((await profile(a)).headers.get('x-cache')).toBe('MISS');
    expect((await profile(b)).headers.get('x-cache')).toBe('HIT');
    expect(fake.callsTo('/tt/user/info')).toHaveLength(1);
    expect(b.memory.keys().some((k) => PROFILE_KEY.test(k))).toBe(true);
  });

  it("answers HIT on the instance that waited for another instance's load", async () => {
    fake.setLatency(300);
    try {
      const [first, second] = await Promise.all([
        profile(a, 'tinykitchen'),
        // A moment later, so A holds the lock when B asks.
        sleep(50).then(() => profile(b, 'tinykitchen')),
      ]);
      expect(fake.callsTo('/tt/user/info')).toHaveLength(1);
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(first.headers.get('x-cache')).toBe('MISS');
      expect(second.headers.get('x-cache')).toBe('HIT');
    } finally {
      fake.setLatency(0);
    }
  });

  it("clears every instance's memory tier within a second", async () => {
    await profile(a);
    await profile(b);
    expect(b.memory.keys().some((k) => PROFILE_KEY.test(k))).toBe(true);
    const cleared = await postJson(
      a.url,
      '/api/v1/cache/clear',
      { kind: 'profile' },
      { 'x-api-key': ADMIN_KEY },
    );
    expect(cleared.status).toBe(200);
    expect(a.memory.keys().some((k) => PROFILE_KEY.test(k))).toBe(false);
    const gone = await eventually(
      () => Promise.resolve(!b.memory.keys().some((k) => PROFILE_KEY.test(k))),
      1_000,
      20,
    );
    expect(gone).toBe(true);
    expect((await profile(b)).headers.get('x-cache')).toBe('MISS');
  });

  it('serves hot keys from memory while Redis is down: no upstream call for a key held', async () => {
    await profile(a);
    await profile(b);
    await redis.kill();
    try {
      const answers = [];
      for (let i = 0; i < 10; i++) answers.push(await profile(i % 2 ? a : b));
      expect(answers.map((r) => r.status)).toEqual(Array<number>(10).fill(200));
      expect(answers.every((r) => r.headers.get('x-cache') === 'HIT')).toBe(true);
      expect(fake.callsTo('/tt/user/info')).toHaveLength(1);

      // A key no instance holds costs one call, then lives in that instance's memory.
      expect((await profile(a, 'veganvibes')).headers.get('x-cache')).toBe('MISS');
      expect((await profile(a, 'veganvibes')).headers.get('x-cache')).toBe('HIT');
      expect(fake.callsTo('/tt/user/info')).toHaveLength(2);
    } finally {
      await redis.restart();
      await a.redis.whenReady(15_000);
      await b.redis.whenReady(15_000);
    }
  });

  it('opens the Redis breaker on a frozen Redis, serves from memory, and closes it after', async () => {
    await profile(a);
    redis.pause();
    try {
      // Enough Redis round trips (limiter, cache) for three consecutive timeouts.
      for (let i = 0; i < 3; i++) await profile(a, `fresh_${i}`);
      expect(a.redis.breaker.state).toBe('open');
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await profile(a));
      expect(answers.every((r) => r.status === 200 && r.headers.get('x-cache') === 'HIT')).toBe(
        true,
      );
      const health = await getPath(a.url, '/health');
      expect(health.body).toMatchObject({
        status: 'degraded',
        services: { cache: 'disconnected' },
        details: { cache: { status: 'down', breaker: 'open' } },
      });
    } finally {
      redis.resume();
    }
    // After the cool-down the next Redis call is the probe; it succeeds and closes the circuit.
    const closed = await eventually(async () => {
      await profile(a);
      return a.redis.breaker.state === 'closed';
    }, 10_000);
    expect(closed).toBe(true);
    const health = await getPath(a.url, '/health');
    expect(health.body).toMatchObject({ details: { cache: { status: 'up', breaker: 'closed' } } });
  });
});
