/** Builders and fast-check arbitraries shared by the trends specs. Imported only by *.spec.ts. */
import fc from 'fast-check';
import type { Post, PostStats } from '../tiktok/models/tiktok.models';
import type { DropCounts, HashtagPosts } from './trend-candidates';

/** 2025-06-15T12:00:00Z in unix ms. */
export const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);
export const NOW_S = NOW / 1000;
export const HOUR_S = 3600;
export const DAY_S = 86_400;

export interface PostSpec {
  id?: string;
  views?: number;
  likes?: number;
  comments?: number;
  shares?: number;
  favorites?: number;
  /** Hours before NOW; negative = in the future. */
  ageHours?: number;
  createTime?: number;
  userId?: string;
  username?: string;
  followers?: number;
  isAd?: boolean;
}

export function makePost(spec: PostSpec = {}): Post {
  const id = spec.id ?? 'v1';
  const username = spec.username ?? 'alice';
  return {
    id,
    caption: `caption of ${id}`,
    createTime: spec.createTime ?? Math.round(NOW_S - (spec.ageHours ?? 10) * HOUR_S),
    stats: {
      views: spec.views ?? 10_000,
      likes: spec.likes ?? 500,
      comments: spec.comments ?? 20,
      shares: spec.shares ?? 10,
      favorites: spec.favorites ?? 30,
    },
    hashtags: [],
    isPinned: false,
    isAd: spec.isAd ?? false,
    isPhoto: false,
    videoUrl: null,
    coverImageUrl: null,
    images: [],
    durationSeconds: 15,
    author: {
      userId: spec.userId ?? `uid-${username.toLowerCase()}`,
      username,
      nickname: username,
      avatarUrl: null,
      isVerified: false,
      followerCount: spec.followers ?? 5000,
    },
    music: null,
    region: null,
    tiktokUrl: `https://www.tiktok.com/@${username}/video/${id}`,
  };
}

export function withStats(post: Post, stats: Partial<PostStats>): Post {
  return { ...post, stats: { ...post.stats, ...stats } };
}

/** Any number a broken upstream could send: NaN, ±Infinity, negatives, fractions, huge values. */
export const wildNumberArb: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, 1, 999, 1000, 1001, -1, Number.NaN, Infinity, -Infinity, 1e12, 1e300),
  fc.integer({ min: 0, max: 1_000_000_000 }),
  fc.double(),
);

/** A single post with arbitrary, possibly garbage, counters and any age up to 30 days either way. */
export const wildPostArb: fc.Arbitrary<Post> = fc
  .record({
    views: wildNumberArb,
    likes: wildNumberArb,
    comments: wildNumberArb,
    shares: wildNumberArb,
    favorites: wildNumberArb,
    followers: wildNumberArb,
    createTime: fc.oneof(
      fc.integer({ min: NOW_S - 30 * DAY_S, max: NOW_S + 30 * DAY_S }),
      fc.constantFrom(Number.NaN, 0, NOW_S),
    ),
  })
  .map((r) => makePost(r));

export const OWN = { username: 'MeCreator', userId: 'uid-own' } as const;

const OTHER_AUTHORS = [
  { userId: 'uid-a', username: 'alice' },
  { userId: 'uid-b', username: 'bob' },
  { userId: 'uid-c', username: 'Carol' },
] as const;
const OWN_AUTHORS = [
  { userId: 'uid-own', username: 'mecreator' },
  { userId: 'uid-own', username: '@MECREATOR' },
] as const;

const HASHTAGS = ['food', 'Cooking', '#recipes', 'asmr', 'cooking'] as const;

export interface Scenario {
  found: HashtagPosts[];
  ownUsername: string;
  ownUserId: string;
  now: number;
  windowDays: number;
  minViews: number;
}

const baseVideoArb = fc.record({
  id: fc.integer({ min: 0, max: 40 }).map((n) => `v${String(n).padStart(2, '0')}`),
  author: fc.oneof(
    { arbitrary: fc.constantFrom(...OTHER_AUTHORS), weight: 6 },
    { arbitrary: fc.constantFrom(...OWN_AUTHORS), weight: 1 },
  ),
  isAd: fc.oneof(
    { arbitrary: fc.constant(false), weight: 5 },
    { arbitrary: fc.constant(true), weight: 1 },
  ),
  ageSeconds: fc.oneof(
    fc.integer({ min: -2 * HOUR_S, max: 10 * DAY_S }),
    fc.constantFrom(0, 7 * DAY_S, 7 * DAY_S + 1, DAY_S, DAY_S + 1),
  ),
  views: fc.oneof(
    fc.integer({ min: 0, max: 5000 }),
    fc.integer({ min: 0, max: 100_000_000 }),
    fc.constantFrom(1000, 1001),
  ),
  likes: fc.integer({ min: 0, max: 1_000_000 }),
  comments: fc.integer({ min: 0, max: 50_000 }),
  shares: fc.integer({ min: 0, max: 50_000 }),
  favorites: fc.integer({ min: 0, max: 50_000 }),
  followers: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10_000_000 })),
});

const pickArb = fc.record({ index: fc.nat(), bump: fc.oneof(fc.constant(0), fc.nat(50)) });

/**
 * Hashtag result lists that share videos. A repeated id is the same video (same author, age, ad
 * flag) seen in a later snapshot: only its counters differ, and only upwards.
 */
export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    videos: fc.uniqueArray(baseVideoArb, { selector: (v) => v.id, minLength: 1, maxLength: 14 }),
    lists: fc.array(
      fc.record({
        hashtag: fc.constantFrom(...HASHTAGS),
        picks: fc.array(pickArb, { minLength: 1, maxLength: 12 }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    windowDays: fc.constantFrom(1, 7, 30),
    minViews: fc.constantFrom(0, 1000),
  })
  .map(({ videos, lists, windowDays, minViews }) => ({
    now: NOW,
    windowDays,
    minViews,
    ownUsername: OWN.username,
    ownUserId: OWN.userId,
    found: lists.map(({ hashtag, picks }) => ({
      hashtag,
      posts:
        videos.length === 0
          ? []
          : picks.map(({ index, bump }) => {
              const v = videos[index % videos.length];
              return makePost({
                id: v.id,
                userId: v.author.userId,
                username: v.author.username,
                isAd: v.isAd,
                createTime: NOW_S - v.ageSeconds,
                followers: v.followers,
                views: v.views + bump,
                likes: v.likes + bump,
                comments: v.comments,
                shares: v.shares,
                favorites: v.favorites,
              });
            }),
    })),
  }));

export function countOccurrences(found: HashtagPosts[]): number {
  return found.reduce((n, list) => n + list.posts.length, 0);
}

/** Deterministic Fisher–Yates of the lists and of the posts inside each list. */
export function shuffleFound(found: HashtagPosts[], seed: number): HashtagPosts[] {
  const random = mulberry32(seed);
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  return shuffle(found).map((list) => ({ hashtag: list.hashtag, posts: shuffle(list.posts) }));
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const RUNS = { numRuns: 200 } as const;

export function dropTotal(d: DropCounts): number {
  return d.too_old + d.low_views + d.duplicate + d.own_video + d.ad + d.author_cap;
}
