import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import {
  ApiErrorResponses,
  JSON_BODY_ERRORS,
} from '../common/openapi/api-error-responses.decorator';
import { SkipClientKey } from '../common/auth/skip-client-key.decorator';
import { validationErrorFor } from '../common/validation/validation.pipe';
import { ADMIN_BEARER, ADMIN_KEY_HEADER } from '../common/openapi/admin-security';
import { AdminApiKeyGuard, adminDisabled, adminKeyInvalid } from './admin-api-key.guard';
import { CacheAdminService, cacheBackendUnavailable } from './cache-admin.service';
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
  @ApiSecurity(ADMIN_KEY_HEADER)
  @ApiSecurity(ADMIN_BEARER)
  @ApiOperation({
    summary: 'Delete cached entries (admin)',
    description:
      'Requires ADMIN_API_KEY via X-API-Key or Authorization: Bearer. Only keys under ' +
      'trendxl:v2: are deleted, optionally narrowed by `kind` (body) and `pattern` (query).',
  })
  @ApiOkResponse({ type: ClearCacheResultDto })
  @ApiErrorResponses(
    validationErrorFor(ClearCacheBodyDto, { kind: 'videos' }),
    adminKeyInvalid(),
    adminDisabled(),
    ...JSON_BODY_ERRORS,
    cacheBackendUnavailable(0),
  )
  clear(
    @Body() body: ClearCacheBodyDto,
    @Query() query: ClearCacheQueryDto,
  ): Promise<ClearCacheResultDto> {
    return this.admin.clear(body.kind, query.pattern);
  }
}
