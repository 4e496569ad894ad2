import { Test } from '@nestjs/testing';
import {
  FAKE_DEFAULT_HASHTAGS,
  fakeReply,
  startFakeOpenAi,
  type FakeOpenAi,
} from '../../test/fakes/fake-openai.server';
import { RequestContext, RequestStats } from '../common/context/request-context';
import { ConfigurationModule } from '../config/configuration.module';
import { openaiConfig, type OpenAiConfig } from '../config/configuration';
import { AiModule } from './ai.module';
import { AiService } from './ai.service';
import type { HashtagPick } from './hashtag-pick';
import { HASHTAG_ANSWER_FORMAT } from './hashtag-prompt';
import { extractLocalHashtags } from './local-hashtag-extractor';
import { OpenAiHashtagClient } from './openai-hashtag.client';
import { testLlmPolicy } from './llm-call.policy.spec-helper';
import {
  UpstreamCallModule,
  UpstreamCallRecorder,
} from '../common/upstream/upstream-call.recorder';
import type { UpstreamCallEvent } from '../common/upstream/upstream-call.event';
import { makeInput, type PostSpec } from './ai-fixtures.spec-helper';
import { captureLogs } from './log-capture.spec-helper';

const API_KEY = 'sk-test-TRENDXL-0123456789abcdef-NEVER-LEAK-ME';

const posts: PostSpec[] = [
  {
    id: '7001',
    caption: 'Sunday vegan meal prep: 5 lunches under $20',
    hashtags: ['veganmealprep', 'mealprep', 'fyp'],
    ageDays: 2,
    stats: { views: 120_000, likes: 9_000, comments: 300, shares: 700 },
  },
  {
    id: '7002',
    caption: 'Crispy tofu three ways',
    hashtags: ['tofurecipes', 'vegan'],
    ageDays: 6,
  },
  {
    id: '7003',
    caption: 'Budget grocery haul for plant based eating',
    hashtags: ['budgetmeals', 'plantbased', 'foryou'],
    ageDays: 12,
  },
];
const BIO = 'Easy vegan meal prep 🌱 | Brooklyn | recipes below';
const input = makeInput(posts, BIO);
const localPick = extractLocalHashtags(input);

