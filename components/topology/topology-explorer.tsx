'use client';
// The Inspect page: the live topology on a canvas, with search, filters, the details of the
// selected resource, refresh with per-account progress, and comparison with an earlier
// snapshot. The URL carries the selection, the filters and the comparison, so any view can
// be shared as a link.

import { ReactFlowProvider } from '@xyflow/react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  buildView,
  canvasAnchor,
  DEFAULT_MAX_VISIBLE_NODES,
  changeMarks,
  filterFacets,
  filterFromSearchParams,
  filterToSearchParams,
  filterTopology,
  type Topology,
  type TopologyFilter,
} from '@/lib/topology';
import { Button } from '@/components/ui/button';
import { TopologyCanvas } from '@/components/canvas/topology-canvas';
import { SharingCanvasContext } from '@/components/sharing/sharing-canvas-context';
import { downloadJson, exportFilename } from '@/components/canvas/export';
import { accountColors } from '@/components/canvas/style';
import {
  clearPositions,
  fetchChanges,
  fetchPositions,
  fetchSnapshots,
  refreshTopology,
  savePositions,
  useTopology,
  TOPOLOGY_QUERY_KEY,
  type AccountProgressDto,
  type TopologyResponse,
} from './api';
import { ExportButton } from '@/components/export/export-dialog';
import { topologyExportScopes } from '@/components/export/scopes';
import { CostButton } from '@/components/cost/cost-panel';
import { DetailsPanel } from './details-panel';
import { ErrorsBanner, RefreshProgress } from './discovery-status';
import { FilterBar } from './filter-bar';
import { SearchBox } from './search-box';
import { AccessPanel } from '@/components/access/access-panel';
import { highlightOf } from '@/components/access/highlight';
import { questionFromParams, questionToParams, type AccessQuestion } from '@/components/access/question';
import type { AccessDecision } from '@/lib/access/types';

function ago(iso: string | null | undefined, now: number): string {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return new Date(iso).toLocaleString();
}

function readFilter(params: URLSearchParams): { filter: TopologyFilter; problem: string | null } {
  try {
    return { filter: filterFromSearchParams(params), problem: null };
  } catch (err) {
    return { filter: {}, problem: `Ignoring the URL's filters: ${(err as Error).message}` };
  }
}

/** `canAnswerInvitations`: the signed-in user may accept or reject shares (the server checks again). */
/** `canDesign`: the user may start designs (editor); offered from the details panel. */
export function TopologyExplorer({ canAnswerInvitations = false, canDesign = false }: { canAnswerInvitations?: boolean; canDesign?: boolean }) {
  return (
    <ReactFlowProvider>
      <Explorer canAnswerInvitations={canAnswerInvitations} canDesign={canDesign} />
    </ReactFlowProvider>
  );
}

