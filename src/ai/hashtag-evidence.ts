import type { Post } from '../tiktok/models/tiktok.models';
import { extractKeywords } from './caption-keywords';
import { normalizeHashtag } from '../tiktok/hashtag-normalize';

/** Enough to show where a pick came from without bloating the response. */
export const MAX_EVIDENCE_POSTS = 10;

const COMPACT_MATCH_MIN_LENGTH = 4;

function compact(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/**
 * Whether a post supports a hashtag: it uses the tag, its caption has the tag as a word, or (for
 * tags of 4+ characters) the caption spells it with spaces, e.g. "meal prep" for #mealprep.
 */
export function postSupportsHashtag(post: Post, tag: string): boolean {
  if (post.hashtags.some((h) => normalizeHashtag.pick(h) === tag)) return true;
  if (extractKeywords(post.caption).includes(tag)) return true;
  const tagCompact = tag.replace(/_/g, '');
  return (
    tagCompact.length >= COMPACT_MATCH_MIN_LENGTH && compact(post.caption).includes(tagCompact)
  );
}

/** Strongest evidence first (most views), ties by id so the order never depends on input order. */
export function rankEvidence(posts: readonly Post[]): string[] {
  return [...posts]
    .sort((a, b) => b.stats.views - a.stats.views || compareIds(a.id, b.id))
    .slice(0, MAX_EVIDENCE_POSTS)
    .map((p) => p.id);
}

export function evidencePostIds(tag: string, posts: readonly Post[]): string[] {
  return rankEvidence(posts.filter((p) => postSupportsHashtag(p, tag)));
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
