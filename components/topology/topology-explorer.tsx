'use client';
// The Inspect page: the live topology on a canvas, with search, filters, the details of the
// selected resource, refresh with per-account progress, and comparison with an earlier
// snapshot. The URL carries the selection, the filters and the comparison, so any view can
// be shared as a link.

import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import { canvasAnchor, filterFacets, filterToSearchParams, filterTopology } from '@/lib/topology';
import { Button } from '@/components/ui/button';
import { TopologyCanvas } from '@/components/canvas/topology-canvas';
import { SharingCanvasContext } from '@/components/sharing/sharing-canvas-context';
import { downloadJson, exportFilename } from '@/components/canvas/export';
import { accountColors } from '@/components/canvas/style';
import { useTopology } from './api';
import { ExportButton } from '@/components/export/export-dialog';
import { topologyExportScopes } from '@/components/export/scopes';
import { CostButton } from '@/components/cost/cost-panel';
import { DetailsPanel } from './details-panel';
import { ErrorsBanner, RefreshProgress } from './discovery-status';
import { AggregationNote, ChangesSummary, EmptyState, FilterProblemBanner, RefreshErrorBanner } from './explorer-banners';
import { ReadStateBanner } from './read-state-banner';
import { RequestsPanel, useRequestCounts } from './requests-panel';
import { RequestCountsContext } from '@/components/canvas/request-counts-context';
import { AccountLegend, CompareSelect, DiscoverySummary } from './explorer-header';
import { FilterBar } from './filter-bar';
import { SearchBox } from './search-box';
import { useCanvasSelection } from './use-canvas-selection';
import { useCanvasKeyboard } from './use-canvas-keyboard';
import { useComparison } from './use-comparison';
import { useExplorerUrl } from './use-explorer-url';
import { useRefresh } from './use-refresh';
import { useSavedPositions } from './use-saved-positions';
import { AccessPanel } from '@/components/access/access-panel';
import { highlightOf } from '@/components/access/highlight';
import { questionToParams, type AccessQuestion } from '@/components/access/question';
import type { AccessDecision } from '@/lib/access/types';

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
  const { selectedId, compareId, filter, filterProblem, setParams, grouping, question, searchParams } = useExplorerUrl();
  const topologyQuery = useTopology();
  const data = topologyQuery.data;
  const { changes, diff, topology, marks, otherSnapshots } = useComparison(data, compareId);
  const { savedPositions, onMoveNode, resetLayout } = useSavedPositions();
  const { progress, refreshing, refreshError, refresh } = useRefresh();

  const accountNames = useMemo(() => new Map((data?.accounts ?? []).map((a) => [a.id, a.name])), [data]);
  // A first discovery drawn as it goes: the accounts still being read are framed and say so.
  const reading = data?.reading;
  const canvasAccountNames = useMemo(() => (reading?.length ? new Map([...accountNames].map(([id, name]) => [id, reading.includes(id) ? `${name} · reading…` : name])) : accountNames), [accountNames, reading]);
  const colors = useMemo(() => accountColors([...(data?.accounts ?? []).map((a) => a.id), ...topology.nodes.map((n) => n.account)]), [data, topology]);
  const facets = useMemo(() => filterFacets(topology.nodes), [topology]);
  const filtered = useMemo(() => filterTopology(topology, filter), [topology, filter]);
  const { view, expandedServices, focus, reveal, select, toggleService, expandAggregate, foldCallers } = useCanvasSelection({ data, topology, filtered, grouping, selectedId, setParams });
  // Configured accounts get a frame on the canvas even with nothing in it (a pending invitation may point there), unless the filter asks for particular resources.
  const frameAccounts = useMemo(() => {
    if (!data || filter.kinds?.length || filter.statuses?.length || filter.tags?.length || filter.regions?.length) return undefined;
    const ids = data.accounts.map((a) => a.id);
    return filter.accounts?.length ? ids.filter((id) => filter.accounts!.includes(id)) : ids;
  }, [data, filter]);

  // "Can it call?": the answer to the URL's question is drawn on the canvas.
  const [answer, setAnswer] = useState<{ decision: AccessDecision; q: AccessQuestion } | null>(null);
  // "Why?" on a logged request opens the panel afresh with that request's question.
  const [asked, setAsked] = useState(0);
  const requestsOf = searchParams.get('requests');
  const requestCounts = useRequestCounts(!!data);
  const access = useMemo(() => (answer && question ? highlightOf(answer.decision, topology, view, { vpc: answer.q.vpc, service: answer.q.service }) : undefined), [answer, question, topology, view]);

  const exportJson = useCallback(() => {
    downloadJson({ discoveredAt: data?.discoveredAt ?? null, filter, nodes: filtered.nodes, edges: filtered.edges, errors: filtered.errors }, exportFilename('json'));
  }, [data, filter, filtered]);

  const closeDetails = useCallback(() => select(null), [select]);
  const keyboard = useCanvasKeyboard({ open: !!selectedId, onOpen: select, onClose: closeDetails });

  const selectedNode = selectedId ? topology.nodes.find((n) => n.id === selectedId) : undefined;
  // A listener, rule or target group is selected through the service box that holds it.
  const selectedBox = selectedId && !view.nodes.some((n) => n.id === selectedId) ? (canvasAnchor(topology, selectedId) ?? null) : selectedId;
  const selectedAggregate = selectedId ? view.nodes.find((n) => n.id === selectedId && n.kind === 'aggregate') : undefined;
  const selectedChanges = selectedId && diff ? diff.changedNodes.find((c) => c.id === selectedId)?.fields : undefined;

  return (
    <div className="-mx-8 -my-6 flex h-screen flex-col bg-white" data-testid="topology-page">
      <header className="border-b border-slate-200">
        <div className="flex items-center gap-4 px-4 pt-2.5 pb-2">
          <div className="min-w-0">
            <h1 className="text-[15px] font-semibold text-slate-900">Topology</h1>
            <DiscoverySummary data={data} view={view} isError={topologyQuery.isError} />
          </div>
          <div className="ml-auto flex items-center gap-2">
            <CompareSelect compareId={compareId} snapshots={otherSnapshots} onChange={(id) => setParams((p) => (id ? p.set('compare', id) : p.delete('compare')))} />
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
          <AccountLegend accounts={frameAccounts ? [...view.accounts, ...frameAccounts.filter((a) => !view.accounts.includes(a))] : view.accounts} colors={colors} accountNames={accountNames} />
        </div>
      </header>
      {diff && changes && <ChangesSummary changes={changes} accountNames={accountNames} onEnd={() => setParams((p) => p.delete('compare'))} />}
      <RefreshProgress progress={progress} accountNames={accountNames} />
      {reading && reading.length > 0 && data && (
        <div className="flex items-center gap-2 border-b border-slate-200 bg-slate-50 px-4 py-1.5 text-[11.5px] text-slate-700" role="status" data-testid="first-view-reading">
          <span className="size-1.5 animate-pulse rounded-full bg-indigo-500" />
          First discovery: {data.accounts.length - reading.length} of {data.accounts.length} accounts read; the others appear as they finish.
        </div>
      )}
      <ReadStateBanner read={data?.read} accountNames={accountNames} />
      {/* A refresh that failed is told by the read state once the topology is read again. */}
      <RefreshErrorBanner error={data?.read.state === 'stale' ? null : refreshError} />
      <FilterProblemBanner problem={filterProblem} />
      <ErrorsBanner errors={topology.errors} accountNames={accountNames} />
      <AggregationNote view={view} grouping={grouping} onGroupingChange={(group) => setParams((p) => (group ? p.delete('group') : p.set('group', 'off')))} />
      <div className="flex min-h-0 flex-1">
        <div className="flex min-w-0 flex-1 flex-col">
        <div className="min-h-0 min-w-0 flex-1" onKeyDown={keyboard.onKeyDown}>
          {topologyQuery.isError ? (
            <div className="p-8 text-sm text-red-700" role="alert">
              Could not load the topology: {(topologyQuery.error as Error).message}
            </div>
          ) : !data ? (
            <div className="p-8 text-sm text-slate-500">Discovering the configured accounts…</div>
          ) : view.nodes.length === 0 && !reading?.length ? (
            <EmptyState data={data} filtered={filtered.nodes.length !== topology.nodes.length} />
          ) : (
            <SharingCanvasContext.Provider value={{ accountNames, canAnswer: canAnswerInvitations, onAnswered: () => void refresh() }}><RequestCountsContext.Provider value={requestCounts}><TopologyCanvas
              topology={filtered}
              view={view}
              colors={colors}
              accountNames={canvasAccountNames}
              marks={marks}
              selectedId={selectedBox}
              focus={focus}
              expandedServices={expandedServices}
              savedPositions={savedPositions}
              onSelect={select}
              onToggleService={toggleService}
              onExpandAggregate={expandAggregate}
              onFoldCallers={foldCallers}
              onMoveNode={onMoveNode}
              onExportJson={exportJson}
              access={access}
              accounts={frameAccounts}
              discoveredAt={data.discoveredAt ?? undefined}
              plain={searchParams.get('canvas') === 'plain'}
              drawAsLarge={searchParams.get('canvas') === 'large'}
            /></RequestCountsContext.Provider></SharingCanvasContext.Provider>
          )}
        </div>
        {requestsOf && data && (
          <RequestsPanel
            key={requestsOf}
            resource={requestsOf}
            topology={topology}
            onWhy={(q) => {
              setAsked((n) => n + 1);
              setParams((p) => {
                questionToParams(q, p);
                p.delete('node');
              });
            }}
            onClose={() => setParams((p) => p.delete('requests'))}
          />
        )}
        </div>
        {question && data && (
          <AccessPanel
            key={asked}
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
          <DetailsPanel canDesign={canDesign} onRequests={(id) => setParams((p) => p.set('requests', id))} topology={topology} node={selectedNode} aggregate={selectedAggregate} changes={selectedChanges} accountNames={accountNames} onSelect={reveal} onClose={() => select(null)} />
        )}
      </div>
    </div>
  );
}
