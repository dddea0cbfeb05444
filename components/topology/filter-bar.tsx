'use client';
// Filters by account, region, kind, status and tag. Each is a small menu of checkboxes;
// the values offered are read from the topology itself.

import { useEffect, useRef, useState, type ReactNode } from 'react';
import { CANVAS_KINDS, KIND_LABELS, type ResourceKind, type StatusClass, type TagFilter, type TopologyFilter } from '@/lib/topology';
import { cn } from '@/components/ui/cn';
import { STATUS_STYLE } from '@/components/canvas/style';

interface Facets {
  accounts: string[];
  regions: string[];
  statuses: StatusClass[];
  tagKeys: string[];
}

function Menu({ label, count, children, testId }: { label: string; count: number; children: ReactNode; testId: string }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  return (
    <div className="relative" ref={ref}>
      <button
        type="button"
        onClick={() => setOpen((o) => !o)}
        className={cn('inline-flex h-8 items-center gap-1 rounded-md px-2.5 text-xs font-medium ring-1 ring-inset', count ? 'bg-indigo-50 text-indigo-700 ring-indigo-200' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50')}
        aria-expanded={open}
        data-testid={testId}
      >
        {label}
        {count > 0 && <span className="rounded bg-indigo-600 px-1 text-[10px] text-white">{count}</span>}
        <span className="text-slate-400">▾</span>
      </button>
      {open && <div className="absolute z-20 mt-1 max-h-80 min-w-56 overflow-auto rounded-md bg-white p-1.5 text-sm shadow-lg ring-1 ring-slate-200">{children}</div>}
    </div>
  );
}

function Check({ checked, onChange, children }: { checked: boolean; onChange: (checked: boolean) => void; children: ReactNode }) {
  return (
    <label className="flex cursor-pointer items-center gap-2 rounded px-1.5 py-1 text-slate-700 hover:bg-slate-50">
      <input type="checkbox" className="accent-indigo-600" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {children}
    </label>
  );
}

function toggle<T>(list: readonly T[] | undefined, value: T, on: boolean): T[] | undefined {
  const next = on ? [...(list ?? []), value] : (list ?? []).filter((v) => v !== value);
  return next.length ? next : undefined;
}

export function FilterBar({ filter, facets, colors, accountNames, onChange }: {
  filter: TopologyFilter;
  facets: Facets;
  colors: ReadonlyMap<string, string>;
  accountNames: ReadonlyMap<string, string>;
  onChange: (filter: TopologyFilter) => void;
}) {
  const [tagInput, setTagInput] = useState('');
  const set = (patch: Partial<TopologyFilter>) => {
    const next: TopologyFilter = { ...filter, ...patch };
    for (const k of Object.keys(next) as (keyof TopologyFilter)[]) if (next[k] === undefined) delete next[k];
    onChange(next);
  };
  const active = (filter.accounts?.length ?? 0) + (filter.regions?.length ?? 0) + (filter.kinds?.length ?? 0) + (filter.statuses?.length ?? 0) + (filter.tags?.length ?? 0);

  return (
    <div className="flex flex-wrap items-center gap-1.5" data-testid="filter-bar">
      <Menu label="Account" count={filter.accounts?.length ?? 0} testId="filter-account">
        {facets.accounts.map((a) => (
          <Check key={a} checked={!!filter.accounts?.includes(a)} onChange={(on) => set({ accounts: toggle(filter.accounts, a, on) })}>
            <span className="size-2 rounded-full" style={{ background: colors.get(a) }} />
            <span>{accountNames.get(a) ?? 'account'}</span>
            <span className="ml-auto font-mono text-[11px] text-slate-400">{a}</span>
          </Check>
        ))}
      </Menu>
      {facets.regions.length > 1 && (
        <Menu label="Region" count={filter.regions?.length ?? 0} testId="filter-region">
          {facets.regions.map((r) => (
            <Check key={r} checked={!!filter.regions?.includes(r)} onChange={(on) => set({ regions: toggle(filter.regions, r, on) })}>
              {r}
            </Check>
          ))}
        </Menu>
      )}
      <Menu label="Kind" count={filter.kinds?.length ?? 0} testId="filter-kind">
        {CANVAS_KINDS.map((k: ResourceKind) => (
          <Check key={k} checked={!!filter.kinds?.includes(k)} onChange={(on) => set({ kinds: toggle(filter.kinds, k, on) })}>
            {KIND_LABELS[k]}
          </Check>
        ))}
      </Menu>
      <Menu label="Status" count={filter.statuses?.length ?? 0} testId="filter-status">
        {facets.statuses.map((s) => (
          <Check key={s} checked={!!filter.statuses?.includes(s)} onChange={(on) => set({ statuses: toggle(filter.statuses, s, on) })}>
            <span className={cn('size-2 rounded-full', STATUS_STYLE[s].dot)} />
            {STATUS_STYLE[s].label}
          </Check>
        ))}
      </Menu>
      <Menu label="Tag" count={filter.tags?.length ?? 0} testId="filter-tag">
        <form
          className="flex gap-1 p-1"
          onSubmit={(e) => {
            e.preventDefault();
            const t = tagInput.trim();
            if (!t) return;
            const eq = t.indexOf('=');
            const tag: TagFilter = eq === -1 ? { key: t } : { key: t.slice(0, eq), value: t.slice(eq + 1) };
            set({ tags: [...(filter.tags ?? []), tag] });
            setTagInput('');
          }}
        >
          <input
            value={tagInput}
            onChange={(e) => setTagInput(e.target.value)}
            list="tag-keys"
            placeholder="key or key=value"
            className="h-7 w-40 rounded bg-white px-2 text-xs ring-1 ring-slate-300 outline-none focus:ring-indigo-500"
            data-testid="filter-tag-input"
          />
          <datalist id="tag-keys">
            {facets.tagKeys.map((k) => (
              <option key={k} value={k} />
            ))}
          </datalist>
          <button type="submit" className="h-7 rounded bg-indigo-600 px-2 text-xs font-medium text-white">
            Add
          </button>
        </form>
        {(filter.tags ?? []).map((t, i) => (
          <div key={`${t.key}=${t.value ?? ''}`} className="flex items-center justify-between gap-2 px-1.5 py-1 text-xs">
            <span className="font-mono">{t.value === undefined ? t.key : `${t.key}=${t.value}`}</span>
            <button type="button" className="text-slate-400 hover:text-red-600" onClick={() => set({ tags: (filter.tags ?? []).filter((_, j) => j !== i).length ? (filter.tags ?? []).filter((_, j) => j !== i) : undefined })}>
              remove
            </button>
          </div>
        ))}
      </Menu>
      {active > 0 && (
        <button type="button" className="h-8 px-2 text-xs font-medium text-slate-500 hover:text-slate-900" onClick={() => onChange({})} data-testid="clear-filters">
          Clear filters
        </button>
      )}
    </div>
  );
}
