import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { DatabaseService } from '../history/database/database.service';
import {
  watchlistDeliveries,
  watchlistRunCreators,
  watchlistRuns,
  watchlists,
} from '../history/database/schema/watchlists.schema';
import type {
  DeliveryAttempt,
  RunCreatorResult,
  RunsCursor,
  RunStatus,
  RunTrigger,
  Watchlist,
  WatchlistChanges,
  WatchlistRun,
} from './watchlist.models';

/** `owner` null (open mode) matches rows without an owner; `undefined` skips the check (workers). */
function ownedBy(owner: string | null | undefined): SQL | undefined {
  if (owner === undefined) return undefined;
  return owner === null ? isNull(watchlists.owner) : eq(watchlists.owner, owner);
}

/** SQLSTATE 23503 anywhere in the cause chain (drivers' errors are wrapped by Drizzle). */
export function isForeignKeyViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    if ((e as { code?: unknown }).code === '23503') return true;
    e = e.cause;
  }
  return false;
}

/** Watchlists, runs, run creators and delivery attempts, in the history database. */
@Injectable()
export class WatchlistStore {
  constructor(private readonly database: DatabaseService) {}

  async insert(watchlist: Watchlist): Promise<void> {
    await this.database.run((db) => db.insert(watchlists).values(watchlist));
  }

  list(owner: string | null): Promise<Watchlist[]> {
    return this.database.run(
      (db) =>
        db
          .select()
          .from(watchlists)
          .where(ownedBy(owner))
          .orderBy(desc(watchlists.createdAt), desc(watchlists.id)) as Promise<Watchlist[]>,
    );
  }

  async find(id: string, owner?: string | null): Promise<Watchlist | null> {
    const rows = await this.database.run((db) =>
      db
        .select()
        .from(watchlists)
        .where(and(eq(watchlists.id, id), ownedBy(owner))),
    );
    return rows[0] ?? null;
  }

  async update(
    id: string,
    owner: string | null,
    changes: WatchlistChanges,
    now: Date,
  ): Promise<Watchlist | null> {
    const rows = await this.database.run((db) =>
      db
        .update(watchlists)
        .set({ ...changes, updatedAt: now })
        .where(and(eq(watchlists.id, id), ownedBy(owner)))
        .returning(),
    );
    return rows[0] ?? null;
  }

  async delete(id: string, owner: string | null): Promise<boolean> {
    const rows = await this.database.run((db) =>
      db
        .delete(watchlists)
        .where(and(eq(watchlists.id, id), ownedBy(owner)))
        .returning({ id: watchlists.id }),
    );
    return rows.length > 0;
  }

  /** Creates the run unless it exists (a retried job); false when its watchlist is gone. */
  async ensureRun(run: {
    id: string;
    watchlistId: string;
    trigger: RunTrigger;
    queuedAt: Date;
  }): Promise<boolean> {
    try {
      return await this.insertRun(run);
    } catch (error) {
      // The watchlist was deleted between the check and the insert.
      if (isForeignKeyViolation(error)) return false;
      throw error;
    }
  }

  private insertRun(run: {
    id: string;
    watchlistId: string;
    trigger: RunTrigger;
    queuedAt: Date;
  }): Promise<boolean> {
    return this.database.run(async (db) => {
      await db.execute(sql`
        INSERT INTO ${watchlistRuns} (id, watchlist_id, trigger, status, queued_at)
        SELECT ${run.id}::uuid, ${run.watchlistId}::uuid, ${run.trigger}::text, 'queued',
               ${run.queuedAt.toISOString()}::timestamptz
        WHERE EXISTS (SELECT 1 FROM ${watchlists} WHERE id = ${run.watchlistId}::uuid)
        ON CONFLICT (id) DO NOTHING`);
      const rows = await db
        .select({ id: watchlistRuns.id })
        .from(watchlistRuns)
        .where(eq(watchlistRuns.id, run.id));
      return rows.length > 0;
    });
  }

