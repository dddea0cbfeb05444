'use client';
// What discovery says about itself: accounts that could not be read (never silently), calls
// that failed for some resources, and, during a refresh, each account's progress.

import { useState } from 'react';
import type { DiscoveryError } from '@/lib/topology';
import { cn } from '@/components/ui/cn';
import type { AccountProgressDto } from './api';
import { groupErrors, hitList, reasonOf } from './error-groups';

export function ErrorsBanner({ errors, accountNames }: { errors: readonly DiscoveryError[]; accountNames: ReadonlyMap<string, string> }) {
  const [open, setOpen] = useState(false);
  if (errors.length === 0) return null;
  const accountGroups = groupErrors(errors.filter((e) => !e.operation));
  const partial = groupErrors(errors.filter((e) => e.operation));
  const byKey = new Map(errors.map((e) => [`${e.account}|${e.region}|${e.operation ?? ''}|${reasonOf(e)}`, e]));
  return (
    <div className={cn('border-b px-4 py-2 text-[12.5px]', accountGroups.length ? 'border-red-200 bg-red-50 text-red-800' : 'border-amber-200 bg-amber-50 text-amber-900')} role="alert" data-testid="discovery-errors">
      {accountGroups.map((g) => {
        // One account: its own message (it may name its role). Several: the reason once, then who it hit.
        const single = g.hits.length === 1 ? byKey.get(`${g.hits[0]!.account}|${g.hits[0]!.region}||${g.reason}`) : undefined;
        return (
          <div key={g.reason} className="flex flex-wrap items-baseline gap-x-2" data-testid="error-group" data-hits={g.hits.length}>
            <span className="min-w-0 break-words font-medium">{single ? single.message : g.reason}</span>
            <span>
              {g.hits.length === 1 ? 'Account: ' : `${g.hits.length} accounts: `}
              {g.hits.map((h, i) => (
                <span key={`${h.account}|${h.region}`} data-testid="account-error" data-account={h.account}>
                  {i > 0 && ', '}
                  <span className="font-semibold">{h.account ? (accountNames.get(h.account) ?? h.account) : 'configuration'}</span>
                  {h.account && accountNames.has(h.account) && <span className="text-red-700"> {h.account}</span>}
                  {h.region && ` · ${h.region}`}
                </span>
              ))}
            </span>
          </div>
        );
      })}
      {partial.length > 0 && (
        <div>
          <button type="button" className="font-medium underline decoration-dotted" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
            {partial.length} call{partial.length === 1 ? '' : 's'} failed for some resources {open ? '▴' : '▾'}
          </button>
          {open && (
            <ul className="mt-1 space-y-0.5">
              {partial.map((g) => (
                <li key={`${g.operation}|${g.reason}`} data-testid="partial-error">
                  <span className="font-medium">{g.operation}</span>: {g.reason} <span className="text-slate-700">({hitList(g.hits, accountNames)})</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

export function RefreshProgress({ progress, accountNames }: { progress: ReadonlyMap<string, AccountProgressDto>; accountNames: ReadonlyMap<string, string> }) {
  if (progress.size === 0) return null;
  const list = [...progress.values()];
  const done = list.filter((p) => p.state !== 'running').length;
  return (
    <div className="flex flex-wrap items-center gap-1.5 border-b border-slate-200 bg-slate-50 px-4 py-1.5 text-[11.5px]" data-testid="refresh-progress">
      <span className="font-medium text-slate-700">
        Discovering {done}/{list.length}
      </span>
      {list.map((p) => (
        <span
          key={`${p.account}|${p.region}`}
          className={cn(
            'inline-flex items-center gap-1 rounded px-1.5 py-0.5 ring-1 ring-inset',
            p.state === 'done' ? 'bg-emerald-50 text-emerald-800 ring-emerald-200' : p.state === 'failed' ? 'bg-red-50 text-red-800 ring-red-200' : 'bg-white text-slate-700 ring-slate-200',
          )}
          title={p.message}
          data-testid="account-progress"
          data-state={p.state}
        >
          {p.state === 'running' && <span className="size-1.5 animate-pulse rounded-full bg-indigo-500" />}
          {p.name ?? accountNames.get(p.account) ?? p.account}
          <span className="tabular-nums text-slate-500">{p.calls} calls</span>
          {p.errors > 0 && <span className="text-red-700">{p.errors} err</span>}
        </span>
      ))}
    </div>
  );
}
