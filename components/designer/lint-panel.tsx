'use client';
// Every problem of the design, errors first; clicking one selects the box it is about.
import { useState } from 'react';
import { DESIGN_KIND_INFO, type Design, type DesignIssue } from '@/lib/topology/design';
import { cn } from '@/components/ui/cn';

export function LintPanel({ design, issues, onPick }: { design: Design; issues: DesignIssue[]; onPick(recordId: string): void }) {
  const [open, setOpen] = useState(true);
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  const sorted = [...errors, ...warnings];
  const label = (id: string) => {
    const r = design.records[id];
    if (!r) return id;
    const name = typeof r.spec.name === 'string' ? r.spec.name : '';
    return `${DESIGN_KIND_INFO[r.kind].label}${name ? ` ${name}` : ''}`;
  };
  return (
    <section className="border-t border-slate-200 bg-white" data-testid="lint-panel" aria-label="Problems">
      <button type="button" onClick={() => setOpen(!open)} className="flex w-full items-center gap-3 px-3 py-1.5 text-left text-[12px] font-medium text-slate-700 hover:bg-slate-50">
        <span>Problems</span>
        <span className={cn('rounded-full px-1.5 text-[11px]', errors.length ? 'bg-red-600 text-white' : 'bg-slate-100 text-slate-500')} data-testid="lint-errors">{errors.length} error{errors.length === 1 ? '' : 's'}</span>
        <span className={cn('rounded-full px-1.5 text-[11px]', warnings.length ? 'bg-amber-400 text-amber-950' : 'bg-slate-100 text-slate-500')}>{warnings.length} warning{warnings.length === 1 ? '' : 's'}</span>
        <span className="ml-auto text-slate-400">{open ? 'Hide' : 'Show'}</span>
      </button>
      {open && (
        <ul className="max-h-36 overflow-auto border-t border-slate-100 text-[12px]">
          {sorted.length === 0 && <li className="px-3 py-2 text-slate-500">No problems: the design can be planned.</li>}
          {sorted.map((i, n) => (
            <li key={n}>
              <button type="button" onClick={() => onPick(i.recordId)} className="flex w-full items-baseline gap-2 px-3 py-1 text-left hover:bg-indigo-50" data-testid="lint-item">
                <span className={cn('size-2 shrink-0 translate-y-[-1px] rounded-full', i.severity === 'error' ? 'bg-red-500' : 'bg-amber-400')} />
                <span className="shrink-0 font-medium text-slate-800">{label(i.recordId)}</span>
                {i.path && <span className="shrink-0 font-mono text-[11px] text-slate-500">{i.path}</span>}
                <span className="min-w-0 truncate text-slate-600" title={i.rule}>{i.rule}</span>
                <span className="ml-auto shrink-0 text-[10px] text-slate-400 uppercase">{i.source}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
