import { createHash } from 'node:crypto';
import type { TrendDto } from '../trends/dto/analyze.response.dto';

export const RUNS_QUEUE = 'watchlist-runs';
export const DELIVERIES_QUEUE = 'webhook-deliveries';
/** BullMQ's keys live beside the cache's, under the service's own prefix. */
export const QUEUE_PREFIX = 'trendxl:queue';
/** The custom backoff type of delivery jobs (exponential with jitter from WEBHOOK_RETRY_BASE_MS). */
export const WEBHOOK_BACKOFF = 'webhook';

/** What a run remembers between attempts: each finished creator's outcome, in the job itself. */
export interface CreatorOutcome {
  username: string;
  position: number;
  analysisId: string | null;
  newTrends: TrendDto[];
  errorCode: string | null;
  error: string | null;
}

/** Scheduled jobs carry the watchlist only; run-now jobs also carry the run the API created. */
export interface RunJobData {
  watchlistId: string;
  runId?: string;
  outcomes?: CreatorOutcome[];
}

export interface DeliveryJobData {
  deliveryId: string;
  runId: string;
  watchlistId: string;
  /** The exact bytes signed and sent on every attempt. */
  body: string;
}

/**
 * A scheduled job has BullMQ's id (`repeat:<scheduler>:<millis>`), the same on every retry of
 * that job: the run id is derived from it, so a retried or re-delivered job finds its run.
 */
export function scheduledRunId(jobId: string): string {
  const h = createHash('sha256').update(`watchlist-run:${jobId}`).digest('hex');
  // RFC 9562 version 8 (custom), variant 10xx.
  return [
    h.slice(0, 8),
    h.slice(8, 12),
    `8${h.slice(13, 16)}`,
    `${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}`,
    h.slice(20, 32),
  ].join('-');
}
