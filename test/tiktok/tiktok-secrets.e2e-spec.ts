import { rawErrorBody } from '../fakes/ensemble-fixtures';
import { getPath, headerText, postJson, type HttpResult } from '../support/http';
import { startLiveApp, type LiveApp } from '../support/tiktok/live-app';

/**
 * The Ensemble token travels in the upstream query string, so every failure path is a chance
 * to leak it. This suite captures everything the process writes (stdout and stderr, with the
 * app at LOG_LEVEL=debug) while it drives successes and failures, some of whose upstream
 * bodies echo the token and the signed URL, then searches responses and output for it.
 */

type Write = (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;

describe('the Ensemble token never leaves the process except to Ensemble', () => {
  let live: LiveApp;
  let token: string;
  const output: string[] = [];
  const responses: { what: string; res: HttpResult }[] = [];
  const spies: jest.SpyInstance[] = [];

  function capture(stream: NodeJS.WriteStream): void {
    const spy = jest.spyOn(stream, 'write') as unknown as jest.SpyInstance<
      boolean,
      Parameters<Write>
    >;
    spy.mockImplementation((chunk, ...rest) => {
      output.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      // Writers that wait for the flush callback must not hang.
      const callback = rest.find((r): r is () => void => typeof r === 'function');
      callback?.();
      return true;
    });
    spies.push(spy);
  }

  async function record(what: string, pending: Promise<HttpResult>): Promise<HttpResult> {
    const res = await pending;
    responses.push({ what, res });
    return res;
  }

  beforeAll(async () => {
    capture(process.stdout);
    capture(process.stderr);
    try {
      live = await startLiveApp({ LOG_LEVEL: 'debug', ENSEMBLE_MAX_RETRIES: '1' });
      token = live.fake.token;
      const { fake, url } = live;
      const signedUrl = `${fake.url}/tt/user/info?username=chefmaya&token=${token}`;

      // Successes on every endpoint.
      await record('profile', postJson(url, '/api/v1/profile', { username: 'chefmaya' }));
      await record('posts', postJson(url, '/api/v1/posts', { username: 'chefmaya', count: 5 }));
      await record('hashtag', postJson(url, '/api/v1/hashtag/search', { hashtag: 'pasta' }));
      await record('users', postJson(url, '/api/v1/users/search', { query: 'chef' }));

      // Failures whose upstream bodies echo the token and the signed URL.
      fake.enqueue('/tt/user/info', { status: 500, body: rawErrorBody(`crashed on ${signedUrl}`) });
      await record('500 then ok', postJson(url, '/api/v1/profile', { username: 'veganvibes' }));

      fake.enqueue('/tt/user/info', {
        status: 491,
        body: rawErrorBody(`Token ${token} not found, see ${signedUrl}`),
      });
      await record('491', postJson(url, '/api/v1/profile', { username: 'tinykitchen' }));

      fake.enqueue('/tt/user/posts', {
        status: 422,
        body: {
          detail: [
            {
              loc: ['query', 'token'],
              msg: `bad token=${token}`,
              type: 'value_error',
              input: token,
            },
          ],
        },
      });
      await record('422', postJson(url, '/api/v1/posts', { username: 'grillmaster_joe' }));

      fake.enqueue('/tt/user/info', { status: 200, body: `not json; token=${token} ${signedUrl}` });
      await record('malformed', postJson(url, '/api/v1/profile', { username: 'dancequeen' }));

      fake.enqueue('/tt/keyword/search', { status: 200, body: { data: { data: token } } });
      await record('wrong shape', postJson(url, '/api/v1/hashtag/search', { hashtag: 'bbq' }));

      fake.enqueue('/tt/user/search', { hang: true }, { hang: true });
      await record('timeout', postJson(url, '/api/v1/users/search', { query: 'vegan' }));

      fake.enqueue('/tt/user/info', { status: 495, body: rawErrorBody(`quota for ${token}`) });
      await record('495', postJson(url, '/api/v1/profile', { username: 'brandfoods' }));

      await record('health', getPath(url, '/health'));
      await record('root', getPath(url, '/'));
      await record('unknown route', getPath(url, `/nope?token=${'x'.repeat(8)}`));
      await record('openapi', getPath(url, '/openapi.json'));
    } finally {
      // Close inside the capture: shutdown logs are output too.
      await live?.close();
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('did send the token to the fake Ensemble (so the search below can fail)', () => {
    expect(token.length).toBeGreaterThan(10);
    expect(live.fake.calls.length).toBeGreaterThan(10);
    expect(live.fake.calls.every((c) => c.params.token === token)).toBe(true);
  });

  it('drove both successes and failures', () => {
    const statuses = responses.map((r) => r.res.status);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(5);
    expect(statuses.filter((s) => s >= 500).length).toBeGreaterThanOrEqual(5);
  });

  it('appears in no response body or header', () => {
    const leaks = responses
      .filter(({ res }) => res.text.includes(token) || headerText(res.headers).includes(token))
      .map((r) => r.what);
    expect(leaks).toEqual([]);
  });

  it('appears in no response as the upstream URL or host', () => {
    const leaks = responses
      .filter(({ res }) => res.text.includes(live.fake.url) || res.text.includes('token='))
      .map((r) => r.what);
    expect(leaks).toEqual([]);
  });

  it('appears in nothing the process wrote to stdout or stderr', () => {
    // Something was captured: at least the error lines of the failed requests.
    expect(output.join('').length).toBeGreaterThan(0);
    const leaking = output.filter((line) => line.includes(token));
    expect(leaking).toEqual([]);
  });
});
