import { Inject, Injectable } from '@nestjs/common';
import { cacheKey, type CacheEntry } from '../cache/cache-key';
import { CacheService } from '../cache/cache.service';
import { RequestContext, RequestStats } from '../common/context/request-context';
import { limitsConfig, type LimitsConfig } from '../config/configuration';
import { TiktokService } from '../tiktok/tiktok.service';
import type { AnalyzeRequestDto } from './dto/analyze.request.dto';
import type { AnalyzeResponseDto } from './dto/analyze.response.dto';
import { AnalysisProgressHub } from './analysis-progress.hub';
import { TrendAnalysisService } from './trend-analysis.service';
import { toAnalyzeResponse } from './trend-response.mapper';

/** POST /analyze and its stream between HTTP and domain: the cached analysis, mapped to the response DTO with this request's own costs. */
@Injectable()
export class AnalyzeEndpointService {
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
    const entry = this.analysisEntry(req);
    const key = cacheKey(entry);
    const { value } = await this.cache.getOrLoad(
      entry,
      () =>
        // The run reports its steps under its coalescing key, where stream clients follow it.
        this.progress.track(key, (progress) =>
          this.analysis.analyze(username, { country: req.country }, Date.now(), progress),
        ),
      // A partial analysis is an answer for now, not for the whole TTL: retried soon.
      { isPartial: (analysis) => analysis.partial },
    );
    return toAnalyzeResponse(value, {
      limit: req.limit,
      source: this.tiktok.source,
      stats: RequestContext.current() ?? new RequestStats(),
      durationMs: Date.now() - started,
      windowDays: this.limits.trendWindowDays,
    });
  }

  /** Where the running analysis of `req` reports its progress: its coalescing (cache) key. */
  analysisKey(req: Pick<AnalyzeRequestDto, 'profile_url' | 'country'>): string {
    return cacheKey(this.analysisEntry(req));
  }

  // `limit` is not part of the key: every limit is served from the same ranked analysis.
  private analysisEntry(req: Pick<AnalyzeRequestDto, 'profile_url' | 'country'>): CacheEntry {
    return { kind: 'analysis', id: req.profile_url, params: { country: req.country } };
  }
}
