import fc from 'fast-check';
import {
  HOUR_S,
  NOW,
  NOW_S,
  RUNS,
  makePost,
  wildNumberArb,
  wildPostArb,
  withStats,
} from './trend-arbitraries.spec-helper';
import {
  type ScoreBreakdown,
  TREND_SCORE_WEIGHTS,
  postAgeHours,
  sanitiseCount,
  scoreTrend,
} from './trend-score';

function numbersIn(breakdown: ScoreBreakdown): number[] {
  const { weights: w, points: p } = breakdown;
  return [
    breakdown.velocity,
    breakdown.engagement,
    breakdown.reach,
    breakdown.freshness,
    breakdown.views_per_hour,
    breakdown.engagement_rate,
    breakdown.smoothed_engagement_rate,
    breakdown.reach_ratio ?? 0,
    breakdown.age_hours,
    w.velocity,
    w.engagement,
    w.reach,
    w.freshness,
    p.velocity,
    p.engagement,
    p.reach,
    p.freshness,
  ];
}

describe('scoreTrend', () => {
  it('matches a worked example component by component', () => {
    // 10,000 views in 10 h, 500/20/10/30 interactions, 5,000 followers.
    const { score, breakdown } = scoreTrend(makePost(), NOW);
    expect(breakdown.views_per_hour).toBe(1000);
    expect(breakdown.velocity).toBeCloseTo(Math.log10(1001) / Math.log10(1_000_001), 4); // 0.5001
    expect(breakdown.smoothed_engagement_rate).toBeCloseTo(680 / 11_000, 4); // (630 + 50) / (10k + 1k)
    expect(breakdown.engagement).toBeCloseTo(0.382, 3);
    expect(breakdown.reach).toBeCloseTo(Math.log10(1 + 10_000 / 6000) / Math.log10(101), 4);
    expect(breakdown.freshness).toBeCloseTo(Math.pow(0.5, 10 / 48), 4);
    expect(breakdown.engagement_rate).toBe(0.053); // (500 + 20 + 10) / 10,000
    expect(breakdown.reach_ratio).toBe(2);
    expect(breakdown.age_hours).toBe(10);
    expect(breakdown.weights).toEqual(TREND_SCORE_WEIGHTS);
    expect(score).toBe(46.79);
  });

  it('reports points that add up to the score', () => {
    const { score, breakdown } = scoreTrend(makePost({ views: 250_000, ageHours: 30 }), NOW);
    const { points: p } = breakdown;
    const sum = p.velocity + p.engagement + p.reach + p.freshness;
    expect(Math.abs(sum - score)).toBeLessThanOrEqual(0.03);
  });

  it('smooths small samples: 20 likes on 40 views do not beat a strong 100k-view video', () => {
    const tiny = scoreTrend(
      makePost({ views: 40, likes: 20, comments: 0, shares: 0, favorites: 0 }),
      NOW,
    );
    const big = scoreTrend(
      makePost({ views: 100_000, likes: 8000, comments: 100, shares: 50, favorites: 200 }),
      NOW,
    );
    expect(tiny.breakdown.engagement_rate).toBe(0.5);
    expect(tiny.breakdown.engagement).toBeLessThan(big.breakdown.engagement);
    expect(tiny.score).toBeLessThan(big.score);
  });

  it('gives a neutral reach and a null ratio when followers are unknown', () => {
    const { breakdown } = scoreTrend(makePost({ followers: 0 }), NOW);
    expect(breakdown.reach).toBe(0.5);
    expect(breakdown.reach_ratio).toBeNull();
  });

  it('rewards reaching beyond the own audience', () => {
    const small = scoreTrend(makePost({ followers: 1000, views: 200_000 }), NOW);
    const large = scoreTrend(makePost({ followers: 5_000_000, views: 200_000 }), NOW);
    expect(small.breakdown.reach).toBeGreaterThan(large.breakdown.reach);
  });

  it('treats a future createTime (clock skew) as brand new, not negative', () => {
    const { breakdown } = scoreTrend(makePost({ ageHours: -3 }), NOW);
    expect(breakdown.age_hours).toBe(0);
    expect(breakdown.freshness).toBe(1);
    expect(breakdown.views_per_hour).toBe(10_000); // views / max(age, 1 h)
  });

  it('halves freshness every 48 hours', () => {
    expect(scoreTrend(makePost({ ageHours: 48 }), NOW).breakdown.freshness).toBe(0.5);
    expect(scoreTrend(makePost({ ageHours: 96 }), NOW).breakdown.freshness).toBe(0.25);
  });

  it('scores zero views and zero followers as finite', () => {
    const post = makePost({
      views: 0,
      likes: 0,
      comments: 0,
      shares: 0,
      favorites: 0,
      followers: 0,
    });
    const { score, breakdown } = scoreTrend(post, NOW);
    expect(Number.isFinite(score)).toBe(true);
    expect(breakdown.engagement_rate).toBe(0);
    expect(breakdown.velocity).toBe(0);
    expect(breakdown.smoothed_engagement_rate).toBe(0.05); // the prior alone
  });

  it('weights add up to 1, so a perfect video scores 100', () => {
    const w = TREND_SCORE_WEIGHTS;
    expect(w.velocity + w.engagement + w.reach + w.freshness).toBeCloseTo(1, 10);
  });
});

