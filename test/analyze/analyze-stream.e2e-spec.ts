import type { ErrorEnvelopeDto as ErrorEnvelope } from '../../src/common/errors/error-envelope.dto';
import type { AnalysisHashtagsEventDto } from '../../src/trends/dto/analyze-stream.dto';
import type { AnalyzeResponseDto } from '../../src/trends/dto/analyze.response.dto';
import type { FakeResponse } from '../fakes/fake-ensemble.server';
import { eventData, eventNames, openSse, type SseSession } from '../support/sse';
import { fakeReply } from '../fakes/fake-openai.server';
import { CREATOR, FILTER_PICKS, FILTER_PICKS_KEPT } from '../support/analyze/analyze-corpus';
import { expectOk, postAnalyze, useLiveSuite } from '../support/analyze/analyze-testing';

const SEARCH = '/tt/keyword/search';
const USER_INFO = '/tt/user/info';
const STREAM = '/api/v1/analyze/stream';

function streamPath(query: Record<string, string>): string {
  return `${STREAM}?${new URLSearchParams(query).toString()}`;
}

/** Every per-request figure of `meta` left out: what remains is the analysis itself. */
function analysisOf(body: AnalyzeResponseDto): unknown {
  const { cache, duration_ms, upstream_calls, units_charged, llm_tokens, ...meta } = body.meta;
  void [cache, duration_ms, upstream_calls, units_charged, llm_tokens];
  return { ...body, meta };
}

async function finished(session: SseSession): Promise<SseSession> {
  await session.ended;
  return session;
}

function resultOf(session: SseSession): AnalyzeResponseDto {
  const result = session.events.find((e) => e.event === 'result');
  if (!result) throw new Error(`no result event: ${eventNames(session).join(',')}`);
  return eventData<AnalyzeResponseDto>(result);
}

