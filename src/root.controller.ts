import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ServiceIndexDto } from './root.dto';
import { APP_VERSION } from './version';

@ApiTags('service')
@Controller()
export class RootController {
  @Get()
  @ApiOperation({ summary: 'What this service is, its version, docs and endpoints' })
  @ApiOkResponse({ type: ServiceIndexDto })
  root(): ServiceIndexDto {
    return {
      service: 'TrendXL',
      description: 'TikTok trend intelligence API',
      version: APP_VERSION,
      docs: { swagger: '/docs', redoc: '/redoc', openapi: '/openapi.json' },
      endpoints: {
        profile: 'POST /api/v1/profile',
        posts: 'POST /api/v1/posts',
        hashtag_search: 'POST /api/v1/hashtag/search',
        users_search: 'POST /api/v1/users/search',
        analyze: 'POST /api/v1/analyze',
        cache_stats: 'GET /api/v1/cache/stats',
        cache_clear: 'POST /api/v1/cache/clear',
        health: 'GET /health',
        liveness: 'GET /health/live',
        readiness: 'GET /health/ready',
        metrics: 'GET /metrics',
      },
    };
  }
}
