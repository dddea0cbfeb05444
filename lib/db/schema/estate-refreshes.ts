import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const ESTATE_REFRESH_STATES = ['waiting', 'running', 'done', 'failed'] as const;
export type EstateRefreshState = (typeof ESTATE_REFRESH_STATES)[number];

/**
 * A refresh of the estate run as a job, so that whoever asked (on any console instance) can
 * follow it: at most one waiting and one running (the job queue's policy), the instance
 * running it holding a lease it renews while it works.
 */
export const estateRefreshes = pgTable(
  'estate_refreshes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** A user name, or `schedule`. */
    askedBy: text('asked_by').notNull(),
    state: text('state').$type<EstateRefreshState>().notNull(),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull().defaultNow(),
    /** Started by a user's own ask, so held to the per-user rate; false when the console asked (after an apply). */
    metered: boolean('metered').notNull().default(true),
    /** The queue's job that runs it (the one to cancel when its instance died). */
    jobId: text('job_id'),
    /** The instance running it, and until when it is taken to be alive without renewing. */
    runner: text('runner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  // One waiting and one running at most, across every instance.
  (t) => [uniqueIndex('estate_refreshes_unfinished_idx').on(t.state).where(sql`state in ('waiting', 'running')`), index('estate_refreshes_asked_at_idx').on(t.askedAt)],
);

/** What a refresh reported, in order: its accounts, each account's progress, then its end. */
export const estateRefreshEvents = pgTable(
  'estate_refresh_events',
  {
    refreshId: uuid('refresh_id')
      .notNull()
      .references(() => estateRefreshes.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    event: jsonb('event').$type<Record<string, unknown>>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.refreshId, t.seq] })],
);

export type EstateRefreshRow = typeof estateRefreshes.$inferSelect;
