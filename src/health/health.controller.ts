import { Controller, Get, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { NoRateLimit } from '../rate-limit/rate-limit.decorators';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code.enum';
import { ErrorEnvelopeDto } from '../common/errors/error-envelope.dto';
import { HealthReportDto, LivenessDto, ReadinessDto } from './health.dto';
import { HealthService } from './health.service';
import { ReadinessState } from './readiness.state';

@ApiTags('health')
@NoRateLimit()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly readiness: ReadinessState,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Overall health: healthy, degraded (still serving) or unhealthy' })
  @ApiOkResponse({ type: HealthReportDto })
  @ApiServiceUnavailableResponse({ type: HealthReportDto, description: 'unhealthy' })
  async report(@Res({ passthrough: true }) res: Response): Promise<HealthReportDto> {
    const report = await this.health.report();
    if (report.status === 'unhealthy') res.status(503);
    return report;
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: 503 while starting or shutting down; 200 even when only Redis is down',
  })
  @ApiOkResponse({ type: ReadinessDto })
  @ApiServiceUnavailableResponse({ type: ErrorEnvelopeDto })
  async ready(): Promise<ReadinessDto> {
    if (!this.readiness.isReady) {
      throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, 'Not ready for traffic');
    }
    const cache = await this.health.cacheCheck();
    return { status: 'ready', cache: cache.status };
  }
}
