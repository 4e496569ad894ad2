import { fakeReply } from '../fakes/fake-openai.server';
import {
  CREATOR,
  DIRECT_PICKS,
  FILTER_PICKS,
  FILTER_PICKS_DROPPED,
  FILTER_PICKS_KEPT,
} from '../support/analyze/analyze-corpus';
import {
  OPENAI_KEY,
  expectOk,
  expectRankedTrendInvariants,
  postAnalyze,
  promptText,
  useLiveSuite,
} from '../support/analyze/analyze-testing';
import type { ErrorEnvelopeDto } from '../../src/common/errors/error-envelope.dto';

const PINNED_POST = '7400000000000000001';
const LATEST_CAPTION = '15-minute garlic butter pasta';
const PINNED_CAPTION = 'My most famous pasta';

describe('POST /api/v1/analyze — live mode against fake Ensemble and fake OpenAI', () => {
  const suite = useLiveSuite();

  it('uses exactly the hashtags the LLM chose, prompting it with the bio and latest captions', async () => {
    const reasons = FILTER_PICKS.map((tag) => `because of #${tag} in the posts`);
    suite.world.openai.enqueue(fakeReply.answer([...FILTER_PICKS], { reasons, tokens: 321 }));

    const body = expectOk(
      await postAnalyze(suite.url, { profile_url: `https://www.tiktok.com/@${CREATOR.uniqueId}` }),
    );

    expect(body.hashtags).toEqual([...FILTER_PICKS]);
    expect(body.hashtag_insights.map((i) => [i.hashtag, i.reason])).toEqual(
      FILTER_PICKS.map((tag, i) => [tag, reasons[i]]),
    );
    expect(body.meta).toMatchObject({
      ai_source: 'openai',
      ai_model: 'gpt-4o-mini',
      data_source: 'live',
      cache: 'MISS',
      llm_tokens: 321,
      warnings: [],
      partial: false,
    });
    expect(body.profile).toMatchObject({ username: CREATOR.uniqueId, bio: CREATOR.signature });

    // The latest posts, pinned excluded; the insights cite only those posts.
    const postIds = body.posts.map((p) => p.id);
    expect(postIds).toHaveLength(11);
    expect(postIds).not.toContain(PINNED_POST);
    const pasta = body.hashtag_insights.find((i) => i.hashtag === 'pasta');
    expect(pasta?.evidence_posts).toContain('7400000000000000002');
    for (const insight of body.hashtag_insights) {
      for (const id of insight.evidence_posts) expect(postIds).toContain(id);
    }

    const { openai } = suite.world;
    expect(openai.requests).toHaveLength(1);
    expect(openai.requests[0].authorization).toBe(`Bearer ${OPENAI_KEY}`);
    const prompt = promptText(openai);
    expect(prompt).toContain(CREATOR.signature);
    expect(prompt).toContain(LATEST_CAPTION);
    expect(prompt).toContain('Sunday meal prep');
    expect(prompt).not.toContain(PINNED_CAPTION);
  });

  it('searches every pick for the most-liked videos of 7 days, falling back to the hashtag feed when empty', async () => {
    suite.world.openai.enqueue(fakeReply.answer([...FILTER_PICKS]));

    const body = expectOk(await postAnalyze(suite.url, { profile_url: CREATOR.uniqueId }));

    const { fake } = suite.world;
    const searches = fake.callsTo('/tt/keyword/search');
    expect(searches.map((c) => c.params.name).sort()).toEqual([...FILTER_PICKS].sort());
    for (const call of searches) {
      expect(call.params).toMatchObject({ period: '7', sorting: '1', token: fake.token });
      expect(call.params).not.toHaveProperty('country');
    }
    // Only `smoker` found nothing in the last 7 days (its one video is 8 days old).
    expect(fake.callsTo('/tt/hashtag/posts').map((c) => c.params.name)).toEqual(['smoker']);
    expect(fake.callsTo('/tt/user/info').map((c) => c.params.username)).toEqual([CREATOR.uniqueId]);
    expect(fake.callsTo('/tt/user/posts').map((c) => c.params.username)).toEqual([
      CREATOR.uniqueId,
    ]);
    // Profile, posts, one search per pick, one fallback.
    expect(body.meta.upstream_calls).toBe(2 + FILTER_PICKS.length + 1);
    expect(fake.calls).toHaveLength(body.meta.upstream_calls);
  });

  it('forwards the country to every search', async () => {
    suite.world.openai.enqueue(fakeReply.answer([...DIRECT_PICKS]));

    expectOk(await postAnalyze(suite.url, { profile_url: CREATOR.uniqueId, country: 'gb' }));

    const searches = suite.world.fake.callsTo('/tt/keyword/search');
    expect(searches).toHaveLength(DIRECT_PICKS.length);
    for (const call of searches) expect(call.params.country).toBe('GB');
  });

  it('drops own videos, ads, old and low-view videos, merges duplicates, caps authors and counts it all', async () => {
    suite.world.openai.enqueue(fakeReply.answer([...FILTER_PICKS]));

    const body = expectOk(await postAnalyze(suite.url, { profile_url: CREATOR.uniqueId }));

    expect(body.meta.dropped).toEqual(FILTER_PICKS_DROPPED);
    expect(body.trends).toHaveLength(FILTER_PICKS_KEPT);
    expectRankedTrendInvariants(body, CREATOR.uniqueId);

    const ids = body.trends.map((t) => t.id);
    const ownIds = body.posts.map((p) => p.id);
    for (const id of ownIds) expect(ids).not.toContain(id);
    expect(ids).not.toContain('7400000000000000401'); // the ad, 2.4M views
    expect(ids).not.toContain('7400000000000000102'); // 8 days old
    expect(ids).not.toContain('7400000000000000301'); // 640 views
    expect(ids).not.toContain('7400000000000000701'); // exactly 1000 views
    expect(ids).toContain('7400000000000000702'); // 1001 views

    // Found under three picks, listed once with all three.
    const carbonara = body.trends.find((t) => t.id === '7400000000000000201');
    expect(carbonara?.matched_hashtags).toEqual(['pasta', 'recipe', 'vegan']);
    expect(carbonara?.author).toMatchObject({ username: 'veganvibes', is_verified: false });

    // Three eligible pastalab videos, the best two kept.
    const pastalab = body.trends.filter((t) => t.author.username === 'pastalab');
    expect(pastalab).toHaveLength(2);
    expect(pastalab.map((t) => t.id)).not.toContain('7400000000000000603');

    const top = body.trends[0];
    expect(top.trend_score).toBeGreaterThan(0);
    expect(top.score_breakdown.weights).toBeDefined();
    expect(top.tiktok_url).toContain(top.id);
    expect(body.analysis_summary).toContain(`@${CREATOR.uniqueId}`);
  });

  it('meters the request: 2 + one call per pick, and the units the fake charged', async () => {
    suite.world.openai.enqueue(fakeReply.answer([...DIRECT_PICKS]));

    const body = expectOk(await postAnalyze(suite.url, { profile_url: CREATOR.uniqueId }));

    const { proxy, fake } = suite.world;
    expect(body.meta.upstream_calls).toBe(2 + DIRECT_PICKS.length);
    expect(fake.calls).toHaveLength(2 + DIRECT_PICKS.length);
    expect(fake.callsTo('/tt/hashtag/posts')).toHaveLength(0);
    const charged = proxy.exchanges.reduce((sum, e) => sum + e.units, 0);
    expect(charged).toBeGreaterThan(proxy.exchanges.length); // user/posts costs 1 + depth
    expect(body.meta.units_charged).toBe(charged);
  });

  it('answers an identical request from the cache without calling Ensemble or the LLM', async () => {
    suite.world.openai.enqueue(fakeReply.answer([...FILTER_PICKS]));
    const first = expectOk(await postAnalyze(suite.url, { profile_url: CREATOR.uniqueId }));
    const { fake, openai } = suite.world;
    const ensembleCalls = fake.calls.length;
    const llmCalls = openai.requests.length;

    const second = await postAnalyze(suite.url, { profile_url: `@${CREATOR.uniqueId}` });
    const body = expectOk(second);

    expect(first.meta.cache).toBe('MISS');
    expect(body.meta).toMatchObject({
      cache: 'HIT',
      upstream_calls: 0,
      units_charged: 0,
      llm_tokens: 0,
      generated_at: first.meta.generated_at,
    });
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(body.trends).toEqual(first.trends);
    expect(body.hashtags).toEqual(first.hashtags);
    expect(fake.calls).toHaveLength(ensembleCalls);
    expect(openai.requests).toHaveLength(llmCalls);
  });

  it('cuts the same ranking at `limit`, reusing the cached TikTok data', async () => {
    suite.world.openai.enqueue(
      fakeReply.answer([...FILTER_PICKS]),
      fakeReply.answer([...FILTER_PICKS]),
    );
    const full = expectOk(await postAnalyze(suite.url, { profile_url: CREATOR.uniqueId }));
    const calls = suite.world.fake.calls.length;

    const top2 = expectOk(
      await postAnalyze(suite.url, { profile_url: CREATOR.uniqueId, limit: 2 }),
    );

    expect(top2.trends.map((t) => t.id)).toEqual(full.trends.slice(0, 2).map((t) => t.id));
    expect(top2.meta.upstream_calls).toBe(0);
    expect(suite.world.fake.calls).toHaveLength(calls);
  });

  it('reports cache MISS for an analysis computed afresh over cached TikTok data', async () => {
    // The first request caches the profile and posts; the second misses the analysis entry
    // (country is part of its key), so the LLM is asked again and the answer is computed.
    suite.world.openai.enqueue(
      fakeReply.answer([...FILTER_PICKS]),
      fakeReply.answer([...FILTER_PICKS]),
    );
    expectOk(await postAnalyze(suite.url, { profile_url: CREATOR.uniqueId }));

    const res = await postAnalyze(suite.url, { profile_url: CREATOR.uniqueId, country: 'US' });
    const body = expectOk(res);

    expect(suite.world.openai.requests).toHaveLength(2);
    expect(body.meta.llm_tokens).toBeGreaterThan(0);
    expect(body.meta.cache).toBe('MISS');
    expect(res.headers.get('x-cache')).toBe('MISS');
  });

  it('serves another limit from the same cached analysis', async () => {
    suite.world.openai.enqueue(fakeReply.answer([...FILTER_PICKS]));
    const full = expectOk(await postAnalyze(suite.url, { profile_url: CREATOR.uniqueId }));
    const calls = suite.world.fake.calls.length;

    const res = await postAnalyze(suite.url, { profile_url: CREATOR.uniqueId, limit: 2 });
    const body = expectOk(res);

    expect(body.meta.cache).toBe('HIT');
    expect(res.headers.get('x-cache')).toBe('HIT');
    expect(suite.world.openai.requests).toHaveLength(1);
    expect(suite.world.fake.calls).toHaveLength(calls);
    expect(body.trends.map((t) => t.id)).toEqual(full.trends.slice(0, 2).map((t) => t.id));
  });

  it.each([
    ['limit 0', { limit: 0 }],
    ['limit 51', { limit: 51 }],
    ['a non-numeric limit', { limit: 'many' }],
    ['a three-letter country', { country: 'USA' }],
    ['a non-TikTok profile URL', { profile_url: 'https://example.com/@chefmaya' }],
  ])('rejects %s with a 400 envelope before calling anyone', async (_name, patch) => {
    const res = await postAnalyze<ErrorEnvelopeDto>(suite.url, {
      profile_url: CREATOR.uniqueId,
      ...patch,
    });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_ERROR');
    expect(typeof res.body.error).toBe('string');
    expect(suite.world.fake.calls).toHaveLength(0);
    expect(suite.world.openai.requests).toHaveLength(0);
  });
});
