import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/** One computed analysis (cache hits are not stored again). */
export const analyses = pgTable(
  'analyses',
  {
    id: uuid('id').primaryKey(),
    /** Lower-cased TikTok username. */
    creator: text('creator').notNull(),
    /** The country the searches ran as (upper-case ISO 3166-1 alpha-2); null: the provider's own. */
    country: text('country'),
    analyzedAt: timestamp('analyzed_at', { withTimezone: true, mode: 'date' }).notNull(),
    aiSource: text('ai_source').notNull(),
    hashtags: text('hashtags').array().notNull(),
    /** Ids of the ranked trends, best first: what "new since last check" compares with. */
    trendIds: text('trend_ids').array().notNull(),
    trendCount: integer('trend_count').notNull(),
    unitsCharged: integer('units_charged').notNull(),
    warnings: jsonb('warnings').$type<string[]>().notNull(),
    /** The whole analysis as served (schema-versioned JSON), to answer GET /analyses/{id}. */
    snapshot: jsonb('snapshot').notNull(),
  },
  (t) => [
    index('analyses_creator_analyzed_at_idx').on(t.creator, t.analyzedAt.desc(), t.id.desc()),
    index('analyses_analyzed_at_idx').on(t.analyzedAt),
  ],
);

/** A video's counters at one moment. */
export const videoObservations = pgTable(
  'video_observations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    videoId: text('video_id').notNull(),
    observedAt: timestamp('observed_at', { withTimezone: true, mode: 'date' }).notNull(),
    views: bigint('views', { mode: 'number' }).notNull(),
    likes: bigint('likes', { mode: 'number' }).notNull(),
    comments: bigint('comments', { mode: 'number' }).notNull(),
    shares: bigint('shares', { mode: 'number' }).notNull(),
    favorites: bigint('favorites', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('video_observations_video_observed_idx').on(t.videoId, t.observedAt),
    index('video_observations_observed_at_idx').on(t.observedAt),
  ],
);

/** Which hashtags a video was seen under (its own tags and the search that found it). */
export const videoHashtags = pgTable(
  'video_hashtags',
  {
    hashtag: text('hashtag').notNull(),
    videoId: text('video_id').notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    primaryKey({ columns: [t.hashtag, t.videoId] }),
    index('video_hashtags_last_seen_at_idx').on(t.lastSeenAt),
  ],
);
