import type { NestExpressApplication } from '@nestjs/platform-express';
import { CacheService } from '../../src/cache/cache.service';
import { startFakeEnsemble, type FakeEnsemble } from '../fakes/fake-ensemble.server';
import { fakeReply, startFakeOpenAi, type FakeOpenAi } from '../fakes/fake-openai.server';
import { createTestApp } from '../support/test-app';
import { getPath, postJson, postRaw, type HttpResult } from '../support/http';
import { parseExposition, select, sum, type Exposition } from '../support/health/prometheus-text';

/**
 * GET /metrics after a known mix of traffic in live mode (fake Ensemble, fake OpenAI): the
 * values, not just the names, must match what happened — requests per route pattern and
 * status, upstream calls per outcome, units, tokens, cache hits/misses/coalesced waits, limiter
 * rejections — plus the default process metrics.
 */

const OPENAI_KEY = 'sk-metrics-e2e-9f8e7d6c5b4a39281706';
const TOKENS_PER_ANSWER = 321;
const KNOWN_ROUTES = new Set([
  '/api/v1/profile',
  '/api/v1/posts',
  '/api/v1/hashtag/search',
  '/api/v1/users/search',
  '/api/v1/analyze',
  '/api/v1/cache/stats',
  '/api/v1/cache/clear',
  '/health',
  '/health/live',
  '/health/ready',
  '/metrics',
  'unmatched',
]);
const HTTP_COUNT = 'trendxl_http_request_duration_seconds_count';
/** What unknown URLs are labelled today (see the 'unmatched' test): a pattern, not the URL. */
const UNMATCHED_CATCH_ALL = '/{*path}';

