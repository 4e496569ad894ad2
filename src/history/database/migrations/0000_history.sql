CREATE TABLE "analyses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"creator" text NOT NULL,
	"analyzed_at" timestamp with time zone NOT NULL,
	"ai_source" text NOT NULL,
	"hashtags" text[] NOT NULL,
	"trend_ids" text[] NOT NULL,
	"trend_count" integer NOT NULL,
	"units_charged" integer NOT NULL,
	"warnings" jsonb NOT NULL,
	"snapshot" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "video_hashtags" (
	"hashtag" text NOT NULL,
	"video_id" text NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "video_hashtags_hashtag_video_id_pk" PRIMARY KEY("hashtag","video_id")
);
--> statement-breakpoint
CREATE TABLE "video_observations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"video_id" text NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"views" bigint NOT NULL,
	"likes" bigint NOT NULL,
	"comments" bigint NOT NULL,
	"shares" bigint NOT NULL,
	"favorites" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "analyses_creator_analyzed_at_idx" ON "analyses" USING btree ("creator","analyzed_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "analyses_analyzed_at_idx" ON "analyses" USING btree ("analyzed_at");--> statement-breakpoint
CREATE INDEX "video_hashtags_last_seen_at_idx" ON "video_hashtags" USING btree ("last_seen_at");--> statement-breakpoint
CREATE INDEX "video_observations_video_observed_idx" ON "video_observations" USING btree ("video_id","observed_at");--> statement-breakpoint
CREATE INDEX "video_observations_observed_at_idx" ON "video_observations" USING btree ("observed_at");