import type { Post } from '../tiktok/models/tiktok.models';
import { sanitiseCount } from './trend-score';
import { normalizeHashtag } from '../tiktok/hashtag-normalize';

export interface TrendCandidate {
  post: Post;
  /** Every hashtag the video was found under: lower-case, no '#', sorted ascending. */
  matchedHashtags: string[];
}

export interface DropCounts {
  too_old: number;
  low_views: number;
  duplicate: number;
  own_video: number;
  ad: number;
  author_cap: number;
}

export interface HashtagPosts {
  hashtag: string;
  posts: Post[];
}

export interface SelectTrendCandidatesInput {
  found: HashtagPosts[];
  /** The analysed creator; compared case-insensitively, a leading '@' is ignored. */
  ownUsername: string;
  ownUserId?: string;
  /** Unix ms. */
  now: number;
  windowDays: number;
  /** A video must have strictly more views than this. */
  minViews: number;
}

export interface TrendCandidateSelection {
  /** Sorted by video id so the selection does not depend on the order of `found`. */
  candidates: TrendCandidate[];
  /** `author_cap` is always 0 here: the cap needs scores and is applied by the ranking. */
  dropped: DropCounts;
}

const MS_PER_DAY = 86_400_000;

export function emptyDropCounts(): DropCounts {
  return { too_old: 0, low_views: 0, duplicate: 0, own_video: 0, ad: 0, author_cap: 0 };
}

/**
 * Counting rule: every raw occurrence (one post in one hashtag's list) lands in exactly one place,
 * so `sum(dropped) + candidates.length === total occurrences`.
 * 1. duplicate — all occurrences of one video id are merged first; every occurrence beyond the
 *    first counts as `duplicate` (also within one hashtag list) and its hashtag joins
 *    matchedHashtags. The same id is the same video fetched at different moments, so the snapshot
 *    with the largest counters is kept (it is the most recent) whichever list came first.
 * 2. Each merged video is then checked once, first match wins: ad → own_video → too_old
 *    (older than windowDays; a future createTime counts as age 0) → low_views (views ≤ minViews).
 * Unprovable facts fail closed: a non-finite age is too_old, non-finite views are low_views.
 */
export function selectTrendCandidates(input: SelectTrendCandidatesInput): TrendCandidateSelection {
  const dropped = emptyDropCounts();
  const merged = new Map<string, { post: Post; hashtags: Set<string> }>();

  for (const { hashtag, posts } of input.found) {
    const tag = normalizeHashtag.bare(hashtag);
    for (const post of posts) {
      const seen = merged.get(post.id);
      if (!seen) {
        merged.set(post.id, { post, hashtags: new Set(tag ? [tag] : []) });
        continue;
      }
      dropped.duplicate++;
      if (tag) seen.hashtags.add(tag);
      if (isLaterSnapshot(post, seen.post)) seen.post = post;
    }
  }

  const ownUsername = usernameKey(input.ownUsername);
  const ownUserId = input.ownUserId?.trim() ?? '';
  const windowMs = input.windowDays * MS_PER_DAY;
  const candidates: TrendCandidate[] = [];

  for (const { post, hashtags } of merged.values()) {
    const ageMs = input.now - post.createTime * 1000;
    if (post.isAd) dropped.ad++;
    else if (isOwnVideo(post, ownUsername, ownUserId)) dropped.own_video++;
    else if (!(Math.max(0, ageMs) <= windowMs)) dropped.too_old++;
    else if (!(post.stats.views > input.minViews)) dropped.low_views++;
    else candidates.push({ post, matchedHashtags: [...hashtags].sort() });
  }

  candidates.sort((a, b) => (a.post.id < b.post.id ? -1 : a.post.id > b.post.id ? 1 : 0));
  return { candidates, dropped };
}

function usernameKey(username: string): string {
  return username.trim().replace(/^@+/, '').toLowerCase();
}

function isOwnVideo(post: Post, ownUsername: string, ownUserId: string): boolean {
  if (ownUsername && usernameKey(post.author.username) === ownUsername) return true;
  return ownUserId !== '' && post.author.userId.trim() === ownUserId;
}

const SNAPSHOT_ORDER = ['views', 'likes', 'comments', 'shares', 'favorites'] as const;

/** Counters only grow, so the larger tuple is the later snapshot; a full tie keeps the first seen. */
function isLaterSnapshot(candidate: Post, current: Post): boolean {
  for (const key of SNAPSHOT_ORDER) {
    const a = sanitiseCount(candidate.stats[key]);
    const b = sanitiseCount(current.stats[key]);
    if (a !== b) return a > b;
  }
  return false;
}
