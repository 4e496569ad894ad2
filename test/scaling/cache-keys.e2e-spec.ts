import type { FakeEnsemble } from '../fakes/fake-ensemble.server';
import {
  callCounts,
  expectStatus,
  field,
  post,
  TTL_ENV,
  TTL_SECONDS,
  type RawRedis,
  type ScalingApp,
} from '../support/scaling/scaling-app';
import { useScalingWorld } from '../support/scaling/scaling-world';

const USER_INFO = '/tt/user/info';
const USER_POSTS = '/tt/user/posts';

describe('AppModule on Redis: cache keys, TTLs and reuse across endpoints and instances', () => {
  const world = useScalingWorld({ instances: [TTL_ENV, TTL_ENV] });
  let fake: FakeEnsemble;
  let raw: RawRedis;
  let a: ScalingApp;
  let b: ScalingApp;

  beforeAll(() => {
    ({
      fake,
      raw,
      apps: [a, b],
    } = world);
  });

  beforeEach(async () => {
    await raw.flush();
    fake.reset();
  });

  it('stores every endpoint under trendxl:v2:<kind>: with lower-cased ids and its TTL', async () => {
    expectStatus(await post(a.url, '/api/v1/profile', { username: '@ChefMaya' }), 200);
    expectStatus(await post(a.url, '/api/v1/posts', { username: 'ChefMaya', count: 20 }), 200);
    expectStatus(await post(a.url, '/api/v1/hashtag/search', { hashtag: '#Pasta' }), 200);
    expectStatus(await post(a.url, '/api/v1/users/search', { query: 'Chef' }), 200);
    expectStatus(
      await post(a.url, '/api/v1/analyze', { profile_url: 'https://www.tiktok.com/@ChefMaya' }),
      200,
    );

    const keys = await raw.keys('trendxl:v2:*');
    expect(keys).toContain('trendxl:v2:profile:chefmaya');
    // `<kind>:<lower-cased id>`, alone or followed by `:<params>`.
    const expectedIds: Record<keyof typeof TTL_SECONDS, string> = {
      profile: 'trendxl:v2:profile:chefmaya',
      posts: 'trendxl:v2:posts:chefmaya',
      hashtag: 'trendxl:v2:hashtag:pasta',
      users: 'trendxl:v2:users:chef',
      analysis: 'trendxl:v2:analysis:chefmaya',
    };
    for (const [kind, base] of Object.entries(expectedIds)) {
      const found = keys.filter((k) => k === base || k.startsWith(`${base}:`));
      expect({ kind, found: found.length > 0 }).toEqual({ kind, found: true });
    }
    // Nothing cached under the mixed-case spelling the client sent.
    expect(keys.filter((k) => k !== k.toLowerCase())).toEqual([]);
    // Every cached entry is one of the five kinds.
    const kindOf = (key: string) => key.split(':')[2] as keyof typeof TTL_SECONDS;
    expect(keys.filter((k) => !(kindOf(k) in TTL_SECONDS))).toEqual([]);

    for (const key of keys) {
      const ttlMs = TTL_SECONDS[kindOf(key)] * 1000;
      const pttl = await raw.pTTL(key);
      expect({ key, inRange: pttl > 0 && pttl <= ttlMs }).toEqual({ key, inRange: true });
      // Within 30 s of its own kind's TTL; the kinds' TTLs differ by more, so this pins it.
      expect({ key, fresh: pttl > ttlMs - 30_000 }).toEqual({ key, fresh: true });
    }
  });

  it('answers a repeated /profile from the cache, on the same and on another instance', async () => {
    const first = expectStatus(
      await post(a.url, '/api/v1/profile', { username: 'veganvibes' }),
      200,
    );
    expect(first.headers.get('x-cache')).toBe('MISS');
    const again = expectStatus(
      await post(a.url, '/api/v1/profile', { username: 'VeganVibes' }),
      200,
    );
    expect(again.headers.get('x-cache')).toBe('HIT');
    const other = expectStatus(
      await post(b.url, '/api/v1/profile', { username: '@veganvibes' }),
      200,
    );
    expect(other.headers.get('x-cache')).toBe('HIT');
    expect(other.body).toEqual(first.body);
    expect(callCounts(fake)[USER_INFO]).toBe(1);
  });

  it('reuses the /profile entry for /analyze: no second user/info call', async () => {
    expectStatus(await post(a.url, '/api/v1/profile', { username: 'chefmaya' }), 200);
    expect(callCounts(fake)[USER_INFO]).toBe(1);

    expectStatus(await post(b.url, '/api/v1/analyze', { profile_url: '@chefmaya' }), 200);
    expect(callCounts(fake)[USER_INFO]).toBe(1);
    expect(callCounts(fake)[USER_POSTS]).toBe(1);
  });

  it('reports a cold /analyze as a MISS even when the profile it used was already cached', async () => {
    expectStatus(await post(a.url, '/api/v1/profile', { username: 'tinykitchen' }), 200);
    const analysis = expectStatus(
      await post(a.url, '/api/v1/analyze', { profile_url: 'tinykitchen' }),
      200,
    );
    // The analysis itself was computed now (Ensemble searched), so it is not a cache hit.
    expect(callCounts(fake)['/tt/keyword/search']).toBeGreaterThan(0);
    expect(field(analysis.body, 'meta', 'cache')).toBe('MISS');
    expect(analysis.headers.get('x-cache')).toBe('MISS');
  });

  it('reuses the /analyze posts for /posts (count 20): no second user/posts call', async () => {
    expectStatus(await post(a.url, '/api/v1/analyze', { profile_url: 'chefmaya' }), 200);
    expect(callCounts(fake)[USER_POSTS]).toBe(1);

    const posts = expectStatus(
      await post(b.url, '/api/v1/posts', { username: 'chefmaya', count: 20 }),
      200,
    );
    expect(posts.headers.get('x-cache')).toBe('HIT');
    expect((field(posts.body, 'posts') as unknown[]).length).toBeGreaterThan(0);
    expect(callCounts(fake)[USER_POSTS]).toBe(1);
  });

  it('answers a repeated /analyze from the cache (meta.cache HIT) without calling Ensemble', async () => {
    const cold = expectStatus(
      await post(a.url, '/api/v1/analyze', { profile_url: 'dancequeen' }),
      200,
    );
    expect(field(cold.body, 'meta', 'cache')).toBe('MISS');
    expect(cold.headers.get('x-cache')).toBe('MISS');
    const callsAfterCold = fake.calls.length;
    expect(callsAfterCold).toBeGreaterThan(0);

    for (const app of [a, b]) {
      const warm = expectStatus(
        await post(app.url, '/api/v1/analyze', { profile_url: '@DanceQueen' }),
        200,
      );
      expect(field(warm.body, 'meta', 'cache')).toBe('HIT');
      expect(warm.headers.get('x-cache')).toBe('HIT');
      expect(field(warm.body, 'trends')).toEqual(field(cold.body, 'trends'));
    }
    expect(fake.calls.length).toBe(callsAfterCold);
  });
});
