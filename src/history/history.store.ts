import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { queryRows } from './database/database-connection';
import { DatabaseService } from './database/database.service';
import { analyses, videoHashtags, videoObservations } from './database/schema/history.schema';
import type {
  AnalysisSummary,
  HashtagDayPoint,
  PreviousAnalysis,
  StoredAnalysisRow,
  VelocityBaseline,
  VideoObservation,
  VideoSighting,
} from './history.models';

/** Position in a creator's analyses, newest first: (analyzed_at, id) of the last one returned. */
export interface AnalysesCursor {
  analyzedAt: number;
  id: string;
}

/**
 * The history tables, in domain verbs. The only code that queries them; everything runs through
 * DatabaseService.run, so an unreachable database is a 503 and never a 500.
 */
@Injectable()
export class HistoryStore {
  constructor(private readonly database: DatabaseService) {}

  async saveAnalyses(rows: StoredAnalysisRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.database.run((db) =>
      db
        .insert(analyses)
        .values(
          rows.map((r) => ({
            id: r.id,
            creator: r.creator,
            country: r.country,
            analyzedAt: new Date(r.analyzedAt),
            aiSource: r.aiSource,
            hashtags: r.hashtags,
            trendIds: r.trendIds,
            trendCount: r.trendCount,
            unitsCharged: r.unitsCharged,
            warnings: r.warnings,
            snapshot: r.snapshot,
          })),
        )
        .onConflictDoNothing(),
    );
  }

  /**
   * Stores sightings, skipping a video already observed less than `intervalSeconds` before
   * (0 keeps every sighting), and remembers the hashtags each was seen under.
   */
  async saveSightings(sightings: VideoSighting[], intervalSeconds: number): Promise<void> {
    if (sightings.length === 0) return;
    const observations = thinSightings(sightings, intervalSeconds * 1000);
    const values = sql.join(
      observations.map(
        (s) =>
          sql`(${s.videoId}, ${new Date(s.observedAt).toISOString()}::timestamptz, ${s.views}::bigint, ${s.likes}::bigint, ${s.comments}::bigint, ${s.shares}::bigint, ${s.favorites}::bigint)`,
      ),
      sql`, `,
    );
    const pairs = new Map<string, { hashtag: string; videoId: string; lastSeenAt: Date }>();
    for (const s of sightings) {
      for (const hashtag of s.hashtags) {
        pairs.set(`${hashtag}\u0000${s.videoId}`, {
          hashtag,
          videoId: s.videoId,
          lastSeenAt: new Date(s.observedAt),
        });
      }
    }
    await this.database.run(async (db) => {
      await db.execute(sql`
        INSERT INTO video_observations (video_id, observed_at, views, likes, comments, shares, favorites)
        SELECT v.video_id, v.observed_at, v.views, v.likes, v.comments, v.shares, v.favorites
        FROM (VALUES ${values}) AS v(video_id, observed_at, views, likes, comments, shares, favorites)
        WHERE ${intervalSeconds} = 0 OR NOT EXISTS (
          SELECT 1 FROM video_observations o
          WHERE o.video_id = v.video_id
            AND o.observed_at > v.observed_at - make_interval(secs => ${intervalSeconds})
            AND o.observed_at <= v.observed_at
        )`);
      if (pairs.size === 0) return;
      await db
        .insert(videoHashtags)
        .values([...pairs.values()])
        .onConflictDoUpdate({
          target: [videoHashtags.hashtag, videoHashtags.videoId],
          set: { lastSeenAt: sql`greatest(${videoHashtags.lastSeenAt}, excluded.last_seen_at)` },
        });
    });
  }

  /** The creator's latest analysis strictly before `before`. */
  /** The latest analysis of `creator` run as the same `country` (null: the provider's own). */
  async previousAnalysis(
    creator: string,
    country: string | null,
    before: number,
  ): Promise<PreviousAnalysis | null> {
    const rows = await this.database.run((db) =>
      db
        .select({ id: analyses.id, analyzedAt: analyses.analyzedAt, trendIds: analyses.trendIds })
        .from(analyses)
        .where(
          and(
            eq(analyses.creator, creator),
            country === null ? isNull(analyses.country) : eq(analyses.country, country),
            lt(analyses.analyzedAt, new Date(before)),
          ),
        )
        .orderBy(desc(analyses.analyzedAt), desc(analyses.id))
        .limit(1),
    );
    const row = rows[0];
    return row
      ? { id: row.id, analyzedAt: row.analyzedAt.getTime(), trendIds: row.trendIds }
      : null;
  }

  /** Per video, the oldest observation with `from <= observed_at <= to`. */
  async velocityBaselines(
    videoIds: string[],
    from: number,
    to: number,
  ): Promise<Map<string, VelocityBaseline>> {
    if (videoIds.length === 0 || to < from) return new Map();
    const rows = await this.database.run((db) =>
      queryRows<{ video_id: string; observed_at: Date | string; views: number | string }>(
        db,
        sql`SELECT DISTINCT ON (video_id) video_id, observed_at, views
            FROM video_observations
            WHERE video_id IN (${sql.join(
              videoIds.map((id) => sql`${id}`),
              sql`, `,
            )})
              AND observed_at >= ${new Date(from).toISOString()}::timestamptz
              AND observed_at <= ${new Date(to).toISOString()}::timestamptz
            ORDER BY video_id, observed_at ASC`,
      ),
    );
    return new Map(
      rows.map((r) => [
        r.video_id,
        { observedAt: new Date(r.observed_at).getTime(), views: Number(r.views) },
      ]),
    );
  }

