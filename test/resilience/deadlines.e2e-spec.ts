import { postJson } from '../support/http';
import { startLiveApp, type LiveApp } from '../support/tiktok/live-app';

describe('deadlines: hanging upstreams never hold a request past its deadline', () => {
  let live: LiveApp;

  beforeAll(async () => {
    live = await startLiveApp({
      REQUEST_TIMEOUT_MS: '800',
      ENSEMBLE_TIMEOUT_MS: '30000',
      ENSEMBLE_RETRY_BUDGET_MS: '60000',
    });
  });

  afterAll(async () => {
    await live?.close();
  });

  beforeEach(async () => {
    live.fake.reset();
    await live.clearCache();
  });

  it('answers a data endpoint 504 UPSTREAM_TIMEOUT when Ensemble hangs', async () => {
    live.fake.setRoute('/tt/user/info', () => ({ hang: true }));
    const res = await postJson(live.url, '/api/v1/profile', { username: 'chefmaya' });
    expect(res.status).toBe(504);
    expect(res.body).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    // The 800 ms deadline answered, not the 30 s upstream timeout and its retries.
    expect(res.body).toMatchObject({ details: { timeout_ms: 800 } });
  });
});

describe('deadlines on /analyze: partial results, or 504 without any search', () => {
  let live: LiveApp;

  beforeAll(async () => {
    live = await startLiveApp({
      ANALYZE_TIMEOUT_MS: '1500',
      REQUEST_TIMEOUT_MS: '1000',
      ENSEMBLE_TIMEOUT_MS: '30000',
    });
  });

  afterAll(async () => {
    await live?.close();
  });

  beforeEach(async () => {
    live.fake.reset();
    await live.clearCache();
  });

  it('answers with the searches that finished, naming those that did not', async () => {
    let searches = 0;
    live.fake.setRoute('/tt/keyword/search', () => (++searches === 1 ? undefined : { hang: true }));
    const res = await postJson(live.url, '/api/v1/analyze', { profile_url: 'chefmaya' });
    expect(res.status).toBe(200);
    const meta = (res.body as { meta: { partial: boolean; warnings: string[] } }).meta;
    expect(meta.partial).toBe(true);
    expect(meta.warnings.join(' ')).toMatch(/did not finish before the deadline/);
    expect(searches).toBeGreaterThan(1);
  });

  it('answers 504 UPSTREAM_TIMEOUT when no search finishes', async () => {
    live.fake.setRoute('/tt/keyword/search', () => ({ hang: true }));
    const res = await postJson(live.url, '/api/v1/analyze', { profile_url: 'chefmaya' });
    expect(res.status).toBe(504);
    expect(res.body).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
  });

  it('answers 504 UPSTREAM_TIMEOUT when the posts never come', async () => {
    live.fake.setRoute('/tt/user/posts', () => ({ hang: true }));
    const res = await postJson(live.url, '/api/v1/analyze', { profile_url: 'chefmaya' });
    expect(res.status).toBe(504);
    expect(res.body).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
  });

  it('starts no retry that cannot finish before the deadline', async () => {
    // Each attempt takes 700 ms and fails: after the first, 300 ms of the 1 s deadline remain.
    live.fake.setRoute('/tt/user/info', () => ({ status: 500, delayMs: 700 }));
    const res = await postJson(live.url, '/api/v1/profile', { username: 'chefmaya' });
    expect(res.status).toBe(502);
    expect(live.fake.callsTo('/tt/user/info')).toHaveLength(1);
  });
});