describe('AiService through the OpenAI SDK against a fake server', () => {
  let fake: FakeOpenAi;
  let logs: ReturnType<typeof captureLogs>;

  const config = (overrides: Partial<OpenAiConfig> = {}): OpenAiConfig => ({
    apiKey: API_KEY,
    baseUrl: fake.url,
    model: 'gpt-test-mini',
    timeoutMs: 5_000,
    maxRetries: 2,
    mode: 'openai',
    ...overrides,
  });
  const service = (overrides: Partial<OpenAiConfig> = {}): AiService => {
    const cfg = config(overrides);
    return new AiService(
      cfg,
      new OpenAiHashtagClient(cfg, new UpstreamCallRecorder(), testLlmPolicy()),
    );
  };

  /** The key must never surface in what the service returns or logs. */
  const expectNoKey = (pick: HashtagPick): void => {
    expect(JSON.stringify(pick)).not.toContain(API_KEY);
    expect(logs.lines.join('\n')).not.toContain(API_KEY);
    expect(logs.lines.join('\n')).not.toContain('NEVER-LEAK');
  };

  const expectLocalFallback = (pick: HashtagPick, reason: string): void => {
    expect(pick.source).toBe('local');
    expect(pick.model).toBe('local-extractor');
    expect(pick.hashtags).toEqual(localPick.hashtags);
    expect(pick.insights).toEqual(localPick.insights);
    expect(pick.warnings).toEqual([
      `AI hashtag selection failed (${reason}); used the local extractor`,
    ]);
    expect(logs.lines.some((l) => l.startsWith('warn') && l.includes(`(${reason}`))).toBe(true);
    expectNoKey(pick);
  };

  beforeAll(async () => {
    fake = await startFakeOpenAi();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fake.reset();
    logs = captureLogs();
  });
  afterEach(() => logs.restore());

  it('returns the model’s 5 hashtags, normalized, with reasons and evidence', async () => {
    fake.enqueue(
      fakeReply.answer(['#VeganMealPrep', 'mealprep', 'plantbased', 'budgetmeals', 'tofurecipes'], {
        reasons: ['top post by far'],
        tokens: 321,
        model: 'gpt-test-mini-2025',
      }),
    );
    const pick = await service().pickHashtags(input);

    expect(pick.source).toBe('openai');
    expect(pick.hashtags).toEqual([
      'veganmealprep',
      'mealprep',
      'plantbased',
      'budgetmeals',
      'tofurecipes',
    ]);
    expect(pick.insights[0]).toEqual({
      hashtag: 'veganmealprep',
      reason: 'top post by far',
      evidencePostIds: ['7001'],
    });
    expect(pick.insights[1].evidencePostIds).toEqual(['7001']);
    // Not a hashtag of 7003, but its caption says "plant based".
    expect(pick.insights[2].evidencePostIds).toEqual(['7003']);
    expect(pick.model).toBe('gpt-test-mini-2025');
    expect(pick.warnings).toEqual([]);
    expect(pick.llmTokens).toBe(321);
    expect(fake.requests).toHaveLength(1);
    expectNoKey(pick);
  });

  it('sends the key, the model and the strict json_schema answer format', async () => {
    await service().pickHashtags(input);
    const [request] = fake.requests;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request.body.model).toBe('gpt-test-mini');
    expect(request.body.response_format).toEqual({
      type: 'json_schema',
      json_schema: HASHTAG_ANSWER_FORMAT,
    });
  });

  it('puts the bio and every post caption and hashtag into the prompt', async () => {
    await service().pickHashtags(input);
    const messages = fake.requests[0].body.messages ?? [];
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    const user = messages[1].content;
    expect(user).toContain(JSON.stringify(BIO));
    for (const post of posts) {
      expect(user).toContain(JSON.stringify(post.caption));
      for (const tag of post.hashtags ?? []) expect(user).toContain(`#${tag}`);
    }
    expect(user).toContain('views 120,000');
    expect(messages[0].content).toContain('unless nothing else fits');
  });

  it('counts the tokens into the request context', async () => {
    fake.enqueue(fakeReply.answer(FAKE_DEFAULT_HASHTAGS, { tokens: 77 }));
    const stats = new RequestStats();
    const pick = await RequestContext.run(() => service().pickHashtags(input), stats);
    expect(pick.llmTokens).toBe(77);
    expect(stats.llmTokens).toBe(77);
    expect(stats.ensembleCalls).toBe(0);
  });

  it('falls back to the local extractor on a non-JSON answer, still counting the tokens', async () => {
    fake.enqueue(fakeReply.invalidJson());
    const pick = await service().pickHashtags(input);
    expectLocalFallback(pick, 'invalid_answer');
    expect(pick.llmTokens).toBe(120);
    expect(fake.requests).toHaveLength(1);
  });

  it('falls back on an answer with the wrong number of hashtags', async () => {
    fake.enqueue(fakeReply.wrongCount(4));
    const pick = await service().pickHashtags(input);
    expectLocalFallback(pick, 'invalid_answer');
    expect(logs.lines.join('\n')).toContain('expected 5 hashtags, got 4');
    expect(fake.requests).toHaveLength(1);
  });

  it('falls back on duplicate hashtags', async () => {
    fake.enqueue(fakeReply.answer(['vegan', 'Vegan', '#vegan', 'tofu', 'keto']));
    expectLocalFallback(await service().pickHashtags(input), 'invalid_answer');
  });

  it('retries a 429 and then uses the answer', async () => {
    fake.enqueue(fakeReply.rateLimited(0), fakeReply.answer(FAKE_DEFAULT_HASHTAGS));
    const pick = await service().pickHashtags(input);
    expect(pick.source).toBe('openai');
    expect(pick.hashtags).toEqual(FAKE_DEFAULT_HASHTAGS);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1].authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('does not wait for a Retry-After beyond the cap; falls back at once', async () => {
    fake.enqueue(fakeReply.rateLimited(120));
    const pick = await service().pickHashtags(input);
    expectLocalFallback(pick, 'rate_limited');
    expect(fake.requests).toHaveLength(1);
  });

  it('does not retry an exhausted quota', async () => {
    fake.enqueue(fakeReply.rateLimited(0, 'insufficient_quota'));
    expectLocalFallback(await service().pickHashtags(input), 'rate_limited');
    expect(fake.requests).toHaveLength(1);
  });

  it('falls back after maxRetries + 1 server errors', async () => {
    fake.setDefault(fakeReply.serverError(500, { 'retry-after-ms': '10' }));
    const pick = await service({ maxRetries: 2 }).pickHashtags(input);
    expectLocalFallback(pick, 'http_5xx');
    expect(fake.requests).toHaveLength(3);
  });

  it('falls back with a timeout warning when the server hangs, without retrying', async () => {
    fake.setDefault(fakeReply.hang());
    const pick = await service({ timeoutMs: 300, maxRetries: 1 }).pickHashtags(input);
    expectLocalFallback(pick, 'timeout');
    expect(pick.llmTokens).toBe(0);
    expect(fake.requests).toHaveLength(1);
  });

  it('never leaks the key, even when the server echoes it in an error body', async () => {
    fake.enqueue(fakeReply.unauthorized(true));
    const pick = await service().pickHashtags(input);
    expectLocalFallback(pick, 'auth');
    expect(fake.requests).toHaveLength(1);
  });

  it('uses the local extractor silently without a key', async () => {
    const cfg = config({ apiKey: undefined, mode: 'local' });
    const recorder = new UpstreamCallRecorder();
    const ai = new AiService(cfg, new OpenAiHashtagClient(cfg, recorder, testLlmPolicy()));
    const pick = await ai.pickHashtags(input);
    expect(pick).toEqual({
      ...localPick,
      source: 'local',
      model: 'local-extractor',
      warnings: [],
      llmTokens: 0,
    });
    expect(ai.mode).toBe('local');
    expect(ai.model).toBe('local-extractor');
    expect(recorder.lastCall('openai')).toBeNull();
    expect(fake.requests).toHaveLength(0);
  });

  it('reports mode, model and every LLM call to the recorder', async () => {
    const cfg = config();
    const recorder = new UpstreamCallRecorder();
    const ai = new AiService(cfg, new OpenAiHashtagClient(cfg, recorder, testLlmPolicy()));
    const events: UpstreamCallEvent[] = [];
    recorder.subscribe((e) => events.push(e));
    expect(ai.mode).toBe('openai');
    expect(ai.model).toBe('gpt-test-mini');

    fake.enqueue(fakeReply.rateLimited(0), fakeReply.answer(FAKE_DEFAULT_HASHTAGS, { tokens: 50 }));
    await ai.pickHashtags(input);
    fake.enqueue(fakeReply.unauthorized(false));
    await ai.pickHashtags(input);

    expect(events.map(({ outcome, tokens, attempts }) => ({ outcome, tokens, attempts }))).toEqual([
      { outcome: 'ok', tokens: 50, attempts: 2 },
      { outcome: 'auth', tokens: 0, attempts: 1 },
    ]);
    expect(recorder.lastCall('openai')).toEqual(
      expect.objectContaining({ outcome: 'auth', attempts: 1 }),
    );
  });

  it('is wired by AiModule from the openai config namespace', async () => {
    // The whole configuration (the LLM's breaker and the usage counts read theirs), with the
    // openai namespace pointed at the fake.
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigurationModule, UpstreamCallModule, AiModule],
    })
      .overrideProvider(openaiConfig.KEY)
      .useValue(config())
      .compile();
    try {
      const ai = moduleRef.get(AiService);
      expect(ai.mode).toBe('openai');
      expect((await ai.pickHashtags(input)).source).toBe('openai');
      expect(fake.requests).toHaveLength(1);
    } finally {
      await moduleRef.close();
    }
  });
});
