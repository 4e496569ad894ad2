import { Inject, Injectable } from '@nestjs/common';
import { CacheService } from '../cache/cache.service';
import { RequestContext, RequestStats } from '../common/context/request-context';
import { limitsConfig, type LimitsConfig } from '../config/configuration';
import { TiktokService } from '../tiktok/tiktok.service';
import type { AnalyzeRequestDto } from './dto/analyze.request.dto';
import type { AnalyzeResponseDto } from './dto/analyze.response.dto';
import { TrendAnalysisService } from './trend-analysis.service';
import { toAnalyzeResponse } from './trend-response.mapper';

/** POST /analyze between HTTP and domain: the cached analysis, mapped to the response DTO with this request's own costs. */
@Injectable()
export class AnalyzeEndpointService {
  constructor(
    private readonly analysis: TrendAnalysisService,
    private readonly tiktok: TiktokService,
    private readonly cache: CacheService,
    @Inject(limitsConfig.KEY) private readonly limits: LimitsConfig,
  ) {}

  async analyze(req: AnalyzeRequestDto): Promise<AnalyzeResponseDto> {
    const started = Date.now();
    const username = req.profile_url;
    const { value } = await this.cache.getOrLoad(
      // `limit` is not part of the key: every limit is served from the same ranked analysis.
      { kind: 'analysis', id: username, params: { country: req.country } },
      () => this.analysis.analyze(username, { country: req.country }),
    );
    return toAnalyzeResponse(value, {
      limit: req.limit,
      source: this.tiktok.source,
      stats: RequestContext.current() ?? new RequestStats(),
      durationMs: Date.now() - started,
      windowDays: this.limits.trendWindowDays,
    });
  }
}
