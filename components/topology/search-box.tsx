'use client';
// Search by name, id, ARN or tag; choosing a result selects it and brings it into view.

import { useMemo, useRef, useState } from 'react';
import { KIND_LABELS, searchTopology, type TopologyNode } from '@/lib/topology';
import { cn } from '@/components/ui/cn';

export function SearchBox({ nodes, accountNames, onChoose }: { nodes: readonly TopologyNode[]; accountNames: ReadonlyMap<string, string>; onChoose: (id: string) => void }) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const hits = useMemo(() => searchTopology(nodes, query, 20), [nodes, query]);

  const choose = (id: string) => {
    onChoose(id);
    setOpen(false);
    inputRef.current?.blur();
  };

  return (
    <div className="relative w-72">
      <input
        ref={inputRef}
        type="search"
        value={query}
        placeholder="Search name, id, ARN or tag"
        aria-label="Search the topology"
        data-testid="topology-search"
        className="h-8 w-full rounded-md bg-white px-2.5 text-sm text-slate-900 shadow-xs ring-1 ring-slate-300 outline-none placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-500"
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, hits.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter' && hits[active]) {
            e.preventDefault();
            choose(hits[active].node.id);
          } else if (e.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      {open && query.trim() && (
        <ul className="absolute z-20 mt-1 max-h-96 w-[28rem] overflow-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200" role="listbox" data-testid="search-results">
          {hits.length === 0 && <li className="px-3 py-2 text-slate-500">Nothing matches “{query.trim()}”.</li>}
          {hits.map((hit, i) => (
            <li key={hit.node.id} role="option" aria-selected={i === active}>
              <button
                type="button"
                className={cn('flex w-full flex-col items-start px-3 py-1.5 text-left', i === active ? 'bg-indigo-50' : 'hover:bg-slate-50')}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(hit.node.id)}
                onMouseEnter={() => setActive(i)}
                data-testid="search-result"
              >
                <span className="flex w-full items-center gap-2">
                  <span className="font-medium text-slate-900">{hit.node.name}</span>
                  <span className="text-xs text-slate-500">{KIND_LABELS[hit.node.kind]}</span>
                  <span className="ml-auto text-xs text-slate-400">{accountNames.get(hit.node.account) ?? hit.node.account}</span>
                </span>
                {hit.field !== 'name' && <span className="max-w-full truncate font-mono text-[11px] text-slate-500">{hit.matched}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
