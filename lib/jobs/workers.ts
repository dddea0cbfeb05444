import 'server-only';
// What each job does, registered on every console instance at start-up (instrumentation.ts)
// and by the stand-alone worker (scripts/jobs-worker.ts): the same handlers whichever queue
// runs them.
import { getConfig } from '@/lib/config';
import { recordAudit } from '@/lib/db';
import { failedRefreshDetails, isRefreshFailed, REFRESH_AUDIT_ACTION, requeueWaitingRefresh, runEstateRefreshJob } from '@/lib/estate/server';
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
  await queue.work('estate-refresh', async (data, job) => {
    // Through the process's gate: a refresh a user started here is joined, not repeated. Its
    // progress goes to the database, where whoever asked (on any instance) follows it.
    const ran = await runEstateRefreshJob(data, job, { queue, leaseSeconds: jobs.applyLeaseSeconds });
    // A refresh a user asked for is audited by their request (lib/estate refresh-jobs.ts); the schedule's here.
    if (!ran || data.refreshId) return;
    if ('result' in ran) {
      const { snapshot, topology } = ran.result;
      await recordAudit({ actor: data.user, action: REFRESH_AUDIT_ACTION, target: snapshot.id, outcome: topology.errors.length ? 'partial' : 'success', details: { nodes: snapshot.nodeCount, errors: snapshot.errorCount, calls: snapshot.calls, scheduled: true } });
    } else {
      const err = ran.error;
      const message = err instanceof Error ? err.message : String(err);
      await recordAudit({ actor: data.user, action: REFRESH_AUDIT_ACTION, outcome: 'failure', details: { ...failedRefreshDetails(message, isRefreshFailed(err) ? err.topology.errors : []), scheduled: true } });
    }
  });
  await requeueWaitingRefresh({ queue, leaseSeconds: jobs.applyLeaseSeconds }).catch((err: Error) => console.error(`trellis: could not queue the waiting refresh again: ${err.message}`));

  // Every instance asks; the queue runs one sweep per half lease, and one refresh per period.
  queue.every('plan-apply-sweep', {}, Math.max(1, Math.floor(jobs.applyLeaseSeconds / 2)));
  if (jobs.refreshEveryMinutes > 0) queue.every('estate-refresh', { user: 'schedule' }, jobs.refreshEveryMinutes * 60);
  return queue;
}
