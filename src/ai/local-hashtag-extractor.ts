import { round } from '../common/math/round';
import type { Post } from '../tiktok/models/tiktok.models';
import { extractKeywords } from './caption-keywords';
import { isGenericHashtag } from './generic-hashtags';
import { compareIds, rankEvidence } from './hashtag-evidence';
import { normalizeHashtag } from '../tiktok/hashtag-normalize';
import type { HashtagInsight, HashtagPickInput } from './hashtag-pick';
import { engagementRate } from '../tiktok/models/post-engagement';
import { formatPercent } from './format-percent';

export const LOCAL_EXTRACTOR_MODEL = 'local-extractor';
export const PICK_SIZE = 5;
/** A post loses half its weight every month: last month's topics beat last year's. */
export const RECENCY_HALF_LIFE_DAYS = 30;
/** Old posts still count a little, so a creator who paused posting keeps their niche. */
export const RECENCY_FLOOR = 0.1;
/** Relative engagement is clamped so one outlier post cannot decide the whole pick. */
export const ENGAGEMENT_WEIGHT_MIN = 0.25;
export const ENGAGEMENT_WEIGHT_MAX = 4;
/**
 * Used only when the creator's posts and bio yield fewer than 5 niche candidates and the creator
 * used no generic tags either; they find popular videos, just not similar ones.
 */
export const LAST_RESORT_HASHTAGS = ['fyp', 'foryou', 'viral', 'trending', 'explore'] as const;

const DAY_MS = 86_400_000;

export interface LocalHashtagResult {
  hashtags: string[];
  insights: HashtagInsight[];
}

interface WeightedPost {
  post: Post;
  weight: number;
  engagement: number;
}

interface Candidate {
  tag: string;
  score: number;
  posts: WeightedPost[];
}

/**
 * Picks a creator's 5 niche hashtags without an LLM. Candidates come in tiers, each ranked by
 * engagement-weighted, recency-decayed frequency (score desc, then post count desc, then
 * alphabetical):
 *   1. the creator's own non-generic hashtags;
 *   2. caption keywords, when the hashtags give fewer than 5;
 *   3. hashtags, then words, from the bio, in the order the bio lists them;
 *   4. generic reach tags the creator used, then LAST_RESORT_HASHTAGS.
 * The generic penalty is therefore absolute: a reach tag is chosen only when nothing more specific
 * exists. Pure and deterministic: the input order of posts does not matter and `now` is the clock.
 */
export function extractLocalHashtags(input: HashtagPickInput): LocalHashtagResult {
  const weighted = weighPosts(canonicalPosts(input.posts), input.now);
  const total = weighted.length;

  const hashtagCandidates = rankCandidates(weighted, (p) =>
    p.hashtags.map(normalizeHashtag.pick).filter((t): t is string => t !== null),
  );
  const niche = hashtagCandidates.filter((c) => !isGenericHashtag(c.tag));
  const generic = hashtagCandidates.filter((c) => isGenericHashtag(c.tag));

  const picked: HashtagInsight[] = [];
  const chosen = new Set<string>();
  const add = (tag: string, reason: string, evidence: string[]): void => {
    if (picked.length >= PICK_SIZE || chosen.has(tag)) return;
    chosen.add(tag);
    picked.push({ hashtag: tag, reason, evidencePostIds: evidence });
  };

  for (const c of niche) add(c.tag, usageReason('used in', c, total, input.now), evidenceOf(c));

  if (picked.length < PICK_SIZE) {
    const keywords = rankCandidates(weighted, (p) =>
      extractKeywords(p.caption).filter((k) => normalizeHashtag.pick(k) === k),
    );
    for (const c of keywords)
      add(c.tag, usageReason('caption keyword in', c, total, input.now), evidenceOf(c));
  }

  if (picked.length < PICK_SIZE) {
    for (const tag of bioHashtags(input.profile.bio)) add(tag, 'hashtag from the profile bio', []);
    for (const word of extractKeywords(input.profile.bio)) {
      if (normalizeHashtag.pick(word) === word) add(word, 'keyword from the profile bio', []);
    }
  }

  for (const c of generic) {
    const usage = usageReason('used in', c, total, input.now);
    add(
      c.tag,
      `generic reach tag, kept because nothing more specific was found; ${usage}`,
      evidenceOf(c),
    );
  }
  for (const tag of LAST_RESORT_HASHTAGS) {
    add(tag, 'generic reach tag: the posts and bio offer nothing more specific', []);
  }

  return { hashtags: picked.map((i) => i.hashtag), insights: picked };
}

/** De-duplicated by id and sorted, so float sums and tie-breaks do not depend on input order. */
function canonicalPosts(posts: readonly Post[]): Post[] {
  const byId = new Map<string, Post>();
  for (const p of posts) if (!byId.has(p.id)) byId.set(p.id, p);
  return [...byId.values()].sort((a, b) => compareIds(a.id, b.id));
}

function weighPosts(posts: Post[], now: number): WeightedPost[] {
  const rates = posts.map((p) => engagementRate(p.stats));
  const mean = rates.length > 0 ? rates.reduce((s, r) => s + r, 0) / rates.length : 0;
  return posts.map((post, i) => {
    const relative = mean > 0 ? rates[i] / mean : 1;
    const engagementWeight = clamp(relative, ENGAGEMENT_WEIGHT_MIN, ENGAGEMENT_WEIGHT_MAX);
    return { post, engagement: rates[i], weight: recencyWeight(post, now) * engagementWeight };
  });
}

function recencyWeight(post: Post, now: number): number {
  if (!(post.createTime > 0)) return RECENCY_FLOOR;
  const ageDays = Math.max(0, now - post.createTime * 1000) / DAY_MS;
  return Math.max(RECENCY_FLOOR, 0.5 ** (ageDays / RECENCY_HALF_LIFE_DAYS));
}

function rankCandidates(posts: WeightedPost[], termsOf: (post: Post) => string[]): Candidate[] {
  const byTag = new Map<string, Candidate>();
  for (const wp of posts) {
    for (const tag of new Set(termsOf(wp.post))) {
      const c = byTag.get(tag) ?? { tag, score: 0, posts: [] };
      c.score += wp.weight;
      c.posts.push(wp);
      byTag.set(tag, c);
    }
  }
  return [...byTag.values()].sort(
    (a, b) =>
      round(b.score, 9) - round(a.score, 9) ||
      b.posts.length - a.posts.length ||
      compareIds(a.tag, b.tag),
  );
}

function usageReason(prefix: string, c: Candidate, total: number, now: number): string {
  const avg = c.posts.reduce((s, wp) => s + wp.engagement, 0) / c.posts.length;
  const newest = Math.max(...c.posts.map((wp) => wp.post.createTime));
  const parts = [
    `${prefix} ${c.posts.length} of ${total} posts`,
    `avg ${formatPercent(avg)} engagement`,
  ];
  if (newest > 0) {
    const days = Math.floor(Math.max(0, now - newest * 1000) / DAY_MS);
    parts.push(
      days === 0 ? 'last used today' : `last used ${days} day${days === 1 ? '' : 's'} ago`,
    );
  }
  return parts.join(', ');
}

function bioHashtags(bio: string): string[] {
  const tags = [...bio.normalize('NFKC').matchAll(/#([\p{L}\p{N}_]+)/gu)].map((m) => m[1]);
  return tags
    .map(normalizeHashtag.pick)
    .filter((t): t is string => t !== null && !isGenericHashtag(t));
}

function evidenceOf(c: Candidate): string[] {
  return rankEvidence(c.posts.map((wp) => wp.post));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
