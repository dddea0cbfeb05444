// The wire types of /api/topology and its sub-routes (what the browser receives), and the
// mappings from server records to them.
import type { AccountProgress } from '@/lib/aws/discover';
import type { TopologySnapshotInfo } from '@/lib/db';
import type { EffectiveAccount, ReadState } from '@/lib/estate/server';
import type { DiscoveryError, Topology, TopologyDiff, TopologyEdge, TopologyNode } from '@/lib/topology';

export interface SnapshotInfo {
  id: string;
  takenAt: string;
  durationMs: number;
  calls: number;
  nodeCount: number;
  errorCount: number;
  takenBy: string;
}

export interface ConfiguredAccountDto {
  id: string;
  name: string;
  regions: string[];
}

export interface TopologyResponse {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  errors: DiscoveryError[];
  discoveredAt: string | null;
  snapshot: SnapshotInfo | null;
  accounts: ConfiguredAccountDto[];
  /** How current this is: refreshes that failed since make it stale. */
  read: ReadStateDto;
  /** A refresh waits or runs (on any instance): a newer snapshot is coming (GET /api/topology/refresh waits for it). */
  refreshing: boolean;
  /** Only while a first discovery is drawn as it goes: the accounts not read yet (no snapshot exists). */
  reading?: string[];
}

export type ReadStateDto = ReadState;

/** One account's refresh progress, as the refresh stream sends it (lib/aws defines it). */
export type AccountProgressDto = Omit<AccountProgress, 'topology'>;

export type RefreshEvent =
  | { type: 'start'; accounts: ConfiguredAccountDto[] }
  | ({ type: 'progress' } & AccountProgressDto)
  | { type: 'done'; snapshot: SnapshotInfo; errors: DiscoveryError[] }
  | { type: 'error'; message: string };

/**
 * GET /api/topology asked for NDJSON on a console that has never discovered: the first
 * discovery as it goes. `account` brings what one account and region read (before the others
 * finish); `topology` ends it with the answer a plain GET gives; `error` when it failed.
 */
export type FirstViewEvent =
  | { type: 'start'; accounts: ConfiguredAccountDto[] }
  | ({ type: 'progress' } & AccountProgressDto)
  | { type: 'account'; account: string; region: string; topology: Topology }
  | { type: 'topology'; topology: TopologyResponse }
  | { type: 'error'; message: string };

export interface ChangesResponse {
  from: SnapshotInfo;
  to: SnapshotInfo;
  diff: TopologyDiff;
}

export function toSnapshotDto(s: TopologySnapshotInfo): SnapshotInfo {
  return { id: s.id, takenAt: s.takenAt.toISOString(), takenBy: s.takenBy, durationMs: s.durationMs, calls: s.calls, nodeCount: s.nodeCount, errorCount: s.errorCount };
}

export function toAccountDto(a: Pick<EffectiveAccount, 'id' | 'name' | 'regions'>): ConfiguredAccountDto {
  return { id: a.id, name: a.name, regions: a.regions };
}
