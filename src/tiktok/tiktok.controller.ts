import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiErrorResponses,
  JSON_BODY_ERRORS,
} from '../common/openapi/api-error-responses.decorator';
import { validationErrorFor } from '../common/validation/validation.pipe';
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
import { PROFILE_LOOKUP_ERRORS, UPSTREAM_ERRORS } from './tiktok-error-examples';

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
  @ApiErrorResponses(
    validationErrorFor(ProfileRequestDto, { username: 'not a user!' }),
    ...PROFILE_LOOKUP_ERRORS,
    ...JSON_BODY_ERRORS,
    ...UPSTREAM_ERRORS,
  )
  profile(@Body() body: ProfileRequestDto): Promise<ProfileResponseDto> {
    return this.tiktok.profile(body);
  }

  @Post('posts')
  @HttpCode(200)
  @ApiOperation({ summary: "A creator's recent posts, newest first (pinned posts flagged)" })
  @ApiOkResponse({ type: PostsResponseDto })
  @ApiErrorResponses(
    validationErrorFor(PostsRequestDto, { username: 'demo_cooking_carlos', count: 500 }),
    ...PROFILE_LOOKUP_ERRORS,
    ...JSON_BODY_ERRORS,
    ...UPSTREAM_ERRORS,
  )
  posts(@Body() body: PostsRequestDto): Promise<PostsResponseDto> {
    return this.tiktok.posts(body);
  }

  @Post('hashtag/search')
  @HttpCode(200)
  @ApiOperation({ summary: 'Popular videos for a hashtag within a period' })
  @ApiOkResponse({ type: HashtagSearchResponseDto })
  @ApiErrorResponses(
    validationErrorFor(HashtagSearchRequestDto, { hashtag: 'meal prep!' }),
    ...JSON_BODY_ERRORS,
    ...UPSTREAM_ERRORS,
  )
  hashtagSearch(@Body() body: HashtagSearchRequestDto): Promise<HashtagSearchResponseDto> {
    return this.tiktok.hashtagSearch(body);
  }

  @Post('users/search')
  @HttpCode(200)
  @ApiOperation({ summary: 'Search creators by keyword' })
  @ApiOkResponse({ type: UserSearchResponseDto })
  @ApiErrorResponses(
    validationErrorFor(UserSearchRequestDto, { query: '' }),
    ...JSON_BODY_ERRORS,
    ...UPSTREAM_ERRORS,
  )
  usersSearch(@Body() body: UserSearchRequestDto): Promise<UserSearchResponseDto> {
    return this.tiktok.usersSearch(body);
  }
}
