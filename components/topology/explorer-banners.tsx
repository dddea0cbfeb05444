'use client';
// The Inspect page's banners between the header and the canvas, and what the canvas shows
// when there is nothing to draw.

import { DEFAULT_MAX_VISIBLE_NODES, type ViewGraph } from '@/lib/topology';
import type { ChangesResponse, TopologyResponse } from './api';

/** What changed since the snapshot compared with, and a way out of the comparison. */
export function ChangesSummary({ changes, accountNames, onEnd }: { changes: ChangesResponse; accountNames: Map<string, string>; onEnd: () => void }) {
  const diff = changes.diff;
  return (
    <div className="flex items-center gap-3 border-b border-slate-200 bg-slate-50 px-4 py-1.5 text-[12px]" data-testid="changes-summary">
      <span className="text-slate-600">Since {new Date(changes.from.takenAt).toLocaleString()}:</span>
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
      <button type="button" className="ml-auto text-slate-500 hover:text-slate-900" onClick={onEnd}>
        End comparison
      </button>
    </div>
  );
}

export function RefreshErrorBanner({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <div className="border-b border-red-200 bg-red-50 px-4 py-2 text-[12.5px] text-red-800" role="alert">
      Refresh failed: {error}
    </div>
  );
}

export function FilterProblemBanner({ problem }: { problem: string | null }) {
  if (!problem) return null;
  return <div className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-[12.5px] text-amber-900">{problem}</div>;
}

/** Shown when a large estate is grouped, or when grouping is off for one that would be. */
export function AggregationNote({ view, grouping, onGroupingChange }: { view: ViewGraph; grouping: boolean; onGroupingChange: (grouping: boolean) => void }) {
  if (!(view.aggregated || (!grouping && view.fullNodeCount > DEFAULT_MAX_VISIBLE_NODES))) return null;
  return (
    <div className="flex items-center gap-3 border-b border-slate-200 bg-sky-50 px-4 py-1.5 text-[12px] text-sky-900" data-testid="aggregation-note">
      {grouping ? (
        <>
          <span>{view.fullNodeCount.toLocaleString()} resources: services, resource configurations and VPCs are grouped by account and service network. Open a group, or filter, to see its members.</span>
          <button type="button" className="ml-auto font-medium text-sky-800 underline decoration-dotted hover:text-sky-950" onClick={() => onGroupingChange(false)} data-testid="show-every-box">
            Show every box
          </button>
        </>
      ) : (
        <>
          <span>Every one of {view.fullNodeCount.toLocaleString()} resources has its own box; grouping keeps a large estate quicker to pan and read.</span>
          <button type="button" className="ml-auto font-medium text-sky-800 underline decoration-dotted hover:text-sky-950" onClick={() => onGroupingChange(true)} data-testid="group-again">
            Group again
          </button>
        </>
      )}
    </div>
  );
}

export function EmptyState({ data, filtered }: { data: TopologyResponse; filtered: boolean }) {
  return (
    <div className="flex h-full items-center justify-center p-8">
      <div className="max-w-md text-center text-sm text-slate-600">
        {filtered ? (
          <p>No resource matches the filters.</p>
        ) : data.errors.length ? (
          <p data-testid="live-state-unknown">Nothing could be read, so the live state is unknown (not empty). The errors above say why.</p>
        ) : (
          <p>
            The configured account{data.accounts.length === 1 ? ' has' : 's have'} no VPC Lattice resources and no VPCs in {[...new Set(data.accounts.flatMap((a) => a.regions))].join(', ')}.
          </p>
        )}
      </div>
    </div>
  );
}
