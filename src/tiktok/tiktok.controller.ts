import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/openapi/api-error-responses.decorator';
import {
  HashtagSearchRequestDto,
  PostsRequestDto,
  ProfileRequestDto,
  UserSearchRequestDto,
} from './dto/tiktok.request.dto';
import {
  HashtagSearchResponseDto,
  PostsResponseDto,
  ProfileResponseDto,
  UserSearchResponseDto,
} from './dto/tiktok.response.dto';
import { TiktokEndpointsService } from './tiktok-endpoints.service';

@ApiTags('tiktok')
@Controller('api/v1')
export class TiktokController {
  constructor(private readonly tiktok: TiktokEndpointsService) {}

  @Post('profile')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A creator profile',
    description: 'Accepts `name`, `@name` or a profile URL.',
  })
  @ApiOkResponse({ type: ProfileResponseDto })
  @ApiErrorResponses(400, 403, 404, 429, 502, 503)
  profile(@Body() body: ProfileRequestDto): Promise<ProfileResponseDto> {
    return this.tiktok.profile(body);
  }

  @Post('posts')
  @HttpCode(200)
  @ApiOperation({ summary: "A creator's recent posts, newest first (pinned posts flagged)" })
  @ApiOkResponse({ type: PostsResponseDto })
  @ApiErrorResponses(400, 403, 404, 429, 502, 503)
  posts(@Body() body: PostsRequestDto): Promise<PostsResponseDto> {
    return this.tiktok.posts(body);
  }

  @Post('hashtag/search')
  @HttpCode(200)
  @ApiOperation({ summary: 'Popular videos for a hashtag within a period' })
  @ApiOkResponse({ type: HashtagSearchResponseDto })
  @ApiErrorResponses(400, 429, 502, 503)
  hashtagSearch(@Body() body: HashtagSearchRequestDto): Promise<HashtagSearchResponseDto> {
    return this.tiktok.hashtagSearch(body);
  }

  @Post('users/search')
  @HttpCode(200)
  @ApiOperation({ summary: 'Search creators by keyword' })
  @ApiOkResponse({ type: UserSearchResponseDto })
  @ApiErrorResponses(400, 429, 502, 503)
  usersSearch(@Body() body: UserSearchRequestDto): Promise<UserSearchResponseDto> {
    return this.tiktok.usersSearch(body);
  }
}
