import request from 'supertest';
import type { App } from 'supertest/types';
import { CacheAdminService } from '../../src/cache/cache-admin.service';
import type { CacheKind } from '../../src/cache/cache-key';
import { CACHE_MEMORY_TIER } from '../../src/cache/cache-store.provider';
import type { MemoryTier } from '../../src/cache/memory-tier';
import { startRedis, type RedisInstance } from '../support/redis-harness';
import { createCacheApp, type CacheTestApp } from '../support/cache/cache-testing';
import {
  ADMIN_KEY,
  eventually,
  expectStatus,
  field,
  get,
  post,
  type RawRedis,
  type ScalingApp,
} from '../support/scaling/scaling-app';
import { useScalingWorld } from '../support/scaling/scaling-world';

const KINDS = ['profile', 'posts', 'hashtag', 'users', 'analysis'] as const;
/** Not ours: another application's key and an old key version (the limiter's are checked too). */
const FOREIGN = { 'other-app:session:42': 'keep me', 'trendxl:v1:profile:chefmaya': 'old' };

function server(t: CacheTestApp): App {
  return t.app.getHttpServer() as App;
}

describe('AppModule on Redis: /api/v1/cache/stats and /api/v1/cache/clear', () => {
  const world = useScalingWorld({ instances: [{}, {}, { ADMIN_API_KEY: undefined }] });
  let raw: RawRedis;
  let app: ScalingApp;
  let other: ScalingApp;
  let unconfigured: ScalingApp;

  /** Real traffic through the app: entries of every kind. */
  async function populate(): Promise<void> {
    expectStatus(await post(app.url, '/api/v1/profile', { username: 'veganvibes' }), 200);
    expectStatus(await post(app.url, '/api/v1/hashtag/search', { hashtag: 'vegan' }), 200);
    expectStatus(await post(app.url, '/api/v1/users/search', { query: 'vegan' }), 200);
    expectStatus(await post(app.url, '/api/v1/analyze', { profile_url: 'chefmaya' }), 200);
  }

  async function countByKind(): Promise<Record<string, number>> {
    const keys = await raw.keys('trendxl:v2:*');
    return Object.fromEntries(
      KINDS.map((kind) => [kind, keys.filter((k) => k.startsWith(`trendxl:v2:${kind}:`)).length]),
    );
  }

  /** Key counts come from a background scan; tests take a fresh one before they read stats. */
  async function recount(...instances: ScalingApp[]): Promise<void> {
    for (const instance of instances) await instance.app.get(CacheAdminService).refreshKeyCounts();
  }

  const clear = (query: string, body: unknown, headers: Record<string, string>) =>
    post(app.url, `/api/v1/cache/clear${query}`, body, headers);

  beforeAll(() => {
    ({
      raw,
      apps: [app, other, unconfigured],
    } = world);
  });

  beforeEach(async () => {
    await raw.flush();
    for (const [key, value] of Object.entries(FOREIGN)) await raw.set(key, value);
    await populate();
  });

  it('GET /cache/stats counts what the app stored, by kind, on every instance, with hit figures', async () => {
    // A repeat lookup, so this instance has a hit to report.
    const repeat = await post(app.url, '/api/v1/profile', { username: 'veganvibes' });
    expect(repeat.headers.get('x-cache')).toBe('HIT');
    const expected = await countByKind();
    for (const kind of KINDS) expect({ kind, n: expected[kind] > 0 }).toEqual({ kind, n: true });
    const total = Object.values(expected).reduce((x, y) => x + y, 0);

    await recount(app, other);
    for (const instance of [app, other]) {
      const stats = expectStatus(await get(instance.url, '/api/v1/cache/stats'), 200);
      expect(stats.body).toMatchObject({
        enabled: true,
        backend: 'redis',
        connected: true,
        total_keys: total,
        keys_by_kind: expected,
      });
    }
    const stats = expectStatus(await get(app.url, '/api/v1/cache/stats'), 200);
    const body = stats.body as {
      hits: number;
      misses: number;
      hit_ratio: number;
      used_memory: string;
      uptime_seconds: unknown;
    };
    expect(body.hits).toBeGreaterThanOrEqual(1);
    expect(body.misses).toBeGreaterThanOrEqual(total);
    expect(body.hit_ratio).toBeCloseTo(body.hits / (body.hits + body.misses), 3);
    expect(body.used_memory).toMatch(/^\d+(\.\d+)?[BKMGT]$/);
    expect(typeof body.uptime_seconds).toBe('number');
  });

  it('refuses to clear without a key or with a wrong one (401), and deletes nothing', async () => {
    const before = await raw.keys('*');
    const missing = expectStatus(await clear('', {}, {}), 401);
    expect(missing.body).toEqual({
      error: 'Missing or invalid admin API key',
      code: 'UNAUTHORIZED',
    });
    const attempts: Record<string, string>[] = [
      { 'x-api-key': 'wrong' },
      { 'x-api-key': `${ADMIN_KEY}x` },
      { authorization: 'Bearer wrong' },
      { authorization: `Bearer ${ADMIN_KEY}x` },
      { authorization: `Basic ${ADMIN_KEY}` },
    ];
    for (const headers of attempts) {
      const res = expectStatus(await clear('', {}, headers), 401);
      expect(res.body).toEqual({ error: expect.any(String) as unknown, code: 'UNAUTHORIZED' });
      expect(res.text).not.toContain(ADMIN_KEY);
    }
    expect(await raw.keys('*')).toEqual(before);
  });

  it('refuses to clear (403) when no ADMIN_API_KEY is configured, whatever key is sent', async () => {
    const before = await raw.keys('*');
    const attempts: Record<string, string>[] = [
      {},
      { 'x-api-key': ADMIN_KEY },
      { authorization: `Bearer ${ADMIN_KEY}` },
    ];
    for (const headers of attempts) {
      const res = expectStatus(
        await post(unconfigured.url, '/api/v1/cache/clear', {}, headers),
        403,
      );
      expect(field(res.body, 'code')).toBe('FORBIDDEN');
    }
    expect(await raw.keys('*')).toEqual(before);
  });

  it.each([
    ['X-API-Key and no pattern', '', { 'x-api-key': ADMIN_KEY }],
    [
      "Authorization: Bearer and the original frontend's ?pattern=*",
      '?pattern=*',
      { authorization: `Bearer ${ADMIN_KEY}` },
    ],
  ])('clears every trendxl:v2 entry with %s and keeps foreign keys', async (_, query, headers) => {
    const cached = await raw.keys('trendxl:v2:*');
    const limiter = await raw.keys('trendxl:rl:*');
    expect(limiter.length).toBeGreaterThan(0);

    const res = expectStatus(await clear(query, {}, headers), 200);
    expect(res.body).toEqual({
      message: `Deleted ${cached.length} cache entries`,
      deleted: cached.length,
      pattern: 'trendxl:v2:*',
    });

    expect(await raw.keys('trendxl:v2:*')).toEqual([]);
    for (const [key, value] of Object.entries(FOREIGN)) expect(await raw.get(key)).toBe(value);
    expect(await raw.keys('trendxl:rl:*')).toEqual(limiter);

    await recount(other);
    const stats = expectStatus(await get(other.url, '/api/v1/cache/stats'), 200);
    expect(stats.body).toMatchObject({
      total_keys: 0,
      keys_by_kind: { profile: 0, posts: 0, hashtag: 0, users: 0, analysis: 0 },
    });
    // The other instance's memory tier hears of the clear too; its next request goes upstream.
    const otherMemory = other.app.get<MemoryTier>(CACHE_MEMORY_TIER);
    expect(await eventually(() => Promise.resolve(otherMemory.size === 0), 1_000)).toBe(true);
    const again = expectStatus(
      await post(other.url, '/api/v1/profile', { username: 'veganvibes' }),
      200,
    );
    expect(again.headers.get('x-cache')).toBe('MISS');
  });

  it('clears one kind only when asked, as the stats then show, and leaves foreign keys', async () => {
    const before = await countByKind();
    const res = expectStatus(await clear('', { kind: 'hashtag' }, { 'x-api-key': ADMIN_KEY }), 200);
    expect(res.body).toEqual({
      message: `Deleted ${before.hashtag} cache entries`,
      deleted: before.hashtag,
      pattern: 'trendxl:v2:hashtag:*',
    });
    await recount(app);
    const stats = expectStatus(await get(app.url, '/api/v1/cache/stats'), 200);
    expect(field(stats.body, 'keys_by_kind')).toEqual({ ...before, hashtag: 0 });
    for (const [key, value] of Object.entries(FOREIGN)) expect(await raw.get(key)).toBe(value);
  });

  it('confines a full-form pattern to the prefix and narrows by kind + pattern', async () => {
    const before = await countByKind();
    const key = { 'x-api-key': ADMIN_KEY };
    const full = expectStatus(await clear('?pattern=trendxl:v2:posts:*', {}, key), 200);
    expect(full.body).toMatchObject({ deleted: before.posts, pattern: 'trendxl:v2:posts:*' });
    const narrowed = expectStatus(await clear('?pattern=vegan*', { kind: 'profile' }, key), 200);
    expect(narrowed.body).toMatchObject({ deleted: 1, pattern: 'trendxl:v2:profile:vegan*' });
    expect(await raw.keys('trendxl:v2:profile:veganvibes*')).toEqual([]);
    expect(await raw.keys('trendxl:v2:profile:chefmaya*')).toHaveLength(1);
    const sweep = expectStatus(await clear('?pattern=other-app:*', {}, key), 200);
    expect(sweep.body).toMatchObject({ deleted: 0, pattern: 'trendxl:v2:other-app:*' });
    for (const [k, value] of Object.entries(FOREIGN)) expect(await raw.get(k)).toBe(value);
  });

  it.each([
    ['an unknown kind', { kind: 'sessions' }, ''],
    ['an unexpected field', { kind: 'profile', flush: true }, ''],
    ['a pattern with a character class', {}, '?pattern=%5Ba%5D*'],
    ['a pattern with spaces', {}, '?pattern=a%20b'],
  ])('rejects %s with VALIDATION_ERROR and deletes nothing', async (_, body, query) => {
    const before = await raw.keys('*');
    const res = expectStatus(await clear(query, body, { 'x-api-key': ADMIN_KEY }), 400);
    expect(field(res.body, 'code')).toBe('VALIDATION_ERROR');
    expect(await raw.keys('*')).toEqual(before);
  });
});

