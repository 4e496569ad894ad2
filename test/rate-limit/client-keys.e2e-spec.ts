import type { NestExpressApplication } from '@nestjs/platform-express';
import { getPath, postJson } from '../support/http';
import { createTestApp } from '../support/test-app';

const ALPHA = 'alpha-key-0123456789abcdef';
const BETA = 'beta-key-fedcba9876543210';
const ADMIN = 'admin-key-for-client-keys-spec';
const PROFILE = { username: 'demo_cooking_carlos' };

describe('client API keys (CLIENT_API_KEYS)', () => {
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await createTestApp({
      CLIENT_API_KEYS: `alpha:${ALPHA}, beta:${BETA}`,
      ADMIN_API_KEY: ADMIN,
      MAX_REQUESTS_PER_MINUTE: '3',
    }));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('refuses /api/v1 routes without a key or with a wrong one (401 UNAUTHORIZED)', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { 'x-api-key': 'not-a-client-key-000000' },
      { authorization: `Bearer ${ALPHA}x` },
      { authorization: `Basic ${ALPHA}` },
    ];
    for (const headers of attempts) {
      const res = await postJson(url, '/api/v1/profile', PROFILE, headers);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'UNAUTHORIZED' });
      expect(res.text).not.toContain(ALPHA);
    }
    expect((await getPath(url, '/api/v1/cache/stats')).status).toBe(401);
  });

  it('accepts a key by X-API-Key or Authorization: Bearer', async () => {
    expect((await postJson(url, '/api/v1/profile', PROFILE, { 'x-api-key': ALPHA })).status).toBe(
      200,
    );
    const bearer = await postJson(url, '/api/v1/profile', PROFILE, {
      authorization: `Bearer ${BETA}`,
    });
    expect(bearer.status).toBe(200);
  });

  it('leaves docs, health and metrics open, and admin routes to the admin key', async () => {
    for (const path of ['/health', '/health/live', '/openapi.json', '/metrics', '/']) {
      expect((await getPath(url, path)).status).toBe(200);
    }
    const clear = await postJson(url, '/api/v1/cache/clear', {}, { 'x-api-key': ADMIN });
    expect(clear.status).toBe(200);
    const wrongAdmin = await postJson(url, '/api/v1/cache/clear', {}, { 'x-api-key': 'nope' });
    expect(wrongAdmin.status).toBe(401);
  });

  it('limits each key on its own, even from one IP, and checks the key before the limit', async () => {
    // alpha used one request above; two more reach its limit of 3.
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (await postJson(url, '/api/v1/profile', PROFILE, { 'x-api-key': ALPHA })).status,
      );
    }
    expect(statuses).toEqual([200, 200, 429]);
    const beta = await postJson(url, '/api/v1/profile', PROFILE, { 'x-api-key': BETA });
    expect(beta.status).toBe(200);
    expect(beta.headers.get('x-ratelimit-remaining')).toBe('1');
    const anonymous = await postJson(url, '/api/v1/profile', PROFILE);
    expect(anonymous.status).toBe(401);
  });

  it("reports the caller's own usage, by name, never by key", async () => {
    const res = await getPath(url, '/api/v1/usage', { 'x-api-key': BETA });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ensemble: { daily_budget: null, remaining: null },
      client: { name: 'beta', daily_budget: null },
    });
    expect(res.text).not.toContain(BETA);
    expect((await getPath(url, '/api/v1/usage')).status).toBe(401);
  });
});

describe('without CLIENT_API_KEYS the API stays open', () => {
  it('answers /api/v1 routes without any key', async () => {
    const { app, url } = await createTestApp({});
    try {
      expect((await postJson(url, '/api/v1/profile', PROFILE)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
