import type { NestExpressApplication } from '@nestjs/platform-express';
import { createTestApp } from '../support/test-app';
import { send } from '../support/http';

/**
 * CORS: only configured origins get Access-Control-Allow-Origin, on simple requests, on
 * preflights and on error responses (so browser clients can read the error envelope);
 * CORS_ORIGINS replaces the defaults rather than adding to them.
 */

const DEFAULT_ORIGINS = ['http://localhost:3000', 'http://localhost:5173'];
const LOOKALIKES = [
  'http://evil.example',
  'http://localhost:3001',
  'https://localhost:3000',
  'http://localhost:3000.evil.example',
  'http://127.0.0.1:3000',
  'null',
];

function simplePost(url: string, origin: string, body = '{"username":"demo_cooking_carlos"}') {
  return send(url, '/api/v1/profile', {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body,
  });
}

function preflight(url: string, origin: string) {
  return send(url, '/api/v1/analyze', {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    },
  });
}

describe('CORS with the default origins', () => {
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await createTestApp({ MAX_REQUESTS_PER_MINUTE: '100000' }));
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each(DEFAULT_ORIGINS)('%s gets Access-Control-Allow-Origin on a request', async (origin) => {
    const res = await simplePost(url, origin);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('vary') ?? '').toMatch(/\bOrigin\b/i);
    const exposed = (res.headers.get('access-control-expose-headers') ?? '').toLowerCase();
    expect(exposed).toContain('x-request-id');
    expect(exposed).toContain('retry-after');
  });

  it.each(DEFAULT_ORIGINS)('%s passes the preflight for a JSON POST', async (origin) => {
    const res = await preflight(url, origin);
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('access-control-allow-methods') ?? '').toContain('POST');
    expect((res.headers.get('access-control-allow-headers') ?? '').toLowerCase()).toContain(
      'content-type',
    );
  });

  it.each(DEFAULT_ORIGINS)('%s can read error envelopes too', async (origin) => {
    const res = await simplePost(url, origin, '{"username":"a b"}');
    expect(res.status).toBe(400);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
  });

  it.each(LOOKALIKES)('%s gets no Access-Control-Allow-Origin', async (origin) => {
    const res = await simplePost(url, origin);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await preflight(url, origin);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('never answers with a wildcard or with credentials allowed', async () => {
    const res = await simplePost(url, DEFAULT_ORIGINS[0]);
    expect(res.headers.get('access-control-allow-origin')).not.toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

describe('CORS_ORIGINS override', () => {
  const CONFIGURED = ['https://app.example.com', 'https://admin.example.com'];
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await createTestApp({
      CORS_ORIGINS: ` ${CONFIGURED[0]} , ${CONFIGURED[1]},`,
      MAX_REQUESTS_PER_MINUTE: '100000',
    }));
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each(CONFIGURED)('allows the configured origin %s', async (origin) => {
    expect((await simplePost(url, origin)).headers.get('access-control-allow-origin')).toBe(origin);
    expect((await preflight(url, origin)).headers.get('access-control-allow-origin')).toBe(origin);
  });

  it.each(DEFAULT_ORIGINS)('no longer allows the default origin %s', async (origin) => {
    expect((await simplePost(url, origin)).headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(url, origin)).headers.get('access-control-allow-origin')).toBeNull();
  });
});
