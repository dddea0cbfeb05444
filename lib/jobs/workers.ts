import 'server-only';
// What each job does, registered on every console instance at start-up (instrumentation.ts)
// and by the stand-alone worker (scripts/jobs-worker.ts): the same handlers whichever queue
// runs them.
import { getConfig } from '@/lib/config';
import { recordAudit } from '@/lib/db';
import { estateRefreshGate, failedRefreshDetails, REFRESH_AUDIT_ACTION, RefreshFailedError } from '@/lib/estate/server';
import { appliesToResume, runApply } from '@/lib/plan/server';
import { jobQueue } from './process';
import type { JobQueue } from './queue';

/** Applies one instance runs at once; more wait in the queue for any instance. */
const APPLY_CONCURRENCY = 4;

export async function startJobWorkers(): Promise<JobQueue> {
  const queue = await jobQueue();
  const { jobs } = getConfig();
  const leaseMs = jobs.applyLeaseSeconds * 1000;

  await queue.work(
    'plan-apply',
    async ({ planId, actor, statusBefore }) => {
      const result = await runApply(planId, { id: null, name: actor }, statusBefore, { leaseMs, refresh: true });
      if (result) console.log(`trellis: apply of plan ${planId} finished: ${result.outcome}`);
    },
    { concurrency: APPLY_CONCURRENCY },
  );
  await queue.work('plan-apply-sweep', async () => {
    for (const row of await appliesToResume(leaseMs)) {
      console.log(`trellis: resuming plan ${row.id}, whose apply stopped (its lease expired)`);
      await queue.send('plan-apply', { planId: row.id, actor: row.appliedBy ?? 'system', statusBefore: 'applying' });
    }
  });
  await queue.work('estate-refresh', async ({ user }) => {
    // Through the process's gate: a refresh a user started here is joined, not repeated.
    try {
      const result = await estateRefreshGate().reserve(user, { unmetered: true }).follow({});
      const errors = result.topology.errors;
      await recordAudit({ actor: user, action: REFRESH_AUDIT_ACTION, target: result.snapshot.id, outcome: errors.length ? 'partial' : 'success', details: { nodes: result.snapshot.nodeCount, errors: result.snapshot.errorCount, calls: result.snapshot.calls, scheduled: true } });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await recordAudit({ actor: user, action: REFRESH_AUDIT_ACTION, outcome: 'failure', details: { ...failedRefreshDetails(message, err instanceof RefreshFailedError ? err.topology.errors : []), scheduled: true } });
    }
  });

  // Every instance asks; the queue runs one sweep per half lease, and one refresh per period.
  queue.every('plan-apply-sweep', {}, Math.max(1, Math.floor(jobs.applyLeaseSeconds / 2)));
  if (jobs.refreshEveryMinutes > 0) queue.every('estate-refresh', { user: 'schedule' }, jobs.refreshEveryMinutes * 60);
  return queue;
}
