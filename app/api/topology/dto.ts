import type { TopologySnapshotInfo } from '@/lib/db';
import type { EffectiveAccount } from '@/lib/estate/server';
import type { ConfiguredAccountDto, SnapshotInfo } from '@/components/topology/api';

export function toSnapshotDto(s: TopologySnapshotInfo): SnapshotInfo {
  return { id: s.id, takenAt: s.takenAt.toISOString(), takenBy: s.takenBy, durationMs: s.durationMs, calls: s.calls, nodeCount: s.nodeCount, errorCount: s.errorCount };
}

export function toAccountDto(a: EffectiveAccount): ConfiguredAccountDto {
  return { id: a.id, name: a.name, regions: a.regions };
}