describe('sanitiseCount / postAgeHours', () => {
  it('maps garbage counts to 0 and caps huge ones', () => {
    expect([Number.NaN, -5, -Infinity, 0].map(sanitiseCount)).toEqual([0, 0, 0, 0]);
    expect(sanitiseCount(Infinity)).toBe(1e12);
    expect(sanitiseCount(42.5)).toBe(42);
    expect(sanitiseCount(5e-324)).toBe(0);
  });

  it('never returns a negative or NaN age', () => {
    expect(postAgeHours(makePost({ createTime: NOW_S + HOUR_S }), NOW)).toBe(0);
    expect(postAgeHours(makePost({ createTime: Number.NaN }), NOW)).toBe(0);
    expect(postAgeHours(makePost({ createTime: NOW_S - 2 * HOUR_S }), NOW)).toBe(2);
  });
});

describe('scoreTrend properties', () => {
  it('is finite, within [0, 100] and has finite breakdown numbers for any input', () => {
    fc.assert(
      fc.property(wildPostArb, (post) => {
        const { score, breakdown } = scoreTrend(post, NOW);
        expect(Number.isFinite(score)).toBe(true);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
        for (const n of numbersIn(breakdown)) expect(Number.isFinite(n)).toBe(true);
        for (const c of [
          breakdown.velocity,
          breakdown.engagement,
          breakdown.reach,
          breakdown.freshness,
        ]) {
          expect(c).toBeGreaterThanOrEqual(0);
          expect(c).toBeLessThanOrEqual(1);
        }
      }),
      RUNS,
    );
  });

  it.each(['likes', 'comments', 'shares', 'favorites'] as const)(
    'never falls when %s rise',
    (field) => {
      fc.assert(
        fc.property(
          wildPostArb,
          fc.oneof(fc.nat(1_000_000), fc.double({ min: 0, noNaN: true })),
          (post, delta) => {
            const before = scoreTrend(post, NOW);
            const after = scoreTrend(withStats(post, { [field]: post.stats[field] + delta }), NOW);
            expect(after.score).toBeGreaterThanOrEqual(before.score);
            expect(after.breakdown.engagement).toBeGreaterThanOrEqual(before.breakdown.engagement);
          },
        ),
        RUNS,
      );
    },
  );

  it('never rises as the same video ages', () => {
    fc.assert(
      fc.property(wildPostArb, fc.nat(30 * 24 * 3_600_000), (post, laterMs) => {
        expect(scoreTrend(post, NOW + laterMs).score).toBeLessThanOrEqual(
          scoreTrend(post, NOW).score,
        );
      }),
      RUNS,
    );
  });

  it('has no hidden state: scoring another video in between changes nothing', () => {
    fc.assert(
      fc.property(wildPostArb, wildNumberArb, (post, noise) => {
        const first = scoreTrend(post, NOW);
        scoreTrend(withStats(post, { views: noise }), NOW);
        expect(scoreTrend(structuredClone(post), NOW)).toEqual(first);
      }),
      RUNS,
    );
  });
});

describe('observed velocity', () => {
  const HOUR = 3_600_000;

  it('uses the views gained since an earlier observation, per hour, and says so', () => {
    const post = makePost({ views: 50_000, ageHours: 100 });
    const { breakdown } = scoreTrend(post, NOW, { observedAt: NOW - 2 * HOUR, views: 40_000 });
    expect(breakdown.velocity_source).toBe('observed');
    expect(breakdown.views_per_hour).toBe(5000);
    const lifetime = scoreTrend(post, NOW).breakdown;
    expect(lifetime.velocity_source).toBe('lifetime');
    expect(lifetime.views_per_hour).toBe(500);
  });

  it('counts falling counters as no growth, never as a negative rate', () => {
    const post = makePost({ views: 1000 });
    const { breakdown, score } = scoreTrend(post, NOW, { observedAt: NOW - HOUR, views: 5000 });
    expect(breakdown.views_per_hour).toBe(0);
    expect(breakdown.velocity).toBe(0);
    expect(score).toBeGreaterThanOrEqual(0);
  });

  it('falls back to the lifetime estimate for a baseline that is not in the past', () => {
    const post = makePost({ views: 20_000, ageHours: 10 });
    const { breakdown } = scoreTrend(post, NOW, { observedAt: NOW, views: 100 });
    expect(breakdown.velocity_source).toBe('lifetime');
    expect(breakdown.views_per_hour).toBe(2000);
  });

  it('keeps the score reproducible from the breakdown', () => {
    const { score, breakdown } = scoreTrend(makePost({ views: 90_000 }), NOW, {
      observedAt: NOW - 3 * HOUR,
      views: 30_000,
    });
    const w = breakdown.weights;
    const recomputed =
      100 *
      (w.velocity * breakdown.velocity +
        w.engagement * breakdown.engagement +
        w.reach * breakdown.reach +
        w.freshness * breakdown.freshness);
    expect(Math.abs(recomputed - score)).toBeLessThan(0.05);
  });
});
