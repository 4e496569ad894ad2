import type { RequestStats } from '../common/context/request-context';
import { round } from '../common/math/round';
import type { DataSource } from '../tiktok/models/tiktok.models';
import { toIsoTime, toPostDto, toProfileDto } from '../tiktok/tiktok-response.mapper';
import type { AnalyzeResponseDto, TrendDto } from './dto/analyze.response.dto';
import type { AnalysedTrend, TrendAnalysis } from './trend-analysis.service';

/** `pickOrder`: the AI's hashtags, best first; a trend's `hashtag` is the best one it matched. */
export function toTrendDto(trend: AnalysedTrend, pickOrder: readonly string[] = []): TrendDto {
  const { post } = trend;
  const b = trend.breakdown;
  return {
    id: post.id,
    caption: post.caption,
    views: post.stats.views,
    likes: post.stats.likes,
    comments: post.stats.comments,
    shares: post.stats.shares,
    create_time: toIsoTime(post.createTime),
    video_url: post.videoUrl,
    cover_image_url: post.coverImageUrl,
    images: [...post.images],
    hashtag:
      pickOrder.find((h) => trend.matchedHashtags.includes(h)) ?? trend.matchedHashtags[0] ?? '',
    author: {
      username: post.author.username,
      avatar_url: post.author.avatarUrl,
      is_verified: post.author.isVerified,
    },
    matched_hashtags: [...trend.matchedHashtags],
    tiktok_url: post.tiktokUrl,
    engagement_rate: round(trend.breakdown.engagement_rate, 4),
    views_per_hour: round(trend.breakdown.views_per_hour, 1),
    age_hours: round(trend.breakdown.age_hours, 1),
    trend_score: trend.score,
    score_breakdown: {
      velocity: b.velocity,
      engagement: b.engagement,
      reach: b.reach,
      freshness: b.freshness,
      weights: { ...b.weights },
      points: { ...b.points },
      views_per_hour: b.views_per_hour,
      velocity_source: b.velocity_source,
      engagement_rate: b.engagement_rate,
      smoothed_engagement_rate: b.smoothed_engagement_rate,
      reach_ratio: b.reach_ratio,
      age_hours: b.age_hours,
    },
    music: post.music ? { title: post.music.title, author: post.music.author } : null,
    first_seen_at: trend.firstSeenAt === null ? null : new Date(trend.firstSeenAt).toISOString(),
    is_new: trend.isNew,
  };
}

export function summarize(analysis: TrendAnalysis, windowDays: number): string {
  const { profile, posts, pick, trends } = analysis;
  const tags = pick.hashtags.map((h) => `#${h}`).join(', ');
  const base = `Analysed ${posts.length} recent posts by @${profile.username}; niche hashtags: ${tags}.`;
  if (trends.length === 0) {
    return `${base} No video in these niches passed the filters in the last ${windowDays} days.`;
  }
  const authors = new Set(trends.map((t) => t.post.author.username)).size;
  const top = trends[0];
  return (
    `${base} Found ${trends.length} trending videos from ${authors} creators in the last ` +
    `${windowDays} days. Top: @${top.post.author.username} (${top.matchedHashtags.map((h) => `#${h}`).join(' ')}), ` +
    `trend score ${top.score}, ${Math.round(top.breakdown.views_per_hour)} views/hour.`
  );
}

export function toAnalyzeResponse(
  analysis: TrendAnalysis,
  ctx: {
    limit: number;
    source: DataSource;
    stats: RequestStats;
    durationMs: number;
    windowDays: number;
  },
): AnalyzeResponseDto {
  const trends = analysis.trends.slice(0, ctx.limit);
  return {
    profile: toProfileDto(analysis.profile, ctx.source),
    posts: analysis.posts.map(toPostDto),
    hashtags: [...analysis.pick.hashtags],
    hashtag_insights: analysis.pick.insights.map((i) => ({
      hashtag: i.hashtag,
      reason: i.reason,
      evidence_posts: [...i.evidencePostIds],
    })),
    trends: trends.map((t) => toTrendDto(t, analysis.pick.hashtags)),
    analysis_summary: summarize({ ...analysis, trends }, ctx.windowDays),
    meta: {
      analysis_id: analysis.id,
      previous_analysis_at:
        analysis.previousAnalysisAt === null
          ? null
          : new Date(analysis.previousAnalysisAt).toISOString(),
      ai_source: analysis.pick.source,
      ai_model: analysis.pick.model,
      data_source: ctx.source,
      cache: ctx.stats.cache ?? 'MISS',
      duration_ms: ctx.durationMs,
      upstream_calls: ctx.stats.ensembleCalls,
      units_charged: ctx.stats.unitsCharged,
      llm_tokens: ctx.stats.llmTokens,
      warnings: [...analysis.warnings],
      partial: analysis.partial,
      dropped: { ...analysis.dropped },
      generated_at: new Date(analysis.generatedAt).toISOString(),
    },
  };
}
