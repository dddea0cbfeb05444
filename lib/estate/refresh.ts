import 'server-only';
// The console's one gate in front of refreshEstate (see refresh-guard.ts): refreshes users ask
// for, and the first discovery of a console that has none, which joins a refresh already running.
import type { AccountProgress } from '@/lib/aws';
import { getConfig } from '@/lib/config';
import { latestTopologySnapshot, type TopologySnapshotRow } from '@/lib/db';
import type { Topology } from '@/lib/topology';
import type { EffectiveAccount } from './accounts';
import { refreshEstate, type RefreshResult } from './snapshots';
import { createRefreshGate, type RefreshGate, type RefreshListeners } from './refresh-guard';

type Gate = RefreshGate<RefreshResult, EffectiveAccount[], AccountProgress>;
const holder = globalThis as typeof globalThis & { __trellisRefreshGate?: Gate };

/** The process's gate; `minIntervalSeconds` (TRELLIS_REFRESH_MIN_SECONDS) is read on first use. */
export function estateRefreshGate(minIntervalSeconds: number = getConfig().limits.refreshMinSeconds): Gate {
  holder.__trellisRefreshGate ??= createRefreshGate<RefreshResult, EffectiveAccount[], AccountProgress>({
    minIntervalMs: minIntervalSeconds * 1000,
    // Not tied to the request that started it: a joiner may outlive it.
    run: (listeners, user) => refreshEstate({ takenBy: user, ...listeners }),
  });
  return holder.__trellisRefreshGate;
}

/** True once the console has a snapshot (it never discovers again just to be read). */
export async function hasSnapshot(): Promise<boolean> {
  return (await latestTopologySnapshot()) !== null;
}

/**
 * The newest snapshot; on a console that has never discovered, discovers first. Concurrent
 * first loads share one discovery (a refresh a user started counts); `listeners` follow it,
 * each account's topology arriving with its `done` progress.
 */
export async function currentSnapshot(listeners: RefreshListeners<EffectiveAccount[], AccountProgress> = {}): Promise<TopologySnapshotRow> {
  const latest = await latestTopologySnapshot();
  if (latest) return latest;
  await estateRefreshGate().reserve('system', { unmetered: true }).follow(listeners);
  const row = await latestTopologySnapshot();
  if (!row) throw new Error('discovery finished but its snapshot could not be read back');
  return row;
}

/** The latest discovered topology, or undefined when discovery cannot run (sharing still works by ARN). */
export async function latestTopology(): Promise<Topology | undefined> {
  try {
    return (await currentSnapshot()).topology;
  } catch {
    return undefined;
  }
}
