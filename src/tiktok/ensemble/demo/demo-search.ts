import type { DemoDataset, DemoPost, DemoUser } from './demo-dataset';

/** Keyword and user search over the demo dataset, imitating what Ensemble returns. */

const DAY = 86_400;

export interface KeywordQuery {
  keyword: string;
  /** Days; 0 = all time. */
  periodDays: number;
  /** 0 relevance, 1 most liked. */
  sorting: 0 | 1;
  /** Only posts whose caption contains the keyword verbatim. */
  matchExactly: boolean;
}

/** 3 exact hashtag, 2 hashtag contains the keyword, 1 caption contains it, 0 no match. */
function matchStrength(post: DemoPost, raw: string, compact: string, words: string[]): number {
  if (compact.length === 0) return 0;
  if (post.tags.includes(compact)) return 3;
  if (compact.length >= 3 && post.tags.some((t) => t.includes(compact))) return 2;
  const caption = post.caption.toLowerCase();
  if (raw.length >= 3 && caption.includes(raw)) return 1;
  if (words.length > 1 && words.every((w) => caption.includes(w))) return 1;
  return 0;
}

export function searchPosts(ds: DemoDataset, q: KeywordQuery): DemoPost[] {
  const raw = q.keyword.trim().toLowerCase();
  const compact = raw.replace(/[^a-z0-9_]/g, '');
  const words = raw.split(/\s+/).filter((w) => w.length >= 3);
  const maxAge = q.periodDays > 0 ? q.periodDays * DAY : Infinity;
  const hits: { post: DemoPost; strength: number }[] = [];
  for (const post of ds.searchable) {
    if (post.ageSec > maxAge) continue;
    if (q.matchExactly && !(raw.length > 0 && post.caption.toLowerCase().includes(raw))) continue;
    const strength = matchStrength(post, raw, compact, words);
    if (strength > 0) hits.push({ post, strength });
  }
  const relevance = (h: { post: DemoPost; strength: number }) =>
    h.strength + Math.log10(h.post.stats.likes + 10) / 2 + h.post.rankNoise * 1.5;
  hits.sort((a, b) =>
    q.sorting === 1
      ? b.post.stats.likes - a.post.stats.likes || a.post.id.localeCompare(b.post.id)
      : relevance(b) - relevance(a) || a.post.id.localeCompare(b.post.id),
  );
  return hits.map((h) => h.post);
}

export function searchHashtag(ds: DemoDataset, name: string): readonly DemoPost[] {
  const tag = name.trim().toLowerCase().replace(/^#/, '');
  return ds.byTag.get(tag) ?? [];
}

function userMatches(user: DemoUser, term: string): boolean {
  return (
    user.username.toLowerCase().includes(term) ||
    user.nickname.toLowerCase().includes(term) ||
    user.niche.includes(term)
  );
}

/** Substring match on username, nickname or niche; every word must match. */
export function searchUsers(ds: DemoDataset, keyword: string): DemoUser[] {
  const q = keyword.trim().toLowerCase().replace(/^@/, '');
  if (q.length === 0) return [];
  const words = q.split(/\s+/);
  const found = ds.userList.filter(
    (u) => userMatches(u, q) || words.every((w) => userMatches(u, w)),
  );
  const exact = found.filter((u) => u.username.toLowerCase() === q);
  return [...exact, ...found.filter((u) => u.username.toLowerCase() !== q)];
}
