import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorCode } from '../common/errors/error-code.enum';
import { ErrorEnvelopeDto } from '../common/errors/error-envelope.dto';
import { ApiErrorResponses } from '../common/openapi/api-error-responses.decorator';
import { AnalyzeRateLimit } from '../rate-limit/rate-limit.decorators';
import {
  CreateWatchlistDto,
  ListDeliveriesQueryDto,
  ListRunsQueryDto,
  UpdateWatchlistDto,
} from './dto/watchlist.request.dto';
import {
  CreatedWatchlistDto,
  DeliveryListDto,
  RunAcceptedDto,
  RunListDto,
  WatchlistDto,
  WatchlistListDto,
} from './dto/watchlist.response.dto';
import { currentOwner } from './watchlist-owner';
import { WatchlistsAvailableGuard } from './watchlists-available.guard';
import { WatchlistsService } from './watchlists.service';

const FEATURE_UNAVAILABLE = ApiResponse({
  status: 503,
  description: 'Watchlists need Redis (REDIS_URL unset), or the queue or database is unreachable',
  type: ErrorEnvelopeDto,
  example: {
    error: 'Watchlists need Redis: set REDIS_URL (a single Redis, not a cluster) to enable them',
    code: ErrorCode.FEATURE_UNAVAILABLE,
  },
});

@ApiTags('watchlists')
@Controller('api/v1/watchlists')
@UseGuards(WatchlistsAvailableGuard)
export class WatchlistsController {
  constructor(private readonly watchlists: WatchlistsService) {}

  @Post()
  @ApiOperation({
    summary: 'Watch creators on a schedule',
    description:
      'Creates a watchlist and its schedule. The answer carries `webhook_secret`, the key that ' +
      'signs its webhooks; it is never shown again.',
  })
  @ApiCreatedResponse({ type: CreatedWatchlistDto })
  @ApiErrorResponses(400, 429)
  @FEATURE_UNAVAILABLE
  create(@Body() body: CreateWatchlistDto): Promise<CreatedWatchlistDto> {
    return this.watchlists.create(body, currentOwner());
  }

  @Get()
  @ApiOperation({ summary: 'Your watchlists, newest first' })
  @ApiOkResponse({ type: WatchlistListDto })
  @ApiErrorResponses(429)
  @FEATURE_UNAVAILABLE
  list(): Promise<WatchlistListDto> {
    return this.watchlists.list(currentOwner());
  }

  @Get(':id')
  @ApiOperation({ summary: 'One watchlist' })
  @ApiOkResponse({ type: WatchlistDto })
  @ApiErrorResponses(404, 429)
  @FEATURE_UNAVAILABLE
  get(@Param('id') id: string): Promise<WatchlistDto> {
    return this.watchlists.get(id, currentOwner());
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a watchlist (a new interval reschedules it)' })
  @ApiOkResponse({ type: WatchlistDto })
  @ApiErrorResponses(400, 404, 429)
  @FEATURE_UNAVAILABLE
  update(@Param('id') id: string, @Body() body: UpdateWatchlistDto): Promise<WatchlistDto> {
    return this.watchlists.update(id, currentOwner(), body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a watchlist; its schedule stops at once' })
  @ApiNoContentResponse({ description: 'Deleted, with its runs and delivery log' })
  @ApiErrorResponses(404, 429)
  @FEATURE_UNAVAILABLE
  remove(@Param('id') id: string): Promise<void> {
    return this.watchlists.remove(id, currentOwner());
  }

  @Post(':id/run')
  @HttpCode(202)
  @AnalyzeRateLimit()
  @ApiOperation({ summary: 'Run now, besides the schedule' })
  @ApiAcceptedResponse({ type: RunAcceptedDto })
  @ApiErrorResponses(404, 429)
  @FEATURE_UNAVAILABLE
  run(@Param('id') id: string): Promise<RunAcceptedDto> {
    return this.watchlists.runNow(id, currentOwner());
  }

  @Get(':id/runs')
  @ApiOperation({
    summary: 'Runs, newest first',
    description: 'Status, times and, per creator, the analysis id, new-trend count and any error.',
  })
  @ApiOkResponse({ type: RunListDto })
  @ApiErrorResponses(400, 404, 429)
  @FEATURE_UNAVAILABLE
  runs(@Param('id') id: string, @Query() query: ListRunsQueryDto): Promise<RunListDto> {
    return this.watchlists.runs(id, currentOwner(), query);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Webhook attempts, newest first' })
  @ApiOkResponse({ type: DeliveryListDto })
  @ApiErrorResponses(400, 404, 429)
  @FEATURE_UNAVAILABLE
  deliveries(
    @Param('id') id: string,
    @Query() query: ListDeliveriesQueryDto,
  ): Promise<DeliveryListDto> {
    return this.watchlists.deliveries(id, currentOwner(), query);
  }
}
