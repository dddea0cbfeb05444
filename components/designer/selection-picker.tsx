'use client';
// Picks the live resources a design starts from: the top-level boxes of the canvas (service
// networks, services, VPCs, resource gateways and configurations), grouped by account and
// filtered by name, id or ARN. What a resource contains (listeners, rules, target groups,
// associations) comes with it.
import { useMemo, useState } from 'react';
import { CANVAS_KINDS, KIND_LABELS, type TopologyNode } from '@/lib/topology';
import { TextInput } from '@/components/ui/field';
import { useTopology } from '@/components/topology/api';

export function SelectionPicker({ selected, onChange }: { selected: string[]; onChange: (arns: string[]) => void }) {
  const live = useTopology({ refetchOnMount: 'always' });
  const nodes = useMemo(() => live.data?.nodes.filter((n) => CANVAS_KINDS.includes(n.kind) && n.kind !== 'vpcEndpointService' && !n.external) ?? null, [live.data]);
  const accounts = useMemo(() => new Map((live.data?.accounts ?? []).map((a) => [a.id, a.name])), [live.data]);
  const error = live.error?.message ?? null;
  const [filter, setFilter] = useState('');

  const groups = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const byAccount = new Map<string, TopologyNode[]>();
    for (const n of nodes ?? []) {
      if (needle && ![n.name, n.id, n.resourceId ?? ''].some((v) => v.toLowerCase().includes(needle))) continue;
      byAccount.set(n.account, [...(byAccount.get(n.account) ?? []), n]);
    }
    return [...byAccount].sort(([a], [b]) => a.localeCompare(b)).map(([account, list]) => ({
      account,
      list: list.sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name)),
    }));
  }, [nodes, filter]);

  const chosen = new Set(selected);
  const toggle = (id: string) => onChange(chosen.has(id) ? selected.filter((s) => s !== id) : [...selected, id]);

  if (error) return <p className="text-sm text-red-700">{error}</p>;
  if (!nodes) return <p className="text-sm text-slate-500">Reading the live estate…</p>;
  return (
    <div className="space-y-2">
      <div className="flex items-center gap-3">
        <TextInput aria-label="Filter resources" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter by name, id or ARN" className="max-w-sm" />
        <span className="text-xs text-slate-500">{selected.length} selected · what they contain comes with them</span>
      </div>
      <div className="max-h-72 overflow-auto rounded-md border border-slate-200">
        {groups.length === 0 && <p className="p-3 text-sm text-slate-500">Nothing matches.</p>}
        {groups.map(({ account, list }) => (
          <fieldset key={account} className="border-b border-slate-100 last:border-0">
            <legend className="sr-only">{accounts.get(account) ?? account}</legend>
            <div className="sticky top-0 bg-slate-50 px-3 py-1 text-xs font-semibold text-slate-600">
              {accounts.get(account) ?? 'account'} <span className="font-mono font-normal text-slate-400">{account}</span>
            </div>
            {list.map((n) => (
              <label key={n.id} className="flex cursor-pointer items-center gap-2 px-3 py-1 text-sm hover:bg-slate-50">
                <input type="checkbox" checked={chosen.has(n.id)} onChange={() => toggle(n.id)} />
                <span className="w-48 shrink-0 text-xs uppercase tracking-wide text-slate-400">{KIND_LABELS[n.kind]}</span>
                <span className="font-medium text-slate-800">{n.name}</span>
                <span className="truncate font-mono text-xs text-slate-400">{n.region}</span>
              </label>
            ))}
          </fieldset>
        ))}
      </div>
    </div>
  );
}
