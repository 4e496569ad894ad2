import { postJson } from '../support/http';
import { startLiveApp, type LiveApp } from '../tiktok/support/live-app';

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
