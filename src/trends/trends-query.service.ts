import { Inject, Injectable } from '@nestjs/common';
import { CacheService } from '../cache/cache.service';
import { RequestContext, RequestStats } from '../common/context/request-context';
import { limitsConfig, type LimitsConfig } from '../config/configuration';
import { TiktokService } from '../tiktok/tiktok.service';
import type { AnalyzeRequestDto } from './dto/analyze.request.dto';
import type { AnalyzeResponseDto } from './dto/analyze.response.dto';
import { AnalysisProgressHub } from './analysis-progress.hub';
import { TrendAnalysisService } from './trend-analysis.service';
import { toAnalyzeResponse } from './trend-response.mapper';

/** POST /analyze and its stream: cached analysis, mapped to the response with this request's own costs. */
@Injectable()
export class TrendsQueryService {
  constructor(
    private readonly analysis: TrendAnalysisService,
    private readonly tiktok: TiktokService,
    private readonly cache: CacheService,
    private readonly progress: AnalysisProgressHub,
    @Inject(limitsConfig.KEY) private readonly limits: LimitsConfig,
  ) {}

  async analyze(req: AnalyzeRequestDto): Promise<AnalyzeResponseDto> {
    const started = Date.now();
    const username = req.profile_url;
    const key = this.analysisKey(req);
    const { value } = await this.cache.getOrLoad('analysis', key, () =>
      // The run reports its steps under its coalescing key, where stream clients follow it.
      this.progress.track(key, (progress) =>
        this.analysis.analyze(username, { country: req.country }, Date.now(), progress),
      ),
    );
    return toAnalyzeResponse(value, {
      limit: req.limit,
      source: this.tiktok.source,
      stats: RequestContext.current() ?? new RequestStats(),
      durationMs: Date.now() - started,
      windowDays: this.limits.trendWindowDays,
    });
  }

  /** The coalescing key of an analysis; `limit` is not part of it: every limit is served from the same ranked analysis. */
  analysisKey(req: Pick<AnalyzeRequestDto, 'profile_url' | 'country'>): string {
    return this.tiktok.key('analysis', req.profile_url, { country: req.country });
  }
}
