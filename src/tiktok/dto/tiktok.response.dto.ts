import { MediaUrlProperty } from './media-url.property';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';

const SOURCE = {
  enum: ['live', 'demo'],
  description: 'Where the data came from: Ensemble Data (live) or the bundled demo dataset',
  example: 'demo',
};

export const IMAGES: ApiPropertyOptions = {
  type: [String],
  description: "A photo post's carousel image URLs, in order; empty for videos",
  example: [],
};

export class ProfileResponseDto {
  @ApiProperty({ example: 'demo_cooking_carlos' }) username!: string;
  @ApiProperty({ example: 'Carlos Cooks (demo)' }) nickname!: string;
  @ApiProperty({ example: '15-minute dinners for busy people' }) bio!: string;
  @ApiProperty({ example: 182000 }) follower_count!: number;
  @ApiProperty({ example: 310 }) following_count!: number;
  @ApiProperty({ example: 4120000 }) likes_count!: number;
  @ApiProperty({ example: 212 }) video_count!: number;
  @MediaUrlProperty('avatar')
  avatar_url!: string | null;
  @ApiProperty({ example: false }) is_verified!: boolean;
  @ApiProperty({ example: false }) is_private!: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'US' }) region!: string | null;
  @ApiProperty({ example: 'https://www.tiktok.com/@demo_cooking_carlos' }) profile_url!: string;
  @ApiProperty(SOURCE) source!: 'live' | 'demo';
}

export class PostAuthorDto {
  @ApiProperty({ example: 'demo_cooking_carlos' }) username!: string;
  @ApiProperty({ example: 'Carlos Cooks (demo)' }) nickname!: string;
  @MediaUrlProperty('avatar')
  avatar_url!: string | null;
  @ApiProperty({ example: false }) is_verified!: boolean;
  @ApiProperty({ example: 182000, description: '0 when the upstream did not report it' })
  follower_count!: number;
}

export class MusicDto {
  @ApiProperty({ example: 'original sound' }) title!: string;
  @ApiProperty({ example: 'Carlos Cooks (demo)' }) author!: string;
}

export class PostDto {
  @ApiProperty({ example: '7301234567890123456', description: 'Always a string (ids exceed 2^53)' })
  id!: string;
  @ApiProperty({ example: 'One-pan lemon orzo #dinnerideas #mealprep' }) caption!: string;
  @ApiProperty({ example: 125000 }) views!: number;
  @ApiProperty({ example: 9800 }) likes!: number;
  @ApiProperty({ example: 210 }) comments!: number;
  @ApiProperty({ example: 340 }) shares!: number;
  @ApiProperty({ example: 1200 }) favorites!: number;
  @ApiProperty({ example: '2026-11-25T18:30:00.000Z', description: 'ISO 8601, UTC' })
  create_time!: string;
  @MediaUrlProperty('video')
  video_url!: string | null;
  @MediaUrlProperty('cover')
  cover_image_url!: string | null;
  @ApiProperty(IMAGES) images!: string[];
  @ApiProperty({ type: [String], example: ['dinnerideas', 'mealprep'] }) hashtags!: string[];
  @ApiProperty({ example: false }) is_pinned!: boolean;
  @ApiProperty({ example: 'https://www.tiktok.com/@demo_cooking_carlos/video/7301234567890123456' })
  tiktok_url!: string;
  @ApiProperty({ type: PostAuthorDto }) author!: PostAuthorDto;
  @ApiProperty({ type: MusicDto, nullable: true }) music!: MusicDto | null;
  @ApiProperty({ example: 34, description: 'Video length in seconds (0 for photo posts)' })
  duration_s!: number;
}

export class PostsResponseDto {
  @ApiProperty({ type: [PostDto] }) posts!: PostDto[];
  @ApiProperty({ type: String, nullable: true, example: '1732550400000' }) next_cursor!:
    string | null;
  @ApiProperty({ example: true }) has_more!: boolean;
  @ApiProperty({ example: 20, description: 'Number of posts in this response' })
  total_posts!: number;
  @ApiProperty(SOURCE) source!: 'live' | 'demo';
}

export class HashtagSearchResponseDto {
  @ApiProperty({ example: 'mealprep' }) hashtag!: string;
  @ApiProperty({ type: [PostDto] }) posts!: PostDto[];
  @ApiProperty({ type: String, nullable: true, example: '20' }) next_cursor!: string | null;
  @ApiProperty({ example: 10, description: 'Number of posts in this response' })
  total_found!: number;
  @ApiProperty(SOURCE) source!: 'live' | 'demo';
}

export class UserSummaryDto {
  @ApiProperty({ example: 'demo_cooking_carlos' }) username!: string;
  @ApiProperty({ example: 'Carlos Cooks (demo)' }) nickname!: string;
  @ApiProperty({ example: '15-minute dinners' }) bio!: string;
  @MediaUrlProperty('avatar')
  avatar_url!: string | null;
  @ApiProperty({ example: false }) is_verified!: boolean;
  @ApiProperty({ example: false }) is_private!: boolean;
  @ApiProperty({ example: 182000 }) follower_count!: number;
  @ApiProperty({ example: 310 }) following_count!: number;
  @ApiProperty({ example: 4120000 }) likes_count!: number;
  @ApiProperty({ example: 212 }) video_count!: number;
  @ApiProperty({ example: 'https://www.tiktok.com/@demo_cooking_carlos' }) profile_url!: string;
}

export class UserSearchResponseDto {
  @ApiProperty({ type: [UserSummaryDto] }) users!: UserSummaryDto[];
  @ApiPropertyOptional({ type: String, nullable: true, example: '10' }) next_cursor!: string | null;
  @ApiProperty(SOURCE) source!: 'live' | 'demo';
}
