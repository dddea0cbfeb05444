'use client';
// One operation of a plan: what it does to what, its state while applying, and, opened, its
// field diff, its request and what it waits for. Destructive ones say what they break.
import { useState } from 'react';
import { formatDuration, type OperationState, type PlanOperation } from '@/lib/plan';
import { cn } from '@/components/ui/cn';
import { FieldDiff } from './field-diff';
import { lookOf } from './symbols';

const STATE_STYLE: Record<OperationState, { label: string; className: string }> = {
  pending: { label: 'Pending', className: 'bg-slate-100 text-slate-600 ring-slate-200' },
  running: { label: 'Calling', className: 'bg-sky-50 text-sky-700 ring-sky-200' },
  waiting: { label: 'Waiting for ACTIVE', className: 'bg-amber-50 text-amber-800 ring-amber-200' },
  succeeded: { label: 'Done', className: 'bg-emerald-50 text-emerald-700 ring-emerald-200' },
  failed: { label: 'Failed', className: 'bg-red-50 text-red-700 ring-red-200' },
  skipped: { label: 'Skipped', className: 'bg-slate-100 text-slate-500 ring-slate-300' },
};

export function OperationRow({ op, state, message, showState, labels, duration }: { op: PlanOperation; state: OperationState; message?: string; showState: boolean; labels: ReadonlyMap<string, string>; duration?: number }) {
  const [open, setOpen] = useState(false);
  const look = lookOf(op);
  const waitingWord = op.waitFor === 'gone' ? 'Waiting until gone' : 'Waiting for ACTIVE';
  return (
    <li className={cn('border-b border-slate-100 last:border-b-0', look.destructive && 'border-l-[3px] border-l-red-500 bg-red-50/30')} data-testid="plan-operation" data-action={op.action} data-state={state} data-label={op.label}>
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} className="flex w-full items-start gap-3 px-4 py-2 text-left hover:bg-slate-50/80">
        <span className={cn('w-7 shrink-0 text-center font-mono text-[15px] leading-5 font-bold', look.tone)} aria-hidden="true">
          {look.symbol}
        </span>
        <span className="min-w-0 flex-1">
          <span className="flex flex-wrap items-baseline gap-x-2">
            <span className="text-[13.5px] font-medium text-slate-900">{op.label}</span>
            <span className={cn('text-[11px] font-medium', look.tone)}>{look.word}</span>
            <span className="font-mono text-[11px] text-slate-400">{op.call}</span>
          </span>
          {op.consequence && <span className={cn('mt-0.5 block text-[12px]', look.destructive ? 'text-red-700' : 'text-slate-600')}>{op.consequence}</span>}
          {message && <span className={cn('mt-0.5 block text-[12px]', state === 'failed' ? 'font-medium text-red-700' : 'text-slate-500')} data-testid="operation-message">{message}</span>}
        </span>
        {showState && (
          <span className={cn('shrink-0 rounded px-1.5 py-px text-[11px] font-medium ring-1 ring-inset', STATE_STYLE[state].className)} data-testid="operation-state">
            {(state === 'running' || state === 'waiting') && <span className="mr-1 inline-block size-1.5 animate-pulse rounded-full bg-current align-middle" />}
            {state === 'waiting' ? waitingWord : STATE_STYLE[state].label}
          </span>
        )}
        {showState && duration !== undefined && (
          <span className="w-16 shrink-0 pt-0.5 text-right font-mono text-[11px] text-slate-500 tabular-nums" data-testid="operation-duration">
            {formatDuration(duration)}
          </span>
        )}
        <span className="shrink-0 pt-0.5 text-[11px] text-slate-400">{op.id}</span>
        <svg viewBox="0 0 20 20" className={cn('mt-0.5 size-4 shrink-0 text-slate-400 transition-transform', open && 'rotate-90')} aria-hidden="true">
          <path d="M7 5l5 5-5 5" fill="none" stroke="currentColor" strokeWidth="1.6" />
        </svg>
      </button>
      {open && (
        <div className="space-y-3 px-4 pb-3 pl-14">
          <FieldDiff changes={op.changes} created={(op.action === 'create' || op.action === 'associate') && !op.replacement} />
          <div className="grid gap-3 text-[12px] md:grid-cols-2">
            <div>
              <div className="mb-1 text-[10px] font-semibold tracking-wide text-slate-400 uppercase">Request</div>
              <pre className="max-h-64 overflow-auto rounded bg-slate-900 p-2 font-mono text-[11px] leading-snug text-slate-100">{JSON.stringify(op.input, null, 2)}</pre>
            </div>
            <dl className="space-y-1.5 text-slate-600">
              <div>
                <dt className="text-[10px] font-semibold tracking-wide text-slate-400 uppercase">Runs after</dt>
                <dd>{op.dependsOn.length ? op.dependsOn.map((d) => `${d} (${labels.get(d) ?? '?'})`).join(', ') : 'nothing: it can start at once'}</dd>
              </div>
              {op.waitFor && (
                <div>
                  <dt className="text-[10px] font-semibold tracking-wide text-slate-400 uppercase">Then</dt>
                  <dd>{op.waitFor === 'active' ? 'waits until the resource is ACTIVE' : 'waits until the resource is gone'}</dd>
                </div>
              )}
              {op.tokenField && (
                <div>
                  <dt className="text-[10px] font-semibold tracking-wide text-slate-400 uppercase">Idempotency</dt>
                  <dd>{op.tokenField} derived from the plan and operation ids: a retry never creates twice</dd>
                </div>
              )}
              {op.arn && (
                <div>
                  <dt className="text-[10px] font-semibold tracking-wide text-slate-400 uppercase">Resource</dt>
                  <dd className="font-mono text-[11px] break-all">{op.arn}</dd>
                </div>
              )}
            </dl>
          </div>
        </div>
      )}
    </li>
  );
}
