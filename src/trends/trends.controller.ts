import { Body, Controller, HttpCode, Post, Query, Sse, type MessageEvent } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ThrottlerException } from '@nestjs/throttler';
import type { Observable } from 'rxjs';
import { ErrorEnvelopeDto } from '../common/errors/error-envelope.dto';
import { AnalyzeDeadline } from '../common/deadline/analyze-deadline.decorator';
import {
  ApiErrorResponses,
  JSON_BODY_ERRORS,
} from '../common/openapi/api-error-responses.decorator';
import { validationErrorFor } from '../common/validation/validation.pipe';
import { ProfileResponseDto } from '../tiktok/dto/tiktok.response.dto';
import { PROFILE_LOOKUP_ERRORS, UPSTREAM_ERRORS } from '../tiktok/tiktok-error-examples';
import { AnalyzeRateLimit } from '../rate-limit/rate-limit.decorators';
import { AnalyzeRequestDto } from './dto/analyze.request.dto';
import {
  AnalysisHashtagsEventDto,
  AnalysisPostsEventDto,
  AnalysisSearchEventDto,
  AnalyzeStreamQueryDto,
} from './dto/analyze-stream.dto';
import { AnalyzeResponseDto } from './dto/analyze.response.dto';
import { AnalyzeStreamService } from './analyze-stream.service';
import { AnalyzeEndpointService } from './analyze-endpoint.service';

@ApiTags('trends')
@Controller('api/v1')
export class TrendsController {
  constructor(
    private readonly trends: AnalyzeEndpointService,
    private readonly streams: AnalyzeStreamService,
  ) {}

  @Post('analyze')
  @AnalyzeRateLimit()
  @AnalyzeDeadline()
  @HttpCode(200)
  @ApiOperation({
    summary: "This week's trending videos in a creator's niche",
    description:
      'Fetches the profile and latest posts, picks five niche hashtags (LLM or local extractor), ' +
      'searches each for popular videos of the last 7 days, filters, de-duplicates and ranks them.',
  })
  @ApiOkResponse({ type: AnalyzeResponseDto })
  @ApiErrorResponses(
    validationErrorFor(AnalyzeRequestDto, { profile_url: 'https://example.com/carlos' }),
    ...PROFILE_LOOKUP_ERRORS,
    ...JSON_BODY_ERRORS,
    ...UPSTREAM_ERRORS,
  )
  analyze(@Body() body: AnalyzeRequestDto): Promise<AnalyzeResponseDto> {
    return this.trends.analyze(body);
  }

  @Sse('analyze/stream')
  @AnalyzeRateLimit()
  @AnalyzeDeadline()
  @ApiOperation({
    summary: 'The same analysis, with live progress as server-sent events',
    description:
      'Answers `text/event-stream`. Events, in order: `profile` (ProfileResponseDto), `posts` ' +
      '(AnalysisPostsEventDto), `hashtags` (AnalysisHashtagsEventDto), `search` (AnalysisSearchEventDto, ' +
      'one per hashtag), then `result` (exactly the POST /analyze body) or `error` (ErrorEnvelopeDto); ' +
      'the stream then ends. A cached analysis sends `result` at once; a second client asking for the ' +
      'same creator while it runs follows the same run (the steps so far, then the rest). A `: heartbeat` ' +
      'comment every 15 s; `retry:` is set. Invalid input is a plain 400 envelope, and the stream counts ' +
      'as an analysis for rate limits.',
  })
  @ApiProduces('text/event-stream')
  @ApiExtraModels(
    ProfileResponseDto,
    AnalysisPostsEventDto,
    AnalysisHashtagsEventDto,
    AnalysisSearchEventDto,
    AnalyzeResponseDto,
    ErrorEnvelopeDto,
  )
  @ApiOkResponse({
    description: "The event stream; each event's `data` is JSON of the schema named for it",
    content: {
      'text/event-stream': {
        schema: {
          type: 'string',
          description:
            `profile: ${getSchemaPath(ProfileResponseDto)}; posts: ${getSchemaPath(AnalysisPostsEventDto)}; ` +
            `hashtags: ${getSchemaPath(AnalysisHashtagsEventDto)}; search: ${getSchemaPath(AnalysisSearchEventDto)}; ` +
            `result: ${getSchemaPath(AnalyzeResponseDto)}; error: ${getSchemaPath(ErrorEnvelopeDto)}`,
        },
      },
    },
  })
  // Only what is refused before the stream starts; later failures are `error` events.
  @ApiErrorResponses(
    validationErrorFor(AnalyzeStreamQueryDto, { profile_url: 'https://example.com/carlos' }),
    new ThrottlerException(),
  )
  stream(@Query() query: AnalyzeStreamQueryDto): Observable<MessageEvent> {
    return this.streams.stream(query);
  }
}
