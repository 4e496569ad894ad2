import { ErrorCode } from '../../src/common/errors/error-code.enum';
import type { ProfileResponseDto } from '../../src/tiktok/dto/tiktok.response.dto';
import { FIXTURE_USERS, rawErrorBody } from '../fakes/ensemble-fixtures';
import { expectErrorEnvelope } from '../support/tiktok/error-envelope';
import { expectedProfile } from '../support/tiktok/expected-dto';
import { getPath, postJson, type HttpResult } from '../support/http';
import { startLiveApp, type LiveApp } from '../support/tiktok/live-app';

/**
 * Upstream faults scripted on the fake, end to end: retries (counted on the fake), the status
 * each failure becomes, and the exact error envelope. The cache is emptied and the fake reset
 * before every test, so each starts from a cold, healthy upstream.
 */

const MAX_RETRIES = 2;
const ATTEMPTS = MAX_RETRIES + 1;

interface Endpoint {
  name: string;
  path: string;
  upstream: string;
  body: Record<string, unknown>;
}

const ENDPOINTS: Endpoint[] = [
  {
    name: 'profile',
    path: '/api/v1/profile',
    upstream: '/tt/user/info',
    body: { username: 'chefmaya' },
  },
  {
    name: 'posts',
    path: '/api/v1/posts',
    upstream: '/tt/user/posts',
    body: { username: 'chefmaya' },
  },
  {
    name: 'hashtag search',
    path: '/api/v1/hashtag/search',
    upstream: '/tt/keyword/search',
    body: { hashtag: 'pasta' },
  },
  {
    name: 'users search',
    path: '/api/v1/users/search',
    upstream: '/tt/user/search',
    body: { query: 'chef' },
  },
];

