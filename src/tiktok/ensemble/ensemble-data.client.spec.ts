import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConsoleLogger, Logger, type LoggerService } from '@nestjs/common';
import { startFakeEnsemble, type FakeEnsemble } from '../../../test/fakes/fake-ensemble.server';
import { RequestContext, RequestStats } from '../../common/context/request-context';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-code.enum';
import type { EnsembleConfig } from '../../config/configuration';
import type { UpstreamCallEvent } from '../../common/upstream/upstream-call.event';
import { UpstreamCallRecorder } from '../../common/upstream/upstream-call.recorder';
import { testCallPolicy } from './ensemble-call.policy.spec-helper';
import { EnsembleDataClient } from './ensemble-data.client';
import { EnsembleHttpTransport } from './ensemble-http.transport';

interface LogLine {
  level: string;
  message: unknown;
  params: unknown[];
}

const logLines: LogLine[] = [];
const collectingLogger: LoggerService = {
  log: (message: unknown, ...params: unknown[]) =>
    void logLines.push({ level: 'log', message, params }),
  warn: (message: unknown, ...params: unknown[]) =>
    void logLines.push({ level: 'warn', message, params }),
  error: (message: unknown, ...params: unknown[]) =>
    void logLines.push({ level: 'error', message, params }),
  debug: (message: unknown, ...params: unknown[]) =>
    void logLines.push({ level: 'debug', message, params }),
  verbose: (message: unknown, ...params: unknown[]) =>
    void logLines.push({ level: 'verbose', message, params }),
};

const anyNumber: unknown = expect.any(Number);
const anyString: unknown = expect.any(String);

/** Every error the client threw in this file, checked for secrets at the end. */
const thrown: unknown[] = [];

let fake: FakeEnsemble;
/** The recorder of the client made last, and every call it recorded. */
let recorder: UpstreamCallRecorder;
let recorded: UpstreamCallEvent[];
const transports: EnsembleHttpTransport[] = [];

function makeClient(overrides: Partial<EnsembleConfig> = {}): EnsembleDataClient {
  const config: EnsembleConfig = {
    token: fake.token,
    baseUrl: fake.url,
    timeoutMs: 2_000,
    maxRetries: 2,
    retryBaseMs: 10,
    retryBudgetMs: 5_000,
    mode: 'live',
    ...overrides,
  };
  const transport = new EnsembleHttpTransport(config);
  transports.push(transport);
  recorder = new UpstreamCallRecorder();
  recorded = [];
  recorder.subscribe((event) => void recorded.push(event));
  return new EnsembleDataClient(transport, config, recorder, testCallPolicy());
}

/** Attempts, retries and units summed over the calls recorded since the client was made. */
function totals(): { calls: number; unitsCharged: number; retries: number } {
  return {
    calls: recorded.reduce((n, e) => n + e.attempts, 0),
    unitsCharged: recorded.reduce((n, e) => n + e.units, 0),
    retries: recorded.reduce((n, e) => n + e.attempts - 1, 0),
  };
}

async function failure(promise: Promise<unknown>): Promise<DomainException> {
  try {
    await promise;
  } catch (error) {
    thrown.push(error);
    expect(error).toBeInstanceOf(DomainException);
    return error as DomainException;
  }
  throw new Error('expected the call to fail');
}

/** Everything an error could reveal when logged or serialised, causes included. */
function exposedText(error: unknown, depth = 0): string {
  if (!(error instanceof Error) || depth > 5) return String(error);
  const own = error as Error & { details?: unknown };
  return [
    error.message,
    error.stack ?? '',
    String(error),
    JSON.stringify(error),
    JSON.stringify(own.details ?? null),
    JSON.stringify(Object.entries(error)),
    error.cause === undefined ? '' : exposedText(error.cause, depth + 1),
  ].join('\n');
}

const logText = (): string =>
  logLines.map((l) => JSON.stringify([l.message, ...l.params])).join('\n');

const ensembleLines = (levels = ['log', 'warn', 'error', 'debug']): Record<string, unknown>[] =>
  logLines
    .filter((l) => levels.includes(l.level))
    .map((l) => l.message)
    .filter(
      (m): m is Record<string, unknown> =>
        typeof m === 'object' &&
        m !== null &&
        (m as { upstream?: unknown }).upstream === 'ensemble',
    );

