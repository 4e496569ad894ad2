import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { CacheService, type CacheCounters } from '../cache/cache.service';
import { BreakerRegistry } from '../common/resilience/breaker-registry';
import type { BreakerState } from '../common/resilience/circuit-breaker';
import type { UpstreamCallEvent } from '../common/upstream/upstream-call.event';
import { UpstreamCallRecorder } from '../common/upstream/upstream-call.recorder';
import { HistoryService } from '../history/history.service';
import type { HistoryWriteKind } from '../history/history-writer';
import { WatchlistStats } from '../watchlists/watchlist-stats';

/**
 * The Prometheus registry of one app instance (its own Registry, so several apps in one
 * process — tests — never collide). Upstream calls come from the UpstreamCallRecorder.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private readonly httpDuration = new Histogram({
    name: 'trendxl_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  private readonly upstreamCalls = new Counter({
    name: 'trendxl_upstream_calls_total',
    help: 'Calls to upstream services by service, endpoint and outcome',
    labelNames: ['service', 'endpoint', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly upstreamDuration = new Histogram({
    name: 'trendxl_upstream_call_duration_seconds',
    help: 'Upstream call duration (all retries included)',
    labelNames: ['service', 'endpoint'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  private readonly unitsCharged = new Counter({
    name: 'trendxl_ensemble_units_charged_total',
    help: 'Ensemble Data units charged',
    registers: [this.registry],
  });

  private readonly llmTokens = new Counter({
    name: 'trendxl_llm_tokens_total',
    help: 'LLM tokens used',
    registers: [this.registry],
  });

  private readonly rateLimited = new Counter({
    name: 'trendxl_rate_limit_rejections_total',
    help: 'Requests rejected by the rate limiter',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });

  constructor(
    private readonly cache: CacheService,
    recorder: UpstreamCallRecorder,
    private readonly watchlists: WatchlistStats,
    private readonly history: HistoryService,
    private readonly breakers: BreakerRegistry,
  ) {
    recorder.subscribe((event) => this.observeUpstream(event));
    collectDefaultMetrics({ register: this.registry, prefix: 'trendxl_' });
    const counters: [string, string, keyof CacheCounters][] = [
      ['trendxl_cache_hits_total', 'Cache hits', 'hits'],
      ['trendxl_cache_misses_total', 'Cache misses', 'misses'],
      [
        'trendxl_cache_coalesced_waits_total',
        'Lookups that waited for another in-flight load instead of calling upstream',
        'coalesced',
      ],
    ];
    const source = this.cache;
    for (const [name, help, field] of counters) {
      // Read from the cache's own counters at scrape time, so there is one source of truth.
      new Counter({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.reset();
          this.inc(source.stats()[field]);
        },
      });
    }
    this.historyCounters();
    this.registerWatchlistCounters();
    this.registerBreakerStates();
  }

  /**
   * Each circuit breaker's state as one series per state (1 for the current one, 0 for the
   * others), read from the registry at scrape time: `== 1` on `state="open"` alerts.
   */
  private registerBreakerStates(): void {
    const breakers = this.breakers;
    const states: BreakerState[] = ['closed', 'open', 'half_open'];
    new Gauge({
      name: 'trendxl_circuit_breaker_state',
      help: 'Circuit breaker state of this process by breaker (ensemble:<endpoint>, openai, redis)',
      labelNames: ['breaker', 'state'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const snapshot of breakers.snapshots()) {
          for (const state of states) {
            this.set({ breaker: snapshot.name, state }, snapshot.state === state ? 1 : 0);
          }
        }
      },
    });
  }

  /** Watchlist runs and webhook attempts of this process, read from WatchlistStats at scrape time. */
  private registerWatchlistCounters(): void {
    const stats = this.watchlists;
    new Counter({
      name: 'trendxl_watchlist_runs_total',
      help: 'Watchlist runs finished by this process, by outcome',
      labelNames: ['outcome'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        const { runs } = stats.snapshot();
        this.inc({ outcome: 'completed' }, runs.completed);
        this.inc({ outcome: 'failed' }, runs.failed);
      },
    });
    new Counter({
      name: 'trendxl_webhook_attempts_total',
      help: 'Webhook delivery attempts by outcome',
      labelNames: ['outcome'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        const { webhookAttempts } = stats.snapshot();
        this.inc({ outcome: 'delivered' }, webhookAttempts.delivered);
        this.inc({ outcome: 'failed' }, webhookAttempts.failed);
      },
    });
    new Counter({
      name: 'trendxl_watchlist_write_failures_total',
      help: 'Watchlist run or delivery records the database refused',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(stats.snapshot().writeFailures);
      },
    });
  }

  /** History rows written and lost, read from the writer's own counters at scrape time. */
  private historyCounters(): void {
    const history = this.history;
    const kinds: HistoryWriteKind[] = ['analysis', 'observation'];
    for (const [name, help, field] of [
      ['trendxl_history_rows_written_total', 'History rows written, by kind', 'written'],
      [
        'trendxl_history_write_failures_total',
        'History rows that could not be written (database failing or queue full), by kind',
        'failed',
      ],
    ] as const) {
      new Counter({
        name,
        help,
        labelNames: ['kind'] as const,
        registers: [this.registry],
        collect() {
          this.reset();
          const stats = history.writeStats()[field];
          for (const kind of kinds) this.inc({ kind }, stats[kind]);
        },
      });
    }
  }

  private observeUpstream(e: UpstreamCallEvent): void {
    const labels = { service: e.upstream, endpoint: e.endpoint };
    this.upstreamCalls.inc({ ...labels, outcome: e.outcome });
    this.upstreamDuration.observe(labels, e.durationMs / 1000);
    if (e.units > 0) this.unitsCharged.inc(e.units);
    if (e.tokens > 0) this.llmTokens.inc(e.tokens);
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
    if (status === 429) this.rateLimited.inc({ route });
  }
}
