import type { DataSource, Post, PostAuthor, Profile, UserSummary } from './models/tiktok.models';
import type {
  PostAuthorDto,
  PostDto,
  ProfileResponseDto,
  UserSummaryDto,
} from './dto/tiktok.response.dto';

/** Explicit domain -> response mapping: nothing upstream reaches a client unless listed here. */
export function profileUrl(username: string): string {
  return `https://www.tiktok.com/@${username}`;
}

export function toProfileDto(profile: Profile, source: DataSource): ProfileResponseDto {
  return {
    username: profile.username,
    nickname: profile.nickname,
    bio: profile.bio,
    follower_count: profile.followerCount,
    following_count: profile.followingCount,
    likes_count: profile.likesCount,
    video_count: profile.videoCount,
    avatar_url: profile.avatarUrl,
    is_verified: profile.isVerified,
    is_private: profile.isPrivate,
    region: profile.region,
    profile_url: profileUrl(profile.username),
    source,
  };
}

export function toPostAuthorDto(author: PostAuthor): PostAuthorDto {
  return {
    username: author.username,
    nickname: author.nickname,
    avatar_url: author.avatarUrl,
    is_verified: author.isVerified,
    follower_count: author.followerCount,
  };
}

export function toIsoTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString();
}

export function toPostDto(post: Post): PostDto {
  return {
    id: post.id,
    caption: post.caption,
    views: post.stats.views,
    likes: post.stats.likes,
    comments: post.stats.comments,
    shares: post.stats.shares,
    favorites: post.stats.favorites,
    create_time: toIsoTime(post.createTime),
    video_url: post.videoUrl,
    cover_image_url: post.coverImageUrl,
    images: [...post.images],
    hashtags: [...post.hashtags],
    is_pinned: post.isPinned,
    tiktok_url: post.tiktokUrl,
    author: toPostAuthorDto(post.author),
    music: post.music ? { title: post.music.title, author: post.music.author } : null,
    duration_s: post.durationSeconds,
  };
}

export function toUserSummaryDto(user: UserSummary): UserSummaryDto {
  return {
    username: user.username,
    nickname: user.nickname,
    bio: user.bio,
    avatar_url: user.avatarUrl,
    is_verified: user.isVerified,
    is_private: user.isPrivate,
    follower_count: user.followerCount,
    following_count: user.followingCount,
    likes_count: user.likesCount,
    video_count: user.videoCount,
    profile_url: profileUrl(user.username),
  };
}
