'use client';
// Asks before an apply, in the page: what the plan adds, changes, replaces and destroys, and
// every destructive operation by name, so nobody confirms a deletion they have not seen.
import { useEffect } from 'react';
import { headlineCounts, type PlanOperation, type PlanSummary } from '@/lib/plan';
import { Button } from '@/components/ui/button';
import { lookOf } from './symbols';

export function ApplyConfirmDialog({ summary, operations, onConfirm, onCancel }: { summary: PlanSummary; operations: PlanOperation[]; onConfirm(): void; onCancel(): void }) {
  const destructive = operations.filter((o) => lookOf(o).destructive);
  // The safe choice has the focus; Escape cancels.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onCancel();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  const h = headlineCounts(summary);
  const counts: [string, number, string][] = [
    ['to add', h.add, 'text-emerald-700'],
    ['to change', h.change, 'text-amber-700'],
    ['to replace', h.replace, 'text-rose-700'],
    ['to destroy', h.destroy, 'text-red-700'],
  ];
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-6" role="dialog" aria-modal="true" aria-labelledby="apply-confirm-title" data-testid="apply-confirm" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div className="w-full max-w-lg rounded-lg bg-white shadow-xl ring-1 ring-slate-200">
        <div className="border-b border-slate-200 px-5 py-3">
          <h2 id="apply-confirm-title" className="text-[15px] font-semibold text-slate-900">
            Apply this plan?
          </h2>
          <p className="mt-0.5 text-[12.5px] text-slate-600">It makes {operations.length} API call{operations.length === 1 ? '' : 's'} against the live accounts.</p>
        </div>
        <div className="space-y-3 px-5 py-4">
          <ul className="grid grid-cols-4 gap-2 text-center" data-testid="apply-confirm-counts">
            {counts.map(([word, n, tone]) => (
              <li key={word} className="rounded-md bg-slate-50 px-2 py-1.5 ring-1 ring-slate-200" data-count={word}>
                <div className={`text-lg font-semibold ${n ? tone : 'text-slate-400'}`}>{n}</div>
                <div className="text-[11px] text-slate-600">{word}</div>
              </li>
            ))}
          </ul>
          {destructive.length > 0 ? (
            <div>
              <p className="mb-1 text-[12.5px] font-medium text-red-800">
                {destructive.length} destructive operation{destructive.length === 1 ? '' : 's'}:
              </p>
              <ul className="max-h-56 space-y-1 overflow-auto rounded-md bg-red-50/60 p-2 ring-1 ring-red-200" data-testid="apply-confirm-destructive">
                {destructive.map((o) => (
                  <li key={o.id} className="text-[12.5px] text-slate-800">
                    <span className="mr-1.5 font-mono font-bold text-red-700">{lookOf(o).symbol}</span>
                    <span className="font-medium">{o.label}</span> <span className="text-red-700">{lookOf(o).word}</span>
                    {o.consequence && <span className="block pl-5 text-[11.5px] text-red-800">{o.consequence}</span>}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="text-[12.5px] text-slate-600">Nothing is destroyed or disassociated.</p>
          )}
        </div>
        <div className="flex justify-end gap-2 border-t border-slate-200 px-5 py-3">
          <Button autoFocus onClick={onCancel} data-testid="apply-confirm-cancel">
            Cancel
          </Button>
          <Button variant={destructive.length ? 'danger' : 'primary'} className={destructive.length ? '!bg-red-600 !text-white hover:!bg-red-500' : undefined} onClick={onConfirm} data-testid="apply-confirm-ok">
            {destructive.length ? `Apply and destroy ${destructive.length}` : 'Apply'}
          </Button>
        </div>
      </div>
    </div>
  );
}
