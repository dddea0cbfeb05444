// What seeds set that no API in the subset sets: a target's reported health, and a resource
// left part-way through its lifecycle.
import { setTargetHealth as storeTargetHealth } from '../services/lattice/target-groups';
import { setLifecycle } from '../services/resources';
import type { LocalContext } from '../services/types';

type Health = 'HEALTHY' | 'UNHEALTHY' | 'UNAVAILABLE' | 'INITIAL' | 'DRAINING' | 'UNUSED';

export function setTargetHealth(local: LocalContext, targetGroupArn: string, id: string, health: Health, reasonCode?: string, port?: number): void {
  local.store.transaction(() => storeTargetHealth(local.store, { targetGroupArn, id, port }, health, reasonCode));
}

/** How long a seeded resource stays CREATE_IN_PROGRESS after the seed ran. */
export const SEEDED_IN_PROGRESS_MS = 30 * 60 * 1000;

/** Keeps a lifecycle resource (service, target group, association…) CREATE_IN_PROGRESS for a while. */
export function leaveInProgress(local: LocalContext, arn: string, forMs = SEEDED_IN_PROGRESS_MS): void {
  const record = local.store.get(arn);
  if (!record) throw new Error(`leaveInProgress: no resource ${arn}`);
  if (record.activeAt === undefined) throw new Error(`leaveInProgress: ${arn} has no lifecycle`);
  local.store.transaction(() => setLifecycle(local.store, arn, { activeAt: Date.now() + forMs }));
}

/** Starts a deletion that takes `forMs` to finish (DELETE_IN_PROGRESS until then). */
export function leaveDeleting(local: LocalContext, arn: string, forMs = SEEDED_IN_PROGRESS_MS): void {
  const now = Date.now();
  local.store.transaction(() => setLifecycle(local.store, arn, { deletingAt: now, goneAt: now + forMs }));
}

/** Marks a lifecycle resource failed, with the failure AWS would report. */
export function leaveFailed(local: LocalContext, arn: string, status: 'CREATE_FAILED' | 'UPDATE_FAILED' | 'DELETE_FAILED', failureCode: string, failureMessage: string): void {
  local.store.transaction(() => setLifecycle(local.store, arn, { failed: status, failureCode, failureMessage }));
}
