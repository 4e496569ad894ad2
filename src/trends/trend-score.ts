/**
 * Explainable trend score of one video, 0..100. Pure: depends only on the video and `now`.
 *
 *   score = 100 × Σ weight·component over velocity, engagement, reach and freshness
 *           (TREND_SCORE_WEIGHTS), 2 decimals
 *
 *   age_hours      = max(0, now − createTime)              (a future createTime is clock skew → 0)
 *   views_per_hour = views / max(age_hours, minAgeHours)  (lifetime; or observed: viewsPerHour)
 *   velocity       = min(1, log10(1 + views_per_hour) / log10(1 + velocityCapViewsPerHour))
 *   smoothed_rate  = (Σ interactionWeights·interactions + priorRate·priorViews) / (views + priorViews)
 *   engagement     = 1 − half / (smoothed_rate + half)     (= r / (r + half), a saturating curve)
 *   reach          = min(1, log10(1 + views / (followers + floor)) / log10(1 + reachCapRatio));
 *                    reachNeutral if followers unknown
 *   freshness      = 0.5 ^ (age_hours / freshnessHalfLifeHours)
 *
 * The values live once, in TREND_SCORE_WEIGHTS and TREND_SCORE_PARAMS below; the README and the
 * OpenAPI examples read them. The prior stops a 40-view video with 20 likes from outranking a
 * 100k-view one; log scales make "10× more" a constant step instead of a landslide. Counts that
 * are missing, negative or not finite count as 0, fractions are floored and everything is capped,
 * so nothing can overflow to Infinity or NaN. Each component only ever grows with
 * likes/comments/shares/favorites, so the score never falls when interactions rise; `engagement`
 * is written as 1 − h/(r + h) because that form is monotone even under floating-point rounding.
 */
import { round } from '../common/math/round';
import { engagementRate } from '../tiktok/models/post-engagement';
import type { Post } from '../tiktok/models/tiktok.models';

export interface TrendScoreWeights {
  readonly velocity: number;
  readonly engagement: number;
  readonly reach: number;
  readonly freshness: number;
}

export const TREND_SCORE_WEIGHTS: TrendScoreWeights = Object.freeze({
  velocity: 0.4,
  engagement: 0.25,
  reach: 0.2,
  freshness: 0.15,
});

export const TREND_SCORE_PARAMS = Object.freeze({
  /** views/hour at which velocity saturates at 1. */
  velocityCapViewsPerHour: 1_000_000,
  /** Younger videos are treated as 1 h old so a 2-minute-old video is not "infinitely fast". */
  minAgeHours: 1,
  interactionWeights: Object.freeze({ likes: 1, comments: 2, shares: 3, favorites: 2 }),
  /** Bayesian prior: a weighted interaction rate of 5 %, worth 1,000 views of evidence. */
  engagementPriorRate: 0.05,
  engagementPriorViews: 1000,
  /** Smoothed rate at which engagement reaches 0.5. */
  engagementHalfRate: 0.1,
  /** Added to followers so tiny accounts do not get absurd ratios. */
  reachFollowerFloor: 1000,
  /** views/(followers+floor) at which reach saturates at 1. */
  reachCapRatio: 100,
  /** Reach when the follower count is unknown (0): the middle of the scale, neither bonus nor penalty. */
  reachNeutral: 0.5,
  freshnessHalfLifeHours: 48,
  /** Upper bound for any counter; larger values are upstream garbage. */
  maxCount: 1e12,
});

const W = TREND_SCORE_WEIGHTS;
const P = TREND_SCORE_PARAMS;
const IW = P.interactionWeights;

export interface ScorePoints {
  velocity: number;
  engagement: number;
  reach: number;
  freshness: number;
}

/** An earlier observation of the video (from the trend memory): views at that moment. */
export interface ObservedBaseline {
  /** Epoch milliseconds, before `now`. */
  observedAt: number;
  views: number;
}

export type VelocitySource = 'observed' | 'lifetime';

export interface ScoreBreakdown {
  /** Components in [0, 1], 4 decimals (the score is computed from the unrounded values). */
  velocity: number;
  engagement: number;
  reach: number;
  freshness: number;
  weights: TrendScoreWeights;
  /** 100 × weight × component, 2 decimals: how many of the score's points each part contributed. */
  points: ScorePoints;
  views_per_hour: number;
  /** `observed`: views gained since an earlier observation; `lifetime`: views / age. */
  velocity_source: VelocitySource;
  /** Plain (likes + comments + shares) / views, 4 decimals; 0 with no views. */
  engagement_rate: number;
  /** The prior-smoothed weighted rate the score uses, 4 decimals. */
  smoothed_engagement_rate: number;
  /** views / followers, 2 decimals; null when the follower count is unknown. */
  reach_ratio: number | null;
  age_hours: number;
}

