import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Topology } from '@/lib/topology';
import { users } from './users';

/** Each discovery of the estate, kept so the live state can be compared with an earlier one. */
export const topologySnapshots = pgTable(
  'topology_snapshots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull().defaultNow(),
    /** Who asked for the refresh: a user name, or `system` for the first load. */
    takenBy: text('taken_by').notNull(),
    durationMs: integer('duration_ms').notNull(),
    /** API calls the discovery made. */
    calls: integer('calls').notNull(),
    nodeCount: integer('node_count').notNull(),
    errorCount: integer('error_count').notNull(),
    topology: jsonb('topology').$type<Topology>().notNull(),
  },
  (t) => [index('topology_snapshots_taken_at_idx').on(t.takenAt)],
);

export type TopologySnapshotRow = typeof topologySnapshots.$inferSelect;

/** Where a user dragged a box on the canvas, so their picture stays as they arranged it. */
export const topologyPositions = pgTable(
  'topology_positions',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    nodeId: text('node_id').notNull(),
    x: doublePrecision('x').notNull(),
    y: doublePrecision('y').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.nodeId] })],
);

/**
 * Accounts as an admin edited them on the accounts page. A row overrides the configured
 * account with the same id (or adds one); `enabled = false` leaves it out of discovery.
 */
export const inspectAccounts = pgTable('inspect_accounts', {
  accountId: text('account_id').primaryKey(),
  name: text('name').notNull(),
  roleArn: text('role_arn'),
  externalId: text('external_id'),
  regions: jsonb('regions').$type<string[]>().notNull(),
  enabled: boolean('enabled').notNull().default(true),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type InspectAccountRow = typeof inspectAccounts.$inferSelect;
