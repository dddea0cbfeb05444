CREATE TABLE "estate_refresh_events" (
	"refresh_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"event" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "estate_refresh_events_refresh_id_seq_pk" PRIMARY KEY("refresh_id","seq")
);
--> statement-breakpoint
CREATE TABLE "estate_refreshes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"asked_by" text NOT NULL,
	"state" text NOT NULL,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"job_id" text,
	"runner" text,
	"lease_until" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "estate_refresh_events" ADD CONSTRAINT "estate_refresh_events_refresh_id_estate_refreshes_id_fk" FOREIGN KEY ("refresh_id") REFERENCES "public"."estate_refreshes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "estate_refreshes_unfinished_idx" ON "estate_refreshes" USING btree ("state") WHERE state in ('waiting', 'running');--> statement-breakpoint
CREATE INDEX "estate_refreshes_asked_at_idx" ON "estate_refreshes" USING btree ("asked_at");