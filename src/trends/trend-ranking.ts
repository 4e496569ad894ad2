import type { Post } from '../tiktok/models/tiktok.models';
import {
  type DropCounts,
  type SelectTrendCandidatesInput,
  selectTrendCandidates,
} from './trend-candidates';
import { type ObservedBaseline, type ScoreBreakdown, scoreTrend } from './trend-score';

export interface RankedTrend {
  post: Post;
  matchedHashtags: string[];
  score: number;
  breakdown: ScoreBreakdown;
}

export interface RankTrendsInput extends SelectTrendCandidatesInput {
  /** At most this many videos per author survive: that author's best-ranked ones. */
  maxPerAuthor: number;
  /** Length of the returned list; cutting the tail is not a drop. */
  maxResults: number;
  /** Earlier observations by video id: those videos get an observed velocity. */
  baselines?: ReadonlyMap<string, ObservedBaseline>;
}

export interface RankTrendsResult {
  trends: RankedTrend[];
  dropped: DropCounts;
}

/** Filters, merges, scores, ranks, caps per author, then truncates. Pure: `now` is an input. */
export function rankTrends(input: RankTrendsInput): RankTrendsResult {
  const { candidates, dropped } = selectTrendCandidates(input);
  const ranked = candidates
    .map(({ post, matchedHashtags }): RankedTrend => {
      const { score, breakdown } = scoreTrend(post, input.now, input.baselines?.get(post.id));
      return { post, matchedHashtags, score, breakdown };
    })
    .sort(compareRankedTrends);

  const { kept, capped } = applyAuthorCap(ranked, input.maxPerAuthor);
  return {
    trends: kept.slice(0, Math.max(0, Math.floor(input.maxResults))),
    dropped: { ...dropped, author_cap: dropped.author_cap + capped },
  };
}

/**
 * Score descending, then views descending, then id ascending. Ids are unique after the merge, so
 * this is a total order and the ranking cannot depend on the order videos were fetched in.
 */
export function compareRankedTrends(
  a: Pick<RankedTrend, 'score' | 'post'>,
  b: Pick<RankedTrend, 'score' | 'post'>,
): number {
  if (a.score !== b.score) return a.score > b.score ? -1 : 1;
  const va = a.post.stats.views;
  const vb = b.post.stats.views;
  if (va !== vb) return va > vb ? -1 : 1;
  if (a.post.id !== b.post.id) return a.post.id < b.post.id ? -1 : 1;
  return 0;
}

/**
 * Keeps the first `maxPerAuthor` items of each author in the given order, so pass a list that is
 * already ranked to keep each author's best. Authors are matched by userId, or by lower-cased
 * username when the userId is missing.
 */
export function applyAuthorCap<T extends { post: Post }>(
  ranked: readonly T[],
  maxPerAuthor: number,
): { kept: T[]; capped: number } {
  const limit = Math.max(0, Math.floor(maxPerAuthor));
  const perAuthor = new Map<string, number>();
  const kept: T[] = [];
  let capped = 0;
  for (const item of ranked) {
    const key = authorKey(item.post);
    const count = perAuthor.get(key) ?? 0;
    if (count >= limit) {
      capped++;
      continue;
    }
    perAuthor.set(key, count + 1);
    kept.push(item);
  }
  return { kept, capped };
}

export function authorKey(post: Post): string {
  const userId = post.author.userId.trim();
  return userId ? `id:${userId}` : `name:${post.author.username.trim().toLowerCase()}`;
}
