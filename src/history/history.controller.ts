import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ThrottlerException } from '@nestjs/throttler';
import { ApiErrorResponses } from '../common/openapi/api-error-responses.decorator';
import { validationErrorFor } from '../common/validation/validation.pipe';
import { AnalyzeResponseDto } from '../trends/dto/analyze.response.dto';
import {
  AnalysisIdParamsDto,
  CreatorAnalysesQueryDto,
  CreatorParamsDto,
  HashtagHistoryQueryDto,
  HashtagParamsDto,
  VideoIdParamsDto,
} from './dto/history.request.dto';
import {
  CreatorAnalysesResponseDto,
  HashtagHistoryResponseDto,
  VideoHistoryResponseDto,
} from './dto/history.response.dto';
import { historyDisabled, historyNotFound } from './history-errors';
import { HistoryQueryService } from './history-query.service';

/** What every history route can answer besides its own errors. */
const HISTORY_ERRORS: readonly unknown[] = [new ThrottlerException(), historyDisabled()];
const BAD_ANALYSIS_ID = validationErrorFor(AnalysisIdParamsDto, { id: 'latest' });
const NO_ANALYSIS = historyNotFound('analysis', { id: '6f1c2d3e-4b5a-4c6d-8e7f-901234567890' });

@ApiTags('history')
@Controller('api/v1')
export class HistoryController {
  constructor(private readonly history: HistoryQueryService) {}

  @Get('creators/:username/analyses')
  @ApiOperation({ summary: "A creator's stored analyses, newest first" })
  @ApiOkResponse({ type: CreatorAnalysesResponseDto })
  @ApiErrorResponses(validationErrorFor(CreatorAnalysesQueryDto, { limit: 0 }), ...HISTORY_ERRORS)
  creatorAnalyses(
    @Param() params: CreatorParamsDto,
    @Query() query: CreatorAnalysesQueryDto,
  ): Promise<CreatorAnalysesResponseDto> {
    return this.history.creatorAnalyses(params.username, query);
  }

  @Get('analyses/:id')
  @ApiOperation({
    summary: 'A stored analysis, in the shape /analyze answered it (all its ranked trends)',
  })
  @ApiOkResponse({ type: AnalyzeResponseDto })
  @ApiErrorResponses(BAD_ANALYSIS_ID, NO_ANALYSIS, ...HISTORY_ERRORS)
  analysis(@Param() params: AnalysisIdParamsDto): Promise<AnalyzeResponseDto> {
    return this.history.analysis(params.id);
  }

  @Get('analyses/:id/trends.csv')
  @ApiOperation({
    summary: "A stored analysis's ranked trends as CSV (RFC 4180, UTF-8, header row)",
    description:
      'Columns: rank, id, tiktok_url, author, caption, views, likes, comments, shares, ' +
      'create_time, score, matched_hashtags (space-separated), is_new (true, false or empty).',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'text/csv' })
  @ApiErrorResponses(BAD_ANALYSIS_ID, NO_ANALYSIS, ...HISTORY_ERRORS)
  async trendsCsv(@Param() params: AnalysisIdParamsDto): Promise<StreamableFile> {
    return new StreamableFile(await this.history.trendsCsv(params.id), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="trends-${params.id}.csv"`,
    });
  }

  @Get('videos/:id/history')
  @ApiOperation({ summary: "A video's observed counters, oldest first" })
  @ApiOkResponse({ type: VideoHistoryResponseDto })
  @ApiErrorResponses(
    validationErrorFor(VideoIdParamsDto, { id: 'abc' }),
    historyNotFound('video', { id: '7301234567890123456' }),
    ...HISTORY_ERRORS,
  )
  videoHistory(@Param() params: VideoIdParamsDto): Promise<VideoHistoryResponseDto> {
    return this.history.videoHistory(params.id);
  }

  @Get('hashtags/:tag/history')
  @ApiOperation({
    summary: 'Per UTC day: videos observed under a hashtag and their summed views',
  })
  @ApiOkResponse({ type: HashtagHistoryResponseDto })
  @ApiErrorResponses(
    validationErrorFor(HashtagHistoryQueryDto, { days: 0 }),
    historyNotFound('hashtag', { hashtag: 'mealprep' }),
    ...HISTORY_ERRORS,
  )
  hashtagHistory(
    @Param() params: HashtagParamsDto,
    @Query() query: HashtagHistoryQueryDto,
  ): Promise<HashtagHistoryResponseDto> {
    return this.history.hashtagHistory(params.tag, query);
  }
}
