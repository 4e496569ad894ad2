import type { FakeEnsemble } from '../fakes/fake-ensemble.server';
import { expectCoalescedAnalyses } from '../support/scaling/coalescing';
import { expectRateLimited, spendBudget } from '../support/scaling/rate-limit';
import {
  callCounts,
  expectStatus,
  field,
  get,
  post,
  type RawRedis,
  type ScalingApp,
  TTL_ENV,
  TTL_SECONDS,
} from '../support/scaling/scaling-app';
import { useScalingWorld } from '../support/scaling/scaling-world';

const LIMIT = 60;
const CREATOR = 'grillmaster_joe';

describe('AppModule on a Redis Cluster (REDIS_CLUSTER_NODES), two instances', () => {
  const env = {
    MAX_REQUESTS_PER_MINUTE: String(LIMIT),
    ANALYZE_REQUESTS_PER_MINUTE: '1000',
    ...TTL_ENV,
  };
  const world = useScalingWorld({
    redis: 'cluster',
    fake: { latencyMs: 150 },
    instances: [env, env],
    setupTimeoutMs: 120_000,
  });
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

  it('reports the cluster backend as connected', async () => {
    const health = expectStatus(await get(a.url, '/health'), 200);
    expect(field(health.body, 'status')).toBe('healthy');
    expect(field(health.body, 'services', 'cache')).toBe('connected');
    const stats = expectStatus(await get(b.url, '/api/v1/cache/stats'), 200);
    expect(stats.body).toMatchObject({ backend: 'cluster', connected: true });
  });

  it('stores every kind under trendxl:v2:, lower-cased, with its TTL, and hits from the other instance', async () => {
    expectStatus(await post(a.url, '/api/v1/profile', { username: '@ChefMaya' }), 200);
    expectStatus(await post(a.url, '/api/v1/posts', { username: 'ChefMaya', count: 20 }), 200);
    expectStatus(await post(a.url, '/api/v1/hashtag/search', { hashtag: '#Pasta' }), 200);
    expectStatus(await post(a.url, '/api/v1/users/search', { query: 'Chef' }), 200);
    expectStatus(await post(a.url, '/api/v1/analyze', { profile_url: 'ChefMaya' }), 200);

    const keys = await raw.keys('trendxl:v2:*');
    expect(keys).toContain('trendxl:v2:profile:chefmaya');
    for (const kind of Object.keys(TTL_SECONDS)) {
      expect({ kind, found: keys.some((k) => k.startsWith(`trendxl:v2:${kind}:`)) }).toEqual({
        kind,
        found: true,
      });
    }
    expect(keys.filter((k) => k !== k.toLowerCase())).toEqual([]);
    for (const key of keys) {
      const ttlMs = TTL_SECONDS[key.split(':')[2] as keyof typeof TTL_SECONDS] * 1000;
      const pttl = await raw.pTTL(key);
      expect({ key, inRange: pttl > ttlMs - 30_000 && pttl <= ttlMs }).toEqual({
        key,
        inRange: true,
      });
    }

    const before = fake.calls.length;
    const hit = expectStatus(await post(b.url, '/api/v1/profile', { username: 'chefmaya' }), 200);
    expect(hit.headers.get('x-cache')).toBe('HIT');
    const analysis = expectStatus(
      await post(b.url, '/api/v1/analyze', { profile_url: 'chefmaya' }),
      200,
    );
    expect(field(analysis.body, 'meta', 'cache')).toBe('HIT');
    expect(fake.calls.length).toBe(before);
  });

  it('coalesces 50 identical cold analyses on two instances into the calls of one', async () => {
    expectStatus(await post(a.url, '/api/v1/analyze', { profile_url: CREATOR }), 200);
    const single = callCounts(fake);
    expect(single).toMatchObject({ '/tt/user/info': 1, '/tt/user/posts': 1 });

    await raw.flush();
    fake.reset();
    await expectCoalescedAnalyses([a, b], CREATOR, 50, fake, single);
    expect(await raw.keys('trendxl:lock:*')).toEqual([]);
  });

  it('enforces the rate limit with its counters in the cluster', async () => {
    await spendBudget([a], LIMIT);
    expectRateLimited(await get(a.url, '/'));
    expectRateLimited(await post(a.url, '/api/v1/profile', { username: 'chefmaya' }));
    expectStatus(await get(a.url, '/health'), 200);
  });
});
