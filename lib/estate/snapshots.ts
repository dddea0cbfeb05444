import 'server-only';
// The estate as the console shows it: discovery of every enabled account, kept as a
// snapshot in the database so each refresh can be compared with earlier ones.
import { DomainError } from '@/lib/errors';
import { insertTopologySnapshot, latestTopologySnapshot, listAuditEvents, type Db, type TopologySnapshotInfo } from '@/lib/db';
import type { Topology } from '@/lib/topology';
import { accessOf, discoverEstate, type AccountProgress, type DiscoveryTarget } from '@/lib/aws';
import { loadAccounts, type EffectiveAccount } from './accounts';
import { RefreshFailedError, topologyToKeep } from './refresh-guard';
import { failedRefreshFromAudit, readStateOf, type ReadState } from './read-state';

export interface RefreshOptions {
  takenBy: string;
  onStart?: (accounts: EffectiveAccount[]) => void;
  onProgress?: (progress: AccountProgress) => void;
  signal?: AbortSignal;
}

export interface RefreshResult {
  snapshot: TopologySnapshotInfo;
  topology: Topology;
  accounts: EffectiveAccount[];
}

export function discoveryTargets(accounts: readonly EffectiveAccount[]): DiscoveryTarget[] {
  return accounts.filter((a) => a.enabled).map((a) => ({ ...accessOf(a), name: a.name, regions: a.regions }));
}

/** Discovers every enabled account and keeps the result as the newest snapshot. */
export async function refreshEstate(options: RefreshOptions): Promise<RefreshResult> {
  const view = await loadAccounts();
  const enabled = view.accounts.filter((a) => a.enabled);
  options.onStart?.(enabled);
  let topology: Topology;
  let calls = 0;
  let durationMs = 0;
  if (view.configError) {
    topology = { nodes: [], edges: [], errors: [{ account: '', region: '', message: view.configError, code: 'ConfigurationError' }], discoveredAt: new Date().toISOString() };
  } else {
    const result = await discoverEstate(discoveryTargets(enabled), { onProgress: options.onProgress, signal: options.signal });
    topology = result.topology;
    calls = result.stats.attempts;
    durationMs = result.durationMs;
  }
  // A failed refresh never replaces the last good topology; a partial one keeps what failed.
  const previous = await latestTopologySnapshot();
  const kept = topologyToKeep((previous?.topology as Topology | undefined) ?? null, topology);
  if (!kept) throw new RefreshFailedError(topology);
  const snapshot = await insertTopologySnapshot({ takenBy: options.takenBy, durationMs, calls, topology: kept });
  return { snapshot, topology: kept, accounts: enabled };
}

/** The enabled accounts; 503 when the account configuration cannot be used. */
export async function enabledAccounts(): Promise<EffectiveAccount[]> {
  const view = await loadAccounts();
  if (view.configError) throw new DomainError(503, `The account configuration cannot be used: ${view.configError}`);
  return view.accounts.filter((a) => a.enabled);
}

/** The audit action of a refresh; failed ones (outcome `failure`) make the snapshot before them stale. */
export const REFRESH_AUDIT_ACTION = 'topology.refresh';

/** How current `snapshot` is: the refreshes that failed after it are read from the audit log. */
export async function readStateOfSnapshot(snapshot: { takenAt: Date; topology: Topology }, db?: Db): Promise<ReadState> {
  const { events } = await listAuditEvents({ action: REFRESH_AUDIT_ACTION, outcome: 'failure', from: snapshot.takenAt, limit: 100 }, db);
  return readStateOf(snapshot, events.map(failedRefreshFromAudit));
}
