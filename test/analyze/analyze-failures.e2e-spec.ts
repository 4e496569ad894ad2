import { rawErrorBody } from '../fakes/ensemble-fixtures';
import { fakeReply } from '../fakes/fake-openai.server';
import { CREATOR, DIRECT_PICKS } from '../support/analyze/analyze-corpus';
import {
  expectOk,
  expectRankedTrendInvariants,
  postAnalyze,
  useLiveSuite,
  type AnalyzeResult,
} from '../support/analyze/analyze-testing';
import type { ErrorEnvelopeDto } from '../../src/common/errors/error-envelope.dto';

const SEARCH = '/tt/keyword/search';

/** `{error, code, details?}` and nothing else. */
function expectEnvelope(res: AnalyzeResult<ErrorEnvelopeDto>, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.body.code).toBe(code);
  expect(typeof res.body.error).toBe('string');
  expect(res.body.error.length).toBeGreaterThan(0);
  for (const key of Object.keys(res.body)) expect(['error', 'code', 'details']).toContain(key);
}

describe('POST /api/v1/analyze — upstream failures', () => {
  const suite = useLiveSuite();

  beforeEach(() => {
    suite.world.openai.enqueue(fakeReply.answer([...DIRECT_PICKS]));
  });

  it('one failing hashtag search -> 200 partial, with a warning naming it', async () => {
    const { proxy, fake } = suite.world;
    proxy.intercept = ({ path, params }) =>
      path === SEARCH && params.name === 'vegan'
        ? { status: 500, body: rawErrorBody('Internal error') }
        : undefined;

    const body = expectOk(await postAnalyze(suite.url, { profile_url: CREATOR.uniqueId }));

    expect(body.meta.partial).toBe(true);
    expect(body.meta.warnings).toEqual([
      'Search for #vegan failed (UPSTREAM_UNAVAILABLE); results exclude it',
    ]);
    expect(body.hashtags).toEqual([...DIRECT_PICKS]);
    expect(body.trends.length).toBeGreaterThan(0);
    for (const trend of body.trends) expect(trend.matched_hashtags).not.toContain('vegan');
    expectRankedTrendInvariants(body, CREATOR.uniqueId);

    // ENSEMBLE_MAX_RETRIES=1: the failing search was tried twice, and both attempts are metered.
    const vegan = proxy.to(SEARCH).filter((e) => e.params.name === 'vegan');
    expect(vegan.map((e) => e.status)).toEqual([500, 500]);
    expect(fake.callsTo(SEARCH).map((c) => c.params.name)).not.toContain('vegan');
    expect(body.meta.upstream_calls).toBe(proxy.exchanges.length);
    expect(body.meta.upstream_calls).toBe(2 + DIRECT_PICKS.length + 1);
  });

  it('a partial analysis is cached for CACHE_PARTIAL_TTL only, then retried; a complete one for its TTL', async () => {
    const { proxy, openai } = suite.world;
    const url = await suite.boot({ CACHE_PARTIAL_TTL: '1' });
    proxy.intercept = ({ path, params }) =>
      path === SEARCH && params.name === 'vegan'
        ? { status: 500, body: rawErrorBody('Internal error') }
        : undefined;

    const first = await postAnalyze(url, { profile_url: CREATOR.uniqueId });
    expect(expectOk(first).meta.partial).toBe(true);
    expect(first.headers.get('x-cache')).toBe('MISS');
    const again = await postAnalyze(url, { profile_url: CREATOR.uniqueId });
    expect(again.headers.get('x-cache')).toBe('HIT');
    expect(expectOk(again).meta.partial).toBe(true);

    // The failing search recovers; once the partial entry expires, the analysis runs again.
    proxy.intercept = () => undefined;
    openai.enqueue(fakeReply.answer([...DIRECT_PICKS]));
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const retried = await postAnalyze(url, { profile_url: CREATOR.uniqueId });
    expect(retried.headers.get('x-cache')).toBe('MISS');
    const complete = expectOk(retried);
    expect(complete.meta.partial).toBe(false);
    expect(complete.trends.some((t) => t.matched_hashtags.includes('vegan'))).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const kept = await postAnalyze(url, { profile_url: CREATOR.uniqueId });
    expect(kept.headers.get('x-cache')).toBe('HIT');
    expect(expectOk(kept).meta.partial).toBe(false);
  });

  it('every hashtag search failing -> 502 UPSTREAM_UNAVAILABLE', async () => {
    suite.world.fake.setRoute(SEARCH, () => ({ status: 500, body: rawErrorBody('Server error') }));

    const res = await postAnalyze<ErrorEnvelopeDto>(suite.url, { profile_url: CREATOR.uniqueId });

    expectEnvelope(res, 502, 'UPSTREAM_UNAVAILABLE');
    expect(res.body.details).toEqual({ failed: DIRECT_PICKS.length });
    expect(suite.world.fake.callsTo(SEARCH)).toHaveLength(DIRECT_PICKS.length * 2);
  });

  it('an unknown profile -> 404 NOT_FOUND, without asking the LLM', async () => {
    const res = await postAnalyze<ErrorEnvelopeDto>(suite.url, { profile_url: 'nobody_here_123' });

    expectEnvelope(res, 404, 'NOT_FOUND');
    expect(suite.world.openai.requests).toHaveLength(0);
    expect(suite.world.fake.callsTo(SEARCH)).toHaveLength(0);
  });

  it('a private profile -> 403 PROFILE_PRIVATE, without asking the LLM', async () => {
    const res = await postAnalyze<ErrorEnvelopeDto>(suite.url, { profile_url: 'secretcook' });

    expectEnvelope(res, 403, 'PROFILE_PRIVATE');
    expect(suite.world.openai.requests).toHaveLength(0);
    expect(suite.world.fake.callsTo(SEARCH)).toHaveLength(0);
  });

  it('Ensemble quota used up (495) -> 503 UPSTREAM_QUOTA_EXCEEDED, not retried', async () => {
    const quota = { status: 495, body: rawErrorBody('Daily units limit exceeded'), units: 0 };
    suite.world.fake.enqueue('/tt/user/info', quota);
    suite.world.fake.enqueue('/tt/user/posts', quota);

    const res = await postAnalyze<ErrorEnvelopeDto>(suite.url, { profile_url: CREATOR.uniqueId });

    expectEnvelope(res, 503, 'UPSTREAM_QUOTA_EXCEEDED');
    expect(suite.world.fake.callsTo('/tt/user/info')).toHaveLength(1);
    expect(suite.world.openai.requests).toHaveLength(0);
  });

  it('quota used up during the searches (495 on all) -> 503, not a 502', async () => {
    suite.world.fake.setRoute(SEARCH, () => ({
      status: 495,
      body: rawErrorBody('Daily units limit exceeded'),
      units: 0,
    }));

    const res = await postAnalyze<ErrorEnvelopeDto>(suite.url, { profile_url: CREATOR.uniqueId });

    expectEnvelope(res, 503, 'UPSTREAM_QUOTA_EXCEEDED');
    expect(suite.world.fake.callsTo(SEARCH)).toHaveLength(DIRECT_PICKS.length);
  });

  it('a token Ensemble rejects (491) -> 503 UPSTREAM_AUTH', async () => {
    const url = await suite.boot({ ENSEMBLE_API_TOKEN: 'not-the-fake-token-0000' });

    const res = await postAnalyze<ErrorEnvelopeDto>(url, { profile_url: CREATOR.uniqueId });

    expectEnvelope(res, 503, 'UPSTREAM_AUTH');
    expect(res.text).not.toContain('not-the-fake-token-0000');
  });

  it('a failure is not cached: the next request succeeds once Ensemble recovers', async () => {
    suite.world.fake.enqueue('/tt/user/info', { status: 495, body: rawErrorBody('quota') });
    const failed = await postAnalyze<ErrorEnvelopeDto>(suite.url, {
      profile_url: CREATOR.uniqueId,
    });
    expect(failed.status).toBe(503);

    const body = expectOk(await postAnalyze(suite.url, { profile_url: CREATOR.uniqueId }));

    expect(body.trends.length).toBeGreaterThan(0);
    expect(body.meta.upstream_calls).toBeGreaterThan(0);
    expect(suite.world.openai.requests).toHaveLength(1);
  });
});
