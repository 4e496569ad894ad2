import type { PostStats } from './tiktok.models';

/**
 * Interactions per view, (likes + comments + shares) / views; 0 when views are unknown, because
 * a rate without a denominator would make any post with a missing view count look perfect.
 */
export function engagementRate(stats: PostStats): number {
  if (!(stats.views > 0)) return 0;
  return (stats.likes + stats.comments + stats.shares) / stats.views;
}
