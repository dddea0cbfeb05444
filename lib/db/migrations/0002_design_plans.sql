CREATE TABLE "apply_journal" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"op_id" text NOT NULL,
	"event" text NOT NULL,
	"client_token" text,
	"input" jsonb,
	"output" jsonb,
	"message" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "apply_locks" (
	"account" text PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"owner" text NOT NULL,
	"holder" text NOT NULL,
	"acquired_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "designs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"document" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text NOT NULL,
	"updated_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_operations" (
	"plan_id" uuid NOT NULL,
	"op_id" text NOT NULL,
	"seq" integer NOT NULL,
	"operation" jsonb NOT NULL,
	CONSTRAINT "plan_operations_plan_id_op_id_pk" PRIMARY KEY("plan_id","op_id")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"design_id" uuid,
	"design_name" text NOT NULL,
	"design_version" integer NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"created_by" text NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"fingerprint" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"accounts" jsonb NOT NULL,
	"regions" jsonb NOT NULL,
	"known" jsonb NOT NULL,
	"warnings" jsonb NOT NULL,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"applied_by" text,
	"apply_started_at" timestamp with time zone,
	"apply_finished_at" timestamp with time zone,
	"outcome" text
);
--> statement-breakpoint
ALTER TABLE "apply_journal" ADD CONSTRAINT "apply_journal_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_operations" ADD CONSTRAINT "plan_operations_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_design_id_designs_id_fk" FOREIGN KEY ("design_id") REFERENCES "public"."designs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "apply_journal_plan_idx" ON "apply_journal" USING btree ("plan_id","id");--> statement-breakpoint
CREATE INDEX "designs_updated_idx" ON "designs" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "plan_operations_seq_idx" ON "plan_operations" USING btree ("plan_id","seq");--> statement-breakpoint
CREATE INDEX "plans_design_idx" ON "plans" USING btree ("design_id","created_at");--> statement-breakpoint
CREATE INDEX "plans_created_idx" ON "plans" USING btree ("created_at");