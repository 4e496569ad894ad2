import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ConsoleAssetsService } from './console/console-assets.service';
import { ServiceIndexDto } from './root.dto';
import { APP_VERSION } from './version';

@ApiTags('service')
@Controller()
export class RootController {
  constructor(private readonly console: ConsoleAssetsService) {}

  /** Browsers (Accept: text/html) get the console; API clients keep the JSON index. */
  @Get()
  @ApiOperation({
    summary: 'What this service is, its version, docs and endpoints',
    description: 'A browser (`Accept: text/html`) gets the web console page instead.',
  })
  @ApiOkResponse({ type: ServiceIndexDto })
  root(@Req() req: Request, @Res() res: Response): void {
    res.vary('Accept');
    if (req.accepts(['json', 'html']) === 'html' && this.console.built) {
      this.console.sendPage(res);
      return;
    }
    res.json(this.index());
  }

  private index(): ServiceIndexDto {
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
        analyze_stream: 'GET /api/v1/analyze/stream',
        console: 'GET /console',
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
