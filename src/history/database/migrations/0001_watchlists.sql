CREATE TABLE "watchlist_deliveries" (
	"delivery_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"run_id" uuid NOT NULL,
	"watchlist_id" uuid NOT NULL,
	"attempted_at" timestamp with time zone NOT NULL,
	"status_code" integer,
	"error" text,
	"duration_ms" integer NOT NULL,
	CONSTRAINT "watchlist_deliveries_delivery_id_attempt_pk" PRIMARY KEY("delivery_id","attempt")
);
--> statement-breakpoint
CREATE TABLE "watchlist_run_creators" (
	"run_id" uuid NOT NULL,
	"username" text NOT NULL,
	"position" integer NOT NULL,
	"analysis_id" uuid,
	"new_trend_ids" text[] NOT NULL,
	"error_code" text,
	"error" text,
	CONSTRAINT "watchlist_run_creators_run_id_username_pk" PRIMARY KEY("run_id","username")
);
--> statement-breakpoint
CREATE TABLE "watchlist_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"watchlist_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"status" text NOT NULL,
	"queued_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"error" text,
	"delivery_id" uuid
);
--> statement-breakpoint
CREATE TABLE "watchlists" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner" text,
	"name" text NOT NULL,
	"creators" text[] NOT NULL,
	"interval_minutes" integer NOT NULL,
	"webhook_url" text,
	"webhook_secret" text NOT NULL,
	"min_score" double precision NOT NULL,
	"notify" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "watchlist_deliveries" ADD CONSTRAINT "watchlist_deliveries_run_id_watchlist_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."watchlist_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watchlist_deliveries" ADD CONSTRAINT "watchlist_deliveries_watchlist_id_watchlists_id_fk" FOREIGN KEY ("watchlist_id") REFERENCES "public"."watchlists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watchlist_run_creators" ADD CONSTRAINT "watchlist_run_creators_run_id_watchlist_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."watchlist_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watchlist_runs" ADD CONSTRAINT "watchlist_runs_watchlist_id_watchlists_id_fk" FOREIGN KEY ("watchlist_id") REFERENCES "public"."watchlists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "watchlist_deliveries_watchlist_idx" ON "watchlist_deliveries" USING btree ("watchlist_id","attempted_at");--> statement-breakpoint
CREATE INDEX "watchlist_runs_watchlist_queued_idx" ON "watchlist_runs" USING btree ("watchlist_id","queued_at","id");--> statement-breakpoint
CREATE INDEX "watchlists_owner_created_idx" ON "watchlists" USING btree ("owner","created_at");