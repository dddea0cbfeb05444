CREATE TABLE "inspect_accounts" (
	"account_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role_arn" text,
	"external_id" text,
	"regions" jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "topology_positions" (
	"user_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"x" double precision NOT NULL,
	"y" double precision NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "topology_positions_user_id_node_id_pk" PRIMARY KEY("user_id","node_id")
);
--> statement-breakpoint
CREATE TABLE "topology_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	"taken_by" text NOT NULL,
	"duration_ms" integer NOT NULL,
	"calls" integer NOT NULL,
	"node_count" integer NOT NULL,
	"error_count" integer NOT NULL,
	"topology" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "topology_positions" ADD CONSTRAINT "topology_positions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "topology_snapshots_taken_at_idx" ON "topology_snapshots" USING btree ("taken_at");