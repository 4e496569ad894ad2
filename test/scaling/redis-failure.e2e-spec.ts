import { setTimeout as sleep } from 'node:timers/promises';
import { CACHE_MEMORY_TIER } from '../../src/cache/cache-store.provider';
import type { MemoryTier } from '../../src/cache/memory-tier';
import type { RedisInstance } from '../support/redis-harness';
import { expectRateLimited } from '../support/scaling/rate-limit';
import {
  ADMIN_KEY,
  eventually,
  expectStatus,
  field,
  get,
  post,
  trackUnhandledRejections,
  type HttpResult,
  type ScalingApp,
} from '../support/scaling/scaling-app';
import { useScalingWorld } from '../support/scaling/scaling-world';

const CREATORS = ['chefmaya', 'grillmaster_joe', 'veganvibes', 'tinykitchen', 'brandfoods'];
const LOAD_REQUESTS = 100;
const LOAD_SPACING_MS = 20;
/** Redis dies about 40% of the way through the load. */
const KILL_AT = 40;
const RECONNECT_WITHIN_MS = 20_000;

/** Request `i` of the load: every endpoint in turn, over a few creators, repeats included. */
function loadRequest(url: string, i: number): Promise<HttpResult> {
  const creator = CREATORS[Math.floor(i / 5) % CREATORS.length];
  switch (i % 5) {
    case 0:
      return post(url, '/api/v1/profile', { username: creator });
    case 1:
      return post(url, '/api/v1/posts', { username: creator, count: 20 });
    case 2:
      return post(url, '/api/v1/hashtag/search', { hashtag: ['pasta', 'bbq', 'vegan'][i % 3] });
    case 3:
      return post(url, '/api/v1/users/search', { query: creator.slice(0, 4) });
    default:
      return post(url, '/api/v1/analyze', { profile_url: creator });
  }
}

async function healthStatus(url: string): Promise<unknown> {
  return field((await get(url, '/health')).body, 'status');
}

describe('AppModule when Redis dies under load and comes back', () => {
  const SMALL_LIMIT = 5;
  const limited = { MAX_REQUESTS_PER_MINUTE: String(SMALL_LIMIT) };
  // A little upstream latency keeps requests in flight when Redis goes away.
  const world = useScalingWorld({ fake: { latencyMs: 30 }, instances: [{}, {}, limited, limited] });
  let redis: RedisInstance;
  let a: ScalingApp;
  let b: ScalingApp;
  let limitedA: ScalingApp;
  let limitedB: ScalingApp;

  beforeAll(() => {
    redis = world.redis!;
    [a, b, limitedA, limitedB] = world.apps;
  });

  it('answers every request with 200, reports degraded, then reconnects and caches again', async () => {
    const unhandled = trackUnhandledRejections();
    try {
      expect(await healthStatus(a.url)).toBe('healthy');

      const inFlight: Promise<HttpResult>[] = [];
      let killed: Promise<void> | undefined;
      for (let i = 0; i < LOAD_REQUESTS; i++) {
        inFlight.push(loadRequest([a, b][i % 2].url, i));
        if (i === KILL_AT) killed = redis.kill();
        await sleep(LOAD_SPACING_MS);
      }
      await killed;
      const results = await Promise.all(inFlight);
      const failures = results
        .map((r, i) => ({ i, status: r.status, body: r.text.slice(0, 200) }))
        .filter((r) => r.status !== 200);
      expect(failures).toEqual([]);

      for (const app of [a, b]) {
        const health = expectStatus(await get(app.url, '/health'), 200);
        expect(field(health.body, 'status')).toBe('degraded');
        expect(field(health.body, 'services', 'cache')).toBe('disconnected');
        expectStatus(await get(app.url, '/health/ready'), 200);
      }
      // Still served while Redis is down: a new key from upstream once, then from memory.
      const calls = world.fake.callsTo('/tt/user/info').length;
      const first = expectStatus(
        await post(a.url, '/api/v1/profile', { username: 'dancequeen' }),
        200,
      );
      expect(first.headers.get('x-cache')).toBe('MISS');
      const second = expectStatus(
        await post(a.url, '/api/v1/profile', { username: 'dancequeen' }),
        200,
      );
      expect(second.headers.get('x-cache')).toBe('HIT');
      expect(world.fake.callsTo('/tt/user/info').length).toBe(calls + 1);

      await redis.restart();
      for (const app of [a, b]) {
        const recovered = await eventually(
          async () => (await healthStatus(app.url)) === 'healthy',
          RECONNECT_WITHIN_MS,
        );
        expect(recovered).toBe(true);
      }

      // Caching through Redis again: a key new to both instances is loaded once and shared.
      const miss = expectStatus(
        await post(a.url, '/api/v1/profile', { username: 'secretcook' }),
        200,
      );
      expect(miss.headers.get('x-cache')).toBe('MISS');
      const hit = expectStatus(
        await post(b.url, '/api/v1/profile', { username: 'secretcook' }),
        200,
      );
      expect(hit.headers.get('x-cache')).toBe('HIT');
      const again = expectStatus(
        await post(a.url, '/api/v1/profile', { username: 'secretcook' }),
        200,
      );
      expect(again.headers.get('x-cache')).toBe('HIT');

      // The cache-clear channel is back too: a clear on one instance empties the other's memory.
      const memoryOfB = b.app.get<MemoryTier>(CACHE_MEMORY_TIER);
      const heard = await eventually(async () => {
        expectStatus(await post(b.url, '/api/v1/profile', { username: 'secretcook' }), 200);
        expect(memoryOfB.size).toBeGreaterThan(0);
        const cleared = await post(a.url, '/api/v1/cache/clear', {}, { 'x-api-key': ADMIN_KEY });
        expectStatus(cleared, 200);
        return eventually(() => Promise.resolve(memoryOfB.size === 0), 500, 20);
      }, RECONNECT_WITHIN_MS);
      expect(heard).toBe(true);

      expect(unhandled.seen).toEqual([]);
    } finally {
      unhandled.stop();
    }
  });

  it('falls back to a per-instance limit in memory while Redis is down', async () => {
    const unhandled = trackUnhandledRejections();
    await redis.kill();
    try {
      for (let i = 0; i < SMALL_LIMIT; i++) expectStatus(await get(limitedA.url, '/'), 200);
      expectRateLimited(await get(limitedA.url, '/'));
      // The other instance counts on its own while the shared counter is unreachable.
      const other = expectStatus(await get(limitedB.url, '/'), 200);
      expect(other.headers.get('x-ratelimit-remaining')).toBe(String(SMALL_LIMIT - 1));
      expect(unhandled.seen).toEqual([]);
    } finally {
      unhandled.stop();
      await redis.restart();
    }
    expect(
      await eventually(
        async () => (await healthStatus(limitedA.url)) === 'healthy',
        RECONNECT_WITHIN_MS,
      ),
    ).toBe(true);
  });
});
