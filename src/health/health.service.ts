import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { AiService } from '../ai/ai.service';
import { CacheHealth } from '../cache/cache-health';
import { bounded } from '../common/deadline/bounded';
import { isAccountFailure } from '../common/errors/error-code.enum';
import { BreakerRegistry } from '../common/resilience/breaker-registry';
import type { BreakerSnapshot } from '../common/resilience/circuit-breaker';
import { redisConfig, type RedisConfig } from '../config/configuration';
import { UpstreamCallRecorder } from '../common/upstream/upstream-call.recorder';
import { DatabaseService } from '../history/database/database.service';
import { TiktokService } from '../tiktok/tiktok.service';
import { APP_VERSION } from '../version';

export type OverallStatus = 'healthy' | 'degraded' | 'unhealthy';

export interface HealthReport {
  status: OverallStatus;
  timestamp: string;
  version: string;
  services: {
    cache: 'connected' | 'disconnected' | 'memory';
    ensemble_api: 'live' | 'demo' | 'failing' | 'unauthorized';
    openai_api: 'configured' | 'local' | 'failing';
    database: 'connected' | 'embedded' | 'disconnected' | 'disabled';
  };
  mode: { tiktok: 'live' | 'demo'; ai: 'openai' | 'local' };
  details: HealthIndicatorResult;
}

const CHECK_TIMEOUT_MS = 1000;

/**
 * An upstream is failing while its breaker is not closed, or when most of its recent calls
 * failed: never because of one unlucky call, so the report does not flap.
 */
function isFailing(snapshot: BreakerSnapshot): boolean {
  return snapshot.state !== 'closed' || snapshot.recent.failing;
}

function breakerDetail(snapshot: BreakerSnapshot): Record<string, unknown> {
  return {
    name: snapshot.name,
    state: snapshot.state,
    retry_after_ms: snapshot.retryAfterMs,
    recent_calls: snapshot.recent.calls,
    recent_failures: snapshot.recent.failures,
  };
}

@Injectable()
export class HealthService {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly cache: CacheHealth,
    private readonly tiktok: TiktokService,
    private readonly ai: AiService,
    private readonly upstreamCalls: UpstreamCallRecorder,
    private readonly breakers: BreakerRegistry,
    private readonly database: DatabaseService,
    @Inject(redisConfig.KEY) private readonly redis: RedisConfig,
  ) {}

  async report(now = new Date()): Promise<HealthReport> {
    const [cache, database] = await Promise.all([this.cacheCheck(), this.databaseCheck()]);
    const ensemble = this.ensembleCheck();
    const openai = this.openaiCheck();
    const statuses = {
      cache: cache.status,
      ensemble_api: ensemble.status,
      openai_api: openai.status,
      database: database.status,
    };
    return {
      status: this.overall(statuses),
      timestamp: now.toISOString(),
      version: APP_VERSION,
      services: statuses,
      mode: { tiktok: this.tiktok.source, ai: this.ai.mode },
      details: { ...cache.result, ...ensemble.result, ...openai.result, ...database.result },
    };
  }

  /** Redis reachability, raced against a timeout; memory is always up. */
  async cacheCheck(): Promise<{
    status: HealthReport['services']['cache'];
    result: HealthIndicatorResult;
  }> {
    const check = this.indicators.check('cache');
    const checked = await bounded(this.cache.isHealthy(), CHECK_TIMEOUT_MS);
    const health = checked.ok
      ? checked.value
      : {
          backend: this.redis.clusterNodes.length > 0 ? ('cluster' as const) : ('redis' as const),
          connected: false,
        };
    if (health.backend === 'memory')
      return { status: 'memory', result: check.up({ backend: 'memory' }) };
    const info = { backend: health.backend, breaker: health.breaker ?? 'closed' };
    return health.connected
      ? { status: 'connected', result: check.up(info) }
      : { status: 'disconnected', result: check.down(info) };
  }

  /** The history database; down means degraded, never unhealthy: only history needs it. */
  private async databaseCheck(): Promise<{
    status: HealthReport['services']['database'];
    result: HealthIndicatorResult;
  }> {
    const check = this.indicators.check('database');
    const status = await this.database.status();
    const info = { driver: this.database.driver };
    if (status === 'disabled') return { status, result: check.up({ enabled: false }) };
    return status === 'disconnected'
      ? { status, result: check.down(info) }
      : { status, result: check.up(info) };
  }

  private ensembleCheck(): {
    status: HealthReport['services']['ensemble_api'];
    result: HealthIndicatorResult;
  } {
    const check = this.indicators.check('ensemble_api');
    if (this.tiktok.source === 'demo')
      return { status: 'demo', result: check.up({ mode: 'demo' }) };
    const last = this.upstreamCalls.lastCall('ensemble');
    const lastCall = last ? { ok: last.healthy, at: last.at, code: last.code } : null;
    const breakers = this.breakers.snapshots('ensemble:');
    const info = { mode: 'live', last_call: lastCall, breakers: breakers.map(breakerDetail) };
    // An account problem is a fact until a call succeeds; anything else must be a trend.
    if (last && !last.healthy && isAccountFailure(last.code)) {
      return { status: 'unauthorized', result: check.down(info) };
    }
    return breakers.some(isFailing)
      ? { status: 'failing', result: check.down(info) }
      : { status: 'live', result: check.up(info) };
  }

  private openaiCheck(): {
    status: HealthReport['services']['openai_api'];
    result: HealthIndicatorResult;
  } {
    const check = this.indicators.check('openai_api');
    if (this.ai.mode === 'local') return { status: 'local', result: check.up({ mode: 'local' }) };
    const last = this.upstreamCalls.lastCall('openai');
    const lastCall = last ? { ok: last.healthy, at: last.at, status: last.outcome } : null;
    const breakers = this.breakers.snapshots('openai');
    const info = {
      mode: 'openai',
      model: this.ai.model,
      last_call: lastCall,
      breakers: breakers.map(breakerDetail),
    };
    return breakers.some(isFailing)
      ? { status: 'failing', result: check.down(info) }
      : { status: 'configured', result: check.up(info) };
  }

  private overall(s: HealthReport['services']): OverallStatus {
    if (s.ensemble_api === 'unauthorized') return 'unhealthy';
    if (
      s.cache === 'disconnected' ||
      s.database === 'disconnected' ||
      s.ensemble_api === 'failing' ||
      s.openai_api === 'failing'
    ) {
      return 'degraded';
    }
    return 'healthy';
  }
}
