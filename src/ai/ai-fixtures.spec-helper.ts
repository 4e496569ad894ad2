import type { Post, PostStats, Profile } from '../tiktok/models/tiktok.models';
import type { HashtagPickInput } from './hashtag-pick';

/** Builders for the Ai module's specs: domain objects with only the fields a test cares about. */

export const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const DAY_S = 86_400;

export function daysAgo(days: number, now = NOW): number {
  return Math.floor(now / 1000) - days * DAY_S;
}

export function makeProfile(overrides: Partial<Profile> = {}): Profile {
  return {
    username: 'chefmaya',
    userId: '6800000000000000001',
    nickname: 'Carlos Cooks (demo)',
    bio: '',
    followerCount: 120_000,
    followingCount: 180,
    likesCount: 2_400_000,
    videoCount: 340,
    avatarUrl: null,
    isVerified: false,
    isPrivate: false,
    region: 'US',
    ...overrides,
  };
}

export interface PostSpec {
  id: string;
  caption?: string;
  hashtags?: string[];
  ageDays?: number;
  stats?: Partial<PostStats>;
}

export function makePost(spec: PostSpec): Post {
  return {
    id: spec.id,
    caption: spec.caption ?? '',
    createTime: daysAgo(spec.ageDays ?? 1),
    stats: { views: 10_000, likes: 500, comments: 20, shares: 10, favorites: 5, ...spec.stats },
    hashtags: spec.hashtags ?? [],
    isPinned: false,
    isAd: false,
    isPhoto: false,
    videoUrl: null,
    coverImageUrl: null,
    images: [],
    durationSeconds: 30,
    author: {
      userId: '6800000000000000001',
      username: 'chefmaya',
      nickname: 'Carlos Cooks (demo)',
      avatarUrl: null,
      isVerified: false,
      followerCount: 120_000,
    },
    music: null,
    region: 'US',
    tiktokUrl: `https://www.tiktok.com/@chefmaya/video/${spec.id}`,
  };
}

export function makeInput(posts: PostSpec[], bio = '', now = NOW): HashtagPickInput {
  return { profile: makeProfile({ bio }), posts: posts.map(makePost), now };
}
