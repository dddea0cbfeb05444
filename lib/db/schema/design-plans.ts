import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { StoredFingerprint } from '@/lib/plan/types';

/** A design document: what a user wants the estate to be. `version` rises on every save (optimistic concurrency). */
export const designs = pgTable(
  'designs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    document: jsonb('document').$type<Record<string, unknown>>().notNull(),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by').notNull(),
    updatedBy: text('updated_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('designs_updated_idx').on(t.updatedAt)],
);

export const PLAN_STATUSES = ['planned', 'approved', 'applying', 'applied', 'failed', 'stale'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** A saved plan: computed from a design version and the live state (fingerprint), reviewed, approved, applied. */
export const plans = pgTable(
  'plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    designId: uuid('design_id').references(() => designs.id, { onDelete: 'set null' }),
    designName: text('design_name').notNull(),
    designVersion: integer('design_version').notNull(),
    status: text('status', { enum: PLAN_STATUSES }).notNull().default('planned'),
    createdBy: text('created_by').notNull(),
    createdById: uuid('created_by_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    fingerprint: jsonb('fingerprint').$type<StoredFingerprint>().notNull(),
    summary: jsonb('summary').$type<Record<string, number>>().notNull(),
    accounts: jsonb('accounts').$type<string[]>().notNull(),
    regions: jsonb('regions').$type<string[]>().notNull(),
    known: jsonb('known').$type<Record<string, { arn: string; id?: string }>>().notNull(),
    warnings: jsonb('warnings').$type<string[]>().notNull(),
    approvedBy: text('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    appliedBy: text('applied_by'),
    applyStartedAt: timestamp('apply_started_at', { withTimezone: true }),
    applyFinishedAt: timestamp('apply_finished_at', { withTimezone: true }),
    /** succeeded, failed, stale, locked, interrupted: how the last apply ended. */
    outcome: text('outcome'),
  },
  (t) => [index('plans_design_idx').on(t.designId, t.createdAt), index('plans_created_idx').on(t.createdAt)],
);

/** A plan's operations, in order. */
export const planOperations = pgTable(
  'plan_operations',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    opId: text('op_id').notNull(),
    seq: integer('seq').notNull(),
    operation: jsonb('operation').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.opId] }), index('plan_operations_seq_idx').on(t.planId, t.seq)],
);

/** Every step of every apply, written before and after each call: what resumes an interrupted apply. */
export const applyJournal = pgTable(
  'apply_journal',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    /** The operation, or `*` for the apply as a whole. */
    opId: text('op_id').notNull(),
    event: text('event').notNull(),
    clientToken: text('client_token'),
    input: jsonb('input').$type<Record<string, unknown>>(),
    output: jsonb('output').$type<{ arn?: string; id?: string }>(),
    message: text('message'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('apply_journal_plan_idx').on(t.planId, t.id)],
);

/** One apply per account at a time, across console instances: a row per locked account, with a lease. */
export const applyLocks = pgTable('apply_locks', {
  account: text('account').primaryKey(),
  planId: uuid('plan_id').notNull(),
  owner: text('owner').notNull(),
  /** Random per acquisition: only the holder renews or releases. */
  holder: text('holder').notNull(),
  acquiredAt: timestamp('acquired_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

export type DesignRow = typeof designs.$inferSelect;
export type PlanRow = typeof plans.$inferSelect;
export type ApplyJournalRow = typeof applyJournal.$inferSelect;
export type ApplyLockRow = typeof applyLocks.$inferSelect;
