import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code.enum';
import { withRetry } from '../common/retry/retry';
import type { StoredAnalysisRow, VideoSighting } from './history.models';
import { HistoryStore } from './history.store';

export type HistoryWriteKind = 'analysis' | 'observation';

export interface HistoryWriteStats {
  written: Record<HistoryWriteKind, number>;
  /** Rows lost: the database refused them after the retries, or the queue was full. */
  failed: Record<HistoryWriteKind, number>;
}

/** A batch leaves after this long, or sooner when it is this large. */
const FLUSH_DELAY_MS = 250;
const BATCH_SIZE = 500;
/** Bounded memory while the database is down: beyond this, the oldest rows are dropped (and counted). */
const MAX_PENDING = 20_000;
const WRITE_RETRY = { maxRetries: 2, baseDelayMs: 200, maxDelayMs: 2000, budgetMs: 5000 };

/**
 * History writes, batched and off the response path: requests enqueue rows and return; a timer
 * flushes them in batches with bounded retries. A write that still fails is logged and counted,
 * never thrown at a request. Shutdown flushes what is pending.
 */
@Injectable()
export class HistoryWriter implements BeforeApplicationShutdown {
  private readonly logger = new Logger('HistoryWriter');
  private analyses: StoredAnalysisRow[] = [];
  private sightings: VideoSighting[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private intervalSeconds = 0;
  private readonly stats: HistoryWriteStats = {
    written: { analysis: 0, observation: 0 },
    failed: { analysis: 0, observation: 0 },
  };

  constructor(private readonly store: HistoryStore) {}

  configure(observationIntervalSeconds: number): void {
    this.intervalSeconds = observationIntervalSeconds;
  }

  writeStats(): HistoryWriteStats {
    return { written: { ...this.stats.written }, failed: { ...this.stats.failed } };
  }

  enqueueAnalysis(row: StoredAnalysisRow): void {
    this.analyses.push(row);
    this.trim();
    this.schedule();
  }

  enqueueSightings(rows: VideoSighting[]): void {
    if (rows.length === 0) return;
    for (const row of rows) this.sightings.push(row);
    this.trim();
    this.schedule();
  }

  /** Writes everything enqueued so far (reads call this first, so they see their own writes). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    if (this.analyses.length === 0 && this.sightings.length === 0) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.running = this.drain().finally(() => (this.running = null));
    await this.running;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private schedule(): void {
    if (this.timer || this.running) return;
    const delay = this.sightings.length + this.analyses.length >= BATCH_SIZE ? 0 : FLUSH_DELAY_MS;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, delay);
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    while (this.analyses.length > 0 || this.sightings.length > 0) {
      const analyses = this.analyses.splice(0, BATCH_SIZE);
      if (analyses.length > 0) {
        await this.write('analysis', analyses.length, () => this.store.saveAnalyses(analyses));
      }
      const sightings = this.sightings.splice(0, BATCH_SIZE);
      if (sightings.length > 0) {
        await this.write('observation', sightings.length, () =>
          this.store.saveSightings(sightings, this.intervalSeconds),
        );
      }
    }
  }

  private async write(kind: HistoryWriteKind, rows: number, run: () => Promise<void>) {
    try {
      await withRetry(run, (error) => ({ retry: isUnavailable(error) }), WRITE_RETRY);
      this.stats.written[kind] += rows;
    } catch (error) {
      this.stats.failed[kind] += rows;
      this.logger.error(
        { kind, rows, err: error instanceof Error ? error.message : String(error) },
        'history write failed; rows dropped',
      );
    }
  }

  private trim(): void {
    const excess = this.analyses.length + this.sightings.length - MAX_PENDING;
    if (excess <= 0) return;
    const dropped = this.sightings.splice(0, Math.min(excess, this.sightings.length)).length;
    this.stats.failed.observation += dropped;
    this.logger.warn({ dropped }, 'history queue full; oldest observations dropped');
  }
}

function isUnavailable(error: unknown): boolean {
  return error instanceof DomainException && error.code === ErrorCode.SERVICE_UNAVAILABLE;
}
