import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Topology } from '@/lib/topology';
import { getDb, type Db } from '../client';
import { inspectAccounts, topologyPositions, topologySnapshots, type InspectAccountRow, type TopologySnapshotRow } from '../schema';

/** A snapshot without its (large) topology, as lists show it. */
export type TopologySnapshotInfo = Omit<TopologySnapshotRow, 'topology'>;
export type { TopologySnapshotRow };

const info = {
  id: topologySnapshots.id,
  takenAt: topologySnapshots.takenAt,
  takenBy: topologySnapshots.takenBy,
  durationMs: topologySnapshots.durationMs,
  calls: topologySnapshots.calls,
  nodeCount: topologySnapshots.nodeCount,
  errorCount: topologySnapshots.errorCount,
};

/** The newest snapshots always kept by pruning. */
export const SNAPSHOTS_KEPT = 50;

/**
 * Stores a snapshot. `topologyJson`, when given, is `topology` already serialised (a large
 * estate's is tens of megabytes: the caller may serialise it in slices rather than in one block).
 */
export async function insertTopologySnapshot(input: { takenBy: string; durationMs: number; calls: number; topology: Topology; topologyJson?: string }, db?: Db): Promise<TopologySnapshotInfo> {
  const d = db ?? (await getDb());
  const [row] = await d
    .insert(topologySnapshots)
    .values({
      takenBy: input.takenBy,
      durationMs: Math.round(input.durationMs),
      calls: input.calls,
      nodeCount: input.topology.nodes.length,
      errorCount: input.topology.errors.length,
      topology: input.topologyJson === undefined ? input.topology : sql`${input.topologyJson}::jsonb`,
    })
    .returning(info);
  // No pruning here: a burst of refreshes must not push the history out (pruneTopologySnapshots).
  return row;
}

/** Snapshots younger than this are never pruned, however many refreshes there were. */
export const SNAPSHOTS_KEPT_DAYS = 30;

/**
 * Deletes snapshots that are both older than `olderThan` and beyond the newest `keep`
 * (housekeeping at start-up, never on a refresh). Returns how many went.
 */
export async function pruneTopologySnapshots(options: { keep?: number; olderThan: Date }, db?: Db): Promise<number> {
  const d = db ?? (await getDb());
  const [cutoff] = await d.select({ takenAt: topologySnapshots.takenAt }).from(topologySnapshots).orderBy(desc(topologySnapshots.takenAt)).offset((options.keep ?? SNAPSHOTS_KEPT) - 1).limit(1);
  if (!cutoff) return 0;
  const before = cutoff.takenAt < options.olderThan ? cutoff.takenAt : options.olderThan;
  const gone = await d.delete(topologySnapshots).where(lt(topologySnapshots.takenAt, before)).returning({ id: topologySnapshots.id });
  return gone.length;
}

export async function latestTopologySnapshot(db?: Db): Promise<TopologySnapshotRow | null> {
  const [row] = await (db ?? (await getDb())).select().from(topologySnapshots).orderBy(desc(topologySnapshots.takenAt)).limit(1);
  return row ?? null;
}

export async function findTopologySnapshot(id: string, db?: Db): Promise<TopologySnapshotRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await (db ?? (await getDb())).select().from(topologySnapshots).where(eq(topologySnapshots.id, id));
  return row ?? null;
}

export async function listTopologySnapshots(limit = SNAPSHOTS_KEPT, db?: Db): Promise<TopologySnapshotInfo[]> {
  return (db ?? (await getDb())).select(info).from(topologySnapshots).orderBy(desc(topologySnapshots.takenAt)).limit(limit);
}

export async function getNodePositions(userId: string, db?: Db): Promise<Record<string, { x: number; y: number }>> {
  const rows = await (db ?? (await getDb())).select().from(topologyPositions).where(eq(topologyPositions.userId, userId));
  return Object.fromEntries(rows.map((r) => [r.nodeId, { x: r.x, y: r.y }]));
}

export async function saveNodePositions(userId: string, positions: Record<string, { x: number; y: number }>, db?: Db): Promise<void> {
  const rows = Object.entries(positions).map(([nodeId, p]) => ({ userId, nodeId, x: p.x, y: p.y, updatedAt: new Date() }));
  if (!rows.length) return;
  await (db ?? (await getDb()))
    .insert(topologyPositions)
    .values(rows)
    .onConflictDoUpdate({ target: [topologyPositions.userId, topologyPositions.nodeId], set: { x: sql`excluded.x`, y: sql`excluded.y`, updatedAt: sql`excluded.updated_at` } });
}

export async function clearNodePositions(userId: string, nodeIds?: string[], db?: Db): Promise<void> {
  const d = db ?? (await getDb());
  if (nodeIds?.length) await d.delete(topologyPositions).where(and(eq(topologyPositions.userId, userId), inArray(topologyPositions.nodeId, nodeIds)));
  else await d.delete(topologyPositions).where(eq(topologyPositions.userId, userId));
}

export type InspectAccount = InspectAccountRow;

export async function listInspectAccounts(db?: Db): Promise<InspectAccount[]> {
  return (db ?? (await getDb())).select().from(inspectAccounts).orderBy(inspectAccounts.accountId);
}

export async function upsertInspectAccount(input: { accountId: string; name: string; roleArn: string | null; externalId: string | null; regions: string[]; enabled: boolean; updatedBy: string }, db?: Db): Promise<InspectAccount> {
  const values = { ...input, updatedAt: new Date() };
  const [row] = await (db ?? (await getDb()))
    .insert(inspectAccounts)
    .values(values)
    .onConflictDoUpdate({ target: inspectAccounts.accountId, set: { name: values.name, roleArn: values.roleArn, externalId: values.externalId, regions: values.regions, enabled: values.enabled, updatedBy: values.updatedBy, updatedAt: values.updatedAt } })
    .returning();
  return row;
}

export async function deleteInspectAccount(accountId: string, db?: Db): Promise<boolean> {
  const rows = await (db ?? (await getDb())).delete(inspectAccounts).where(eq(inspectAccounts.accountId, accountId)).returning({ id: inspectAccounts.accountId });
  return rows.length > 0;
}
