'use client';
// A plan as `terraform plan` would show it: the counts per kind of change, the operations
// grouped by account, each expandable to its field diff, destructive ones standing out with
// their consequence. Approve and apply from here; the apply streams operation by operation.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PlanView } from '@/lib/plan/server';
import { changedResources, countStates, durationMs, headlineCounts } from '@/lib/plan';
import { describeKey } from '@/lib/topology/design';
import { Alert } from '@/components/ui/alert';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ExportButton } from '@/components/export/export-dialog';
import { PlanCostLine } from '@/components/cost/plan-cost';
import { cn } from '@/components/ui/cn';
import { Time } from '@/components/ui/time';
import { api } from '@/components/designer/api';
import { OperationRow } from './operation-row';
import { FieldDiff } from './field-diff';
import { lookOf } from './symbols';
import { useApplyStream } from './use-apply-stream';
import { useNow } from './use-now';
import { ApplyConfirmDialog } from './apply-confirm-dialog';
import { PlanAccess } from '@/components/access/plan-access';
import { PlanMarkdownButtons } from './plan-markdown';

const STATUS_TONE: Record<string, BadgeTone> = { planned: 'indigo', approved: 'sky', applying: 'amber', applied: 'green', failed: 'red', stale: 'neutral' };

export interface PlanReviewProps {
  initial: PlanView;
  user: string;
  canApply: boolean;
  canApprove: boolean;
  requireApproval: boolean;
  accountNames: Record<string, string>;
}

