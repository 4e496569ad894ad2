import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiBadRequestResponse,
} from '@nestjs/swagger';
import { SkipClientKey } from '../common/auth/skip-client-key.decorator';
import { ErrorEnvelopeDto } from '../common/errors/error-envelope.dto';
import { AdminApiKeyGuard } from './admin-api-key.guard';
import { CacheAdminService } from './cache-admin.service';
import { CacheStatsDto } from './dto/cache-stats.dto';
import { ClearCacheResultDto } from './dto/clear-cache-result.dto';
import { ClearCacheBodyDto, ClearCacheQueryDto } from './dto/clear-cache.dto';

@ApiTags('cache')
@Controller('api/v1/cache')
export class CacheController {
  constructor(private readonly admin: CacheAdminService) {}

  @Get('stats')
  @ApiOperation({ summary: 'Cache backend, key counts by kind and hit ratio' })
  @ApiOkResponse({ type: CacheStatsDto })
  stats(): Promise<CacheStatsDto> {
    return this.admin.stats();
  }

  @Post('clear')
  @HttpCode(200)
  @UseGuards(AdminApiKeyGuard)
  @SkipClientKey()
  @ApiSecurity('admin-api-key')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Delete cached entries (admin)',
    description:
      'Requires ADMIN_API_KEY via X-API-Key or Authorization: Bearer. Only keys under ' +
      'trendxl:v2: are deleted, optionally narrowed by `kind` (body) and `pattern` (query).',
  })
  @ApiOkResponse({ type: ClearCacheResultDto })
  @ApiBadRequestResponse({ type: ErrorEnvelopeDto, description: 'Invalid kind or pattern' })
  @ApiUnauthorizedResponse({ type: ErrorEnvelopeDto, description: 'Missing or wrong admin key' })
  @ApiForbiddenResponse({ type: ErrorEnvelopeDto, description: 'No admin key configured' })
  @ApiServiceUnavailableResponse({ type: ErrorEnvelopeDto, description: 'Redis unreachable' })
  clear(
    @Body() body: ClearCacheBodyDto,
    @Query() query: ClearCacheQueryDto,
  ): Promise<ClearCacheResultDto> {
    return this.admin.clear(body.kind, query.pattern);
  }
}