beforeAll(async () => {
  Logger.overrideLogger(collectingLogger);
  fake = await startFakeEnsemble();
});

afterAll(async () => {
  for (const t of transports) t.close();
  await fake.close();
  Logger.overrideLogger(new ConsoleLogger());
});

beforeEach(() => {
  fake.reset();
  logLines.length = 0;
});

describe('EnsembleDataClient over HTTP', () => {
  describe('happy paths', () => {
    it('getUserInfo returns the profile and sends the token as a query parameter', async () => {
      const client = makeClient();
      const profile = await client.getUserInfo('chefmaya');
      expect(profile).toMatchObject({
        username: 'chefmaya',
        userId: '7012345678901234567',
        followerCount: 1_250_000,
        isVerified: true,
      });
      expect(fake.calls).toHaveLength(1);
      expect(fake.calls[0]).toMatchObject({
        path: '/tt/user/info',
        params: { username: 'chefmaya', token: fake.token },
      });
      expect(client.source).toBe('live');
    });

    it('getUserInfo throws NOT_FOUND for {data: null}, after a single call', async () => {
      const client = makeClient();
      const error = await failure(client.getUserInfo('nobody_here'));
      expect(error.code).toBe(ErrorCode.NOT_FOUND);
      expect(fake.calls).toHaveLength(1);
    });

    it('getUserPosts pages through the top-level envelope with the ms cursor', async () => {
      const client = makeClient();
      const first = await client.getUserPosts('chefmaya', { depth: 1 });
      expect(first.posts).toHaveLength(10);
      expect(first.posts[0].isPinned).toBe(true);
      expect(first.hasMore).toBe(true);
      expect(first.nextCursor).toMatch(/^\d{13}$/);

      const second = await client.getUserPosts('chefmaya', {
        depth: 1,
        cursor: first.nextCursor!,
      });
      expect(second.posts.map((p) => p.id)).toEqual(['7400000000000000011', '7400000000000000012']);
      expect(second).toMatchObject({ hasMore: false, nextCursor: null });
      expect(fake.calls[1].params).toMatchObject({
        username: 'chefmaya',
        depth: '1',
        start_cursor: first.nextCursor,
      });
    });

    it('searchKeyword unwraps results, skips non-video items and sends every option', async () => {
      const client = makeClient();
      const page = await client.searchKeyword('pasta', {
        period: 7,
        sorting: 1,
        country: 'us',
      });
      expect(page.posts.length).toBeGreaterThan(3);
      expect(page.posts.every((p) => p.caption.toLowerCase().includes('pasta'))).toBe(true);
      const likes = page.posts.map((p) => p.stats.likes);
      expect(likes).toEqual([...likes].sort((a, b) => b - a));
      expect(fake.calls[0].params).toEqual({
        name: 'pasta',
        period: '7',
        sorting: '1',
        country: 'us',
        token: fake.token,
      });
    });

    it('getHashtagPosts strips the # and returns the tagged posts, ads included', async () => {
      const client = makeClient();
      const page = await client.getHashtagPosts('#pasta');
      expect(fake.calls[0].params.name).toBe('pasta');
      expect(page.posts.length).toBeGreaterThan(5);
      expect(page.posts.every((p) => p.hashtags.includes('pasta'))).toBe(true);
      expect(page.posts.some((p) => p.isAd)).toBe(true);
      expect(new Set(page.posts.map((p) => p.author.username)).size).toBeGreaterThan(2);
      expect(page.hasMore).toBe(false);
    });

    it('searchUsers returns user summaries', async () => {
      const client = makeClient();
      const page = await client.searchUsers('chef');
      expect(page.users.map((u) => u.username)).toEqual(['chefmaya']);
      expect(page.users[0]).toMatchObject({ followerCount: 1_250_000, isVerified: true });
      expect(fake.calls[0].params).toMatchObject({ keyword: 'chef', token: fake.token });
    });
  });

  describe('retries', () => {
    it('honours Retry-After on 429, then succeeds', async () => {
      const client = makeClient();
      fake.enqueue('/tt/user/info', {
        status: 429,
        headers: { 'retry-after': '0.3' },
        body: { detail: 'Too many requests' },
      });
      const profile = await client.getUserInfo('chefmaya');
      expect(profile.username).toBe('chefmaya');
      const calls = fake.callsTo('/tt/user/info');
      expect(calls).toHaveLength(2);
      // A lower bound only: the client must not come back before it was told to.
      expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(250);
      expect(totals()).toMatchObject({ calls: 2, retries: 1 });
    });

    it('gives up on a persistent 429 with UPSTREAM_UNAVAILABLE and a retry hint', async () => {
      const client = makeClient({ maxRetries: 2 });
      const busy = { status: 429, headers: { 'retry-after': '0.05' }, body: { detail: 'slow' } };
      fake.enqueue('/tt/user/info', busy, busy, busy, busy);
      const error = await failure(client.getUserInfo('chefmaya'));
      expect(error.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
      expect(error.retryAfterSeconds).toBe(1);
      expect(fake.calls).toHaveLength(3);
    });

    it('retries 500 and 502, then succeeds', async () => {
      const client = makeClient();
      fake.enqueue(
        '/tt/hashtag/posts',
        { status: 500, body: { detail: 'Internal error.' } },
        { status: 502, body: '<html>bad gateway</html>' },
      );
      const page = await client.getHashtagPosts('bbq');
      expect(page.posts.length).toBeGreaterThan(0);
      expect(fake.calls).toHaveLength(3);
    });

    it('stops at maxRetries on a persistent 503', async () => {
      const client = makeClient({ maxRetries: 1 });
      const down = { status: 503, body: { detail: 'down' } };
      fake.enqueue('/tt/user/info', down, down, down);
      const error = await failure(client.getUserInfo('chefmaya'));
      expect(error.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
      expect(fake.calls).toHaveLength(2);
    });

    it('times out a hanging upstream and gives up after retries with UPSTREAM_UNAVAILABLE', async () => {
      const client = makeClient({ timeoutMs: 200, maxRetries: 2 });
      fake.enqueue('/tt/user/info', { hang: true }, { hang: true }, { hang: true });
      const error = await failure(client.getUserInfo('chefmaya'));
      expect(error.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
      expect(fake.calls).toHaveLength(3);
      expect(totals()).toMatchObject({ calls: 3, retries: 2 });
    });

    it('recovers when a slow first attempt times out and the retry is fast', async () => {
      const client = makeClient({ timeoutMs: 200 });
      fake.enqueue('/tt/user/info', { delayMs: 1_000, body: { data: null } });
      const profile = await client.getUserInfo('chefmaya');
      expect(profile.username).toBe('chefmaya');
      expect(fake.calls).toHaveLength(2);
    });

    it('maps a refused connection to UPSTREAM_UNAVAILABLE after retries', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const { port } = closed.address() as AddressInfo;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const client = makeClient({ baseUrl: `http://127.0.0.1:${port}/apis`, maxRetries: 1 });
      const error = await failure(client.getUserInfo('chefmaya'));
      expect(error.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
      expect(recorded).toEqual([
        expect.objectContaining({ outcome: 'error', status: null, attempts: 2, units: 0 }),
      ]);
      expect(exposedText(error)).not.toContain(String(port));
    });
  });

  describe('final upstream errors are not retried', () => {
    it('495 -> UPSTREAM_QUOTA_EXCEEDED with one call', async () => {
      const client = makeClient();
      fake.enqueue('/tt/user/info', {
        status: 495,
        body: { detail: 'Maximum requests limit reached for today.' },
      });
      const error = await failure(client.getUserInfo('chefmaya'));
      expect(error.code).toBe(ErrorCode.UPSTREAM_QUOTA_EXCEEDED);
      expect(fake.calls).toHaveLength(1);
    });

    it('491 (wrong token) -> UPSTREAM_AUTH with one call', async () => {
      const client = makeClient({ token: 'wrong-token-999999999' });
      const error = await failure(client.getUserInfo('chefmaya'));
      expect(error.code).toBe(ErrorCode.UPSTREAM_AUTH);
      expect(fake.calls).toHaveLength(1);
      expect(fake.calls[0].params.token).toBe('wrong-token-999999999');
      expect(exposedText(error)).not.toContain('wrong-token-999999999');
    });

    it('463 -> NOT_FOUND with one call', async () => {
      const client = makeClient();
      fake.enqueue('/tt/user/posts', {
        status: 463,
        body: { detail: 'Invalid username or user id.' },
      });
      const error = await failure(client.getUserPosts('ghost', { depth: 1 }));
      expect(error.code).toBe(ErrorCode.NOT_FOUND);
      expect(fake.calls).toHaveLength(1);
    });

    it('472 -> PROFILE_PRIVATE (the fake answers it for a private account)', async () => {
      const client = makeClient();
      const error = await failure(client.getUserPosts('secretcook', { depth: 1 }));
      expect(error.code).toBe(ErrorCode.PROFILE_PRIVATE);
      expect(fake.calls).toHaveLength(1);
    });

    it('474 -> PROFILE_RESTRICTED', async () => {
      const client = makeClient();
      fake.enqueue('/tt/user/posts', { status: 474, body: { detail: 'Not in your region.' } });
      const error = await failure(client.getUserPosts('chefmaya', { depth: 1 }));
      expect(error.code).toBe(ErrorCode.PROFILE_RESTRICTED);
    });

    it('466 -> VALIDATION_ERROR on the country field', async () => {
      const client = makeClient();
      const error = await failure(
        client.searchKeyword('pasta', { period: 7, sorting: 0, country: 'USA' }),
      );
      expect(error.code).toBe(ErrorCode.VALIDATION_ERROR);
      expect(error.details).toEqual({ fields: { country: [expect.any(String)] } });
      expect(fake.calls).toHaveLength(1);
    });

    it('422 (our own bad request) -> UPSTREAM_ERROR with one call', async () => {
      const client = makeClient();
      const error = await failure(client.getUserPosts('chefmaya', { depth: 0 }));
      expect(error.code).toBe(ErrorCode.UPSTREAM_ERROR);
      expect(fake.calls).toHaveLength(1);
    });
  });

  describe('malformed answers', () => {
    it.each([
      ['truncated JSON', '{"data": [ {"aweme_id": "1"'],
      ['an HTML page', '<html><body>Oops</body></html>'],
      ['JSON without data', '{"result": []}'],
      ['the wrong envelope', '{"data": {"data": []}}'],
    ])('%s -> UPSTREAM_MALFORMED without retrying', async (_label, body) => {
      const client = makeClient();
      fake.enqueue('/tt/user/posts', { status: 200, body });
      const error = await failure(client.getUserPosts('chefmaya', { depth: 1 }));
      expect(error.code).toBe(ErrorCode.UPSTREAM_MALFORMED);
      expect(fake.calls).toHaveLength(1);
    });
  });

  describe('accounting and observability', () => {
    it('counts attempts and units in the request context and the client totals', async () => {
      const client = makeClient();
      fake.enqueue('/tt/user/info', { status: 500, body: { detail: 'x' }, units: 0 });
      const stats = new RequestStats();
      await RequestContext.run(async () => {
        await client.getUserInfo('chefmaya'); // 500 (0 units) + 200 (1 unit)
        await client.searchUsers('chef'); // 2 units
        await client.getUserPosts('chefmaya', { depth: 2 }); // 1 + 2 chunks = 3 units
      }, stats);
      expect(stats.ensembleCalls).toBe(4);
      expect(stats.unitsCharged).toBe(6);
      expect(totals()).toEqual({ calls: 4, unitsCharged: 6, retries: 1 });
    });

    it('charges units of error answers too', async () => {
      const client = makeClient();
      fake.enqueue('/tt/user/info', { status: 463, body: { detail: 'x' }, units: 1 });
      await failure(client.getUserInfo('ghost'));
      expect(totals().unitsCharged).toBe(1);
    });

    it('reports one event per logical call, and a throwing subscriber changes nothing', async () => {
      const client = makeClient();
      recorder.subscribe(() => {
        throw new Error('metrics broke');
      });
      fake.enqueue('/tt/user/info', { status: 500, body: {} });
      await expect(client.getUserInfo('chefmaya')).resolves.toMatchObject({
        username: 'chefmaya',
      });
      expect(recorded).toEqual([
        {
          upstream: 'ensemble',
          endpoint: '/tt/user/info',
          outcome: 'ok',
          healthy: true,
          code: null,
          status: 200,
          durationMs: anyNumber,
          attempts: 2,
          units: 1,
          tokens: 0,
          at: anyString,
        },
      ]);
    });

    it('tracks the last outcome: provider failures are not ok, "not found" is', async () => {
      const client = makeClient();
      expect(recorder.lastCall('ensemble')).toBeNull();
      await client.getUserInfo('chefmaya');
      expect(recorder.lastCall('ensemble')).toMatchObject({ healthy: true, code: null });
      fake.enqueue('/tt/user/info', { status: 495, body: {} });
      await failure(client.getUserInfo('chefmaya'));
      expect(recorder.lastCall('ensemble')).toMatchObject({
        healthy: false,
        code: ErrorCode.UPSTREAM_QUOTA_EXCEEDED,
      });
      fake.enqueue('/tt/user/info', { status: 463, body: {} });
      await failure(client.getUserInfo('ghost'));
      expect(recorder.lastCall('ensemble')).toMatchObject({
        healthy: true,
        code: ErrorCode.NOT_FOUND,
      });
      expect(Number.isNaN(Date.parse(recorder.lastCall('ensemble')!.at))).toBe(false);
    });

    it('logs one line per call with its retries, and each attempt at debug level', async () => {
      const client = makeClient();
      fake.enqueue('/tt/user/info', { status: 503, body: {} });
      await client.getUserInfo('chefmaya');
      expect(ensembleLines(['log', 'warn', 'error'])).toEqual([
        {
          upstream: 'ensemble',
          endpoint: '/tt/user/info',
          outcome: 'ok',
          status: 200,
          durationMs: anyNumber,
          retries: 1,
          units: 1,
          tokens: 0,
        },
      ]);
      const lines = ensembleLines(['debug']);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toEqual({
        upstream: 'ensemble',
        endpoint: '/tt/user/info',
        status: 503,
        durationMs: anyNumber,
        attempt: 1,
        units: 0,
      });
      expect(lines[1]).toMatchObject({ status: 200, attempt: 2, units: 1 });
    });

    it('reports the demo source for a non-HTTP transport', async () => {
      const config = {
        token: undefined,
        baseUrl: 'http://unused.invalid/apis',
        timeoutMs: 1_000,
        maxRetries: 0,
        retryBaseMs: 1,
        retryBudgetMs: 1_000,
        mode: 'demo' as const,
      };
      const demoRecorder = new UpstreamCallRecorder();
      const client = new EnsembleDataClient(
        {
          kind: 'demo',
          get: async () => ({
            status: 200,
            headers: { units_charged: '1' },
            body: JSON.stringify({ data: null }),
          }),
        },
        config,
        demoRecorder,
        testCallPolicy(),
      );
      expect(client.source).toBe('demo');
      expect((await failure(client.getUserInfo('x'))).code).toBe(ErrorCode.NOT_FOUND);
      expect(demoRecorder.lastCall('ensemble')?.units).toBe(1);
    });
  });

  describe('secrets', () => {
    it('never puts the token or the URL into errors or log lines', async () => {
      const client = makeClient({ timeoutMs: 200, maxRetries: 1 });
      const echo = (status: number) => ({
        status,
        body: {
          detail: `echo ${fake.url}/tt/user/info?username=a&token=${fake.token} (${fake.token})`,
        },
      });
      fake.enqueue('/tt/user/info', echo(491), echo(495), echo(500), echo(500));
      fake.enqueue('/tt/user/info', { status: 200, body: `{"data": "${fake.token}` });
      fake.enqueue('/tt/user/info', { hang: true }, { hang: true });
      for (let i = 0; i < 5; i++) await failure(client.getUserInfo('chefmaya'));
      await failure(client.getUserInfo('nobody_here'));
      expect(fake.calls.length).toBeGreaterThanOrEqual(7);
      expect(fake.calls.every((c) => c.params.token === fake.token)).toBe(true);

      const host = new URL(fake.url).host;
      for (const error of thrown) {
        const text = exposedText(error);
        expect(text).not.toContain(fake.token);
        expect(text).not.toContain(host);
      }
      expect(logLines.length).toBeGreaterThan(0);
      expect(logText()).not.toContain(fake.token);
      expect(logText()).not.toContain(host);
    });
  });
});
