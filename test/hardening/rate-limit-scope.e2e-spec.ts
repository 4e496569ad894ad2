import type { NestExpressApplication } from '@nestjs/platform-express';
import { startRedis, type RedisInstance } from '../support/redis-harness';
import { createTestApp } from '../support/test-app';
import { getPath, postJson } from '../support/http';

/**
 * The stricter analyze limit must only refuse analyses: a client that used up its analyses can
 * still fetch profiles and cache stats within the general limit — with the Redis-backed counters
 * and with the in-memory ones used without (or while losing) Redis.
 */
describe.each(['memory', 'redis'] as const)('analyze limit scope (%s counters)', (backend) => {
  let redis: RedisInstance | undefined;
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    redis = backend === 'redis' ? await startRedis() : undefined;
    ({ app, url } = await createTestApp({
      MAX_REQUESTS_PER_MINUTE: '100000',
      ANALYZE_REQUESTS_PER_MINUTE: '1',
      REDIS_URL: redis?.url,
    }));
  });

  afterAll(async () => {
    await app?.close();
    await redis?.stop();
  });

  it('refuses the second analysis, and nothing else', async () => {
    const analyze = { profile_url: 'demo_cooking_carlos' };
    expect((await postJson(url, '/api/v1/analyze', analyze)).status).toBe(200);
    const refused = await postJson(url, '/api/v1/analyze', analyze);
    expect({ status: refused.status, body: refused.body }).toMatchObject({
      status: 429,
      body: { code: 'RATE_LIMITED' },
    });
    // The standard headers describe the limit that refused it; no `-analyze` suffixed names.
    expect({
      limit: refused.headers.get('x-ratelimit-limit'),
      remaining: refused.headers.get('x-ratelimit-remaining'),
      reset: refused.headers.get('x-ratelimit-reset'),
      retryAfter: refused.headers.get('retry-after'),
    }).toEqual({
      limit: '1',
      remaining: '0',
      reset: refused.headers.get('retry-after'),
      retryAfter: expect.stringMatching(/^[1-9]\d*$/) as unknown,
    });
    expect([...refused.headers.keys()].filter((h) => /-analyze$/.test(h))).toEqual([]);
    const after = [
      (await postJson(url, '/api/v1/profile', { username: 'demo_cooking_carlos' })).status,
      (await getPath(url, '/api/v1/cache/stats')).status,
    ];
    expect(after).toEqual([200, 200]);
  });
});