  async runStatus(runId: string): Promise<RunStatus | null> {
    const rows = await this.database.run((db) =>
      db
        .select({ status: watchlistRuns.status })
        .from(watchlistRuns)
        .where(eq(watchlistRuns.id, runId)),
    );
    return rows[0]?.status ?? null;
  }

  async markRunning(runId: string, now: Date): Promise<Date> {
    const rows = await this.database.run((db) =>
      db
        .update(watchlistRuns)
        .set({
          status: 'running',
          startedAt: sql`COALESCE(${watchlistRuns.startedAt}, ${now.toISOString()}::timestamptz)`,
        })
        .where(eq(watchlistRuns.id, runId))
        .returning({ startedAt: watchlistRuns.startedAt }),
    );
    return rows[0]?.startedAt ?? now;
  }

  async saveCreator(runId: string, result: RunCreatorResult): Promise<void> {
    await this.database.run((db) =>
      db
        .insert(watchlistRunCreators)
        .values({ runId, ...result })
        .onConflictDoNothing(),
    );
  }

  async finishRun(
    runId: string,
    status: Extract<RunStatus, 'completed' | 'failed'>,
    now: Date,
    error: string | null = null,
  ): Promise<void> {
    await this.database.run((db) =>
      db
        .update(watchlistRuns)
        .set({ status, finishedAt: now, error })
        .where(eq(watchlistRuns.id, runId)),
    );
  }

  /** The run's delivery id: the one already set, or `candidate`. Once set it never changes. */
  async claimDeliveryId(runId: string, candidate: string): Promise<string | null> {
    const rows = await this.database.run((db) =>
      db
        .update(watchlistRuns)
        .set({ deliveryId: sql`COALESCE(${watchlistRuns.deliveryId}, ${candidate}::uuid)` })
        .where(eq(watchlistRuns.id, runId))
        .returning({ deliveryId: watchlistRuns.deliveryId }),
    );
    return rows[0]?.deliveryId ?? null;
  }

  async listRuns(
    watchlistId: string,
    limit: number,
    cursor: RunsCursor | null,
  ): Promise<WatchlistRun[]> {
    return this.database.run(async (db) => {
      const after = cursor
        ? or(
            lt(watchlistRuns.queuedAt, cursor.queuedAt),
            and(eq(watchlistRuns.queuedAt, cursor.queuedAt), lt(watchlistRuns.id, cursor.id)),
          )
        : undefined;
      const runs = await db
        .select()
        .from(watchlistRuns)
        .where(and(eq(watchlistRuns.watchlistId, watchlistId), after))
        .orderBy(desc(watchlistRuns.queuedAt), desc(watchlistRuns.id))
        .limit(limit);
      if (runs.length === 0) return [];
      const creators = await db
        .select()
        .from(watchlistRunCreators)
        .where(
          inArray(
            watchlistRunCreators.runId,
            runs.map((r) => r.id),
          ),
        )
        .orderBy(asc(watchlistRunCreators.position));
      return runs.map(({ deliveryId: _deliveryId, ...run }) => ({
        ...run,
        creators: creators.filter((c) => c.runId === run.id).map(({ runId: _runId, ...c }) => c),
      }));
    });
  }

  async recordAttempt(attempt: DeliveryAttempt): Promise<void> {
    await this.database.run((db) =>
      db.insert(watchlistDeliveries).values(attempt).onConflictDoNothing(),
    );
  }

  listDeliveries(watchlistId: string, limit: number): Promise<DeliveryAttempt[]> {
    return this.database.run((db) =>
      db
        .select()
        .from(watchlistDeliveries)
        .where(eq(watchlistDeliveries.watchlistId, watchlistId))
        .orderBy(desc(watchlistDeliveries.attemptedAt), desc(watchlistDeliveries.attempt))
        .limit(limit),
    );
  }
}