export interface TrendScore {
  score: number;
  breakdown: ScoreBreakdown;
}

const MS_PER_HOUR = 3_600_000;

/**
 * Counts are whole numbers: missing, negative and non-finite ones become 0, fractions are floored
 * (so a denormal follower count cannot blow up a ratio) and huge ones are capped. Monotone.
 */
export function sanitiseCount(value: number): number {
  if (!(value > 0)) return 0;
  return Math.floor(Math.min(value, TREND_SCORE_PARAMS.maxCount));
}

/** Hours since posting, never negative (clock skew) and never NaN. */
export function postAgeHours(post: Post, now: number): number {
  const ageMs = now - post.createTime * 1000;
  return Number.isFinite(ageMs) && ageMs > 0 ? ageMs / MS_PER_HOUR : 0;
}

/**
 * Views per hour: observed between `baseline` and now when there is one (never negative: a
 * counter that went down counts as no growth), else the lifetime estimate views / age.
 */
export function viewsPerHour(
  views: number,
  ageHours: number,
  now: number,
  baseline?: ObservedBaseline,
): { viewsPerHour: number; source: VelocitySource } {
  const hours = baseline ? (now - baseline.observedAt) / MS_PER_HOUR : 0;
  if (baseline && Number.isFinite(hours) && hours > 0) {
    const gained = Math.max(0, views - sanitiseCount(baseline.views));
    return { viewsPerHour: gained / hours, source: 'observed' };
  }
  return { viewsPerHour: views / Math.max(ageHours, P.minAgeHours), source: 'lifetime' };
}

/** `baseline`: an earlier observation of the video, for the observed velocity. */
export function scoreTrend(post: Post, now: number, baseline?: ObservedBaseline): TrendScore {
  const views = sanitiseCount(post.stats.views);
  const likes = sanitiseCount(post.stats.likes);
  const comments = sanitiseCount(post.stats.comments);
  const shares = sanitiseCount(post.stats.shares);
  const favorites = sanitiseCount(post.stats.favorites);
  const followers = sanitiseCount(post.author.followerCount);
  const ageHours = postAgeHours(post, now);

  const velocityInput = viewsPerHour(views, ageHours, now, baseline);
  const velocity = Math.min(
    1,
    Math.log10(1 + velocityInput.viewsPerHour) / Math.log10(1 + P.velocityCapViewsPerHour),
  );

  const weightedInteractions =
    IW.likes * likes + IW.comments * comments + IW.shares * shares + IW.favorites * favorites;
  const smoothedRate =
    (weightedInteractions + P.engagementPriorRate * P.engagementPriorViews) /
    (views + P.engagementPriorViews);
  const engagement = 1 - P.engagementHalfRate / (smoothedRate + P.engagementHalfRate);

  const reach =
    followers > 0
      ? Math.min(
          1,
          Math.log10(1 + views / (followers + P.reachFollowerFloor)) /
            Math.log10(1 + P.reachCapRatio),
        )
      : P.reachNeutral;

  const freshness = Math.pow(0.5, ageHours / P.freshnessHalfLifeHours);

  const raw =
    100 *
    (W.velocity * velocity + W.engagement * engagement + W.reach * reach + W.freshness * freshness);
  const score = round(Math.min(100, Math.max(0, raw)), 2);

  return {
    score,
    breakdown: {
      velocity: round(velocity, 4),
      engagement: round(engagement, 4),
      reach: round(reach, 4),
      freshness: round(freshness, 4),
      weights: W,
      points: {
        velocity: round(100 * W.velocity * velocity, 2),
        engagement: round(100 * W.engagement * engagement, 2),
        reach: round(100 * W.reach * reach, 2),
        freshness: round(100 * W.freshness * freshness, 2),
      },
      views_per_hour: round(velocityInput.viewsPerHour, 2),
      velocity_source: velocityInput.source,
      engagement_rate: round(engagementRate({ views, likes, comments, shares, favorites }), 4),
      smoothed_engagement_rate: round(smoothedRate, 4),
      reach_ratio: followers > 0 ? round(views / followers, 2) : null,
      age_hours: round(ageHours, 2),
    },
  };
}
