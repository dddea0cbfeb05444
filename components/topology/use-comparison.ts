'use client';
// Comparison with an earlier snapshot: the snapshots to choose from, the changes since the one
// chosen, and the topology with removed resources brought back as ghosts.

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { changeMarks, type Topology } from '@/lib/topology';
import { fetchChanges, fetchSnapshots, type TopologyResponse } from './api';

export function useComparison(data: TopologyResponse | undefined, compareId: string | null) {
  const snapshotsQuery = useQuery({ queryKey: ['topology', 'snapshots'], queryFn: fetchSnapshots });

  const latestSnapshot = data?.snapshot ?? null;
  const changesQuery = useQuery({
    queryKey: ['topology', 'changes', compareId, latestSnapshot?.id],
    queryFn: () => fetchChanges(compareId!, latestSnapshot!.id),
    enabled: !!compareId && !!latestSnapshot && compareId !== latestSnapshot.id,
  });
  const diff = changesQuery.data?.diff;

  // Removed resources come back as ghosts, so a comparison shows what went away.
  const topology: Topology = useMemo(() => {
    if (!data) return { nodes: [], edges: [], errors: [] };
    const base: Topology = { nodes: data.nodes, edges: data.edges, errors: data.errors };
    if (!diff || (!diff.removedNodes.length && !diff.removedEdges.length)) return base;
    const ids = new Set(base.nodes.map((n) => n.id));
    const nodes = [...base.nodes, ...diff.removedNodes.filter((n) => !ids.has(n.id))];
    const all = new Set(nodes.map((n) => n.id));
    return { ...base, nodes, edges: [...base.edges, ...diff.removedEdges.filter((e) => all.has(e.source) && all.has(e.target))] };
  }, [data, diff]);
  const marks = useMemo(() => (diff ? changeMarks(diff) : new Map()), [diff]);

  const otherSnapshots = (snapshotsQuery.data ?? []).filter((s) => s.id !== latestSnapshot?.id);

  return { latestSnapshot, changes: changesQuery.data, diff, topology, marks, otherSnapshots };
}
