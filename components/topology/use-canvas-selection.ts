'use client';
// What the canvas shows and where it looks: the view (grouped or not, aggregates opened),
// the services opened, and selecting a resource, which brings its box into view.

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { accountOfCallersGroup, addCallers, buildView, canvasAnchor, filterToSearchParams, isCallersGroup, type Topology } from '@/lib/topology';
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
  const [callerFolds, setCallerFolds] = useState<{ folded: ReadonlySet<string>; opened: ReadonlySet<string> }>({ folded: new Set(), opened: new Set() });
  const view = useMemo(
    () => addCallers(buildView(filtered, { expanded: expandedAggregates, maxNodes: grouping ? undefined : Infinity }), filtered, callerFolds),
    [filtered, expandedAggregates, grouping, callerFolds],
  );

  const [focus, setFocus] = useState<{ id: string; nonce: number } | null>(null);
  const focusNonce = useRef(0);

  /** Selects a resource and brings its box (or the service or aggregate holding it) into view. */
  const reveal = useCallback(
    (id: string) => {
      const anchor = canvasAnchor(topology, id) ?? id;
      if (!view.nodes.some((n) => n.id === anchor)) {
        const agg = view.nodes.find((n) => n.aggregate?.members.includes(anchor));
        if (agg && isCallersGroup(agg.id)) {
          const account = accountOfCallersGroup(agg.id);
          setCallerFolds((f) => ({ folded: new Set([...f.folded].filter((a) => a !== account)), opened: new Set([...f.opened, account]) }));
        } else if (agg) setExpandedAggregates((s) => new Set([...s, agg.id]));
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

  // A deep link: select and focus the linked resource once the topology has arrived. Only the
  // URL the page was opened with: a box selected later stays where it is on screen.
  const [linked] = useState(selectedId);
  const deepLinked = useRef(false);
  useEffect(() => {
    if (deepLinked.current || !data || !linked) return;
    deepLinked.current = true;
    reveal(linked);
  }, [data, linked, reveal]);

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
  const expandAggregate = useCallback((id: string) => {
    if (!isCallersGroup(id)) return setExpandedAggregates((s) => new Set([...s, id]));
    const account = accountOfCallersGroup(id);
    setCallerFolds((f) => ({ folded: new Set([...f.folded].filter((a) => a !== account)), opened: new Set([...f.opened, account]) }));
  }, []);
  /** Folds an account's callers into one box. */
  const foldCallers = useCallback((account: string) => {
    setCallerFolds((f) => ({ folded: new Set([...f.folded, account]), opened: new Set([...f.opened].filter((a) => a !== account)) }));
  }, []);

  return { view, expandedServices, focus, reveal, select, toggleService, expandAggregate, foldCallers };
}