describe('GET /api/v1/analyze/stream — progress as server-sent events', () => {
  const suite = useLiveSuite();

  beforeEach(() => {
    // Hashtags with known trends in the fake's corpus, so every run has trends to rank.
    suite.world.openai.setDefault(fakeReply.answer([...FILTER_PICKS]));
  });

  /** Holds every hashtag search until released, so a test can act while the run is mid-way. */
  function gateSearches(): () => void {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Answers nothing itself: once released, the simulator's usual answer goes out.
    suite.world.fake.setRoute(SEARCH, async (): Promise<FakeResponse | undefined> => {
      await gate;
      return undefined;
    });
    return release;
  }

  it('streams profile, posts, hashtags, one search per hashtag, then exactly the /analyze body', async () => {
    const session = await finished(
      await openSse(suite.url, streamPath({ profile_url: `@${CREATOR.uniqueId}`, limit: '20' })),
    );

    expect(session.status).toBe(200);
    expect(session.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(session.retries.length).toBeGreaterThan(0);
    const names = eventNames(session);
    expect(names.slice(0, 3)).toEqual(['profile', 'posts', 'hashtags']);
    expect(names.at(-1)).toBe('result');
    const hashtags = eventData<AnalysisHashtagsEventDto>(session.events[2]);
    expect(hashtags.hashtags).toHaveLength(5);
    expect(hashtags.reasons.map((r) => r.hashtag)).toEqual(hashtags.hashtags);
    const searches = session.events.filter((e) => e.event === 'search');
    expect(names).toEqual([
      'profile',
      'posts',
      'hashtags',
      ...searches.map(() => 'search'),
      'result',
    ]);
    expect(searches.map((e) => eventData<{ hashtag: string }>(e).hashtag).sort()).toEqual(
      [...hashtags.hashtags].sort(),
    );
    for (const search of searches) {
      const { status, found } = eventData<{ status: string; found: number }>(search);
      expect(status).toBe('done');
      expect(found).toBeGreaterThan(0);
    }
    expect(eventData<{ username: string }>(session.events[0]).username).toBe(CREATOR.uniqueId);

    const streamed = resultOf(session);
    expect(streamed.meta.cache).toBe('MISS');
    expect(streamed.meta.upstream_calls).toBeGreaterThan(0);
    expect(streamed.trends).toHaveLength(FILTER_PICKS_KEPT);
    expect(streamed.hashtags).toEqual(hashtags.hashtags);
    const posted = expectOk(
      await postAnalyze(suite.url, { profile_url: CREATOR.uniqueId, limit: 20 }),
    );
    expect(posted.meta.cache).toBe('HIT');
    expect(analysisOf(streamed)).toEqual(analysisOf(posted));
  });

  it('a cached analysis streams its result at once, with no upstream call', async () => {
    expectOk(await postAnalyze(suite.url, { profile_url: CREATOR.uniqueId }));
    const callsBefore = suite.world.fake.calls.length;

    const session = await finished(
      await openSse(suite.url, streamPath({ profile_url: CREATOR.uniqueId })),
    );

    expect(eventNames(session)).toEqual(['result']);
    expect(resultOf(session).meta).toMatchObject({ cache: 'HIT', upstream_calls: 0 });
    expect(suite.world.fake.calls.length).toBe(callsBefore);
  });

  it('a second client for the same creator follows the same run: the steps so far, then the rest', async () => {
    const release = gateSearches();
    const first = await openSse(suite.url, streamPath({ profile_url: CREATOR.uniqueId }));
    await first.next((e) => e.event === 'hashtags');

    const second = await openSse(
      suite.url,
      streamPath({ profile_url: `https://www.tiktok.com/@${CREATOR.uniqueId}`, limit: '3' }),
    );
    await second.next((e) => e.event === 'hashtags');
    expect(eventNames(second)).toEqual(['profile', 'posts', 'hashtags']);
    release();
    await Promise.all([first.ended, second.ended]);

    expect(eventNames(second)).toEqual(eventNames(first));
    expect(resultOf(first).trends).toHaveLength(FILTER_PICKS_KEPT);
    expect(resultOf(second).trends).toEqual(resultOf(first).trends.slice(0, 3));
    expect(suite.world.fake.callsTo(USER_INFO)).toHaveLength(1);
    const searched = suite.world.fake.callsTo(SEARCH).map((c) => JSON.stringify(c.params));
    expect(new Set(searched).size).toBe(searched.length);
  });

  it('a client that disconnects does not cancel the run another client waits for', async () => {
    const release = gateSearches();
    const leaving = await openSse(suite.url, streamPath({ profile_url: CREATOR.uniqueId }));
    await leaving.next((e) => e.event === 'hashtags');
    const staying = await openSse(suite.url, streamPath({ profile_url: CREATOR.uniqueId }));
    await staying.next((e) => e.event === 'hashtags');

    leaving.close();
    await leaving.ended;
    release();
    await staying.ended;

    expect(eventNames(staying).at(-1)).toBe('result');
    expect(resultOf(staying).trends).toHaveLength(FILTER_PICKS_KEPT);
    expect(eventNames(leaving)).not.toContain('result');
    expect(suite.world.fake.callsTo(USER_INFO)).toHaveLength(1);
  });

  it('a lone client that disconnects mid-run still leaves the finished analysis in the cache', async () => {
    const release = gateSearches();
    const leaving = await openSse(suite.url, streamPath({ profile_url: CREATOR.uniqueId }));
    await leaving.next((e) => e.event === 'hashtags');
    leaving.close();
    await leaving.ended;
    release();

    // Joins the run still in flight (or reads what it stored): either way, no second analysis.
    const res = await postAnalyze(suite.url, { profile_url: CREATOR.uniqueId });
    expect(expectOk(res).trends).toHaveLength(FILTER_PICKS_KEPT);
    expect(suite.world.fake.callsTo(USER_INFO)).toHaveLength(1);
    const again = await postAnalyze(suite.url, { profile_url: CREATOR.uniqueId });
    expect(expectOk(again).meta.cache).toBe('HIT');
  });

  it('an unknown creator: an error event with the usual envelope, then the stream ends', async () => {
    const session = await finished(
      await openSse(suite.url, streamPath({ profile_url: 'nobody_here_123' })),
    );

    expect(session.status).toBe(200);
    expect(eventNames(session)).toEqual(['error']);
    const envelope = eventData<ErrorEnvelope>(session.events[0]);
    expect(envelope.code).toBe('NOT_FOUND');
    expect(typeof envelope.error).toBe('string');
    expect(suite.world.fake.callsTo(SEARCH)).toHaveLength(0);
  });

  it.each([
    ['a missing profile_url', {}, 'profile_url'],
    ['a bad username', { profile_url: 'not a user!' }, 'profile_url'],
    ['a limit that is not a number', { profile_url: CREATOR.uniqueId, limit: 'ten' }, 'limit'],
    ['a limit out of range', { profile_url: CREATOR.uniqueId, limit: '500' }, 'limit'],
    ['a bad country', { profile_url: CREATOR.uniqueId, country: 'USA' }, 'country'],
    ['an unknown parameter', { profile_url: CREATOR.uniqueId, debug: '1' }, 'debug'],
  ])('%s is a plain 400 envelope before any stream starts', async (_name, query, field) => {
    const session = await openSse(suite.url, streamPath(query));

    expect(session.status).toBe(400);
    expect(session.headers.get('content-type')).toMatch(/^application\/json/);
    const body = JSON.parse(session.text ?? '') as ErrorEnvelope & {
      details: { fields: Record<string, string[]> };
    };
    expect(body.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(body.details.fields)).toContain(field);
    expect(suite.world.fake.calls).toHaveLength(0);
  });

  it('counts as an analysis: it shares the /analyze rate limit, and a refusal is a 429 with Retry-After', async () => {
    const url = await suite.boot({ ANALYZE_REQUESTS_PER_MINUTE: '1' });
    await finished(await openSse(url, streamPath({ profile_url: CREATOR.uniqueId })));

    const refused = await openSse(url, streamPath({ profile_url: CREATOR.uniqueId }));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((JSON.parse(refused.text ?? '') as ErrorEnvelope).code).toBe('RATE_LIMITED');
    const posted = await postAnalyze<ErrorEnvelope>(url, { profile_url: CREATOR.uniqueId });
    expect(posted.status).toBe(429);
  });
});
