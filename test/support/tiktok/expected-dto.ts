import type {
  PostDto,
  ProfileResponseDto,
  UserSummaryDto,
} from '../../../src/tiktok/dto/tiktok.response.dto';
import {
  avatarUrl,
  expectedHashtags,
  photoCoverUrl,
  photoImageUrls,
  videoCoverUrl,
  type FixturePost,
  type FixtureUser,
} from '../../fakes/ensemble-fixtures';

/**
 * What the API must answer for a fixture user or post, derived from the fixture's *input*
 * values (not from the parsers), so a wrong mapping anywhere in the chain shows up as a diff.
 */

const count = (value: number | string | undefined): number =>
  value === undefined ? 0 : Number(value);

export function profileUrlOf(user: FixtureUser): string {
  return `https://www.tiktok.com/@${user.uniqueId}`;
}

export function expectedProfile(
  user: FixtureUser,
  source: 'live' | 'demo' = 'live',
): ProfileResponseDto {
  return {
    username: user.uniqueId,
    nickname: user.nickname,
    bio: user.signature,
    follower_count: user.followers,
    following_count: user.following,
    likes_count: user.likes,
    video_count: user.videos,
    // The largest avatar the hybrid user object offers.
    avatar_url: avatarUrl(user, 'larger'),
    is_verified: user.verified,
    is_private: user.isPrivate,
    region: user.region,
    profile_url: profileUrlOf(user),
    source,
  };
}

export function expectedUserSummary(user: FixtureUser): UserSummaryDto {
  return {
    username: user.uniqueId,
    nickname: user.nickname,
    bio: user.signature,
    avatar_url: avatarUrl(user, 'larger'),
    is_verified: user.verified,
    is_private: user.isPrivate,
    follower_count: user.followers,
    following_count: user.following,
    likes_count: user.likes,
    video_count: user.videos,
    profile_url: profileUrlOf(user),
  };
}

/** Fixture video posts last 21.345 s unless they say otherwise. */
const DEFAULT_DURATION_MS = 21_345;

export function expectedPost(post: FixturePost): PostDto {
  const author = post.author;
  return {
    id: post.id,
    caption: post.desc,
    views: post.noStatistics ? 0 : count(post.views),
    likes: post.noStatistics ? 0 : count(post.likes),
    comments: post.noStatistics ? 0 : count(post.comments),
    shares: post.noStatistics ? 0 : count(post.shares),
    favorites: post.noStatistics ? 0 : count(post.collects),
    create_time: new Date(post.createTime * 1000).toISOString(),
    // A photo post's play_addr is its soundtrack: no video URL, the first image is the cover.
    video_url: post.photo
      ? null
      : `https://v16-webapp.tiktok.com/video/${post.id}/play.mp4?expire=1700000000`,
    cover_image_url: post.photo ? photoCoverUrl(post.id) : videoCoverUrl(post.id),
    images: post.photo ? photoImageUrls(post.id) : [],
    hashtags: expectedHashtags(post),
    is_pinned: post.isTop === true,
    tiktok_url: `https://www.tiktok.com/@${author.uniqueId}/video/${post.id}`,
    author: {
      username: author.uniqueId,
      nickname: author.nickname,
      avatar_url: avatarUrl(author, 'larger'),
      is_verified: author.verified,
      follower_count: author.followers,
    },
    music: {
      title: post.musicTitle ?? `original sound - ${author.uniqueId}`,
      author: author.nickname,
    },
    duration_s: post.photo ? 0 : Math.round((post.durationMs ?? DEFAULT_DURATION_MS) / 1000),
  };
}

/** A creator's posts in Ensemble's order: pinned first, then newest first. */
export function postsInFeedOrder(posts: readonly FixturePost[], username: string): FixturePost[] {
  return posts
    .filter((p) => p.author.uniqueId === username)
    .sort((a, b) => Number(!!b.isTop) - Number(!!a.isTop) || b.createTime - a.createTime);
}
