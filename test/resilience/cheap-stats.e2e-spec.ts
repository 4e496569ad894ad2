import request from 'supertest';
import { createClient } from 'redis';
import type { App } from 'supertest/types';
import { CacheAdminService } from '../../src/cache/cache-admin.service';
import { startRedis, type RedisInstance } from '../support/redis-harness';
import { createCacheApp, type CacheTestApp } from '../support/cache/cache-testing';

const ADMIN = 'cheap-stats-admin-key-0123456789';

describe('GET /api/v1/cache/stats costs O(1) Redis work per call', () => {
  let redis: RedisInstance;
  let raw: ReturnType<typeof createClient>;
  let t: CacheTestApp;

  const scans = async (): Promise<number> => {
    const info = await raw.info('commandstats');
    return Number(/cmdstat_scan:calls=(\d+)/.exec(info)?.[1] ?? 0);
  };
  const stats = () => request(t.app.getHttpServer() as App).get('/api/v1/cache/stats');

  beforeAll(async () => {
    redis = await startRedis();
    raw = createClient({ url: redis.url });
    raw.on('error', () => undefined);
    await raw.connect();
    t = await createCacheApp({ REDIS_URL: redis.url, ADMIN_API_KEY: ADMIN });
    for (let i = 0; i < 20; i++) {
      await t.cache.getOrLoad({ kind: 'profile', id: `user${i}` }, async () => i);
    }
  });

  afterAll(async () => {
    await t?.close();
    if (raw?.isOpen) raw.destroy();
    await redis?.stop();
  });

  it('serves concurrent calls from one background count: no SCAN per call', async () => {
    await t.app.get(CacheAdminService).refreshKeyCounts();
    const before = await scans();
    const answers = await Promise.all(Array.from({ length: 20 }, () => stats().expect(200)));
    expect(await scans()).toBe(before);
    for (const res of answers) {
      expect(res.body).toMatchObject({ total_keys: 20, keys_by_kind: { profile: 20 } });
      expect(typeof (res.body as { keys_counted_at: unknown }).keys_counted_at).toBe('string');
    }
  });

  it('starts one fresh count in the background after a clear, shared by concurrent calls', async () => {
    await request(t.app.getHttpServer() as App)
      .post('/api/v1/cache/clear')
      .set('X-API-Key', ADMIN)
      .send({ kind: 'profile' })
      .expect(200);
    const before = await scans();
    await Promise.all(Array.from({ length: 10 }, () => stats().expect(200)));
    // Until the background count is done the stats say so (null) instead of waiting for it.
    let body = (await stats().expect(200)).body as { total_keys: number | null };
    for (let i = 0; i < 50 && body.total_keys === null; i++) {
      await new Promise((r) => setTimeout(r, 20));
      body = (await stats().expect(200)).body as { total_keys: number | null };
    }
    expect(body).toMatchObject({ total_keys: 0 });
    // One pass over a near-empty keyspace: a single SCAN page.
    expect((await scans()) - before).toBe(1);
  });
});
