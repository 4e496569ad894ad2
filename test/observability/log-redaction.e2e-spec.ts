import { startFakeEnsemble, type FakeEnsemble } from '../fakes/fake-ensemble.server';
import { startFakeOpenAi, type FakeOpenAi } from '../fakes/fake-openai.server';
import { repeatedKeys } from '../support/json-keys';
import { spawnServer, type SpawnedServer } from '../support/spawn-server';

const OPENAI_KEY = 'sk-live-REDACTION-PROBE-9f8e7d6c5b4a';
const ADMIN_KEY = 'admin-REDACTION-PROBE-1a2b3c4d5e';
const CLIENT_BEARER = 'client-bearer-REDACTION-PROBE-77aa';
const COOKIE_SECRET = 'session-REDACTION-PROBE-55cc';
const QUERY_TOKEN = 'query-token-REDACTION-PROBE-33ee';
const WRONG_CLIENT_KEY = 'wrong-client-REDACTION-PROBE-88bb';

interface LogLine {
  level?: number;
  route?: string;
  msg?: string;
  req?: { id?: string; method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
}

describe('logs: structured, one line per request, secrets never printed', () => {
  let ensemble: FakeEnsemble;
  let openai: FakeOpenAi;
  let server: SpawnedServer;
  let secrets: string[];

  beforeAll(async () => {
    ensemble = await startFakeEnsemble();
    openai = await startFakeOpenAi();
    secrets = [
      ensemble.token,
      OPENAI_KEY,
      ADMIN_KEY,
      CLIENT_BEARER,
      COOKIE_SECRET,
      QUERY_TOKEN,
      WRONG_CLIENT_KEY,
    ];
    server = await spawnServer({
      ENSEMBLE_API_TOKEN: ensemble.token,
      ENSEMBLE_BASE_URL: ensemble.url,
      ENSEMBLE_RETRY_BASE_MS: '10',
      OPENAI_API_KEY: OPENAI_KEY,
      OPENAI_BASE_URL: openai.url,
      ADMIN_API_KEY: ADMIN_KEY,
      // The client key is the bearer every request below carries.
      CLIENT_API_KEYS: `probe:${CLIENT_BEARER}`,
      LOG_LEVEL: 'trace',
    });

    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server.url}${path}${path.includes('?') ? '&' : '?'}token=${QUERY_TOKEN}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${CLIENT_BEARER}`,
          cookie: `sid=${COOKIE_SECRET}`,
          'x-request-id': 'redaction-probe-1',
          ...headers,
        },
        body: JSON.stringify(body),
      });

    // Successes, upstream failures, validation failures and admin calls.
    expect((await post('/api/v1/profile', { username: 'chefmaya' })).status).toBe(200);
    expect((await post('/api/v1/analyze', { profile_url: 'chefmaya' })).status).toBe(200);
    ensemble.enqueue('/tt/user/info', { status: 500, body: { detail: `boom ${ensemble.token}` } });
    ensemble.enqueue('/tt/user/info', { status: 491, body: { detail: 'Token not found' } });
    expect((await post('/api/v1/profile', { username: 'grillmasterjoe' })).status).toBe(503);
    expect((await post('/api/v1/profile', { username: 'a b' })).status).toBe(400);
    await post('/api/v1/cache/clear', {}, { 'x-api-key': ADMIN_KEY });
    await post('/api/v1/cache/clear', {}, { 'x-api-key': 'wrong-key' });
    const refused = await post(
      '/api/v1/profile',
      { username: 'chefmaya' },
      { authorization: `Bearer ${WRONG_CLIENT_KEY}` },
    );
    expect(refused.status).toBe(401);
    const usage = await fetch(`${server.url}/api/v1/usage`, {
      headers: { 'x-api-key': WRONG_CLIENT_KEY },
    });
    expect(usage.status).toBe(401);
    await server.stop();
  });

  afterAll(async () => {
    await server?.stop();
    await ensemble.close();
    await openai.close();
  });

  it('sent the secrets where they belong (so the probe can fail)', () => {
    expect(ensemble.calls.some((c) => c.params.token === ensemble.token)).toBe(true);
    expect(openai.requests.some((r) => r.authorization === `Bearer ${OPENAI_KEY}`)).toBe(true);
  });

  it('printed none of them, on any line', () => {
    const output = server.output();
    expect(output.length).toBeGreaterThan(1000);
    for (const secret of secrets) expect(output).not.toContain(secret);
  });

  it('writes JSON lines: one per request with method, url, status, duration and request id', () => {
    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as LogLine);
    const requests = lines.filter((l) => l.req && l.res && typeof l.responseTime === 'number');
    const profile = requests.find((l) => l.req?.url?.startsWith('/api/v1/profile'));
    expect(profile).toMatchObject({
      req: { method: 'POST', id: 'redaction-probe-1' },
      res: { statusCode: 200 },
      route: '/api/v1/profile',
    });
    expect(profile?.req?.url).toContain('token=[REDACTED]');
    expect(requests.map((l) => l.res?.statusCode)).toEqual(expect.arrayContaining([200, 400, 503]));
  });

  it('writes one line per upstream call (upstream, endpoint, outcome, status, duration, retries), without its URL', () => {
    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const calls = lines.filter((l) => typeof l.retries === 'number');
    const ensembleCalls = calls.filter((l) => l.upstream === 'ensemble');
    expect(ensembleCalls.filter((l) => l.endpoint === '/tt/user/info')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ status: 200, retries: 0, units: 1 }),
        // the 500 was retried and then answered 491
        expect.objectContaining({ status: 491, retries: 1 }),
      ]),
    );
    expect(calls.some((l) => l.upstream === 'openai' && l.outcome === 'ok')).toBe(true);
    expect(calls.every((l) => l.service === 'trendxl')).toBe(true);
    expect(server.output()).not.toContain(ensemble.url);
  });

  it('never repeats a key within a line (JSON.parse would hide the first value)', () => {
    expect(repeatedKeys('{"a":1,"b":{"a":[{"a":2}],"c":"a,\\"a"},"a":3}')).toEqual(['a']);
    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(10);
    const repeated = lines.flatMap((l) => repeatedKeys(l).map((key) => `${key} in ${l}`));
    expect(repeated).toEqual([]);
  });
});