describe('cache endpoints while Redis is down, and without Redis', () => {
  const ADMIN = 'test-admin-key-0123456789';
  let redis: RedisInstance;
  let t: CacheTestApp;

  async function populate(app: CacheTestApp): Promise<void> {
    const entries: [CacheKind, string][] = [
      ['profile', 'maya'],
      ['profile', 'leo'],
      ['posts', 'maya'],
      ['hashtag', 'cooking'],
      ['users', 'chef'],
      ['analysis', 'maya'],
    ];
    for (const [kind, id] of entries) {
      await app.cache.getOrLoad({ kind, id }, async () => ({ kind, id }));
    }
  }

  beforeAll(async () => {
    redis = await startRedis();
    t = await createCacheApp({ REDIS_URL: redis.url, ADMIN_API_KEY: ADMIN });
  });

  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('reports disconnected stats and refuses to clear (503) while Redis is down', async () => {
    await populate(t);
    await redis.kill();
    try {
      const stats = await request(server(t)).get('/api/v1/cache/stats').expect(200);
      expect(stats.body).toMatchObject({ backend: 'redis', connected: false, used_memory: null });
      const clear = await request(server(t))
        .post('/api/v1/cache/clear')
        .set('X-API-Key', ADMIN)
        .expect(503);
      expect((clear.body as { code: string }).code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await redis.restart();
      await t.connection.whenReady(15_000);
    }
  });

  it('reports and clears the in-memory backend', async () => {
    const t = await createCacheApp({ ADMIN_API_KEY: ADMIN });
    try {
      await populate(t);
      const stats = await request(server(t)).get('/api/v1/cache/stats').expect(200);
      expect(stats.body).toMatchObject({
        backend: 'memory',
        connected: true,
        total_keys: 6,
        keys_by_kind: { profile: 2, posts: 1, hashtag: 1, users: 1, analysis: 1 },
        used_memory: null,
      });
      const clear = await request(server(t))
        .post('/api/v1/cache/clear')
        .set('X-API-Key', ADMIN)
        .send({ kind: 'profile' })
        .expect(200);
      expect(clear.body).toMatchObject({ deleted: 2, pattern: 'trendxl:v2:profile:*' });
      const after = await request(server(t)).get('/api/v1/cache/stats').expect(200);
      expect(after.body).toMatchObject({ total_keys: 4, keys_by_kind: { profile: 0 } });
    } finally {
      await t.close();
    }
  });
});
