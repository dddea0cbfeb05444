import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** `partial`: it ran, but not everything it covers succeeded (a refresh with accounts it could not read). */
export const AUDIT_OUTCOMES = ['success', 'partial', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** One row per mutation or attempt: who, when, what, on what, how it ended, and details. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** The user's id when the actor is a user; null for the CLI, the system or an unknown caller. */
    actorId: uuid('actor_id'),
    /** A user name, `cli:<os user>`, `system`, or the name someone tried to sign in as. */
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target'),
    outcome: text('outcome', { enum: AUDIT_OUTCOMES }).notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    address: text('address'),
  },
  (t) => [index('audit_events_at_idx').on(t.at), index('audit_events_actor_idx').on(t.actor, t.at), index('audit_events_action_idx').on(t.action, t.at)],
);

export type AuditEventRow = typeof auditEvents.$inferSelect;
