import type { Metadata } from 'next';
import { requireRole } from '@/lib/auth';
import { listPlans } from '@/lib/plan/server';
import { PageHeader } from '@/components/ui/panel';
import { PlansTable } from '@/components/plan/plans-table';

export const metadata: Metadata = { title: 'Plans' };
export const dynamic = 'force-dynamic';

export default async function PlansPage() {
  await requireRole('viewer');
  const plans = await listPlans();
  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader title="Plans" description="Each plan is the exact list of API calls that turns the live estate into a design, computed against the live state." />
      <PlansTable plans={plans} />
    </div>
  );
}
