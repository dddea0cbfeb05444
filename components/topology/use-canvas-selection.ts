'use client';
// What the canvas shows and where it looks: the view (grouped or not, aggregates opened),
// the services opened, and selecting a resource, which brings its box into view.

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { buildView, canvasAnchor, filterToSearchParams, type Topology } from '@/lib/topology';
import type { TopologyResponse } from './api';
import type { SetParams } from './use-explorer-url';

export function useCanvasSelection({
  data,
  topology,
  filtered,
  grouping,
  selectedId,
  setParams,
}: {
  data: TopologyResponse | undefined;
  topology: Topology;
  filtered: Topology;
  grouping: boolean;
  selectedId: string | null;
  setParams: SetParams;
}) {
  const [expandedServices, setExpandedServices] = useState<ReadonlySet<string>>(new Set());
  const [expandedAggregates, setExpandedAggregates] = useState<ReadonlySet<string>>(new Set());
  const view = useMemo(() => buildView(filtered, { expanded: expandedAggregates, maxNodes: grouping ? undefined : Infinity }), [filtered, expandedAggregates, grouping]);

  const [focus, setFocus] = useState<{ id: string; nonce: number } | null>(null);
  const focusNonce = useRef(0);

  /** Selects a resource and brings its box (or the service or aggregate holding it) into view. */
  const reveal = useCallback(
    (id: string) => {
      const anchor = canvasAnchor(topology, id) ?? id;
      if (!view.nodes.some((n) => n.id === anchor)) {
        const agg = view.nodes.find((n) => n.aggregate?.members.includes(anchor));
        if (agg) setExpandedAggregates((s) => new Set([...s, agg.id]));
        else if (!filtered.nodes.some((n) => n.id === anchor) && topology.nodes.some((n) => n.id === anchor)) {
          // Hidden by the filters: show everything rather than select something invisible.
          setParams((p) => filterToSearchParams({}, p));
        }
      }
      if (anchor !== id) setExpandedServices((s) => (s.has(anchor) ? s : new Set([...s, anchor])));
      focusNonce.current += 1;
      setFocus({ id: anchor, nonce: focusNonce.current });
      setParams((p) => p.set('node', id));
    },
    [topology, view, filtered, setParams],
  );

  // A deep link: select and focus the linked resource once the topology has arrived.
  const deepLinked = useRef(false);
  useEffect(() => {
    if (deepLinked.current || !data || !selectedId) return;
    deepLinked.current = true;
    reveal(selectedId);
  }, [data, selectedId, reveal]);

  const select = useCallback(
    (id: string | null) => {
      if (!id) setParams((p) => p.delete('node'));
      else if (view.nodes.some((n) => n.id === id)) setParams((p) => p.set('node', id));
      else reveal(id);
    },
    [setParams, view, reveal],
  );
  const toggleService = useCallback((id: string) => {
    setExpandedServices((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  const expandAggregate = useCallback((id: string) => setExpandedAggregates((s) => new Set([...s, id])), []);

  return { view, expandedServices, focus, reveal, select, toggleService, expandAggregate };
}
