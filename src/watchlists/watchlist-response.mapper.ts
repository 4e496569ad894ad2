import type {
  CreatedWatchlistDto,
  DeliveryDto,
  RunDto,
  WatchlistDto,
} from './dto/watchlist.response.dto';
import type { DeliveryAttempt, RunsCursor, Watchlist, WatchlistRun } from './watchlist.models';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toWatchlistDto(w: Watchlist): WatchlistDto {
  return {
    id: w.id,
    name: w.name,
    creators: [...w.creators],
    interval_minutes: w.intervalMinutes,
    webhook_url: w.webhookUrl,
    min_score: w.minScore,
    notify: w.notify,
    created_at: w.createdAt.toISOString(),
    updated_at: w.updatedAt.toISOString(),
  };
}

/** The only mapping that shows the secret: the answer to the creation. */
export function toCreatedWatchlistDto(w: Watchlist): CreatedWatchlistDto {
  return { ...toWatchlistDto(w), webhook_secret: w.webhookSecret };
}

export function toRunDto(run: WatchlistRun): RunDto {
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    queued_at: run.queuedAt.toISOString(),
    started_at: iso(run.startedAt),
    finished_at: iso(run.finishedAt),
    error: run.error,
    creators: run.creators.map((c) => ({
      username: c.username,
      analysis_id: c.analysisId,
      new_trends: c.newTrendIds.length,
      error_code: c.errorCode,
      error: c.error,
    })),
  };
}

export function toDeliveryDto(a: DeliveryAttempt): DeliveryDto {
  return {
    delivery_id: a.deliveryId,
    run_id: a.runId,
    attempt: a.attempt,
    attempted_at: a.attemptedAt.toISOString(),
    status_code: a.statusCode,
    error: a.error,
    duration_ms: a.durationMs,
  };
}

export function encodeRunsCursor(run: Pick<WatchlistRun, 'queuedAt' | 'id'>): string {
  return Buffer.from(`${run.queuedAt.toISOString()}|${run.id}`).toString('base64url');
}

export function decodeRunsCursor(cursor: string): RunsCursor | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const queuedAt = new Date(at);
  if (!id || !UUID.test(id) || Number.isNaN(queuedAt.getTime())) return null;
  return { queuedAt, id };
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
