'use client';
// The answer to "Can it call?" as a chain: the verdict, then each step on its own line with the
// resource it is about and one sentence; an auth step opens its policy with the deciding
// statement highlighted; the route shows the listener, the rule and the target groups' shares.
import { useState } from 'react';
import type { AccessCheck, AccessDecision, AccessStep } from '@/lib/access/types';
import { EDGE_LABELS, KIND_LABELS, type Topology } from '@/lib/topology';
import { cn } from '@/components/ui/cn';
import { PolicyView } from './policy-view';

export const CHECK_LABELS: Record<AccessCheck, string> = {
  network: 'Network path',
  serviceNetworkAuth: 'Service network auth policy',
  serviceAuth: 'Service auth policy',
  identity: "Caller's identity policy",
  routing: 'Routing',
  targetPolicy: 'Function policy',
};

/** A readable name for an ARN of the topology: the resource's name and kind, or the association's two ends. */
export function resourceLabel(topology: Topology, id: string): { name: string; kind: string } {
  const node = topology.nodes.find((n) => n.id === id);
  if (node) return { name: node.name || node.resourceId || id, kind: KIND_LABELS[node.kind] };
  const edge = topology.edges.find((e) => e.id === id);
  if (edge) {
    const name = (x: string) => topology.nodes.find((n) => n.id === x)?.name ?? x.split('/').pop() ?? x;
    return { name: `${name(edge.source)} ↔ ${name(edge.target)}`, kind: EDGE_LABELS[edge.kind] };
  }
  return { name: id.split(':').slice(-1)[0] ?? id, kind: id.startsWith('arn:') ? (id.split(':')[2] ?? '') : '' };
}

const RESULT_STYLE = {
  pass: { mark: '✓', dot: 'bg-emerald-500 text-white', line: 'bg-emerald-300' },
  fail: { mark: '✕', dot: 'bg-red-600 text-white', line: 'bg-red-300' },
  assumed: { mark: '?', dot: 'bg-amber-400 text-amber-950', line: 'bg-amber-200' },
} as const;

function Step({ step, topology, last, onSelect }: { step: AccessStep; topology: Topology; last: boolean; onSelect?: (id: string) => void }) {
  const isPolicy = step.check === 'serviceNetworkAuth' || step.check === 'serviceAuth';
  const [open, setOpen] = useState(isPolicy && (step.result === 'fail' || !!step.statement));
  // Passing steps read in two lines (click for the rest); the failing one in full.
  const [full, setFull] = useState(false);
  const style = RESULT_STYLE[step.result];
  const label = resourceLabel(topology, step.resource);
  const owner = topology.nodes.find((n) => n.id === step.resource);
  return (
    <li className="relative flex gap-2.5 pb-3" data-testid="access-step" data-check={step.check} data-result={step.result}>
      {!last && <span className={cn('absolute top-5 bottom-0 left-[9px] w-0.5', style.line)} />}
      <span className={cn('relative z-10 mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full text-[11px] font-bold', style.dot)} aria-label={step.result}>
        {style.mark}
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline gap-2">
          <span className="text-[12.5px] font-semibold text-slate-900">{CHECK_LABELS[step.check]}</span>
          {step.result === 'assumed' && <span className="rounded bg-amber-100 px-1 text-[10px] font-medium text-amber-900">assumed</span>}
          {step.statement && <span className="font-mono text-[10.5px] text-slate-500">statement {step.statement}</span>}
        </div>
        {step.resource && (
          <button type="button" className="block max-w-full truncate text-left text-[11.5px] text-indigo-700 hover:underline" title={step.resource} onClick={() => onSelect?.(step.resource)} data-testid="access-step-resource">
            {label.kind && <span className="text-slate-500">{label.kind} </span>}
            {label.name}
          </button>
        )}
        <p
          className={cn('mt-0.5 text-[12px] leading-snug text-slate-700', step.result === 'pass' && !full && 'line-clamp-2 cursor-pointer')}
          onClick={() => setFull(true)}
          title={step.result === 'pass' && !full ? 'Show the whole sentence' : undefined}
          data-testid="access-step-detail"
        >
          {step.detail}
        </p>
        {isPolicy && owner && (
          <div className="mt-1">
            <button type="button" className="text-[11px] font-medium text-slate-500 hover:text-slate-900" onClick={() => setOpen(!open)}>
              {open ? '▾ Hide the policy' : '▸ Show the policy'}
            </button>
            {open && (
              <div className="mt-1">
                <PolicyView policy={owner.authPolicy?.policy} deciding={step.statement} tone={step.result === 'fail' ? 'deny' : 'allow'} />
              </div>
            )}
          </div>
        )}
      </div>
    </li>
  );
}

export function Verdict({ decision, topology, onSelect }: { decision: AccessDecision; topology: Topology; onSelect?: (id: string) => void }) {
  const allow = decision.decision === 'allow';
  const failing = decision.steps.find((s) => s.result === 'fail');
  return (
    <div data-testid="access-verdict" data-decision={decision.decision}>
      <div className={cn('mb-3 rounded-md px-3 py-2 ring-1 ring-inset', allow ? 'bg-emerald-50 ring-emerald-200' : 'bg-red-50 ring-red-200')}>
        <div className={cn('text-[15px] font-semibold', allow ? 'text-emerald-800' : 'text-red-800')} data-testid="access-decision">
          {allow ? 'Allowed' : decision.reachable ? 'Denied' : 'Unreachable'}
        </div>
        <p className="text-[12px] text-slate-700">
          {allow
            ? 'The network path exists and every policy in force allows the request.'
            : failing
              ? `Stopped at: ${CHECK_LABELS[failing.check].toLowerCase()}.`
              : 'Denied.'}
          <span className="ml-1 text-slate-500">
            Reachable: {decision.reachable ? 'yes' : 'no'} · authorized: {decision.authorized === null ? '—' : decision.authorized ? 'yes' : 'no'}
          </span>
        </p>
      </div>
      <ol aria-label="Steps">
        {decision.steps.map((s, i) => (
          <Step key={i} step={s} topology={topology} last={i === decision.steps.length - 1} onSelect={onSelect} />
        ))}
      </ol>
      {decision.route && (
        <div className="mt-1 rounded-md bg-slate-50 px-3 py-2 text-[11.5px] ring-1 ring-slate-200 ring-inset" data-testid="access-route">
          <div className="mb-1 font-semibold text-slate-700">Route</div>
          <div>
            Listener <span className="font-medium">{resourceLabel(topology, decision.route.listener).name}</span> → rule <span className="font-medium">{resourceLabel(topology, decision.route.rule).name}</span>
          </div>
          <ul className="mt-1 space-y-0.5">
            {decision.route.targetGroups.map((tg) => (
              <li key={tg.arn} className="flex items-center gap-2">
                <span className="h-1.5 rounded bg-indigo-500" style={{ width: `${Math.max(4, tg.share * 80)}px` }} />
                <span className="font-medium">{resourceLabel(topology, tg.arn).name}</span>
                <span className="text-slate-500">
                  weight {tg.weight} · {Math.round(tg.share * 100)}%
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
