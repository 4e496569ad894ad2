import type { NestExpressApplication } from '@nestjs/platform-express';
import { startFakeEnsemble, type FakeEnsemble } from '../fakes/fake-ensemble.server';
import { getPath, postJson } from '../support/http';
import { startRedis, type RedisInstance } from '../support/redis-harness';
import { createTestApp } from '../support/test-app';

/** What the simulator charges for one user search. */
const SEARCH_UNITS = 2;

interface Usage {
  ensemble: { units: number; by_endpoint: Record<string, number>; remaining: number | null };
  client: { name: string; units: number; remaining: number | null } | null;
}

describe('the daily unit budget, shared by two instances through Redis', () => {
  let fake: FakeEnsemble;
  let redis: RedisInstance;
  const apps: { app: NestExpressApplication; url: string }[] = [];

  beforeAll(async () => {
    fake = await startFakeEnsemble();
    redis = await startRedis();
    for (let i = 0; i < 2; i++) {
      apps.push(
        await createTestApp({
          ENSEMBLE_API_TOKEN: fake.token,
          ENSEMBLE_BASE_URL: fake.url,
          REDIS_URL: redis.url,
          ENSEMBLE_DAILY_UNIT_BUDGET: String(4 * SEARCH_UNITS),
          MAX_REQUESTS_PER_MINUTE: '100000',
        }),
      );
    }
  });

  afterAll(async () => {
    for (const { app } of apps) await app.close();
    await redis?.stop();
    await fake?.close();
  });

  it('stops calling Ensemble on every instance once the day is spent, still serving the cache', async () => {
    const [a, b] = apps;
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const target = i % 2 ? b : a;
      statuses.push(
        (await postJson(target.url, '/api/v1/users/search', { query: `q${i}` })).status,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(fake.callsTo('/tt/user/search')).toHaveLength(4);

    for (const target of [a, b]) {
      const refused = await postJson(target.url, '/api/v1/users/search', { query: 'one-more' });
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({
        code: 'UNIT_BUDGET_EXHAUSTED',
        details: { scope: 'service', daily_budget: 4 * SEARCH_UNITS },
      });
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(86_400);
    }
    expect(fake.callsTo('/tt/user/search')).toHaveLength(4);

    // Answers already cached cost nothing and are still served, on either instance.
    const cached = await postJson(b.url, '/api/v1/users/search', { query: 'q0' });
    expect(cached.status).toBe(200);
    expect(cached.headers.get('x-cache')).toBe('HIT');

    for (const target of [a, b]) {
      const usage = (await getPath(target.url, '/api/v1/usage')).body as Usage;
      expect(usage.ensemble).toMatchObject({
        units: 4 * SEARCH_UNITS,
        by_endpoint: { '/tt/user/search': 4 * SEARCH_UNITS },
        remaining: 0,
      });
    }
  });
});

describe('the per-client daily budget', () => {
  it('caps each client key apart', async () => {
    const fake = await startFakeEnsemble();
    const { app, url } = await createTestApp({
      ENSEMBLE_API_TOKEN: fake.token,
      ENSEMBLE_BASE_URL: fake.url,
      CLIENT_API_KEYS: 'alpha:alpha-key-0123456789abcdef,beta:beta-key-0123456789abcdef',
      CLIENT_DAILY_UNIT_BUDGET: String(2 * SEARCH_UNITS),
      MAX_REQUESTS_PER_MINUTE: '100000',
    });
    try {
      const search = (key: string, query: string) =>
        postJson(url, '/api/v1/users/search', { query }, { 'x-api-key': key });
      const alpha = 'alpha-key-0123456789abcdef';
      const beta = 'beta-key-0123456789abcdef';
      expect((await search(alpha, 'a1')).status).toBe(200);
      expect((await search(alpha, 'a2')).status).toBe(200);
      const refused = await search(alpha, 'a3');
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({
        code: 'UNIT_BUDGET_EXHAUSTED',
        details: { scope: 'client' },
      });
      expect((await search(beta, 'b1')).status).toBe(200);

      const usage = (await getPath(url, '/api/v1/usage', { 'x-api-key': alpha })).body as Usage;
      expect(usage.client).toMatchObject({ name: 'alpha', units: 2 * SEARCH_UNITS, remaining: 0 });
      expect(usage.ensemble.units).toBe(3 * SEARCH_UNITS);
    } finally {
      await app.close();
      await fake.close();
    }
  });
});
