import type { Metadata } from 'next';
import { requireRole } from '@/lib/auth';
import { listPlans, plansAwaitingApproval } from '@/lib/plan/server';
import { getConfig } from '@/lib/config';
import { PageHeader } from '@/components/ui/panel';
import { PlansTable } from '@/components/plan/plans-table';

export const metadata: Metadata = { title: 'Plans' };
export const dynamic = 'force-dynamic';

export default async function PlansPage() {
  const user = await requireRole('viewer');
  const plans = await listPlans();
  const waiting = await plansAwaitingApproval(user, getConfig().requireApproval);
  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader title="Plans" description="Each plan is the exact list of API calls that turns the live estate into a design, computed against the live state." />
      {waiting.length > 0 && (
        <div className="mb-4" data-testid="plans-awaiting-approval">
          <PlansTable plans={waiting} title="Waiting for your approval" />
        </div>
      )}
      <PlansTable plans={plans} />
    </div>
  );
}
