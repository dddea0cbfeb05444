'use client';
// Pieces of the Inspect page's header: what discovery found and when, the snapshot to compare
// with, and the legend of account colours.

import { useEffect, useState } from 'react';
import type { ViewGraph } from '@/lib/topology';
import type { SnapshotInfo, TopologyResponse } from './api';
import { legendFold } from './legend-fold';

function ago(iso: string | null | undefined, now: number): string {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return new Date(iso).toLocaleString();
}

/** "N resources on the canvas · M accounts · discovered 2 min ago", kept current. */
export function DiscoverySummary({ data, view, isError }: { data: TopologyResponse | undefined; view: ViewGraph; isError: boolean }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(t);
  }, []);
  const latestSnapshot = data?.snapshot ?? null;

  return (
    <p className="truncate text-[11.5px] text-slate-500" data-testid="discovery-summary">
      {data ? (
        <>
          {view.fullNodeCount} resources on the canvas · {data.accounts.length} account{data.accounts.length === 1 ? '' : 's'} · {data.reading ? 'discovering' : `discovered ${ago(data.discoveredAt, now)}`}
          {latestSnapshot && ` in ${(latestSnapshot.durationMs / 1000).toFixed(1)} s, ${latestSnapshot.calls} API calls`}
        </>
      ) : isError ? (
        'Discovery failed'
      ) : (
        'Discovering…'
      )}
    </p>
  );
}

export function CompareSelect({ compareId, snapshots, onChange }: { compareId: string | null; snapshots: SnapshotInfo[]; onChange: (snapshotId: string) => void }) {
  return (
    <select
      className="h-8 max-w-64 rounded-md bg-white px-2 text-xs text-slate-700 ring-1 ring-slate-300"
      value={compareId ?? ''}
      onChange={(e) => onChange(e.target.value)}
      aria-label="Compare with an earlier snapshot"
      data-testid="compare-select"
    >
      <option value="">Compare with an earlier snapshot…</option>
      {snapshots.map((s) => (
        <option key={s.id} value={s.id}>
          {new Date(s.takenAt).toLocaleString()} · {s.nodeCount} resources
        </option>
      ))}
    </select>
  );
}

export function AccountLegend({ accounts, colors, accountNames }: { accounts: string[]; colors: Map<string, string>; accountNames: Map<string, string> }) {
  const [open, setOpen] = useState(false);
  const { shown, more, foldable } = legendFold(accounts, open);
  return (
    <ul className={`ml-auto flex flex-wrap items-center gap-x-3 gap-y-1 text-[11.5px] text-slate-600 ${open ? 'max-h-40 overflow-y-auto' : ''}`} aria-label="Accounts" data-testid="account-legend" data-folded={more > 0 || undefined}>
      {shown.map((a) => (
        <li key={a} className="flex items-center gap-1.5">
          <span className="size-2.5 rounded-sm" style={{ background: colors.get(a) }} />
          {accountNames.get(a) ?? (a || 'other accounts')}
        </li>
      ))}
      {foldable && (
        <li>
          <button type="button" className="rounded px-1 font-medium text-indigo-700 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-500" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="account-legend-toggle">
            {open ? 'Show fewer' : `+${more} more`}
          </button>
        </li>
      )}
    </ul>
  );
}
