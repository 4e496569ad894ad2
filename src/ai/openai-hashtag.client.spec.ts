import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  FAKE_DEFAULT_HASHTAGS,
  fakeReply,
  startFakeOpenAi,
  type FakeOpenAi,
} from '../../test/fakes/fake-openai.server';
import type { OpenAiConfig } from '../config/configuration';
import { AiUpstreamError } from './ai-upstream.error';
import { HASHTAG_ANSWER_FORMAT, type ChatMessage } from './hashtag-prompt';
import { UpstreamCallRecorder } from '../common/upstream/upstream-call.recorder';
import { OpenAiHashtagClient } from './openai-hashtag.client';
import { testLlmPolicy } from './llm-call.policy.spec-helper';
import { captureLogs } from './log-capture.spec-helper';

const API_KEY = 'sk-test-CLIENT-fedcba9876543210-NEVER-LEAK-ME';
const messages: ChatMessage[] = [
  { role: 'system', content: 'rules' },
  { role: 'user', content: 'data' },
];

async function failureOf(promise: Promise<unknown>): Promise<AiUpstreamError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AiUpstreamError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** A port that was just free: connecting to it is refused. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}

describe('OpenAiHashtagClient', () => {
  let fake: FakeOpenAi;
  let logs: ReturnType<typeof captureLogs>;
  let recorder = new UpstreamCallRecorder();
  const client = (overrides: Partial<OpenAiConfig> = {}): OpenAiHashtagClient => {
    recorder = new UpstreamCallRecorder();
    return new OpenAiHashtagClient(
      {
        apiKey: API_KEY,
        baseUrl: fake.url,
        model: 'gpt-test-mini',
        timeoutMs: 5_000,
        maxRetries: 2,
        mode: 'openai',
        ...overrides,
      },
      recorder,
      testLlmPolicy(),
    );
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
  afterEach(() => {
    expect(logs.lines.join('\n')).not.toContain(API_KEY);
    logs.restore();
  });

  it('returns the content, the reported model and the token count', async () => {
    fake.enqueue(fakeReply.answer(FAKE_DEFAULT_HASHTAGS, { tokens: 42, model: 'served-model' }));
    const completion = await client().suggest(messages, HASHTAG_ANSWER_FORMAT);
    expect(completion).toEqual({
      content: JSON.stringify({
        hashtags: FAKE_DEFAULT_HASHTAGS.map((h) => ({
          hashtag: h,
          reason: `fake reason for ${h}`,
        })),
      }),
      model: 'served-model',
      tokens: 42,
    });
    expect(fake.requests[0].body.messages).toEqual(messages);
  });

  it('returns empty content when the model sends none', async () => {
    fake.enqueue({ kind: 'content', content: null });
    expect((await client().suggest(messages, HASHTAG_ANSWER_FORMAT)).content).toBe('');
  });

  it.each([
    [400, 'bad_request'],
    [404, 'bad_request'],
    [401, 'auth'],
    [403, 'auth'],
  ] as const)('maps HTTP %i to %s without retrying', async (status, reason) => {
    fake.enqueue({ kind: 'status', status, echoKey: true });
    const error = await failureOf(client().suggest(messages, HASHTAG_ANSWER_FORMAT));
    expect(error.reason).toBe(reason);
    expect(error.status).toBe(status);
    expect(error.message).toBe(`LLM request failed: ${reason} (HTTP ${status})`);
    expect(JSON.stringify(error)).not.toContain(API_KEY);
    expect(fake.requests).toHaveLength(1);
  });

  it('retries 5xx and 408 responses', async () => {
    fake.enqueue(
      fakeReply.serverError(503, { 'retry-after-ms': '5' }),
      { kind: 'status', status: 408, headers: { 'retry-after': '0' } },
      fakeReply.answer(FAKE_DEFAULT_HASHTAGS),
    );
    const c = client();
    await c.suggest(messages, HASHTAG_ANSWER_FORMAT);
    expect(fake.requests).toHaveLength(3);
    expect(recorder.lastCall('openai')).toEqual(
      expect.objectContaining({ outcome: 'ok', healthy: true, attempts: 3 }),
    );
  });

  it('maps a refused connection to network, after retrying', async () => {
    const c = client({ baseUrl: await closedPortUrl(), maxRetries: 1 });
    const error = await failureOf(c.suggest(messages, HASHTAG_ANSWER_FORMAT));
    expect(error.reason).toBe('network');
    expect(recorder.lastCall('openai')).toEqual(
      expect.objectContaining({ outcome: 'network', healthy: false, attempts: 2 }),
    );
  });

  it('maps a hang to timeout', async () => {
    fake.setDefault(fakeReply.hang());
    const error = await failureOf(
      client({ timeoutMs: 200, maxRetries: 0 }).suggest(messages, HASHTAG_ANSWER_FORMAT),
    );
    expect(error.reason).toBe('timeout');
    expect(error.message).toBe('LLM request failed: timeout');
  });

  it('refuses to call without a key', async () => {
    const c = client({ apiKey: undefined, mode: 'local' });
    expect(c.configured).toBe(false);
    expect((await failureOf(c.suggest(messages, HASHTAG_ANSWER_FORMAT))).reason).toBe('auth');
    expect(fake.requests).toHaveLength(0);
  });

  it('reports each call to the recorder, which keeps the last outcome', async () => {
    const c = client();
    const statuses: string[] = [];
    recorder.subscribe((e) => statuses.push(`${e.outcome}:${e.tokens}:${e.attempts}`));
    expect(recorder.lastCall('openai')).toBeNull();
    fake.enqueue(
      fakeReply.answer(FAKE_DEFAULT_HASHTAGS, { tokens: 9 }),
      fakeReply.rateLimited(300),
    );
    await c.suggest(messages, HASHTAG_ANSWER_FORMAT);
    await failureOf(c.suggest(messages, HASHTAG_ANSWER_FORMAT));
    expect(statuses).toEqual(['ok:9:1', 'rate_limited:0:1']);
    expect(recorder.lastCall('openai')).toMatchObject({
      outcome: 'rate_limited',
      status: 429,
      healthy: false,
    });
  });
});