export function PlanReview({ initial, user, canApply, canApprove, requireApproval, accountNames }: PlanReviewProps) {
  const router = useRouter();
  const [view, setView] = useState(initial);
  const [busy, setBusy] = useState<'apply' | 'approve' | 'replan' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stream = useApplyStream(view.plan.id, view.operations, { states: initial.states, messages: initial.messages, timings: initial.timings });
  const [confirming, setConfirming] = useState(false);
  const now = useNow(stream.following);
  const { plan, operations } = view;

  const reload = async () => {
    const r = await api<PlanView>('GET', `/api/plans/${plan.id}`);
    if (r.ok) {
      setView(r.data);
      stream.setStates(r.data.states);
      stream.setMessages(r.data.messages);
      stream.setTimings(r.data.timings);
    }
  };

  // A plan being applied (here or by another console) is followed as soon as it is opened.
  useEffect(() => {
    if (initial.plan.status === 'applying') void stream.follow(initial.journalCursor).then(() => reload());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const destructive = operations.filter((o) => lookOf(o).destructive);
  const apply = async () => {
    setConfirming(false);
    setBusy('apply');
    setError(null);
    const r = await api<{ started: boolean }>('POST', `/api/plans/${plan.id}/apply`);
    setBusy(null);
    if (!r.ok) {
      setError(r.message);
      return reload();
    }
    setView((v) => ({ ...v, plan: { ...v.plan, status: 'applying' } }));
    await stream.follow(view.journalCursor);
    await reload();
    router.refresh();
  };

  const closeConfirm = useCallback(() => setConfirming(false), []);

  const approve = async () => {
    setBusy('approve');
    setError(null);
    const r = await api<{ plan: PlanView['plan'] }>('POST', `/api/plans/${plan.id}/approve`);
    setBusy(null);
    if (!r.ok) return setError(r.message);
    setView((v) => ({ ...v, plan: r.data.plan }));
  };

  const replan = async () => {
    if (!plan.designId) return;
    setBusy('replan');
    const r = await api<{ plan: { id: string } }>('POST', `/api/designs/${plan.designId}/plan`);
    setBusy(null);
    if (!r.ok) return setError(r.message);
    router.push(`/plans/${r.data.plan.id}`);
  };

  const groups = useMemo(() => {
    const map = new Map<string, typeof operations>();
    for (const op of operations) {
      const k = `${op.account}|${op.region}`;
      map.set(k, [...(map.get(k) ?? []), op]);
    }
    return [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [operations]);
  const labels = useMemo(() => new Map(operations.map((o) => [o.id, o.label])), [operations]);
  const counts = countStates(stream.states);
  const started = plan.status !== 'planned' && plan.status !== 'approved' && (plan.applyStartedAt !== null || counts.succeeded + counts.failed + counts.running + counts.waiting > 0);
  const s = plan.summary;
  const headline = headlineCounts(s);
  const finished = ['applied', 'failed', 'stale'].includes(plan.status);
  const needsApproval = requireApproval && plan.status === 'planned';
  const mayApply = canApply && operations.length > 0 && (plan.status === 'planned' || plan.status === 'approved' || (plan.status === 'applying' && !stream.following && view.lockedBy.length === 0)) && !(requireApproval && plan.status === 'planned');
  const done = counts.succeeded + counts.failed + counts.skipped;

  return (
    <div className="mx-auto max-w-5xl space-y-4" data-testid="plan-review" data-status={plan.status}>
      {confirming && <ApplyConfirmDialog summary={plan.summary} operations={operations} onConfirm={() => void apply()} onCancel={closeConfirm} />}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-[12px] text-slate-500">
            <Link href="/plans" className="hover:text-slate-800">Plans</Link> / {plan.designId ? <Link href={`/designs/${plan.designId}`} className="hover:text-slate-800">{plan.designName}</Link> : plan.designName} · version {plan.designVersion}
          </p>
          <h1 className="mt-0.5 flex items-center gap-2 text-lg font-semibold tracking-tight text-slate-900">
            Plan <span className="font-mono text-[13px] font-normal text-slate-500">{plan.id.slice(0, 8)}</span>
            <Badge tone={STATUS_TONE[plan.status] ?? 'neutral'}>
              <span data-testid="plan-status">{plan.status}</span>
            </Badge>
          </h1>
          <p className="mt-0.5 text-[12px] text-slate-500">
            Computed by {plan.createdBy} at <Time value={plan.createdAt} /> against the live state of {plan.accounts.length || 'no'} account{plan.accounts.length === 1 ? '' : 's'}
            {plan.approvedBy && <> · approved by {plan.approvedBy}</>}
            {plan.appliedBy && <> · applied by {plan.appliedBy}</>}
          </p>
        </div>
        <div className="flex items-center gap-2">
          <PlanMarkdownButtons input={{ plan, operations, accountNames }} />
          {plan.designId && operations.length > 0 && <ExportButton scopes={[{ scope: `plan:${plan.id}`, label: `What plan ${plan.id.slice(0, 8)} changes` }]} label="Export changes as code" />}
          {requireApproval && canApprove && plan.status === 'planned' && plan.createdBy !== user && (
            <Button onClick={approve} disabled={busy !== null} data-testid="approve-button">
              {busy === 'approve' ? 'Approving…' : 'Approve'}
            </Button>
          )}
          {canApply && (
            <Button variant={destructive.length ? 'danger' : 'primary'} className={destructive.length ? '!bg-red-600 !text-white hover:!bg-red-500' : undefined} onClick={() => (plan.status === 'applying' ? void apply() : setConfirming(true))} disabled={!mayApply || busy !== null || stream.following} data-testid="apply-button" title={needsApproval ? 'An approver must approve this plan first' : undefined}>
              {stream.following ? 'Applying…' : plan.status === 'applying' ? 'Resume apply' : busy === 'apply' ? 'Starting…' : 'Apply plan'}
            </Button>
          )}
        </div>
      </div>

      {plan.designId && operations.length > 0 && <PlanCostLine planId={plan.id} />}
      <div className="rounded-lg bg-slate-900 px-4 py-3 font-mono text-[13px] text-slate-100" data-testid="plan-summary">
        {operations.length === 0 ? (
          <span>
            <span className="text-emerald-400">No changes.</span> The live estate matches the design.
          </span>
        ) : (
          <>
            <span className="font-semibold">Plan:</span> <span className="text-emerald-400">{headline.add} to add</span>, <span className="text-amber-300">{headline.change} to change</span>, <span className="text-rose-300">{headline.replace} to replace</span>, <span className="text-red-400">{headline.destroy} to destroy</span>.
            <div className="mt-1.5 flex flex-wrap gap-x-4 gap-y-0.5 text-[11.5px] text-slate-400">
              {(
                [
                  ['create', s.create],
                  ['associate', s.associate],
                  ['update', s.update],
                  ['add policy', s.addPolicy ?? 0],
                  ['put policy', s.putPolicy],
                  ['replace', s.replace],
                  ['destroy', s.delete],
                  ['disassociate', s.disassociate],
                  ['delete policy', s.deletePolicy],
                ] as const
              )
                .filter(([, n]) => n > 0)
                .map(([k, n]) => (
                  <span key={k} data-testid={`count-${k.replace(' ', '-')}`}>
                    {n} {k}
                  </span>
                ))}
              <span>· {operations.length} API calls</span>
              <span data-testid="plan-resource-count">· {changedResources(operations)} resource{changedResources(operations) === 1 ? '' : 's'} from live</span>
            </div>
          </>
        )}
      </div>

      {operations.length > 0 && <PlanAccess planId={plan.id} status={plan.status} />}

      {error && <Alert tone="error">{error}</Alert>}
      {stream.error && <Alert tone="warning">{stream.error}</Alert>}
      {needsApproval && (
        <Alert tone="info" title="Waiting for approval">
          This console requires an approver to approve a plan before it is applied{plan.createdBy === user ? ', and nobody approves their own plan.' : '.'}
        </Alert>
      )}
      {view.lockedBy.length > 0 && plan.status !== 'applying' && (
        <Alert tone="warning" title="Another apply is running">
          {view.lockedBy.map((l) => `Account ${l.account} is being changed by plan ${l.planId.slice(0, 8)} (${l.owner}).`).join(' ')} Applying now will be refused until it finishes.
        </Alert>
      )}
      {plan.outcome === 'not-started' && (plan.status === 'planned' || plan.status === 'approved') && (
        <div data-testid="apply-not-started">
          <Alert tone="error" title="The apply did not start">
            <p>{view.stale?.message ?? 'Reading the live estate before applying failed. Nothing was changed; try again.'}</p>
          </Alert>
        </div>
      )}
      {plan.status === 'stale' && (
        <Alert tone="error" title="Refused: the plan is stale">
          <p>{view.stale?.message ?? 'The live state changed after this plan was computed.'} Nothing was changed.</p>
          {view.stale && view.stale.changes.length > 0 && (
            <ul className="mt-1 space-y-1.5 text-[12px]" data-testid="stale-changes">
              {view.stale.changes.map((c) => (
                <li key={c.key} data-testid="stale-change" data-key={c.key}>
                  <span className="font-medium">{describeKey(c.key)}</span> {c.change === 'appeared' ? 'was created' : c.change === 'disappeared' ? 'was deleted' : 'was changed'} out of band
                  {c.fields && c.fields.length > 0 && (
                    <div className="mt-1 rounded bg-white/70 p-1.5 ring-1 ring-red-100" data-testid="stale-fields">
                      <FieldDiff changes={c.fields.map((f) => ({ path: f.path, before: f.before, after: f.after }))} created={false} beforeLabel="When planned" afterLabel="Live now" />
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
          {canApply && plan.designId && (
            <Button size="sm" className="mt-2" onClick={replan} disabled={busy !== null}>
              {busy === 'replan' ? 'Planning…' : 'Plan again'}
            </Button>
          )}
        </Alert>
      )}
      {plan.warnings.length > 0 && (
        <Alert tone="warning" title="Worth knowing before applying">
          <ul className="list-disc pl-5 text-[12.5px]">
            {plan.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Alert>
      )}

      {started && operations.length > 0 && (
        <div className="rounded-lg bg-white p-3 ring-1 ring-slate-200" data-testid="apply-progress">
          <div className="mb-1.5 flex justify-between text-[12px] text-slate-600">
            <span>
              {stream.following ? 'Applying' : plan.status === 'applied' ? 'Applied' : plan.status === 'failed' ? 'Finished with failures' : plan.status === 'applying' ? 'Interrupted: resume to finish' : 'Apply'} · {counts.succeeded} of {operations.length} done
              {counts.failed > 0 && <span className="text-red-700"> · {counts.failed} failed</span>}
              {counts.skipped > 0 && <span className="text-slate-500"> · {counts.skipped} skipped</span>}
            </span>
            {plan.applyFinishedAt && (
              <span>
                finished <Time value={plan.applyFinishedAt} />
              </span>
            )}
          </div>
          <div className="flex h-2 overflow-hidden rounded-full bg-slate-100">
            <div className="bg-emerald-500 transition-all" style={{ width: `${(counts.succeeded / operations.length) * 100}%` }} />
            <div className="bg-red-500 transition-all" style={{ width: `${(counts.failed / operations.length) * 100}%` }} />
            <div className="bg-slate-300 transition-all" style={{ width: `${(counts.skipped / operations.length) * 100}%` }} />
            {stream.following && done < operations.length && <div className="animate-pulse bg-sky-300" style={{ width: `${((counts.running + counts.waiting) / operations.length) * 100}%` }} />}
          </div>
        </div>
      )}

      {groups.map(([key, ops]) => {
        const [account, region] = key.split('|');
        return (
          <section key={key} className="overflow-hidden rounded-lg bg-white ring-1 ring-slate-200" data-testid="plan-account">
            <header className="flex items-center gap-2 border-b border-slate-200 bg-slate-50 px-4 py-2 text-[12.5px]">
              <span className="font-semibold text-slate-800">{accountNames[account] ?? 'Account'}</span>
              <span className="font-mono text-slate-500">{account}</span>
              <span className="text-slate-400">·</span>
              <span className="text-slate-500">{region}</span>
              <span className="ml-auto text-slate-500">
                {ops.length} operation{ops.length === 1 ? '' : 's'}
                {ops.some((o) => lookOf(o).destructive) && <span className="ml-2 font-medium text-red-700">{ops.filter((o) => lookOf(o).destructive).length} destructive</span>}
              </span>
            </header>
            <ul>
              {ops.map((op) => (
                <OperationRow key={op.id} op={op} state={stream.states[op.id] ?? 'pending'} message={stream.messages[op.id]} showState={started} labels={labels} duration={durationMs(stream.timings[op.id], now)} />
              ))}
            </ul>
          </section>
        );
      })}
      {finished && plan.designId && (
        <p className="text-[12px] text-slate-500">
          <Link href={`/designs/${plan.designId}`} className="text-indigo-700 hover:underline">
            Back to the design
          </Link>{' '}
          to see it live on the canvas.
        </p>
      )}
    </div>
  );
}
