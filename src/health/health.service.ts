import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { AiService } from '../ai/ai.service';
import { CacheHealth } from '../cache/cache-health';
import { redisConfig, type RedisConfig } from '../config/configuration';
import { EnsembleDataClient } from '../tiktok/ensemble/ensemble-data.client';
import { APP_VERSION } from '../version';
import { withTimeout } from './with-timeout';

export type OverallStatus = 'healthy' | 'degraded' | 'unhealthy';

export interface HealthReport {
  status: OverallStatus;
  timestamp: string;
  version: string;
  services: {
    cache: 'connected' | 'disconnected' | 'memory';
    ensemble_api: 'live' | 'demo' | 'failing' | 'unauthorized';
    openai_api: 'configured' | 'local' | 'failing';
  };
  mode: { tiktok: 'live' | 'demo'; ai: 'openai' | 'local' };
  details: HealthIndicatorResult;
}

const CHECK_TIMEOUT_MS = 1000;
/** Ensemble answers that mean no request can succeed until an operator acts. */
const ACCOUNT_FAILURES = new Set(['UPSTREAM_AUTH', 'UPSTREAM_QUOTA_EXCEEDED']);

@Injectable()
export class HealthService {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly cache: CacheHealth,
    private readonly ensemble: EnsembleDataClient,
    private readonly ai: AiService,
    @Inject(redisConfig.KEY) private readonly redis: RedisConfig,
  ) {}

  async report(now = new Date()): Promise<HealthReport> {
    const cache = await this.cacheCheck();
    const ensemble = this.ensembleCheck();
    const openai = this.openaiCheck();
    const statuses = {
      cache: cache.status,
      ensemble_api: ensemble.status,
      openai_api: openai.status,
    };
    return {
      status: this.overall(statuses),
      timestamp: now.toISOString(),
      version: APP_VERSION,
      services: statuses,
      mode: { tiktok: this.ensemble.source, ai: this.ai.mode },
      details: { ...cache.result, ...ensemble.result, ...openai.result },
    };
  }

  /** Redis reachability, raced against a timeout; memory is always up. */
  async cacheCheck(): Promise<{
    status: HealthReport['services']['cache'];
    result: HealthIndicatorResult;
  }> {
    const check = this.indicators.check('cache');
    const health = await withTimeout(this.cache.isHealthy(), CHECK_TIMEOUT_MS, {
      backend: this.redis.clusterNodes.length > 0 ? ('cluster' as const) : ('redis' as const),
      connected: false,
    });
    if (health.backend === 'memory')
      return { status: 'memory', result: check.up({ backend: 'memory' }) };
    const info = { backend: health.backend, breaker: health.breaker ?? 'closed' };
    return health.connected
      ? { status: 'connected', result: check.up(info) }
      : { status: 'disconnected', result: check.down(info) };
  }

  private ensembleCheck(): {
    status: HealthReport['services']['ensemble_api'];
    result: HealthIndicatorResult;
  } {
    const check = this.indicators.check('ensemble_api');
    if (this.ensemble.source === 'demo')
      return { status: 'demo', result: check.up({ mode: 'demo' }) };
    const last = this.ensemble.lastOutcome();
    const lastCall = last ? { ok: last.ok, at: last.at, code: last.code ?? null } : null;
    if (!last || last.ok)
      return { status: 'live', result: check.up({ mode: 'live', last_call: lastCall }) };
    const status = last.code && ACCOUNT_FAILURES.has(last.code) ? 'unauthorized' : 'failing';
    return { status, result: check.down({ mode: 'live', last_call: lastCall }) };
  }

  private openaiCheck(): {
    status: HealthReport['services']['openai_api'];
    result: HealthIndicatorResult;
  } {
    const check = this.indicators.check('openai_api');
    if (this.ai.mode === 'local') return { status: 'local', result: check.up({ mode: 'local' }) };
    const last = this.ai.lastOutcome();
    const lastCall = last
      ? { ok: last.status === 'ok', at: new Date(last.at).toISOString(), status: last.status }
      : null;
    const info = { mode: 'openai', model: this.ai.model, last_call: lastCall };
    return !last || last.status === 'ok'
      ? { status: 'configured', result: check.up(info) }
      : { status: 'failing', result: check.down(info) };
  }

  private overall(s: HealthReport['services']): OverallStatus {
    if (s.ensemble_api === 'unauthorized') return 'unhealthy';
    if (s.cache === 'disconnected' || s.ensemble_api === 'failing' || s.openai_api === 'failing') {
      return 'degraded';
    }
    return 'healthy';
  }
}
