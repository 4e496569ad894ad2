import { Injectable } from '@nestjs/common';
import type {
  HashtagSearchRequestDto,
  PostsRequestDto,
  ProfileRequestDto,
  UserSearchRequestDto,
} from './dto/tiktok.request.dto';
import type {
  HashtagSearchResponseDto,
  PostsResponseDto,
  ProfileResponseDto,
  UserSearchResponseDto,
} from './dto/tiktok.response.dto';
import { toPostDto, toProfileDto, toUserSummaryDto } from './tiktok-response.mapper';
import { TiktokService } from './tiktok.service';

/** The TikTok endpoints between HTTP and domain: request DTO -> TiktokService -> response DTO. */
@Injectable()
export class TiktokEndpointsService {
  constructor(private readonly tiktok: TiktokService) {}

  async profile(req: ProfileRequestDto): Promise<ProfileResponseDto> {
    return toProfileDto(await this.tiktok.getProfile(req.username), this.tiktok.source);
  }

  async posts(req: PostsRequestDto): Promise<PostsResponseDto> {
    const page = await this.tiktok.getPosts(req.username, { count: req.count, cursor: req.cursor });
    return {
      posts: page.posts.map(toPostDto),
      next_cursor: page.nextCursor,
      has_more: page.hasMore,
      total_posts: page.posts.length,
      source: this.tiktok.source,
    };
  }

  async hashtagSearch(req: HashtagSearchRequestDto): Promise<HashtagSearchResponseDto> {
    const page = await this.tiktok.searchHashtag(req.hashtag, {
      count: req.count,
      period: req.period,
      sorting: req.sorting,
      cursor: req.cursor,
    });
    return {
      hashtag: req.hashtag,
      posts: page.posts.map(toPostDto),
      next_cursor: page.nextCursor,
      total_found: page.posts.length,
      source: this.tiktok.source,
    };
  }

  async usersSearch(req: UserSearchRequestDto): Promise<UserSearchResponseDto> {
    const page = await this.tiktok.searchUsers(req.query, { count: req.count, cursor: req.cursor });
    return {
      users: page.users.map(toUserSummaryDto),
      next_cursor: page.nextCursor,
      source: this.tiktok.source,
    };
  }
}