function Explorer({ canAnswerInvitations, canDesign }: { canAnswerInvitations: boolean; canDesign: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const queryClient = useQueryClient();

  const topologyQuery = useTopology();
  const positionsQuery = useQuery({ queryKey: ['topology', 'positions'], queryFn: fetchPositions, staleTime: Infinity });
  const snapshotsQuery = useQuery({ queryKey: ['topology', 'snapshots'], queryFn: fetchSnapshots });

  const selectedId = searchParams.get('node');
  const compareId = searchParams.get('compare');
  const { filter, problem: filterProblem } = useMemo(() => readFilter(new URLSearchParams(searchParams.toString())), [searchParams]);

  const setParams = useCallback(
    (edit: (p: URLSearchParams) => void) => {
      const p = new URLSearchParams(searchParams.toString());
      edit(p);
      const qs = p.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [router, pathname, searchParams],
  );

  const data = topologyQuery.data;
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

  const accountNames = useMemo(() => new Map((data?.accounts ?? []).map((a) => [a.id, a.name])), [data]);
  const colors = useMemo(() => accountColors([...(data?.accounts ?? []).map((a) => a.id), ...topology.nodes.map((n) => n.account)]), [data, topology]);
  const facets = useMemo(() => filterFacets(topology.nodes), [topology]);
  const filtered = useMemo(() => filterTopology(topology, filter), [topology, filter]);

  const [expandedServices, setExpandedServices] = useState<ReadonlySet<string>>(new Set());
  const [expandedAggregates, setExpandedAggregates] = useState<ReadonlySet<string>>(new Set());
  const grouping = searchParams.get('group') !== 'off';
  const view = useMemo(() => buildView(filtered, { expanded: expandedAggregates, maxNodes: grouping ? undefined : Infinity }), [filtered, expandedAggregates, grouping]);

  // "Can it call?": the question is in the URL; the answer is drawn on the canvas.
  const question = useMemo(() => questionFromParams(new URLSearchParams(searchParams.toString())), [searchParams]);
  const [answer, setAnswer] = useState<{ decision: AccessDecision; q: AccessQuestion } | null>(null);
  const access = useMemo(() => (answer && question ? highlightOf(answer.decision, topology, view, { vpc: answer.q.vpc, service: answer.q.service }) : undefined), [answer, question, topology, view]);

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

  // Positions the user dragged boxes to, kept per user.
  const [moved, setMoved] = useState<Record<string, { x: number; y: number }>>({});
  const savedPositions = useMemo(() => ({ ...(positionsQuery.data ?? {}), ...moved }), [positionsQuery.data, moved]);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pendingSave = useRef<Record<string, { x: number; y: number }>>({});
  const onMoveNode = useCallback((id: string, position: { x: number; y: number }) => {
    setMoved((m) => ({ ...m, [id]: position }));
    pendingSave.current[id] = position;
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => {
      const batch = pendingSave.current;
      pendingSave.current = {};
      void savePositions(batch).catch(() => undefined);
    }, 500);
  }, []);
  const resetLayout = useCallback(async () => {
    await clearPositions();
    setMoved({});
    await queryClient.invalidateQueries({ queryKey: ['topology', 'positions'] });
  }, [queryClient]);

  // Refresh with live progress per account.
  const [progress, setProgress] = useState<Map<string, AccountProgressDto>>(new Map());
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    setRefreshing(true);
    setRefreshError(null);
    setProgress(new Map());
    try {
      await refreshTopology((event) => {
        if (event.type === 'start') setProgress(new Map(event.accounts.flatMap((a) => a.regions.map((r) => [`${a.id}|${r}`, { account: a.id, region: r, name: a.name, state: 'running' as const, calls: 0, attempts: 0, errors: 0 }]))));
        else if (event.type === 'progress') {
          const { type: _type, ...p } = event;
          setProgress((m) => new Map(m).set(`${p.account}|${p.region}`, p));
        } else if (event.type === 'error') setRefreshError(event.message);
      });
      await queryClient.invalidateQueries({ queryKey: TOPOLOGY_QUERY_KEY });
    } catch (err) {
      setRefreshError(err instanceof Error ? err.message : String(err));
    } finally {
      setRefreshing(false);
      setTimeout(() => setProgress(new Map()), 1500);
    }
  }, [queryClient]);

  const exportJson = useCallback(() => {
    downloadJson({ discoveredAt: data?.discoveredAt ?? null, filter, nodes: filtered.nodes, edges: filtered.edges, errors: filtered.errors }, exportFilename('json'));
  }, [data, filter, filtered]);

  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(t);
  }, []);

  const selectedNode = selectedId ? topology.nodes.find((n) => n.id === selectedId) : undefined;
  // A listener, rule or target group is selected through the service box that holds it.
  const selectedBox = selectedId && !view.nodes.some((n) => n.id === selectedId) ? (canvasAnchor(topology, selectedId) ?? null) : selectedId;
  const selectedAggregate = selectedId ? view.nodes.find((n) => n.id === selectedId && n.kind === 'aggregate') : undefined;
  const selectedChanges = selectedId && diff ? diff.changedNodes.find((c) => c.id === selectedId)?.fields : undefined;
  const otherSnapshots = (snapshotsQuery.data ?? []).filter((s) => s.id !== latestSnapshot?.id);

  return (
    <div className="-mx-8 -my-6 flex h-screen flex-col bg-white" data-testid="topology-page">
      <header className="border-b border-slate-200">
        <div className="flex items-center gap-4 px-4 pt-2.5 pb-2">
          <div className="min-w-0">
            <h1 className="text-[15px] font-semibold text-slate-900">Topology</h1>
            <p className="truncate text-[11.5px] text-slate-500" data-testid="discovery-summary">
              {data ? (
                <>
                  {view.fullNodeCount} resources on the canvas · {data.accounts.length} account{data.accounts.length === 1 ? '' : 's'} · discovered {ago(data.discoveredAt, now)}
                  {latestSnapshot && ` in ${(latestSnapshot.durationMs / 1000).toFixed(1)} s, ${latestSnapshot.calls} API calls`}
                </>
              ) : topologyQuery.isError ? (
                'Discovery failed'
              ) : (
                'Discovering…'
              )}
            </p>
          </div>
          <div className="ml-auto flex items-center gap-2">
            <select
              className="h-8 max-w-64 rounded-md bg-white px-2 text-xs text-slate-700 ring-1 ring-slate-300"
              value={compareId ?? ''}
              onChange={(e) => setParams((p) => (e.target.value ? p.set('compare', e.target.value) : p.delete('compare')))}
              aria-label="Compare with an earlier snapshot"
              data-testid="compare-select"
            >
              <option value="">Compare with an earlier snapshot…</option>
              {otherSnapshots.map((s) => (
                <option key={s.id} value={s.id}>
                  {new Date(s.takenAt).toLocaleString()} · {s.nodeCount} resources
                </option>
              ))}
            </select>
            {Object.keys(savedPositions).length > 0 && (
              <Button size="md" variant="ghost" onClick={resetLayout} data-testid="reset-layout">
                Reset layout
              </Button>
            )}
            {data && <CostButton topology={filtered} accountNames={accountNames} />}
            <ExportButton scopes={topologyExportScopes(data?.accounts ?? [], selectedNode)} label="Export as code" />
            <Button size="md" onClick={() => setParams((p) => (question ? questionToParams(null, p) : p.set('ask', '1')))} data-testid="access-toggle" aria-pressed={!!question}>
              Can it call?
            </Button>
            <Button variant="primary" size="md" onClick={refresh} disabled={refreshing} data-testid="refresh">
              {refreshing ? 'Refreshing…' : 'Refresh'}
            </Button>
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-2 px-4 pb-2.5">
          <SearchBox nodes={topology.nodes} accountNames={accountNames} onChoose={reveal} />
          <FilterBar filter={filter} facets={facets} colors={colors} accountNames={accountNames} onChange={(f) => setParams((p) => filterToSearchParams(f, p))} />
          <ul className="ml-auto flex flex-wrap items-center gap-x-3 gap-y-1 text-[11.5px] text-slate-600" aria-label="Accounts" data-testid="account-legend">
            {view.accounts.map((a) => (
              <li key={a} className="flex items-center gap-1.5">
                <span className="size-2.5 rounded-sm" style={{ background: colors.get(a) }} />
                {accountNames.get(a) ?? (a || 'other accounts')}
              </li>
            ))}
          </ul>
        </div>
      </header>
      {diff && changesQuery.data && (
        <div className="flex items-center gap-3 border-b border-slate-200 bg-slate-50 px-4 py-1.5 text-[12px]" data-testid="changes-summary">
          <span className="text-slate-600">Since {new Date(changesQuery.data.from.takenAt).toLocaleString()}:</span>
          <span className="font-medium text-emerald-700" data-testid="changes-added">
            {diff.addedNodes.length} added
          </span>
          <span className="font-medium text-red-700" data-testid="changes-removed">
            {diff.removedNodes.length} removed
          </span>
          <span className="font-medium text-amber-700" data-testid="changes-changed">
            {diff.changedNodes.length} changed
          </span>
          {diff.unreadAccounts.length > 0 && <span className="text-slate-500">(not compared: {diff.unreadAccounts.map((a) => accountNames.get(a) ?? a).join(', ')}, unread on one side)</span>}
          <button type="button" className="ml-auto text-slate-500 hover:text-slate-900" onClick={() => setParams((p) => p.delete('compare'))}>
            End comparison
          </button>
        </div>
      )}
      <RefreshProgress progress={progress} accountNames={accountNames} />
      {refreshError && (
        <div className="border-b border-red-200 bg-red-50 px-4 py-2 text-[12.5px] text-red-800" role="alert">
          Refresh failed: {refreshError}
        </div>
      )}
      {filterProblem && <div className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-[12.5px] text-amber-900">{filterProblem}</div>}
      <ErrorsBanner errors={topology.errors} accountNames={accountNames} />
      {(view.aggregated || (!grouping && view.fullNodeCount > DEFAULT_MAX_VISIBLE_NODES)) && (
        <div className="flex items-center gap-3 border-b border-slate-200 bg-sky-50 px-4 py-1.5 text-[12px] text-sky-900" data-testid="aggregation-note">
          {grouping ? (
            <>
              <span>{view.fullNodeCount.toLocaleString()} resources: services, resource configurations and VPCs are grouped by account and service network. Open a group, or filter, to see its members.</span>
              <button type="button" className="ml-auto font-medium text-sky-800 underline decoration-dotted hover:text-sky-950" onClick={() => setParams((p) => p.set('group', 'off'))} data-testid="show-every-box">
                Show every box
              </button>
            </>
          ) : (
            <>
              <span>Every one of {view.fullNodeCount.toLocaleString()} resources has its own box; grouping keeps a large estate quicker to pan and read.</span>
              <button type="button" className="ml-auto font-medium text-sky-800 underline decoration-dotted hover:text-sky-950" onClick={() => setParams((p) => p.delete('group'))} data-testid="group-again">
                Group again
              </button>
            </>
          )}
        </div>
      )}
      <div className="flex min-h-0 flex-1">
        <div className="min-w-0 flex-1">
          {topologyQuery.isError ? (
            <div className="p-8 text-sm text-red-700" role="alert">
              Could not load the topology: {(topologyQuery.error as Error).message}
            </div>
          ) : !data ? (
            <div className="p-8 text-sm text-slate-500">Discovering the configured accounts…</div>
          ) : view.nodes.length === 0 ? (
            <EmptyState data={data} filtered={filtered.nodes.length !== topology.nodes.length} />
          ) : (
            <SharingCanvasContext.Provider value={{ accountNames, canAnswer: canAnswerInvitations, onAnswered: () => void refresh() }}><TopologyCanvas
              topology={filtered}
              view={view}
              colors={colors}
              accountNames={accountNames}
              marks={marks}
              selectedId={selectedBox}
              focus={focus}
              expandedServices={expandedServices}
              savedPositions={savedPositions}
              onSelect={select}
              onToggleService={toggleService}
              onExpandAggregate={expandAggregate}
              onMoveNode={onMoveNode}
              onExportJson={exportJson}
              access={access}
            /></SharingCanvasContext.Provider>
          )}
        </div>
        {question && data && (
          <AccessPanel
            topology={topology}
            accountNames={accountNames}
            question={question}
            onAsk={(q) => setParams((p) => questionToParams(q, p))}
            onDecision={(decision, q) => setAnswer(decision && q ? { decision, q } : null)}
            onSelect={reveal}
            onClose={() => setParams((p) => questionToParams(null, p))}
          />
        )}
        {selectedId && data && (
          <DetailsPanel canDesign={canDesign} topology={topology} node={selectedNode} aggregate={selectedAggregate} changes={selectedChanges} accountNames={accountNames} onSelect={reveal} onClose={() => select(null)} />
        )}
      </div>
    </div>
  );
}

function EmptyState({ data, filtered }: { data: TopologyResponse; filtered: boolean }) {
  return (
    <div className="flex h-full items-center justify-center p-8">
      <div className="max-w-md text-center text-sm text-slate-600">
        {filtered ? (
          <p>No resource matches the filters.</p>
        ) : data.errors.length ? (
          <p>Nothing could be read. The errors above say why.</p>
        ) : (
          <p>
            The configured account{data.accounts.length === 1 ? ' has' : 's have'} no VPC Lattice resources and no VPCs in {[...new Set(data.accounts.flatMap((a) => a.regions))].join(', ')}.
          </p>
        )}
      </div>
    </div>
  );
}
