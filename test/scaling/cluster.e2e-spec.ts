import { startFakeEnsemble, type FakeEnsemble } from '../fakes/fake-ensemble.server';
import { startRedisCluster, type RedisClusterInstance } from '../support/redis-harness';
import { expectCoalescedAnalyses } from './support/coalescing';
import { expectRateLimited, spendBudget } from './support/rate-limit';
import {
  bootApp,
  callCounts,
  closeAll,
  connectRaw,
  expectStatus,
  field,
  get,
  liveEnv,
  post,
  type RawRedis,
  type RedisTarget,
  type ScalingApp,
} from './support/scaling-app';

const LIMIT = 60;
const TTL_SECONDS = { profile: 1111, posts: 2222, hashtag: 333, users: 444, analysis: 555 };
const CREATOR = 'grillmaster_joe';

describe('AppModule on a Redis Cluster (REDIS_CLUSTER_NODES), two instances', () => {
  let fake: FakeEnsemble;
  let cluster: RedisClusterInstance;
  let raw: RawRedis;
  let a: ScalingApp;
  let b: ScalingApp;

  beforeAll(async () => {
    fake = await startFakeEnsemble({ latencyMs: 150 });
    cluster = await startRedisCluster();
    const target: RedisTarget = { kind: 'cluster', cluster };
    raw = await connectRaw(target);
    const env = liveEnv(fake, target, {
      MAX_REQUESTS_PER_MINUTE: String(LIMIT),
      ANALYZE_REQUESTS_PER_MINUTE: '1000',
      CACHE_PROFILE_TTL: String(TTL_SECONDS.profile),
      CACHE_POSTS_TTL: String(TTL_SECONDS.posts),
      CACHE_TRENDS_TTL: String(TTL_SECONDS.hashtag),
      CACHE_USERS_TTL: String(TTL_SECONDS.users),
      CACHE_ANALYSIS_TTL: String(TTL_SECONDS.analysis),
    });
    a = await bootApp(env);
    b = await bootApp(env);
  }, 120_000);

  afterAll(async () => {
    await closeAll([a, b]);
    await raw?.close();
    await cluster?.stop();
    await fake?.close();
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

  it('holds one rate limit across both instances', async () => {
    await spendBudget([a, b], LIMIT);
    expectRateLimited(await get(b.url, '/'));
    expectRateLimited(await post(a.url, '/api/v1/profile', { username: 'chefmaya' }));
    expectStatus(await get(a.url, '/health'), 200);
  });
});
