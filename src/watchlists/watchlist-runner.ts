import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { RequestContext, RequestStats } from '../common/context/request-context';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code.enum';
import { watchlistsConfig, type WatchlistsConfig } from '../config/configuration';
import { MAX_TRENDS } from '../trends/trend-analysis.service';
import { AnalyzeEndpointService } from '../trends/analyze-endpoint.service';
import { AnalysisPacer } from './analysis-pacer';
import { selectNewTrends } from './new-trends';
import { toWebhookPayload } from './webhook-payload';
import { scheduledRunId, type CreatorOutcome, type RunJobData } from './watchlist-jobs';
import type { Watchlist } from './watchlist.models';
import { WatchlistStats } from './watchlist-stats';
import { WatchlistQueue } from './watchlist.queue';
import { isForeignKeyViolation, WatchlistStore } from './watchlist.store';

/**
 * Processes one run job: each creator through the same cached, coalesced analysis as /analyze
 * (one at a time, paced per process), each outcome saved as it finishes, in the store and in the
 * job, so a run retried after a crash resumes where it stopped and reaches the same outcome. The
 * outcome's webhook is queued under the run's one delivery id.
 */
@Injectable()
export class WatchlistRunner {
  private readonly logger = new Logger('WatchlistRunner');
  private readonly pacer: AnalysisPacer;

  constructor(
    private readonly store: WatchlistStore,
    private readonly queue: WatchlistQueue,
    private readonly trends: AnalyzeEndpointService,
    private readonly stats: WatchlistStats,
    @Inject(watchlistsConfig.KEY) config: WatchlistsConfig,
  ) {
    this.pacer = new AnalysisPacer(config.analysesPerMinute);
  }

  async process(job: Job<RunJobData>): Promise<void> {
    const { watchlistId } = job.data;
    const runId = job.data.runId ?? scheduledRunId(job.id ?? '');
    const watchlist = await this.store.find(watchlistId);
    // Deleted since the job was queued: its runs went with it.
    if (!watchlist) return;
    const exists = await this.store.ensureRun({
      id: runId,
      watchlistId,
      trigger: job.data.runId ? 'manual' : 'schedule',
      queuedAt: new Date(job.timestamp),
    });
    if (!exists || (await this.store.runStatus(runId)) === 'completed') return;
    try {
      await this.execute(job, watchlist, runId);
    } catch (error) {
      // Deleted while it ran: its runs are gone, there is nothing left to finish.
      if (isForeignKeyViolation(error)) return;
      throw error;
    }
  }

  /** Called once BullMQ gives a run job up (attempts spent, or stalled too often). */
  async markFailed(job: Job<RunJobData>): Promise<void> {
    const runId = job.data.runId ?? scheduledRunId(job.id ?? '');
    this.stats.run('failed');
    if ((await this.store.runStatus(runId)) === 'completed') return;
    await this.store.finishRun(runId, 'failed', new Date(), 'The run could not be completed');
  }

  private async execute(job: Job<RunJobData>, watchlist: Watchlist, runId: string) {
    const startedAt = await this.store.markRunning(runId, new Date());
    this.logger.log(
      { watchlist_id: watchlist.id, run_id: runId, attempt: job.attemptsStarted },
      'watchlist run started',
    );
    const outcomes = new Map((job.data.outcomes ?? []).map((o) => [o.username, o]));
    for (const [position, username] of watchlist.creators.entries()) {
      if (outcomes.has(username)) continue;
      const outcome = await this.analyse(username, position, watchlist);
      await this.store.saveCreator(runId, {
        username,
        position,
        analysisId: outcome.analysisId,
        newTrendIds: outcome.newTrends.map((t) => t.id),
        errorCode: outcome.errorCode,
        error: outcome.error,
      });
      outcomes.set(username, outcome);
      await job.updateData({ ...job.data, outcomes: [...outcomes.values()] });
    }
    const results = [...outcomes.values()].sort((a, b) => a.position - b.position);
    const hasNews = results.some((o) => o.newTrends.length > 0);
    if (watchlist.webhookUrl && (hasNews || watchlist.notify === 'always')) {
      const deliveryId = await this.store.claimDeliveryId(runId, randomUUID());
      if (deliveryId) {
        const payload = toWebhookPayload(watchlist.id, runId, startedAt, results);
        await this.queue.enqueueDelivery({
          deliveryId,
          runId,
          watchlistId: watchlist.id,
          body: JSON.stringify(payload),
        });
      }
    }
    await this.store.finishRun(runId, 'completed', new Date());
    this.stats.run('completed');
    this.logger.log(
      { watchlist_id: watchlist.id, run_id: runId, creators: results.length, new: hasNews },
      'watchlist run completed',
    );
  }

  /** One creator; its failure is its own outcome, never the run's. */
  private async analyse(
    username: string,
    position: number,
    watchlist: Watchlist,
  ): Promise<CreatorOutcome> {
    await this.pacer.slot();
    try {
      const answer = await RequestContext.run(
        () => this.trends.analyze({ profile_url: username, limit: MAX_TRENDS }),
        this.statsFor(watchlist),
      );
      return {
        username,
        position,
        analysisId: answer.meta.analysis_id,
        newTrends: selectNewTrends(answer.trends, watchlist.minScore),
        errorCode: null,
        error: null,
      };
    } catch (error) {
      const known = error instanceof DomainException;
      if (!known) {
        this.logger.error(
          { err: error instanceof Error ? error.message : String(error), username },
          'watchlist analysis failed unexpectedly',
        );
      }
      return {
        username,
        position,
        analysisId: null,
        newTrends: [],
        errorCode: known ? error.code : ErrorCode.INTERNAL_ERROR,
        error: known ? error.message : 'Internal error',
      };
    }
  }

  /** A run's analyses are charged to (and bounded by the budget of) the watchlist's owner. */
  private statsFor(watchlist: Watchlist): RequestStats {
    const stats = new RequestStats();
    if (watchlist.owner !== null) stats.clientName = watchlist.owner;
    return stats;
  }
}
