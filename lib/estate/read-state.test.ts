// A failed refresh makes what is on screen stale, never an empty estate.
import { describe, expect, it } from 'vitest';
import type { Topology, TopologyNode } from '@/lib/topology';
import { failedRefreshDetails, failedRefreshFromAudit, isFailedRead, readStateOf } from './read-state';

const node = { id: 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-1', kind: 'service', account: '111111111111', region: 'us-east-1', name: 'a' } as unknown as TopologyNode;
const refused = { account: '111111111111', region: 'us-east-1', message: 'Cannot read the account: lattice-local at 127.0.0.1:4666 refused the connection; is it running?', code: 'ECONNREFUSED' };
const good: Topology = { nodes: [node], edges: [], errors: [] };
const t = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));

describe('read state', () => {
  it('is current after a clean read, partial when some accounts failed', () => {
    expect(readStateOf({ takenAt: t(0), topology: good }, [])).toEqual({ state: 'current' });
    expect(readStateOf({ takenAt: t(0), topology: { ...good, errors: [refused] } }, [])).toEqual({ state: 'partial' });
  });

  it('is stale once a refresh after the snapshot failed: since the first failure, why from the last', () => {
    const failures = [
      { at: t(9), message: 'Nothing could be read.', errors: [{ ...refused, message: 'later' }] },
      { at: t(5), message: 'Nothing could be read.', errors: [refused] },
      // Before the snapshot: already superseded by it.
      { at: t(0), message: 'old', errors: [] },
    ];
    expect(readStateOf({ takenAt: t(1), topology: good }, failures)).toEqual({
      state: 'stale',
      lastGoodAt: t(1).toISOString(),
      since: t(5).toISOString(),
      lastFailureAt: t(9).toISOString(),
      failures: 2,
      message: 'Nothing could be read.',
      errors: [{ ...refused, message: 'later' }],
    });
  });

  it('is failed when nothing was ever read, and such a snapshot is no comparison point', () => {
    const outage: Topology = { nodes: [], edges: [], errors: [refused] };
    expect(readStateOf({ takenAt: t(0), topology: outage }, [])).toEqual({ state: 'failed' });
    expect(isFailedRead({ nodeCount: 0, errorCount: 1 })).toBe(true);
    expect(isFailedRead({ nodeCount: 0, errorCount: 0 })).toBe(false);
    expect(isFailedRead({ nodeCount: 3, errorCount: 1 })).toBe(false);
  });

  it('keeps a failed refresh in the audit log and reads it back', () => {
    const many = Array.from({ length: 150 }, () => refused);
    const details = failedRefreshDetails('Nothing could be read.', many);
    expect(details.errors).toHaveLength(100);
    expect(details.errorCount).toBe(150);
    expect(failedRefreshFromAudit({ at: t(3), details })).toEqual({ at: t(3), message: 'Nothing could be read.', errors: many.slice(0, 100) });
    expect(failedRefreshFromAudit({ at: t(3), details: {} })).toEqual({ at: t(3), message: 'The refresh failed.', errors: [] });
  });
});
