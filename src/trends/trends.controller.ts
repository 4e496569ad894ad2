import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnalyzeDeadline } from '../common/deadline/analyze-deadline.decorator';
import {
  ApiErrorResponses,
  JSON_BODY_ERRORS,
} from '../common/openapi/api-error-responses.decorator';
import { validationErrorFor } from '../common/validation/validation.pipe';
import { PROFILE_LOOKUP_ERRORS, UPSTREAM_ERRORS } from '../tiktok/tiktok-error-examples';
import { AnalyzeRateLimit } from '../rate-limit/rate-limit.decorators';
import { AnalyzeRequestDto } from './dto/analyze.request.dto';
import { AnalyzeResponseDto } from './dto/analyze.response.dto';
import { AnalyzeEndpointService } from './analyze-endpoint.service';

@ApiTags('trends')
@Controller('api/v1')
export class TrendsController {
  constructor(private readonly trends: AnalyzeEndpointService) {}

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
}
