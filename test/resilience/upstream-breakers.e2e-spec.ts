import type { NestExpressApplication } from '@nestjs/platform-express';
import { setTimeout as sleep } from 'node:timers/promises';
import { startFakeEnsemble, type FakeEnsemble } from '../fakes/fake-ensemble.server';
import { fakeReply, startFakeOpenAi, type FakeOpenAi } from '../fakes/fake-openai.server';
import { getPath, postJson } from '../support/http';
import { createTestApp } from '../support/test-app';

const COOLDOWN_MS = 400;

describe('circuit breakers on Ensemble endpoints and the LLM', () => {
  let ensemble: FakeEnsemble;
  let openai: FakeOpenAi;
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    ensemble = await startFakeEnsemble();
    openai = await startFakeOpenAi();
    ({ app, url } = await createTestApp({
      ENSEMBLE_API_TOKEN: ensemble.token,
      ENSEMBLE_BASE_URL: ensemble.url,
      ENSEMBLE_MAX_RETRIES: '0',
      OPENAI_API_KEY: 'sk-breaker-test-key-0123456789',
      OPENAI_BASE_URL: openai.url,
      OPENAI_MAX_RETRIES: '0',
      UPSTREAM_BREAKER_THRESHOLD: '3',
      UPSTREAM_BREAKER_COOLDOWN_MS: String(COOLDOWN_MS),
      MAX_REQUESTS_PER_MINUTE: '100000',
      ANALYZE_REQUESTS_PER_MINUTE: '100000',
    }));
  });

  afterAll(async () => {
    await app?.close();
    await ensemble?.close();
    await openai?.close();
  });

  beforeEach(() => {
    ensemble.reset();
    openai.reset();
  });

  it('opens after repeated 5xx, fails fast with 503 and Retry-After, then closes on a good probe', async () => {
    ensemble.setRoute('/tt/user/search', () => ({ status: 500 }));
    const failures = [];
    for (let i = 0; i < 3; i++) {
      failures.push(await postJson(url, '/api/v1/users/search', { query: `cook${i}` }));
    }
    expect(failures.map((r) => r.status)).toEqual([502, 502, 502]);
    expect(ensemble.callsTo('/tt/user/search')).toHaveLength(3);

    const fast = await postJson(url, '/api/v1/users/search', { query: 'cook-fast' });
    expect(fast.status).toBe(503);
    expect(fast.body).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(Number(fast.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(ensemble.callsTo('/tt/user/search')).toHaveLength(3);
    expect(await breakerStates(url, 'ensemble:/tt/user/search')).toEqual({
      closed: 0,
      open: 1,
      half_open: 0,
    });

    // Other endpoints have breakers of their own and still work.
    expect((await postJson(url, '/api/v1/profile', { username: 'chefmaya' })).status).toBe(200);

    ensemble.reset();
    await sleep(COOLDOWN_MS + 50);
    const probe = await postJson(url, '/api/v1/users/search', { query: 'cook-probe' });
    expect(probe.status).toBe(200);
    expect((await postJson(url, '/api/v1/users/search', { query: 'cook-after' })).status).toBe(200);
    expect(ensemble.callsTo('/tt/user/search')).toHaveLength(2);
    expect(await breakerStates(url, 'ensemble:/tt/user/search')).toEqual({
      closed: 1,
      open: 0,
      half_open: 0,
    });
  });

  it('does not count not-found answers against Ensemble', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await postJson(url, '/api/v1/profile', { username: `missing_user_${i}` });
      expect(res.status).toBe(404);
    }
    expect((await postJson(url, '/api/v1/profile', { username: 'veganvibes' })).status).toBe(200);
  });

  it("makes /analyze use the local extractor without waiting once the LLM's breaker is open", async () => {
    openai.setDefault(fakeReply.serverError(500));
    for (const profile_url of ['chefmaya', 'veganvibes', 'tinykitchen']) {
      const res = await postJson(url, '/api/v1/analyze', { profile_url });
      expect(res.status).toBe(200);
    }
    expect(openai.requests).toHaveLength(3);

    const res = await postJson(url, '/api/v1/analyze', { profile_url: 'grillmaster_joe' });
    expect(res.status).toBe(200);
    const meta = (res.body as { meta: { ai_source: string; warnings: string[] } }).meta;
    expect(meta.ai_source).toBe('local');
    expect(meta.warnings.join(' ')).toMatch(/circuit_open/);
    expect(openai.requests).toHaveLength(3);

    expect(await breakerStates(url, 'openai')).toMatchObject({ open: 1, closed: 0 });
    const health = await getPath(url, '/health');
    expect(health.body).toMatchObject({
      services: { openai_api: 'failing' },
      details: { openai_api: { breakers: [expect.objectContaining({ state: 'open' })] } },
    });
  });
});

/** The `trendxl_circuit_breaker_state` series of one breaker, from the app's own /metrics. */
async function breakerStates(url: string, breaker: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const states: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = /^trendxl_circuit_breaker_state\{breaker="([^"]+)",state="([^"]+)"\} (\d+)$/.exec(
      line,
    );
    if (match && match[1] === breaker) states[match[2]] = Number(match[3]);
  }
  return states;
}
