import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AnalyzeResponseDto } from '../../../src/trends/dto/analyze.response.dto';
import { startFakeEnsemble, type FakeEnsemble } from '../../fakes/fake-ensemble.server';
import { startFakeOpenAi, type FakeOpenAi } from '../../fakes/fake-openai.server';
import { createTestApp } from '../test-app';
import { analyzeCorpus } from './analyze-corpus';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy';

/** Distinctive so that any leak is unambiguous. */
export const OPENAI_KEY = 'sk-test-analyze-e2e-c0ffee5ecret-7f3a9b21d4';

export const WINDOW_HOURS = 7 * 24;
export const MIN_VIEWS = 1000;
export const MAX_PER_AUTHOR = 2;

export interface AnalyzeResult<T> {
  status: number;
  headers: Headers;
  /** The raw body, for leak checks. */
  text: string;
  body: T;
}

export async function postAnalyze<T = AnalyzeResponseDto>(
  baseUrl: string,
  payload: Record<string, unknown>,
): Promise<AnalyzeResult<T>> {
  const res = await fetch(`${baseUrl}/api/v1/analyze`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) as T };
}

/** Fails with the body in the message, which says far more than "expected 200, got 502". */
export function expectOk(res: AnalyzeResult<unknown>): AnalyzeResponseDto {
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${res.text}`);
  return res.body as AnalyzeResponseDto;
}

/**
 * The fake Ensemble (behind a recording proxy, which sees units and can fail chosen calls) and
 * the fake OpenAI server, shared by a suite; apps are booted per test against them.
 */
export interface LiveWorld {
  fake: FakeEnsemble;
  proxy: RecordingProxy;
  openai: FakeOpenAi;
  /** The live-mode environment of the brief, pointed at the fakes. */
  env(overrides?: Record<string, string | undefined>): Record<string, string | undefined>;
  reset(): void;
  close(): Promise<void>;
}

export async function startLiveWorld(): Promise<LiveWorld> {
  const fake = await startFakeEnsemble({ corpus: analyzeCorpus() });
  const proxy = await startRecordingProxy(fake.url);
  const openai = await startFakeOpenAi();
  return {
    fake,
    proxy,
    openai,
    env: (overrides = {}) => ({
      ENSEMBLE_API_TOKEN: fake.token,
      ENSEMBLE_BASE_URL: proxy.url,
      OPENAI_API_KEY: OPENAI_KEY,
      OPENAI_BASE_URL: openai.url,
      ENSEMBLE_RETRY_BASE_MS: '20',
      ENSEMBLE_MAX_RETRIES: '1',
      OPENAI_TIMEOUT_MS: '500',
      OPENAI_MAX_RETRIES: '1',
      MAX_REQUESTS_PER_MINUTE: '100000',
      ANALYZE_REQUESTS_PER_MINUTE: '100000',
      ...overrides,
    }),
    reset: () => {
      fake.reset();
      proxy.reset();
      openai.reset();
    },
    close: async () => {
      await Promise.all([proxy.close(), fake.close(), openai.close()]);
    },
  };
}

export interface LiveSuite {
  readonly world: LiveWorld;
  /** The app booted for the current test. */
  readonly url: string;
  /** Boots another app (closed after the test), e.g. with different variables. */
  boot(overrides?: Record<string, string | undefined>): Promise<string>;
}

/**
 * Registers the hooks of a live suite: one world for the file, a fresh app (so a fresh in-memory
 * cache) and fresh fakes for every test.
 */
export function useLiveSuite(overrides: Record<string, string | undefined> = {}): LiveSuite {
  let world: LiveWorld | undefined;
  let url: string | undefined;
  const apps: NestExpressApplication[] = [];

  const suite: LiveSuite = {
    get world(): LiveWorld {
      if (!world) throw new Error('live world not started');
      return world;
    },
    get url(): string {
      if (!url) throw new Error('app not booted');
      return url;
    },
    boot: async (extra = {}) => {
      const booted = await createTestApp(suite.world.env({ ...overrides, ...extra }));
      apps.push(booted.app);
      return booted.url;
    },
  };

  beforeAll(async () => {
    world = await startLiveWorld();
  });
  afterAll(async () => {
    await world?.close();
  });
  beforeEach(async () => {
    world?.reset();
    url = await suite.boot();
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
    url = undefined;
  });
  return suite;
}

/**
 * What every ranked list must satisfy whatever the data: the 7-day window, strictly more than
 * 1000 views, none of the creator's own videos, unique ids, at most 2 per author, every matched
 * hashtag one of the picks, and descending trend scores.
 */
export function expectRankedTrendInvariants(body: AnalyzeResponseDto, creator: string): void {
  const generatedAt = Date.parse(body.meta.generated_at);
  const perAuthor = new Map<string, number>();
  for (const trend of body.trends) {
    expect(trend.views).toBeGreaterThan(MIN_VIEWS);
    expect(trend.age_hours).toBeLessThanOrEqual(WINDOW_HOURS);
    expect(generatedAt - Date.parse(trend.create_time)).toBeLessThanOrEqual(
      WINDOW_HOURS * 3600_000,
    );
    expect(trend.author.username.toLowerCase()).not.toBe(creator.toLowerCase());
    expect(trend.matched_hashtags.length).toBeGreaterThan(0);
    for (const tag of trend.matched_hashtags) expect(body.hashtags).toContain(tag);
    expect(trend.matched_hashtags).toContain(trend.hashtag);
    const author = trend.author.username.toLowerCase();
    perAuthor.set(author, (perAuthor.get(author) ?? 0) + 1);
  }
  for (const count of perAuthor.values()) expect(count).toBeLessThanOrEqual(MAX_PER_AUTHOR);
  expect(new Set(body.trends.map((t) => t.id)).size).toBe(body.trends.length);
  const scores = body.trends.map((t) => t.trend_score);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
}

/** Text of every message of the chat request, for prompt assertions. */
export function promptText(openai: FakeOpenAi, index = 0): string {
  const messages = openai.requests[index]?.body.messages ?? [];
  return messages.map((m) => m.content).join('\n');
}

export interface OutputCapture {
  /** Everything written to stdout and stderr since the capture started. */
  text(): string;
  restore(): void;
}

/**
 * Swallows and records process.stdout/stderr writes — where Nest's ConsoleLogger and the pino
 * destination write — so a spec can search the logs of the requests it makes.
 */
export function captureOutput(): OutputCapture {
  const chunks: string[] = [];
  const streams = [process.stdout, process.stderr];
  const originals = streams.map((s) => s.write);
  for (const stream of streams) {
    stream.write = (chunk: unknown, ...rest: unknown[]): boolean => {
      chunks.push(
        typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'),
      );
      const callback = rest.find((r): r is () => void => typeof r === 'function');
      callback?.();
      return true;
    };
  }
  return {
    text: () => chunks.join(''),
    restore: () => streams.forEach((s, i) => (s.write = originals[i])),
  };
}
