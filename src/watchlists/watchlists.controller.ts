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
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ThrottlerException } from '@nestjs/throttler';
import {
  ApiErrorResponses,
  JSON_BODY_ERRORS,
} from '../common/openapi/api-error-responses.decorator';
import { validationErrorFor } from '../common/validation/validation.pipe';
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
import { EXAMPLE_WATCHLIST_ID } from './dto/watchlist.response.dto';
import { watchlistNotFound, watchlistsNeedRedis } from './watchlist-errors';
import { currentOwner } from './watchlist-owner';
import { WatchlistsAvailableGuard } from './watchlists-available.guard';
import { WatchlistsService } from './watchlists.service';

const WATCHLIST_ID = ApiParam({
  name: 'id',
  description: 'The watchlist id (from POST /api/v1/watchlists)',
  example: EXAMPLE_WATCHLIST_ID,
});
/** What every watchlist route can answer besides its own errors. */
const COMMON_ERRORS: readonly unknown[] = [new ThrottlerException(), watchlistsNeedRedis()];
const LOOKUP_ERRORS: readonly unknown[] = [watchlistNotFound(), ...COMMON_ERRORS];

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
  @ApiErrorResponses(
    validationErrorFor(CreateWatchlistDto, { name: 'Cooking rivals', creators: [] }),
    ...JSON_BODY_ERRORS,
    watchlistsNeedRedis(),
  )
  create(@Body() body: CreateWatchlistDto): Promise<CreatedWatchlistDto> {
    return this.watchlists.create(body, currentOwner());
  }

  @Get()
  @ApiOperation({ summary: 'Your watchlists, newest first' })
  @ApiOkResponse({ type: WatchlistListDto })
  @ApiErrorResponses(...COMMON_ERRORS)
  list(): Promise<WatchlistListDto> {
    return this.watchlists.list(currentOwner());
  }

  @Get(':id')
  @ApiOperation({ summary: 'One watchlist' })
  @ApiOkResponse({ type: WatchlistDto })
  @WATCHLIST_ID
  @ApiErrorResponses(...LOOKUP_ERRORS)
  get(@Param('id') id: string): Promise<WatchlistDto> {
    return this.watchlists.get(id, currentOwner());
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a watchlist (a new interval reschedules it)' })
  @ApiOkResponse({ type: WatchlistDto })
  @WATCHLIST_ID
  @ApiErrorResponses(
    validationErrorFor(UpdateWatchlistDto, { notify: 'sometimes' }),
    ...JSON_BODY_ERRORS,
    watchlistNotFound(),
    watchlistsNeedRedis(),
  )
  update(@Param('id') id: string, @Body() body: UpdateWatchlistDto): Promise<WatchlistDto> {
    return this.watchlists.update(id, currentOwner(), body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a watchlist; its schedule stops at once' })
  @ApiNoContentResponse({ description: 'Deleted, with its runs and delivery log' })
  @WATCHLIST_ID
  @ApiErrorResponses(...LOOKUP_ERRORS)
  remove(@Param('id') id: string): Promise<void> {
    return this.watchlists.remove(id, currentOwner());
  }

  @Post(':id/run')
  @HttpCode(202)
  @AnalyzeRateLimit()
  @ApiOperation({ summary: 'Run now, besides the schedule' })
  @ApiAcceptedResponse({ type: RunAcceptedDto })
  @WATCHLIST_ID
  @ApiErrorResponses(...LOOKUP_ERRORS)
  run(@Param('id') id: string): Promise<RunAcceptedDto> {
    return this.watchlists.runNow(id, currentOwner());
  }

  @Get(':id/runs')
  @ApiOperation({
    summary: 'Runs, newest first',
    description: 'Status, times and, per creator, the analysis id, new-trend count and any error.',
  })
  @ApiOkResponse({ type: RunListDto })
  @WATCHLIST_ID
  @ApiErrorResponses(validationErrorFor(ListRunsQueryDto, { limit: 0 }), ...LOOKUP_ERRORS)
  runs(@Param('id') id: string, @Query() query: ListRunsQueryDto): Promise<RunListDto> {
    return this.watchlists.runs(id, currentOwner(), query);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Webhook attempts, newest first' })
  @ApiOkResponse({ type: DeliveryListDto })
  @WATCHLIST_ID
  @ApiErrorResponses(validationErrorFor(ListDeliveriesQueryDto, { limit: 0 }), ...LOOKUP_ERRORS)
  deliveries(
    @Param('id') id: string,
    @Query() query: ListDeliveriesQueryDto,
  ): Promise<DeliveryListDto> {
    return this.watchlists.deliveries(id, currentOwner(), query);
  }
}
