import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Worker } from 'bullmq';
import { backoffDelay } from '../common/retry/retry';
import { watchlistsConfig, type WatchlistsConfig } from '../config/configuration';
import {
  DELIVERIES_QUEUE,
  QUEUE_PREFIX,
  RUNS_QUEUE,
  WEBHOOK_BACKOFF,
  type DeliveryJobData,
  type RunJobData,
} from './watchlist-jobs';
import { closeWithin } from './bounded-close';
import { QueueConnections, type QueueRedis } from './queue-connections';
import { WatchlistRunner } from './watchlist-runner';
import { WebhookDeliverer } from './webhooks/webhook-deliverer';

const MAX_WEBHOOK_DELAY_MS = 3_600_000;
/** Well inside the 3 s the HTTP shutdown gives the hooks, so the database and Redis close too. */
const CLOSE_GRACE_MS = 1500;

/**
 * The consumer side: a BullMQ worker for runs and one for deliveries, started in the `all` and
 * `worker` roles (or explicitly by the worker entry point). Any number of processes may run
 * them; BullMQ hands each job to one of them and, when a process dies holding a job, gives the
 * job to another once its lock expires (stalled-job handling).
 */
@Injectable()
export class WatchlistWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('WatchlistWorkers');
  private workers: Worker[] = [];
  private connection?: QueueRedis;

  constructor(
    @Inject(watchlistsConfig.KEY) private readonly config: WatchlistsConfig,
    private readonly connections: QueueConnections,
    private readonly runner: WatchlistRunner,
    private readonly deliverer: WebhookDeliverer,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role !== 'api') this.start();
  }

  get running(): boolean {
    return this.workers.length > 0;
  }

  start(): void {
    if (!this.config.enabled || this.running) return;
    // Both workers share it; each reads jobs over a copy of its own (BullMQ's blocking reads).
    this.connection = this.connections.forWorkers();
    const common = {
      connection: this.connection,
      prefix: QUEUE_PREFIX,
      lockDuration: this.config.stalledTimeoutMs,
      stalledInterval: this.config.stalledTimeoutMs,
      // A job may lose its worker twice (deploys, crashes) before it is declared failed.
      maxStalledCount: 2,
    };
    const runs = new Worker<RunJobData>(RUNS_QUEUE, (job) => this.runner.process(job), {
      ...common,
      concurrency: this.config.workerConcurrency,
    });
    const base = this.config.webhook.retryBaseMs;
    const deliveries = new Worker<DeliveryJobData>(
      DELIVERIES_QUEUE,
      (job) => this.deliverer.process(job),
      {
        ...common,
        concurrency: this.config.workerConcurrency,
        settings: {
          backoffStrategy: (attemptsMade: number, type?: string) =>
            type === WEBHOOK_BACKOFF
              ? backoffDelay(attemptsMade - 1, {
                  baseDelayMs: base,
                  maxDelayMs: MAX_WEBHOOK_DELAY_MS,
                })
              : 0,
        },
      },
    );
    runs.on('failed', (job) => {
      if (!job) return;
      // Final (not a retry): mark the run failed so it never stays "running".
      void job
        .isFailed()
        .then((final) => (final ? this.runner.markFailed(job) : undefined))
        .catch((error: unknown) =>
          this.logger.error(
            { err: error instanceof Error ? error.message : String(error), job_id: job.id },
            'could not mark a failed run',
          ),
        );
    });
    this.workers = [runs, deliveries];
    for (const worker of this.workers) {
      worker.on('error', (error) =>
        this.logger.warn({ err: error.message, queue: worker.name }, 'worker connection error'),
      );
      worker.on('failed', (job, error) =>
        this.logger.warn(
          { queue: worker.name, job_id: job?.id, attempts: job?.attemptsMade, err: error.message },
          'job attempt failed',
        ),
      );
    }
    this.logger.log(
      {
        concurrency: this.config.workerConcurrency,
        analyses_per_minute: this.config.analysesPerMinute,
      },
      'watchlist workers started',
    );
  }

  /** Before the database closes: in-flight jobs get a few seconds to finish. */
  async onModuleDestroy(): Promise<void> {
    this.connections.beginClosing();
    const workers = this.workers;
    const connection = this.connection;
    this.workers = [];
    this.connection = undefined;
    if (connection) await closeWithin(workers, CLOSE_GRACE_MS, connection);
  }
}
