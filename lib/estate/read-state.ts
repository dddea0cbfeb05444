// What the console knows about how current its topology is. The newest snapshot is what the
// estate looked like when it was last read; refreshes that failed since then leave no
// snapshot (they would look like an empty estate) but are in the audit log, and make it stale.
import type { DiscoveryError, Topology } from '@/lib/topology';

export type ReadState =
  /** The newest refresh read every account. */
  | { state: 'current' }
  /** The newest refresh read some accounts; the others keep their last good resources (the errors say which). */
  | { state: 'partial' }
  /** Nothing has ever been read: the live state is unknown. */
  | { state: 'failed' }
  /** Refreshes since the snapshot failed: what is shown is as it was at `lastGoodAt`. */
  | { state: 'stale'; lastGoodAt: string; since: string; lastFailureAt: string; failures: number; message: string; errors: DiscoveryError[] };

/** A refresh that failed, as the audit log keeps it. */
export interface FailedRefresh {
  at: Date;
  message: string;
  errors: DiscoveryError[];
}

/** A snapshot that read nothing: no resource and at least one error. It is never a comparison point. */
export function isFailedRead(s: { nodeCount: number; errorCount: number }): boolean {
  return s.nodeCount === 0 && s.errorCount > 0;
}

/**
 * The read state of the newest snapshot (taken at `takenAt`), given the failed refreshes
 * recorded after it (any order).
 */
export function readStateOf(snapshot: { takenAt: Date; topology: Topology }, failuresSince: readonly FailedRefresh[]): ReadState {
  const { topology } = snapshot;
  const failures = failuresSince.filter((f) => f.at > snapshot.takenAt).sort((a, b) => a.at.getTime() - b.at.getTime());
  if (isFailedRead({ nodeCount: topology.nodes.length, errorCount: topology.errors.length })) return { state: 'failed' };
  if (failures.length) {
    const first = failures[0]!;
    const last = failures[failures.length - 1]!;
    return { state: 'stale', lastGoodAt: snapshot.takenAt.toISOString(), since: first.at.toISOString(), lastFailureAt: last.at.toISOString(), failures: failures.length, message: last.message, errors: last.errors };
  }
  return topology.errors.length ? { state: 'partial' } : { state: 'current' };
}

/** Audit details of a failed refresh, bounded: the errors of a large estate stay readable. */
export function failedRefreshDetails(message: string, errors: readonly DiscoveryError[]): { message: string; errors: DiscoveryError[]; errorCount: number } {
  return { message, errors: errors.slice(0, 100), errorCount: errors.length };
}

/** Reads back what failedRefreshDetails stored (older events may lack the errors). */
export function failedRefreshFromAudit(event: { at: Date; details: Record<string, unknown> }): FailedRefresh {
  const errors = Array.isArray(event.details.errors) ? (event.details.errors as DiscoveryError[]) : [];
  return { at: event.at, message: typeof event.details.message === 'string' ? event.details.message : 'The refresh failed.', errors };
}
