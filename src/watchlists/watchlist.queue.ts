import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { bounded } from '../common/deadline/bounded';
import { watchlistsConfig, type WatchlistsConfig } from '../config/configuration';
import { closeWithin } from './bounded-close';
import { QueueConnections, type QueueRedis } from './queue-connections';
import { queueUnavailable } from './watchlist-errors';
import {
  DELIVERIES_QUEUE,
  QUEUE_PREFIX,
  RUNS_QUEUE,
  WEBHOOK_BACKOFF,
  type DeliveryJobData,
  type RunJobData,
} from './watchlist-jobs';

/** A queue operation from the API gives up after this and answers 503. */
const PRODUCER_DEADLINE_MS = 5000;
const KEEP_FINISHED = { age: 7 * 86_400, count: 1000 };
/** A run whose processing throws (the database down…) is retried a few times. */
const RUN_ATTEMPTS = 3;

/**
 * The producer side of the two BullMQ queues: one job scheduler per watchlist, run-now jobs and
 * webhook deliveries, over one connection from QueueConnections.
 */
@Injectable()
export class WatchlistQueue implements OnApplicationShutdown {
  private readonly logger = new Logger('WatchlistQueue');
  private queues:
    | { runs: Queue<RunJobData>; deliveries: Queue<DeliveryJobData>; connection: QueueRedis }
    | undefined;

  constructor(
    @Inject(watchlistsConfig.KEY) private readonly config: WatchlistsConfig,
    private readonly connections: QueueConnections,
  ) {}

  /**
   * One job scheduler per watchlist, kept in Redis (it survives restarts). A new schedule runs at
   * once (the baseline later runs compare with), then every interval; a changed one (`now` given)
   * runs first one interval from now.
   */
  async schedule(watchlistId: string, intervalMinutes: number, now?: number): Promise<void> {
    const every = intervalMinutes * 60_000;
    await this.call(() =>
      this.get().runs.upsertJobScheduler(
        watchlistId,
        now === undefined ? { every } : { every, startDate: now + every },
        { name: 'run', data: { watchlistId }, opts: this.runJobOptions() },
      ),
    );
  }

  async unschedule(watchlistId: string): Promise<void> {
    await this.call(() => this.get().runs.removeJobScheduler(watchlistId));
  }

  async enqueueRun(watchlistId: string, runId: string): Promise<void> {
    await this.call(() =>
      this.get().runs.add('run', { watchlistId, runId }, { ...this.runJobOptions(), jobId: runId }),
    );
  }

  /** Idempotent: the delivery id is the job id, so a retried run cannot queue it twice. */
  async enqueueDelivery(data: DeliveryJobData): Promise<void> {
    await this.get().deliveries.add('deliver', data, {
      jobId: data.deliveryId,
      attempts: this.config.webhook.maxAttempts,
      backoff: { type: WEBHOOK_BACKOFF },
      removeOnComplete: KEEP_FINISHED,
      removeOnFail: KEEP_FINISHED,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.connections.beginClosing();
    const queues = this.queues;
    this.queues = undefined;
    if (queues) await closeWithin([queues.runs, queues.deliveries], 1000, queues.connection);
  }

  private runJobOptions() {
    return {
      attempts: RUN_ATTEMPTS,
      backoff: { type: 'exponential', delay: 5000 },
      removeOnComplete: KEEP_FINISHED,
      removeOnFail: KEEP_FINISHED,
    };
  }

  private get(): NonNullable<WatchlistQueue['queues']> {
    if (!this.queues) {
      const connection = this.connections.forProducers();
      const options = { connection, prefix: QUEUE_PREFIX };
      this.queues = {
        runs: new Queue<RunJobData>(RUNS_QUEUE, options),
        deliveries: new Queue<DeliveryJobData>(DELIVERIES_QUEUE, options),
        connection,
      };
      // Connection trouble also surfaces on the calls; without a listener it would crash.
      const log = (error: Error) =>
        this.logger.warn({ err: error.message }, 'queue connection error');
      this.queues.runs.on('error', log);
      this.queues.deliveries.on('error', log);
    }
    return this.queues;
  }

  private async call<T>(operation: () => Promise<T>): Promise<T> {
    const result = await bounded(operation(), PRODUCER_DEADLINE_MS);
    if (result.ok) return result.value;
    throw queueUnavailable(result.error ?? new Error('queue operation timed out'));
  }
}
