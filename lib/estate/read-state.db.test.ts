// A failed refresh is kept in the audit log, where it makes the newest snapshot stale; a
// partial one is audited as partial and leaves the snapshot current.
import { describe, expect } from 'vitest';
import { insertTopologySnapshot, latestTopologySnapshot, recordAudit } from '@/lib/db';
import { databaseTargets, forbidProcessDatabase, useDatabaseTarget } from '@/lib/db/testing';
import type { Topology, TopologyNode } from '@/lib/topology';
import { failedRefreshDetails } from './read-state';
import { readStateOfSnapshot, REFRESH_AUDIT_ACTION } from './snapshots';

forbidProcessDatabase();

const node = { id: 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-1', kind: 'service', account: '111111111111', region: 'us-east-1', name: 'a', status: 'ACTIVE', tags: {}, seenBy: ['111111111111'], description: {} } as unknown as TopologyNode;
const refused = { account: '111111111111', region: 'us-east-1', message: 'Cannot read the account: lattice-local at 127.0.0.1:4666 refused the connection; is it running?', code: 'ECONNREFUSED' };

describe.each(databaseTargets())('refresh outcomes on $name', (target) => {
  const { db, itOn } = useDatabaseTarget(target);

  itOn('a failed refresh after the snapshot makes it stale, with the errors it met; one before it does not', async () => {
    const good: Topology = { nodes: [node], edges: [], errors: [] };
    await insertTopologySnapshot({ takenBy: 'admin', durationMs: 5, calls: 3, topology: good }, db());
    const snapshot = (await latestTopologySnapshot(db()))!;
    expect(await readStateOfSnapshot(snapshot, db())).toEqual({ state: 'current' });

    // A partial refresh is audited as partial: it is not a failure.
    await recordAudit({ actor: 'admin', action: REFRESH_AUDIT_ACTION, outcome: 'partial', details: {}, at: new Date(snapshot.takenAt.getTime() + 500) }, db());
    expect((await readStateOfSnapshot(snapshot, db())).state).toBe('current');
    // A failure from before the snapshot was made good by it.
    await recordAudit({ actor: 'admin', action: REFRESH_AUDIT_ACTION, outcome: 'failure', details: failedRefreshDetails('earlier', [refused]), at: new Date(snapshot.takenAt.getTime() - 1000) }, db());
    expect((await readStateOfSnapshot(snapshot, db())).state).toBe('current');

    const failedAt = new Date(snapshot.takenAt.getTime() + 1000);
    await recordAudit({ actor: 'admin', action: REFRESH_AUDIT_ACTION, outcome: 'failure', details: failedRefreshDetails('The refresh could not read any account (1 error); the last snapshot stays on screen.', [refused]), at: failedAt }, db());
    expect(await readStateOfSnapshot(snapshot, db())).toEqual({
      state: 'stale',
      lastGoodAt: snapshot.takenAt.toISOString(),
      since: failedAt.toISOString(),
      lastFailureAt: failedAt.toISOString(),
      failures: 1,
      message: 'The refresh could not read any account (1 error); the last snapshot stays on screen.',
      errors: [refused],
    });

  });
});