describe('GET /metrics after a mix of traffic', () => {
  let ensemble: FakeEnsemble;
  let openai: FakeOpenAi;
  let app: NestExpressApplication;
  let url: string;
  let scrape: HttpResult;
  let metrics: Exposition;
  let analyzeUnits = 0;
  const statuses: Record<string, number[]> = {};

  const record = (name: string, res: HttpResult) => {
    (statuses[name] ??= []).push(res.status);
    return res;
  };

  beforeAll(async () => {
    ensemble = await startFakeEnsemble();
    openai = await startFakeOpenAi();
    openai.setDefault(
      fakeReply.answer(['pasta', 'recipe', 'vegan', 'foodtok', 'dinner'], {
        tokens: TOKENS_PER_ANSWER,
      }),
    );
    ({ app, url } = await createTestApp({
      ENSEMBLE_API_TOKEN: ensemble.token,
      ENSEMBLE_BASE_URL: ensemble.url,
      ENSEMBLE_MAX_RETRIES: '0',
      ENSEMBLE_TIMEOUT_MS: '2000',
      OPENAI_API_KEY: OPENAI_KEY,
      OPENAI_BASE_URL: openai.url,
      OPENAI_MAX_RETRIES: '0',
      MAX_REQUESTS_PER_MINUTE: '100000',
      ANALYZE_REQUESTS_PER_MINUTE: '2',
    }));

    // Profile: a miss, an invalid request, then a hit under another spelling of the name.
    record('profile', await postJson(url, '/api/v1/profile', { username: 'chefmaya' }));
    record('profile', await postJson(url, '/api/v1/profile', { username: 'chefmaya?x=1' }));
    record('profile', await postJson(url, '/api/v1/profile', { username: '@ChefMaya' }));
    // Two identical lookups in flight at once: one upstream call, one coalesced wait.
    ensemble.setLatency(400);
    const pair = await Promise.all([
      postJson(url, '/api/v1/profile', { username: 'veganvibes' }),
      postJson(url, '/api/v1/profile', { username: 'veganvibes' }),
    ]);
    ensemble.setLatency(0);
    for (const res of pair) record('profile', res);
    // An upstream failure.
    ensemble.enqueue('/tt/user/info', { status: 500, body: { detail: 'boom' } });
    record('profile', await postJson(url, '/api/v1/profile', { username: 'tinykitchen' }));
    // Analyses: computed, cached, then refused by the analyze limiter (2 per minute).
    const first = record(
      'analyze',
      await postJson(url, '/api/v1/analyze', { profile_url: 'chefmaya' }),
    );
    analyzeUnits = (first.body as { meta?: { units_charged?: number } }).meta?.units_charged ?? 0;
    record('analyze', await postJson(url, '/api/v1/analyze', { profile_url: 'chefmaya' }));
    record('analyze', await postJson(url, '/api/v1/analyze', { profile_url: 'chefmaya' }));
    // Answers the body parser and the JSON-body check give before any route runs.
    record('rejected', await postRaw(url, '/api/v1/profile', '{"username": '));
    record('rejected', await postRaw(url, '/api/v1/profile', 'x'.repeat(40_000), 'text/plain'));
    record('rejected', await postJson(url, '/api/v1/profile', { username: 'x'.repeat(40_000) }));
    record('rejected', await postRaw(url, '/api/v1/profile', 'username=chefmaya', 'text/plain'));
    // An unknown route with an id in it.
    record('unknown', await getPath(url, '/api/v1/profiles/7400000000000000001'));

    scrape = await getPath(url, '/metrics');
    metrics = parseExposition(scrape.text);
  });

  afterAll(async () => {
    await app?.close();
    await ensemble?.close();
    await openai?.close();
  });

  it('the traffic went as planned', () => {
    expect(statuses).toEqual({
      profile: [200, 400, 200, 200, 200, 502],
      analyze: [200, 200, 429],
      rejected: [400, 415, 413, 415],
      unknown: [404],
    });
    expect(
      ensemble.callsTo('/tt/user/info').filter((c) => c.params.username === 'veganvibes'),
    ).toHaveLength(1);
  });

  it('is Prometheus text', () => {
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(metrics.types.get('trendxl_http_request_duration_seconds')).toBe('histogram');
    expect(metrics.types.get('trendxl_upstream_calls_total')).toBe('counter');
  });

  it('counts requests by route pattern and status', () => {
    const profile = { method: 'POST', route: '/api/v1/profile' };
    expect(sum(metrics, HTTP_COUNT, { ...profile, status: '200' })).toBe(4);
    expect(sum(metrics, HTTP_COUNT, { ...profile, status: '400' })).toBe(1);
    expect(sum(metrics, HTTP_COUNT, { ...profile, status: '502' })).toBe(1);
    const analyze = { method: 'POST', route: '/api/v1/analyze' };
    expect(sum(metrics, HTTP_COUNT, { ...analyze, status: '200' })).toBe(2);
    expect(sum(metrics, HTTP_COUNT, { ...analyze, status: '429' })).toBe(1);
  });

  it('measures the 400 (malformed JSON), 413 and 415 answers given before any route', () => {
    const rejected = { method: 'POST', route: 'unmatched' };
    expect(sum(metrics, HTTP_COUNT, { ...rejected, status: '400' })).toBe(1);
    expect(sum(metrics, HTTP_COUNT, { ...rejected, status: '413' })).toBe(1);
    expect(sum(metrics, HTTP_COUNT, { ...rejected, status: '415' })).toBe(2);
  });

  it("labels a request that matched no route 'unmatched'", () => {
    expect(sum(metrics, HTTP_COUNT, { route: 'unmatched', status: '404' })).toBe(1);
  });

  it('labels routes with their pattern only, never the raw URL', () => {
    const routes = new Set(select(metrics, HTTP_COUNT).map((s) => s.labels.route));
    expect([...routes].filter((r) => !KNOWN_ROUTES.has(r) && r !== UNMATCHED_CATCH_ALL)).toEqual(
      [],
    );
    expect(scrape.text).not.toContain('7400000000000000001');
    expect(scrape.text).not.toContain('profiles');
  });

  it('counts upstream calls by service, endpoint and outcome, matching the fakes', () => {
    const infoOk = sum(metrics, 'trendxl_upstream_calls_total', {
      service: 'ensemble',
      endpoint: '/tt/user/info',
      outcome: 'ok',
    });
    expect(infoOk).toBe(ensemble.callsTo('/tt/user/info').length - 1);
    expect(
      sum(metrics, 'trendxl_upstream_calls_total', {
        service: 'ensemble',
        endpoint: '/tt/user/info',
        outcome: 'http_500',
      }),
    ).toBe(1);
    expect(sum(metrics, 'trendxl_upstream_calls_total', { service: 'ensemble' })).toBe(
      ensemble.calls.length,
    );
    const endpoints = new Set(
      select(metrics, 'trendxl_upstream_calls_total', { service: 'ensemble' }).map(
        (s) => s.labels.endpoint,
      ),
    );
    expect(endpoints).toEqual(new Set(ensemble.calls.map((c) => c.path)));
    expect(openai.requests.length).toBeGreaterThan(0);
    expect(
      sum(metrics, 'trendxl_upstream_calls_total', {
        service: 'openai',
        endpoint: 'chat.completions',
        outcome: 'ok',
      }),
    ).toBe(openai.requests.length);
  });

  it('adds up Ensemble units and LLM tokens', () => {
    const units = sum(metrics, 'trendxl_ensemble_units_charged_total');
    expect(analyzeUnits).toBeGreaterThan(0);
    // The analysis' own units plus at least one for each profile fetched outside it.
    expect(units).toBeGreaterThanOrEqual(analyzeUnits + 2);
    expect(sum(metrics, 'trendxl_llm_tokens_total')).toBe(
      TOKENS_PER_ANSWER * openai.requests.length,
    );
  });

  it('reports cache hits, misses and coalesced waits as the cache counts them', () => {
    const stats = app.get(CacheService).stats();
    const hits = sum(metrics, 'trendxl_cache_hits_total');
    const misses = sum(metrics, 'trendxl_cache_misses_total');
    expect(hits).toBeGreaterThanOrEqual(2);
    expect(misses).toBeGreaterThanOrEqual(3);
    expect({ hits, misses }).toEqual({ hits: stats.hits, misses: stats.misses });
    expect(sum(metrics, 'trendxl_cache_coalesced_waits_total')).toBeGreaterThanOrEqual(1);
    expect(sum(metrics, 'trendxl_cache_coalesced_waits_total')).toBe(stats.coalesced);
  });

  it('counts the rate-limit rejection under its route', () => {
    expect(sum(metrics, 'trendxl_rate_limit_rejections_total')).toBe(1);
    expect(sum(metrics, 'trendxl_rate_limit_rejections_total', { route: '/api/v1/analyze' })).toBe(
      1,
    );
  });

  it('includes the default process metrics', () => {
    const rss = sum(metrics, 'trendxl_process_resident_memory_bytes');
    const heap = sum(metrics, 'trendxl_nodejs_heap_size_total_bytes');
    expect(Math.max(rss, heap)).toBeGreaterThan(1024 * 1024);
  });

  it('never shows a credential', () => {
    expect(scrape.text).not.toContain(ensemble.token);
    expect(scrape.text).not.toContain(OPENAI_KEY);
  });
});