describe('TikTok endpoints under upstream faults (fake Ensemble)', () => {
  let live: LiveApp;

  beforeAll(async () => {
    live = await startLiveApp({ ENSEMBLE_MAX_RETRIES: String(MAX_RETRIES) });
  });

  afterAll(async () => {
    await live?.close();
  });

  beforeEach(async () => {
    live.fake.reset();
    await live.clearCache();
  });

  const profile = (username = 'chefmaya'): Promise<HttpResult> =>
    postJson(live.url, '/api/v1/profile', { username });
  const upstreamCalls = (path = '/tt/user/info'): number => live.fake.callsTo(path).length;

  /** No upstream internals in a client-facing error: URL, host, status text or detail. */
  function expectNothingUpstream(res: HttpResult): void {
    expect(res.text).not.toContain(live.fake.url);
    expect(res.text).not.toContain('127.0.0.1');
    expect(res.text).not.toContain(live.fake.token);
    expect(res.text).not.toMatch(/ensembledata|\/tt\/|"detail"/i);
  }

  it('waits out latency below the timeout and answers 200 with one upstream call', async () => {
    live.fake.setLatency(300);
    const res = await profile();
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expectedProfile(FIXTURE_USERS.chefmaya));
    expect(upstreamCalls()).toBe(1);
  });

  it('retries a 429 after its Retry-After and then answers 200 (2 upstream calls)', async () => {
    live.fake.enqueue('/tt/user/info', {
      status: 429,
      body: rawErrorBody('Too many requests'),
      headers: { 'retry-after': '1' },
    });
    const res = await profile();
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expectedProfile(FIXTURE_USERS.chefmaya));
    expect(upstreamCalls()).toBe(2);
  });

  it.each([500, 502, 503, 504])(
    'retries a %i and then answers 200 (2 upstream calls)',
    async (status) => {
      live.fake.enqueue('/tt/user/info', { status, body: rawErrorBody('Internal error.') });
      const res = await profile();
      expect(res.status).toBe(200);
      expect((res.body as ProfileResponseDto).username).toBe('chefmaya');
      expect(upstreamCalls()).toBe(2);
    },
  );

  it('survives failures on every allowed retry and succeeds on the last attempt', async () => {
    const failures = Array.from({ length: MAX_RETRIES }, () => ({
      status: 503,
      body: rawErrorBody('Service unavailable'),
    }));
    live.fake.enqueue('/tt/user/info', ...failures);
    const res = await profile();
    expect(res.status).toBe(200);
    expect(upstreamCalls()).toBe(ATTEMPTS);
  });

  it.each(ENDPOINTS)('$name: a 500 then success is a 200 after 2 upstream calls', async (ep) => {
    live.fake.enqueue(ep.upstream, { status: 500, body: rawErrorBody('Internal error.') });
    const res = await postJson(live.url, ep.path, ep.body);
    expect(res.status).toBe(200);
    expect(upstreamCalls(ep.upstream)).toBe(2);
  });

  it.each(ENDPOINTS)('$name: quota exhausted (495) is a 503 without retrying', async (ep) => {
    live.fake.enqueue(ep.upstream, {
      status: 495,
      body: rawErrorBody('Maximum requests limit reached for today.'),
    });
    const res = await postJson(live.url, ep.path, ep.body);
    const envelope = expectErrorEnvelope(res, 503, ErrorCode.UPSTREAM_QUOTA_EXCEEDED);
    expect(envelope.details).toBeUndefined();
    expectNothingUpstream(res);
    expect(upstreamCalls(ep.upstream)).toBe(1);
  });

  it.each([
    [491, 503, ErrorCode.UPSTREAM_AUTH, 'Token not found, please sign up'],
    [492, 503, ErrorCode.UPSTREAM_AUTH, 'Your email has not been verified.'],
    [493, 503, ErrorCode.UPSTREAM_AUTH, 'Subscription expired.'],
    [495, 503, ErrorCode.UPSTREAM_QUOTA_EXCEEDED, 'Maximum requests limit reached for today.'],
    [463, 404, ErrorCode.NOT_FOUND, 'Invalid username or user id.'],
    [473, 404, ErrorCode.NOT_FOUND, 'User not found.'],
    [472, 403, ErrorCode.PROFILE_PRIVATE, 'This account is private.'],
    [471, 403, ErrorCode.PROFILE_RESTRICTED, 'This account is restricted.'],
    [474, 403, ErrorCode.PROFILE_RESTRICTED, "This profile isn't available in your region."],
    [422, 502, ErrorCode.UPSTREAM_ERROR, 'field required'],
  ] as const)(
    'maps upstream %i to %i %s in one call, without echoing the upstream detail',
    async (upstreamStatus, status, code, detail) => {
      live.fake.enqueue('/tt/user/info', { status: upstreamStatus, body: rawErrorBody(detail) });
      const res = await profile();
      expectErrorEnvelope(res, status, code);
      expect(res.text).not.toContain(detail);
      expectNothingUpstream(res);
      expect(upstreamCalls()).toBe(1);
    },
  );

  it('answers 404 NOT_FOUND for an unknown user (data: null)', async () => {
    const res = await profile('no_such_creator');
    expectErrorEnvelope(res, 404, ErrorCode.NOT_FOUND);
    expect(upstreamCalls()).toBe(1);
  });

  it('answers /posts for an unknown user (no posts, as Ensemble answers) with 404 NOT_FOUND', async () => {
    const res = await postJson(live.url, '/api/v1/posts', { username: 'no_such_creator' });
    expectErrorEnvelope(res, 404, ErrorCode.NOT_FOUND);
    // The empty posts page could be a user without posts: the profile tells them apart.
    expect(upstreamCalls('/tt/user/posts')).toBe(1);
    expect(upstreamCalls('/tt/user/info')).toBe(1);
  });

  it('answers /posts for a known user without posts with 200 and an empty list', async () => {
    live.fake.enqueue('/tt/user/posts', { status: 200, body: { data: [] }, units: 1 });
    const res = await postJson(live.url, '/api/v1/posts', { username: 'chefmaya' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      posts: [],
      next_cursor: null,
      has_more: false,
      total_posts: 0,
      source: 'live',
    });
    expect(upstreamCalls('/tt/user/info')).toBe(1);
  });

  it('answers /posts with 404 NOT_FOUND when Ensemble answers 463 (invalid username)', async () => {
    live.fake.enqueue('/tt/user/posts', {
      status: 463,
      body: rawErrorBody('Invalid username or user id.'),
    });
    const res = await postJson(live.url, '/api/v1/posts', { username: 'chefmaya', count: 3 });
    expectErrorEnvelope(res, 404, ErrorCode.NOT_FOUND);
    expect(upstreamCalls('/tt/user/posts')).toBe(1);
  });

  it("answers 403 PROFILE_PRIVATE for a private creator's posts", async () => {
    const res = await postJson(live.url, '/api/v1/posts', { username: 'secretcook' });
    expectErrorEnvelope(res, 403, ErrorCode.PROFILE_PRIVATE);
    expect(upstreamCalls('/tt/user/posts')).toBe(1);
  });

  it.each([
    ['a body that is not JSON', '{"data": {"user": {'],
    ['an empty body', ''],
    ['HTML', '<html><body>Bad gateway</body></html>'],
  ])('answers 502 UPSTREAM_MALFORMED for %s', async (_what, body) => {
    live.fake.enqueue('/tt/user/info', { status: 200, body });
    const res = await profile();
    expectErrorEnvelope(res, 502, ErrorCode.UPSTREAM_MALFORMED);
    expectNothingUpstream(res);
  });

  it.each([
    ['/api/v1/profile', '/tt/user/info', { username: 'chefmaya' }, { data: { user: 'nope' } }],
    ['/api/v1/profile', '/tt/user/info', { username: 'chefmaya' }, { something: 'else' }],
    ['/api/v1/posts', '/tt/user/posts', { username: 'chefmaya' }, { data: { not: 'a list' } }],
    ['/api/v1/hashtag/search', '/tt/keyword/search', { hashtag: 'pasta' }, { data: [] }],
    ['/api/v1/users/search', '/tt/user/search', { query: 'chef' }, { data: { users: 'x' } }],
  ])(
    '%s answers 502 UPSTREAM_MALFORMED when %s has the wrong shape',
    async (path, upstream, body, raw) => {
      live.fake.enqueue(upstream, { status: 200, body: raw });
      const res = await postJson(live.url, path, body);
      expectErrorEnvelope(res, 502, ErrorCode.UPSTREAM_MALFORMED);
    },
  );

  it(`gives up on a hanging upstream after ${ATTEMPTS} timed-out calls with 502`, async () => {
    live.fake.setRoute('/tt/user/info', () => ({ hang: true }));
    const res = await profile();
    expectErrorEnvelope(res, 502, ErrorCode.UPSTREAM_UNAVAILABLE);
    expectNothingUpstream(res);
    expect(upstreamCalls()).toBe(ATTEMPTS);
  });

  it(`gives up on a persistent 500 after ${ATTEMPTS} calls with 502`, async () => {
    live.fake.setRoute('/tt/user/info', () => ({ status: 500, body: rawErrorBody('Boom') }));
    const res = await profile();
    expectErrorEnvelope(res, 502, ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(upstreamCalls()).toBe(ATTEMPTS);
  });

  it('passes a persistent 429 on as 502 with a Retry-After for the client', async () => {
    live.fake.setRoute('/tt/user/info', () => ({
      status: 429,
      body: rawErrorBody('Too many requests'),
      headers: { 'retry-after': '1' },
    }));
    const res = await profile();
    expectErrorEnvelope(res, 502, ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(upstreamCalls()).toBe(ATTEMPTS);
  });

  it('does not cache a failure: the next request reaches the recovered upstream', async () => {
    live.fake.setRoute('/tt/user/info', () => ({ status: 500, body: rawErrorBody('Boom') }));
    expect((await profile()).status).toBe(502);
    live.fake.reset();
    const res = await profile();
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expectedProfile(FIXTURE_USERS.chefmaya));
    expect(upstreamCalls()).toBe(1);
  });

  it('reports an exhausted quota on /health, and recovers after a good call', async () => {
    live.fake.enqueue('/tt/user/info', { status: 495, body: rawErrorBody('Maximum requests') });
    expect((await profile()).status).toBe(503);
    const unhealthy = await getPath(live.url, '/health');
    expect(unhealthy.status).toBe(503);
    expect(unhealthy.body).toMatchObject({
      status: 'unhealthy',
      services: { ensemble_api: 'unauthorized' },
      mode: { tiktok: 'live' },
    });

    expect((await profile('grillmaster_joe')).status).toBe(200);
    const healthy = await getPath(live.url, '/health');
    expect(healthy.status).toBe(200);
    expect(healthy.body).toMatchObject({ status: 'healthy', services: { ensemble_api: 'live' } });
  });
});
