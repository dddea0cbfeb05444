import 'server-only';
// The estate as the console shows it: discovery of every enabled account, kept as a
// snapshot in the database so each refresh can be compared with earlier ones.
import { DomainError } from '@/lib/errors';
import { insertTopologySnapshot, latestTopologySnapshot, listAuditEvents, listTopologySnapshots, type Db, type TopologySnapshotInfo, type TopologySnapshotRow } from '@/lib/db';
import type { Topology } from '@/lib/topology';
import { accessOf, describeAwsError, discoverEstate, discoverEstateOffLoop, DISCOVERY_PROCESS_MIN_ACCOUNTS, readDeferredDetails, readDeferredDetailsOffLoop, type AccountProgress, type DiscoveryTarget } from '@/lib/aws';
import { loadAccounts, type EffectiveAccount } from './accounts';
import { RefreshFailedError, topologyToKeep } from './refresh-guard';
import { failedRefreshFromAudit, readStateOf, type ReadState } from './read-state';
import { topologyJson } from './snapshot-json';

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

/**
 * Discovers every enabled account and keeps the result as the newest snapshot. A console's
 * first discovery (no snapshot yet, someone waiting for the first view) reads only what the
 * graph needs; the kinds it leaves (`topology.deferred`) are read right after in the
 * background into a second snapshot, and every later refresh reads everything. On an estate of
 * more than a few accounts both run in a discovery process of their own (lib/aws
 * discovery-process.ts), off the console's event loop.
 */
export async function refreshEstate(options: RefreshOptions): Promise<RefreshResult> {
  const view = await loadAccounts();
  const enabled = view.accounts.filter((a) => a.enabled);
  options.onStart?.(enabled);
  let topology: Topology;
  let calls = 0;
  let durationMs = 0;
  const targets = discoveryTargets(enabled);
  if (view.configError) {
    topology = { nodes: [], edges: [], errors: [{ account: '', region: '', message: view.configError, code: 'ConfigurationError' }], discoveredAt: new Date().toISOString() };
  } else {
    const first = (await listTopologySnapshots(1)).length === 0;
    const result = await (offLoop(targets) ? discoverEstateOffLoop : discoverEstate)(targets, { onProgress: options.onProgress, signal: options.signal, depth: first ? 'graph' : 'full' });
    topology = result.topology;
    calls = result.stats.attempts;
    durationMs = result.durationMs;
  }
  // A failed refresh never replaces the last good topology; a partial one keeps what failed
  // (the last snapshot, tens of megabytes on a large estate, is read only then).
  const previous = topology.errors.length ? await latestTopologySnapshot() : null;
  const kept = topologyToKeep((previous?.topology as Topology | undefined) ?? null, topology);
  if (!kept) throw new RefreshFailedError(topology);
  const snapshot = await insertTopologySnapshot({ takenBy: options.takenBy, durationMs, calls, topology: kept, topologyJson: await topologyJson(kept) });
  if (kept.deferred?.length) startDeferredPass(snapshot.id, targets, kept);
  return { snapshot, topology: kept, accounts: enabled };
}

/** Whether discovery of `targets` runs in a process of its own (see DISCOVERY_PROCESS_MIN_ACCOUNTS). */
function offLoop(targets: readonly DiscoveryTarget[]): boolean {
  return targets.length >= DISCOVERY_PROCESS_MIN_ACCOUNTS;
}

const passes = globalThis as typeof globalThis & { __trellisDeferredPass?: { snapshot: string; done: Promise<void> } };

/** Reads what snapshot `snapshotId` deferred and stores the completed topology as the newest snapshot. */
function startDeferredPass(snapshotId: string, targets: readonly DiscoveryTarget[], topology: Topology): Promise<void> {
  const running = passes.__trellisDeferredPass;
  if (running?.snapshot === snapshotId) return running.done;
  const done = (async () => {
    const result = await (offLoop(targets) ? readDeferredDetailsOffLoop : readDeferredDetails)(targets, topology);
    // A refresh that finished meanwhile read everything itself and is newer: keep it.
    const [latest] = await listTopologySnapshots(1);
    if (latest && latest.id !== snapshotId) return;
    await insertTopologySnapshot({ takenBy: 'system', durationMs: result.durationMs, calls: result.stats.attempts, topology: result.topology, topologyJson: await topologyJson(result.topology) });
  })()
    .catch((err) => console.error('trellis: reading what the first view left for later failed:', describeAwsError(err).message))
    .finally(() => {
      if (passes.__trellisDeferredPass?.done === done) passes.__trellisDeferredPass = undefined;
    });
  passes.__trellisDeferredPass = { snapshot: snapshotId, done };
  return done;
}

/**
 * `row` with every kind read. Most readers (the graph, access analysis) take any snapshot;
 * those that need what a first view defers (access-log subscriptions: exports, designs taken
 * from live, the Requests view) wait here for the pass that completes it, or start it when
 * none runs (a console restarted in between).
 */
export async function completeSnapshot(row: TopologySnapshotRow): Promise<TopologySnapshotRow> {
  const topology = row.topology as Topology;
  if (!topology.deferred?.length) return row;
  const view = await loadAccounts();
  await startDeferredPass(row.id, discoveryTargets(view.accounts), topology);
  const latest = await latestTopologySnapshot();
  if (latest && !(latest.topology as Topology).deferred?.length) return latest;
  throw new DomainError(503, 'The estate\'s access-log subscriptions could not be read yet (see the discovery errors); refresh the topology and try again.');
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
