import {
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/*
 * Watchlists (owned by src/watchlists). Runs reference the analyses they produced by id in the
 * history's `analyses` table; no trend is stored twice. No foreign key to `analyses`: history
 * writes are batched after the answer, and retention prunes them on its own schedule.
 */

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** What a client watches, how often, and where to say what is new. */
export const watchlists = pgTable(
  'watchlists',
  {
    id: uuid('id').primaryKey(),
    /** The client key's name when client keys are configured; null in open mode. */
    owner: text('owner'),
    name: text('name').notNull(),
    /** Normalised (lower-case) usernames, in the order given. */
    creators: text('creators').array().notNull(),
    intervalMinutes: integer('interval_minutes').notNull(),
    webhookUrl: text('webhook_url'),
    /** Needed in clear to sign deliveries; never returned after creation, never logged. */
    webhookSecret: text('webhook_secret').notNull(),
    minScore: doublePrecision('min_score').notNull(),
    notify: text('notify').$type<'new' | 'always'>().notNull(),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [index('watchlists_owner_created_idx').on(t.owner, t.createdAt)],
);

/** One run of a watchlist, scheduled or on demand. */
export const watchlistRuns = pgTable(
  'watchlist_runs',
  {
    id: uuid('id').primaryKey(),
    watchlistId: uuid('watchlist_id')
      .notNull()
      .references(() => watchlists.id, { onDelete: 'cascade' }),
    trigger: text('trigger').$type<'schedule' | 'manual'>().notNull(),
    status: text('status').$type<'queued' | 'running' | 'completed' | 'failed'>().notNull(),
    queuedAt: at('queued_at').notNull(),
    startedAt: at('started_at'),
    finishedAt: at('finished_at'),
    error: text('error'),
    /** Set once when the run's outcome calls for a webhook: the idempotency key of that delivery. */
    deliveryId: uuid('delivery_id'),
  },
  (t) => [index('watchlist_runs_watchlist_queued_idx').on(t.watchlistId, t.queuedAt, t.id)],
);

/** A creator's part in a run: the analysis it produced (or the error) and how many trends were new. */
export const watchlistRunCreators = pgTable(
  'watchlist_run_creators',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => watchlistRuns.id, { onDelete: 'cascade' }),
    username: text('username').notNull(),
    position: integer('position').notNull(),
    analysisId: uuid('analysis_id'),
    newTrendIds: text('new_trend_ids').array().notNull(),
    errorCode: text('error_code'),
    error: text('error'),
  },
  (t) => [primaryKey({ columns: [t.runId, t.username] })],
);

/** One webhook attempt. */
export const watchlistDeliveries = pgTable(
  'watchlist_deliveries',
  {
    deliveryId: uuid('delivery_id').notNull(),
    attempt: integer('attempt').notNull(),
    runId: uuid('run_id')
      .notNull()
      .references(() => watchlistRuns.id, { onDelete: 'cascade' }),
    watchlistId: uuid('watchlist_id')
      .notNull()
      .references(() => watchlists.id, { onDelete: 'cascade' }),
    attemptedAt: at('attempted_at').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.deliveryId, t.attempt] }),
    index('watchlist_deliveries_watchlist_idx').on(t.watchlistId, t.attemptedAt),
  ],
);
