import type { FakeEnsemble } from '../fakes/fake-ensemble.server';
import {
  callCounts,
  expectStatus,
  field,
  post,
  type RawRedis,
  type ScalingApp,
} from '../support/scaling/scaling-app';
import { useScalingWorld } from '../support/scaling/scaling-world';
import { expectCoalescedAnalyses } from '../support/scaling/coalescing';

/** One of its keyword searches comes back empty, so the hashtag-feed fallback runs too. */
const CREATOR = 'grillmaster_joe';

describe('AppModule on Redis: 50 identical cold analyses on two instances', () => {
  // Upstream latency keeps the cold window open while all 50 requests arrive.
  const world = useScalingWorld({ fake: { latencyMs: 150 }, instances: [{}, {}] });
  let fake: FakeEnsemble;
  let raw: RawRedis;
  let a: ScalingApp;
  let b: ScalingApp;

  beforeAll(() => {
    ({
      fake,
      raw,
      apps: [a, b],
    } = world);
  });

  it('calls Ensemble exactly as often as one cold analysis does', async () => {
    // One cold analysis alone gives the expected calls per path (fallbacks included).
    await raw.flush();
    fake.reset();
    expectStatus(await post(a.url, '/api/v1/analyze', { profile_url: CREATOR }), 200);
    const single = callCounts(fake);
    expect(single).toMatchObject({ '/tt/user/info': 1, '/tt/user/posts': 1 });
    expect(single['/tt/keyword/search']).toBeGreaterThan(0);
    expect(single['/tt/hashtag/posts']).toBeGreaterThan(0);

    await raw.flush();
    fake.reset();
    await expectCoalescedAnalyses([a, b], CREATOR, 50, fake, single);
    expect(await raw.keys('trendxl:lock:*')).toEqual([]);
    const analyses = await raw.keys(`trendxl:v2:analysis:${CREATOR}*`);
    expect(analyses).toHaveLength(1);
  });

  it('serves the coalesced result to a third request as a cache HIT', async () => {
    const before = fake.calls.length;
    const res = expectStatus(await post(b.url, '/api/v1/analyze', { profile_url: CREATOR }), 200);
    expect(field(res.body, 'meta', 'cache')).toBe('HIT');
    expect(fake.calls.length).toBe(before);
  });
});
