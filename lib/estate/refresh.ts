import 'server-only';
// The console's one gate in front of refreshEstate (see refresh-guard.ts): refreshes users ask
// for, and the first discovery of a console that has none, which joins a refresh already running.
import type { AccountProgress } from '@/lib/aws';
import { getConfig } from '@/lib/config';
import { exclusively, EXCLUSIVE_SECTIONS, latestTopologySnapshot, type TopologySnapshotRow } from '@/lib/db';
import type { Topology } from '@/lib/topology';
import type { EffectiveAccount } from './accounts';
import { enabledAccounts, refreshEstate, type RefreshResult } from './snapshots';
import { createRefreshGate, type RefreshGate, type RefreshListeners } from './refresh-guard';

type Gate = RefreshGate<RefreshResult, EffectiveAccount[], AccountProgress>;
const holder = globalThis as typeof globalThis & { __trellisRefreshGate?: Gate };

/** The process's gate; `minIntervalSeconds` (TRELLIS_REFRESH_MIN_SECONDS) is read on first use. */
export function estateRefreshGate(minIntervalSeconds: number = getConfig().limits.refreshMinSeconds): Gate {
  holder.__trellisRefreshGate ??= createRefreshGate<RefreshResult, EffectiveAccount[], AccountProgress>({
    minIntervalMs: minIntervalSeconds * 1000,
    // Not tied to the request that started it: a joiner may outlive it.
    run: (listeners, user) => refreshAcrossInstances(listeners, user),
  });
  return holder.__trellisRefreshGate;
}

/**
 * One refresh at a time across every console instance on the database: a refresh asked for
 * while another instance runs one waits for it and takes its snapshot, rather than reading
 * every account again (its followers see the accounts, then the result, without progress).
 */
async function refreshAcrossInstances(listeners: Required<RefreshListeners<EffectiveAccount[], AccountProgress>>, user: string): Promise<RefreshResult> {
  const asked = new Date();
  return exclusively(EXCLUSIVE_SECTIONS.estateRefresh, async (waited) => {
    const latest = waited ? await latestTopologySnapshot() : null;
    if (latest && latest.takenAt >= asked) {
      const accounts = await enabledAccounts();
      listeners.onStart(accounts);
      const { topology, ...snapshot } = latest;
      return { snapshot, topology: topology as Topology, accounts };
    }
    return refreshEstate({ takenBy: user, ...listeners });
  });
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
  // The topology that was just stored, rather than reading it back (tens of megabytes on a large estate).
  const { snapshot, topology } = await estateRefreshGate().reserve('system', { unmetered: true }).follow(listeners);
  return { ...snapshot, topology };
}

/** The latest discovered topology, or undefined when discovery cannot run (sharing still works by ARN). */
export async function latestTopology(): Promise<Topology | undefined> {
  try {
    return (await currentSnapshot()).topology;
  } catch {
    return undefined;
  }
}
