import { describe, expect } from 'vitest';
import {
  clearNodePositions,
  deleteInspectAccount,
  findTopologySnapshot,
  getNodePositions,
  insertTopologySnapshot,
  insertUser,
  latestTopologySnapshot,
  listInspectAccounts,
  listTopologySnapshots,
  pruneTopologySnapshots,
  saveNodePositions,
  SNAPSHOTS_KEPT,
  upsertInspectAccount,
  type OpenDatabase,
} from '@/lib/db';
import type { Topology } from '@/lib/topology';
import { databaseTargets, forbidProcessDatabase, useDatabaseTarget } from './testing';

forbidProcessDatabase();

function topology(names: string[]): Topology {
  return {
    nodes: names.map((name) => ({ id: `arn:aws:vpc-lattice:us-east-1:111111111111:service/${name}`, kind: 'service', account: '111111111111', region: 'us-east-1', name, status: 'ACTIVE', tags: { team: 'a' }, seenBy: ['111111111111'], description: { name, port: 80 } })),
    edges: [],
    errors: [{ account: '222222222222', region: 'us-east-1', message: 'AccessDenied: no' }],
    discoveredAt: '2025-01-01T00:00:00.000Z',
  };
}

describe.each(databaseTargets())('topology repositories on $name', (target) => {
  const { db, itOn } = useDatabaseTarget(target);

  itOn('keeps snapshots with their topology, newest first, and prunes only old ones beyond the limit, never on insert', async () => {
    expect(await latestTopologySnapshot(db())).toBeNull();
    const first = await insertTopologySnapshot({ takenBy: 'system', durationMs: 1234.6, calls: 42, topology: topology(['a']) }, db());
    expect(first).toMatchObject({ takenBy: 'system', durationMs: 1235, calls: 42, nodeCount: 1, errorCount: 1 });
    expect(first).not.toHaveProperty('topology');
    await new Promise((r) => setTimeout(r, 5));
    const second = await insertTopologySnapshot({ takenBy: 'admin', durationMs: 10, calls: 7, topology: topology(['a', 'b']) }, db());
    const latest = await latestTopologySnapshot(db());
    expect(latest?.id).toBe(second.id);
    expect(latest?.topology).toEqual(topology(['a', 'b']));
    expect((await findTopologySnapshot(first.id, db()))?.topology.nodes).toHaveLength(1);
    expect(await findTopologySnapshot('not-a-uuid', db())).toBeNull();
    expect((await listTopologySnapshots(10, db())).map((s) => s.id)).toEqual([second.id, first.id]);

    // Refreshes alone never prune the history (issue 12, point 11): a burst keeps every snapshot.
    for (let i = 0; i < SNAPSHOTS_KEPT; i++) await insertTopologySnapshot({ takenBy: 'system', durationMs: 1, calls: 1, topology: topology([]) }, db());
    expect(await listTopologySnapshots(SNAPSHOTS_KEPT + 10, db())).toHaveLength(SNAPSHOTS_KEPT + 2);
    // Housekeeping prunes only what is both beyond the newest 50 and older than the cut-off.
    expect(await pruneTopologySnapshots({ olderThan: new Date(Date.now() - 86_400_000) }, db())).toBe(0);
    expect(await pruneTopologySnapshots({ olderThan: new Date(Date.now() + 86_400_000) }, db())).toBe(2);
    const kept = await listTopologySnapshots(SNAPSHOTS_KEPT + 10, db());
    expect(kept).toHaveLength(SNAPSHOTS_KEPT);
    expect(kept.map((s) => s.id)).not.toContain(first.id);
  });

  itOn('stores a topology the caller already serialised as the same JSON', async () => {
    // A large estate's topology is serialised in slices by the caller, not here in one block.
    const stored = await insertTopologySnapshot({ takenBy: 'system', durationMs: 1, calls: 1, topology: topology(['c']), topologyJson: JSON.stringify(topology(['c'])) }, db());
    expect(stored).toMatchObject({ nodeCount: 1, errorCount: 1 });
    expect((await findTopologySnapshot(stored.id, db()))?.topology).toEqual(topology(['c']));
  });

  itOn('remembers box positions per user, updates them, and forgets them', async () => {
    const alice = await insertUser({ name: 'alice', roles: ['viewer'] }, db());
    const bob = await insertUser({ name: 'bob', roles: ['viewer'] }, db());
    await saveNodePositions(alice.id, { 'arn:1': { x: 10, y: 20.5 }, 'arn:2': { x: -5, y: 0 } }, db());
    await saveNodePositions(alice.id, { 'arn:1': { x: 11, y: 21 } }, db());
    await saveNodePositions(bob.id, { 'arn:1': { x: 99, y: 99 } }, db());
    expect(await getNodePositions(alice.id, db())).toEqual({ 'arn:1': { x: 11, y: 21 }, 'arn:2': { x: -5, y: 0 } });
    await clearNodePositions(alice.id, ['arn:2'], db());
    expect(await getNodePositions(alice.id, db())).toEqual({ 'arn:1': { x: 11, y: 21 } });
    await clearNodePositions(alice.id, undefined, db());
    expect(await getNodePositions(alice.id, db())).toEqual({});
    expect(await getNodePositions(bob.id, db())).toEqual({ 'arn:1': { x: 99, y: 99 } });
  });

  itOn('stores an admin\'s account edits, replacing an earlier edit of the same account', async () => {
    await upsertInspectAccount({ accountId: '333333333333', name: 'payments', roleArn: 'arn:aws:iam::333333333333:role/A', externalId: null, regions: ['us-east-1'], enabled: true, updatedBy: 'admin' }, db());
    const row = await upsertInspectAccount({ accountId: '333333333333', name: 'payments-prod', roleArn: null, externalId: 'x1', regions: ['us-east-1', 'eu-west-1'], enabled: false, updatedBy: 'root' }, db());
    expect(row).toMatchObject({ accountId: '333333333333', name: 'payments-prod', roleArn: null, externalId: 'x1', regions: ['us-east-1', 'eu-west-1'], enabled: false, updatedBy: 'root' });
    expect(await listInspectAccounts(db())).toHaveLength(1);
    expect(await deleteInspectAccount('333333333333', db())).toBe(true);
    expect(await deleteInspectAccount('333333333333', db())).toBe(false);
    expect(await listInspectAccounts(db())).toEqual([]);
  });
});
