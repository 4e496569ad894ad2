import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { NoRateLimit } from '../rate-limit/rate-limit.decorators';
import { ConsoleAssetsService } from './console-assets.service';

/** The web console: static files like the docs, so not rate limited (its API calls are). */
@ApiExcludeController()
@NoRateLimit()
@Controller('console')
export class ConsoleController {
  constructor(private readonly assets: ConsoleAssetsService) {}

  @Get()
  page(@Res() res: Response): void {
    this.assets.sendPage(res);
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() res: Response): void {
    this.assets.sendAsset(name, res);
  }
}
