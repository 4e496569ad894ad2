/** Domain models: what the service knows about TikTok, independent of Ensemble's JSON shapes. */

export type DataSource = 'live' | 'demo';

export interface Profile {
  username: string;
  userId: string;
  secUid?: string;
  nickname: string;
  bio: string;
  followerCount: number;
  followingCount: number;
  likesCount: number;
  videoCount: number;
  avatarUrl: string | null;
  isVerified: boolean;
  isPrivate: boolean;
  region: string | null;
}

export interface PostAuthor {
  userId: string;
  username: string;
  nickname: string;
  avatarUrl: string | null;
  isVerified: boolean;
  /** Unknown (0) when the upstream did not include author stats. */
  followerCount: number;
}

export interface PostStats {
  views: number;
  likes: number;
  comments: number;
  shares: number;
  favorites: number;
}

export interface Post {
  id: string;
  caption: string;
  /** Unix seconds. */
  createTime: number;
  stats: PostStats;
  /** Lower-case, no '#', de-duplicated; from text_extra, cha_list and the caption. */
  hashtags: string[];
  isPinned: boolean;
  isAd: boolean;
  isPhoto: boolean;
  videoUrl: string | null;
  coverImageUrl: string | null;
  /** A photo carousel's image URLs, in order; empty for videos. */
  images: string[];
  durationSeconds: number;
  author: PostAuthor;
  music: { title: string; author: string } | null;
  region: string | null;
  /** Canonical https://www.tiktok.com/@<username>/video/<id>. */
  tiktokUrl: string;
}

export interface PostPage {
  posts: Post[];
  nextCursor: string | null;
  hasMore: boolean;
}

export interface UserSummary {
  userId: string;
  username: string;
  nickname: string;
  bio: string;
  avatarUrl: string | null;
  isVerified: boolean;
  isPrivate: boolean;
  followerCount: number;
  followingCount: number;
  likesCount: number;
  videoCount: number;
}

export interface UserSearchPage {
  users: UserSummary[];
  nextCursor: string | null;
}

/** Keyword search periods accepted by Ensemble, in days. */
export const SEARCH_PERIODS = [0, 1, 7, 30, 90, 180] as const;
export type SearchPeriod = (typeof SEARCH_PERIODS)[number];

/** 0 = relevance, 1 = most liked. */
export type SearchSorting = 0 | 1;