  /** When each video was first observed (only videos with an observation appear). */
  async firstSeen(videoIds: string[]): Promise<Map<string, number>> {
    if (videoIds.length === 0) return new Map();
    const rows = await this.database.run((db) =>
      db
        .select({
          videoId: videoObservations.videoId,
          first: sql<string>`min(${videoObservations.observedAt})`,
        })
        .from(videoObservations)
        .where(inArray(videoObservations.videoId, videoIds))
        .groupBy(videoObservations.videoId),
    );
    return new Map(rows.map((r) => [r.videoId, new Date(r.first).getTime()]));
  }

  /** Newest first, `limit` after the cursor. */
  async listAnalyses(
    creator: string,
    limit: number,
    after: AnalysesCursor | undefined,
  ): Promise<AnalysisSummary[]> {
    const rows = await this.database.run((db) =>
      db
        .select({
          id: analyses.id,
          analyzedAt: analyses.analyzedAt,
          aiSource: analyses.aiSource,
          hashtags: analyses.hashtags,
          trendCount: analyses.trendCount,
          unitsCharged: analyses.unitsCharged,
        })
        .from(analyses)
        .where(
          and(
            eq(analyses.creator, creator),
            after
              ? or(
                  lt(analyses.analyzedAt, new Date(after.analyzedAt)),
                  and(
                    eq(analyses.analyzedAt, new Date(after.analyzedAt)),
                    lt(analyses.id, after.id),
                  ),
                )
              : undefined,
          ),
        )
        .orderBy(desc(analyses.analyzedAt), desc(analyses.id))
        .limit(limit),
    );
    return rows.map((r) => ({ ...r, analyzedAt: r.analyzedAt.getTime() }));
  }

  async findAnalysis(id: string): Promise<StoredAnalysisRow | null> {
    const rows = await this.database.run((db) =>
      db.select().from(analyses).where(eq(analyses.id, id)).limit(1),
    );
    const r = rows[0];
    return r ? { ...r, analyzedAt: r.analyzedAt.getTime() } : null;
  }

  /** Oldest first. */
  async videoObservations(videoId: string): Promise<VideoObservation[]> {
    const rows = await this.database.run((db) =>
      db
        .select()
        .from(videoObservations)
        .where(eq(videoObservations.videoId, videoId))
        .orderBy(asc(videoObservations.observedAt), asc(videoObservations.id)),
    );
    return rows.map((r) => ({
      videoId: r.videoId,
      observedAt: r.observedAt.getTime(),
      views: r.views,
      likes: r.likes,
      comments: r.comments,
      shares: r.shares,
      favorites: r.favorites,
    }));
  }

  /**
   * Per UTC day since `since`: distinct videos observed under the tag, and the sum of their
   * views at their last observation that day.
   */
  async hashtagDays(hashtag: string, since: number): Promise<HashtagDayPoint[]> {
    const rows = await this.database.run((db) =>
      queryRows<{ day: string; videos: number | string; views: number | string }>(
        db,
        sql`SELECT to_char(day, 'YYYY-MM-DD') AS day, count(*) AS videos, sum(views) AS views
            FROM (
              SELECT DISTINCT ON (o.video_id, date_trunc('day', o.observed_at AT TIME ZONE 'UTC'))
                     date_trunc('day', o.observed_at AT TIME ZONE 'UTC') AS day, o.views
              FROM video_observations o
              JOIN video_hashtags h ON h.video_id = o.video_id
              WHERE h.hashtag = ${hashtag}
                AND o.observed_at >= ${new Date(since).toISOString()}::timestamptz
              ORDER BY o.video_id, date_trunc('day', o.observed_at AT TIME ZONE 'UTC'), o.observed_at DESC
            ) last_of_day
            GROUP BY day
            ORDER BY day`,
      ),
    );
    return rows.map((r) => ({ date: r.day, videos: Number(r.videos), views: Number(r.views) }));
  }

  async isHashtagKnown(hashtag: string): Promise<boolean> {
    const rows = await this.database.run((db) =>
      db
        .select({ videoId: videoHashtags.videoId })
        .from(videoHashtags)
        .where(eq(videoHashtags.hashtag, hashtag))
        .limit(1),
    );
    return rows.length > 0;
  }

  /** Deletes everything observed or analysed before `cutoff`; returns the rows removed. */
  async prune(cutoff: number): Promise<number> {
    const before = sql`${new Date(cutoff).toISOString()}::timestamptz`;
    const [row] = await this.database.run((db) =>
      queryRows<{ removed: number | string }>(
        db,
        sql`WITH a AS (DELETE FROM analyses WHERE analyzed_at < ${before} RETURNING 1),
                 o AS (DELETE FROM video_observations WHERE observed_at < ${before} RETURNING 1),
                 h AS (DELETE FROM video_hashtags WHERE last_seen_at < ${before} RETURNING 1)
            SELECT (SELECT count(*) FROM a) + (SELECT count(*) FROM o) + (SELECT count(*) FROM h)
                   AS removed`,
      ),
    );
    return Number(row?.removed ?? 0);
  }
}

/**
 * Within one batch the database cannot see the batch's own rows, so sightings of a video closer
 * than the interval to the one kept before it are dropped here (the SQL handles earlier batches).
 */
export function thinSightings(sightings: VideoSighting[], intervalMs: number): VideoSighting[] {
  if (intervalMs <= 0) return sightings;
  const lastKept = new Map<string, number>();
  const kept: VideoSighting[] = [];
  for (const s of [...sightings].sort((a, b) => a.observedAt - b.observedAt)) {
    const last = lastKept.get(s.videoId);
    if (last !== undefined && s.observedAt - last < intervalMs) continue;
    lastKept.set(s.videoId, s.observedAt);
    kept.push(s);
  }
  return kept;
}
