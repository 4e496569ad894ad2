import request from 'supertest';
import { createClient } from 'redis';
import type { App } from 'supertest/types';
import { CacheAdminService } from '../../src/cache/cache-admin.service';
import { cacheKey, type CacheKind } from '../../src/cache/cache-key';
import { startRedis, type RedisInstance } from '../support/redis-harness';
import { createCacheApp, type CacheTestApp } from './cache-testing';

const ADMIN_KEY = 'test-admin-key-0123456789';
const FOREIGN = ['other-app:session:1', 'trendxl:v1:profile:old', 'trendxl:rl:{x}:hits'];

function server(t: CacheTestApp): App {
  return t.app.getHttpServer() as App;
}

async function populate(t: CacheTestApp): Promise<void> {
  const entries: [CacheKind, string][] = [
    ['profile', 'maya'],
    ['profile', 'leo'],
    ['posts', 'maya'],
    ['hashtag', 'cooking'],
    ['users', 'chef'],
    ['analysis', 'maya'],
  ];
  for (const [kind, id] of entries) {
    await t.cache.getOrLoad(kind, cacheKey(kind, id), async () => ({ kind, id }));
  }
}

describe('cache endpoints on Redis', () => {
  let redis: RedisInstance;
  let raw: ReturnType<typeof createClient>;
  let t: CacheTestApp;

  beforeAll(async () => {
    redis = await startRedis();
    raw = createClient({ url: redis.url });
    raw.on('error', () => undefined);
    await raw.connect();
    t = await createCacheApp({ REDIS_URL: redis.url, ADMIN_API_KEY: ADMIN_KEY });
  });

  afterAll(async () => {
    await t?.close();
    if (raw?.isOpen) raw.destroy();
    await redis?.stop();
  });

  beforeEach(async () => {
    await raw.flushDb();
    for (const key of FOREIGN) await raw.set(key, 'keep me');
    await populate(t);
  });

  it('GET /cache/stats counts only trendxl:v2 keys, by kind, with SCAN', async () => {
    await t.cache.getOrLoad('profile', cacheKey('profile', 'maya'), async () => 'unused');
    const before = Date.now();
    await t.app.get(CacheAdminService).refreshKeyCounts();
    const res = await request(server(t)).get('/api/v1/cache/stats').expect(200);
    expect(res.body).toMatchObject({
      enabled: true,
      backend: 'redis',
      connected: true,
      total_keys: 6,
      keys_by_kind: { profile: 2, posts: 1, hashtag: 1, users: 1, analysis: 1 },
    });
    const countedAt = Date.parse((res.body as { keys_counted_at: string }).keys_counted_at);
    expect(countedAt).toBeGreaterThanOrEqual(before);
    const body = res.body as {
      hits: number;
      misses: number;
      hit_ratio: number;
      used_memory: string;
    };
    expect(body.hits).toBeGreaterThanOrEqual(1);
    expect(body.misses).toBeGreaterThanOrEqual(6);
    expect(body.hit_ratio).toBeCloseTo(body.hits / (body.hits + body.misses), 3);
    expect(body.used_memory).toMatch(/^\d+(\.\d+)?[BKMGT]$/);
    expect(typeof (res.body as { uptime_seconds: unknown }).uptime_seconds).toBe('number');
  });

  it('GET /cache/stats costs no SCAN per call: one background count serves concurrent calls', async () => {
    const scans = async () => {
      const info = await raw.info('commandstats');
      return Number(/cmdstat_scan:calls=(\d+)/.exec(info)?.[1] ?? 0);
    };
    await t.app.get(CacheAdminService).refreshKeyCounts();
    const before = await scans();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => request(server(t)).get('/api/v1/cache/stats').expect(200)),
    );
    expect(await scans()).toBe(before);
    for (const res of answers) expect(res.body).toMatchObject({ total_keys: 6, connected: true });
  });

  it('after a clear, the next stats call starts a fresh count in the background', async () => {
    await t.app.get(CacheAdminService).refreshKeyCounts();
    await request(server(t))
      .post('/api/v1/cache/clear')
      .set('X-API-Key', ADMIN_KEY)
      .send({ kind: 'profile' })
      .expect(200);
    const first = await request(server(t)).get('/api/v1/cache/stats').expect(200);
    expect(first.body).toMatchObject({ total_keys: null, keys_counted_at: null });
    let body: unknown = first.body;
    for (let i = 0; i < 100 && (body as { total_keys: unknown }).total_keys === null; i++) {
      await new Promise((r) => setTimeout(r, 20));
      body = (await request(server(t)).get('/api/v1/cache/stats').expect(200)).body;
    }
    expect(body).toMatchObject({ total_keys: 4, keys_by_kind: { profile: 0 } });
  });

  it('refuses POST /cache/clear without the admin key, or with a wrong one (401)', async () => {
    const missing = await request(server(t)).post('/api/v1/cache/clear').expect(401);
    expect(missing.body).toEqual({
      error: 'Missing or invalid admin API key',
      code: 'UNAUTHORIZED',
    });
    await request(server(t)).post('/api/v1/cache/clear').set('X-API-Key', 'wrong').expect(401);
    await request(server(t))
      .post('/api/v1/cache/clear')
      .set('Authorization', `Bearer ${ADMIN_KEY}x`)
      .expect(401);
    expect(await raw.dbSize()).toBe(6 + FOREIGN.length);
  });

  it('clears one kind with the X-API-Key header and leaves everything else', async () => {
    const res = await request(server(t))
      .post('/api/v1/cache/clear')
      .set('X-API-Key', ADMIN_KEY)
      .send({ kind: 'profile' })
      .expect(200);
    expect(res.body).toEqual({
      message: 'Deleted 2 cache entries',
      deleted: 2,
      pattern: 'trendxl:v2:profile:*',
    });
    expect(await raw.exists(cacheKey('profile', 'maya'))).toBe(0);
    expect(await raw.exists(cacheKey('posts', 'maya'))).toBe(1);
    for (const key of FOREIGN) expect(await raw.get(key)).toBe('keep me');
  });

  it("clears everything under trendxl:v2 for the original frontend's ?pattern=* with a Bearer key", async () => {
    const res = await request(server(t))
      .post('/api/v1/cache/clear?pattern=*')
      .set('Authorization', `Bearer ${ADMIN_KEY}`)
      .expect(200);
    expect(res.body).toEqual({
      message: 'Deleted 6 cache entries',
      deleted: 6,
      pattern: 'trendxl:v2:*',
    });
    expect((await raw.keys('*')).sort()).toEqual([...FOREIGN].sort());
  });

  it('confines a full-form pattern to the prefix and narrows by kind + pattern', async () => {
    const full = await request(server(t))
      .post('/api/v1/cache/clear')
      .query({ pattern: 'trendxl:v2:posts:*' })
      .set('X-API-Key', ADMIN_KEY)
      .expect(200);
    expect(full.body).toMatchObject({ deleted: 1, pattern: 'trendxl:v2:posts:*' });
    const narrowed = await request(server(t))
      .post('/api/v1/cache/clear')
      .query({ pattern: 'le?' })
      .set('X-API-Key', ADMIN_KEY)
      .send({ kind: 'profile' })
      .expect(200);
    expect(narrowed.body).toMatchObject({ deleted: 1, pattern: 'trendxl:v2:profile:le?' });
    expect(await raw.exists(cacheKey('profile', 'maya'))).toBe(1);
    const sweep = await request(server(t))
      .post('/api/v1/cache/clear?pattern=other-app:*')
      .set('X-API-Key', ADMIN_KEY)
      .expect(200);
    expect(sweep.body).toMatchObject({ deleted: 0, pattern: 'trendxl:v2:other-app:*' });
    for (const key of FOREIGN) expect(await raw.get(key)).toBe('keep me');
  });

  it.each([
    ['an unknown kind', { kind: 'sessions' }, ''],
    ['an unexpected field', { kind: 'profile', flush: true }, ''],
    ['a pattern with a character class', {}, '?pattern=%5Ba%5D*'],
    ['a pattern with spaces', {}, '?pattern=a%20b'],
  ])('rejects %s with VALIDATION_ERROR', async (_, body, query) => {
    const res = await request(server(t))
      .post(`/api/v1/cache/clear${query}`)
      .set('X-API-Key', ADMIN_KEY)
      .send(body)
      .expect(400);
    expect((res.body as { code: string }).code).toBe('VALIDATION_ERROR');
    expect(await raw.dbSize()).toBe(6 + FOREIGN.length);
  });

  it('reports disconnected stats and refuses to clear (503) while Redis is down', async () => {
    await redis.kill();
    try {
      const stats = await request(server(t)).get('/api/v1/cache/stats').expect(200);
      expect(stats.body).toMatchObject({ backend: 'redis', connected: false, used_memory: null });
      const clear = await request(server(t))
        .post('/api/v1/cache/clear')
        .set('X-API-Key', ADMIN_KEY)
        .expect(503);
      expect((clear.body as { code: string }).code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await redis.restart();
      await t.connection.whenReady(15_000);
    }
  });
});

describe('cache endpoints without an admin key or without Redis', () => {
  it('refuses to clear when no admin key is configured (403)', async () => {
    const t = await createCacheApp({});
    try {
      const res = await request(server(t))
        .post('/api/v1/cache/clear')
        .set('X-API-Key', 'anything')
        .expect(403);
      expect((res.body as { code: string }).code).toBe('FORBIDDEN');
    } finally {
      await t.close();
    }
  });

  it('reports and clears the in-memory backend', async () => {
    const t = await createCacheApp({ ADMIN_API_KEY: ADMIN_KEY });
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
        .set('X-API-Key', ADMIN_KEY)
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
