/** Watchlists as the rest of src/watchlists sees them (store rows, camelCase, epoch-free Dates). */

export type NotifyMode = 'new' | 'always';
export type RunStatus = 'queued' | 'running' | 'completed' | 'failed';
export type RunTrigger = 'schedule' | 'manual';

export interface Watchlist {
  id: string;
  owner: string | null;
  name: string;
  creators: string[];
  intervalMinutes: number;
  webhookUrl: string | null;
  webhookSecret: string;
  minScore: number;
  notify: NotifyMode;
  createdAt: Date;
  updatedAt: Date;
}

export type WatchlistChanges = Partial<
  Pick<Watchlist, 'name' | 'creators' | 'intervalMinutes' | 'webhookUrl' | 'minScore' | 'notify'>
>;

export interface RunCreatorResult {
  username: string;
  position: number;
  analysisId: string | null;
  newTrendIds: string[];
  errorCode: string | null;
  error: string | null;
}

export interface WatchlistRun {
  id: string;
  watchlistId: string;
  trigger: RunTrigger;
  status: RunStatus;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: string | null;
  creators: RunCreatorResult[];
}

export interface DeliveryAttempt {
  deliveryId: string;
  attempt: number;
  runId: string;
  watchlistId: string;
  attemptedAt: Date;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** Keyset position in a watchlist's runs, newest first. */
export interface RunsCursor {
  queuedAt: Date;
  id: string;
}
