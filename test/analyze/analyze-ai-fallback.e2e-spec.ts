import { isGenericHashtag } from '../../src/ai/generic-hashtags';
import type { AnalyzeResponseDto } from '../../src/trends/dto/analyze.response.dto';
import { fakeReply, type FakeOpenAiReply } from '../fakes/fake-openai.server';
import { CREATOR } from '../support/analyze/analyze-corpus';
import {
  expectOk,
  expectRankedTrendInvariants,
  postAnalyze,
  useLiveSuite,
} from '../support/analyze/analyze-testing';

const LOCAL_MODEL = 'local-extractor';

function expectLocalPick(body: AnalyzeResponseDto): void {
  expect(body.meta.ai_source).toBe('local');
  expect(body.meta.ai_model).toBe(LOCAL_MODEL);
  expect(body.hashtags).toHaveLength(5);
  expect(new Set(body.hashtags).size).toBe(5);
  for (const tag of body.hashtags) {
    expect(tag).toMatch(/^[a-z0-9_]+$/);
    expect(isGenericHashtag(tag)).toBe(false);
  }
  expect(body.hashtag_insights.map((i) => i.hashtag)).toEqual(body.hashtags);
  // The local pick comes from the creator's own captions, so its searches find the niche.
  expect(body.trends.length).toBeGreaterThan(0);
  expectRankedTrendInvariants(body, CREATOR.uniqueId);
  // A bad LLM answer is not a partial result: every search ran.
  expect(body.meta.partial).toBe(false);
  expect(body.meta.upstream_calls).toBeGreaterThanOrEqual(2 + 5);
}

describe('POST /api/v1/analyze — LLM failures fall back to the local extractor', () => {
  const suite = useLiveSuite();

  it.each<[string, FakeOpenAiReply, string, number, number]>([
    // name, reply (every attempt), warning category, LLM requests, tokens counted
    ['invalid JSON', fakeReply.invalidJson(), 'invalid_answer', 1, 120],
    ['four hashtags instead of five', fakeReply.wrongCount(4), 'invalid_answer', 1, 120],
    ['HTTP 500 on every attempt', fakeReply.serverError(500), 'http_5xx', 2, 0],
    ['no answer before the timeout', fakeReply.hang(), 'timeout', 1, 0],
  ])(
    '%s -> 200, ai_source local, with a warning',
    async (_name, reply, category, calls, tokens) => {
      suite.world.openai.setDefault(reply);

      const body = expectOk(await postAnalyze(suite.url, { profile_url: CREATOR.uniqueId }));

      expectLocalPick(body);
      expect(body.meta.warnings).toEqual([
        `AI hashtag selection failed (${category}); used the local extractor`,
      ]);
      expect(body.meta.llm_tokens).toBe(tokens);
      expect(suite.world.openai.requests).toHaveLength(calls);
    },
  );

  it('without an OpenAI key picks locally, calls no LLM and warns about nothing', async () => {
    const url = await suite.boot({ OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined });

    const body = expectOk(await postAnalyze(url, { profile_url: CREATOR.uniqueId }));

    expectLocalPick(body);
    expect(body.meta.warnings).toEqual([]);
    expect(body.meta.llm_tokens).toBe(0);
    expect(body.meta.data_source).toBe('live');
    expect(suite.world.openai.requests).toHaveLength(0);
  });
});
