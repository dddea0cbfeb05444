import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { can, requireRole } from '@/lib/auth';
import { loadAccounts } from '@/lib/estate/server';
import { getConfig } from '@/lib/config';
import { getPlanView } from '@/lib/plan/server';
import { PlanReview } from '@/components/plan/plan-review';

export const metadata: Metadata = { title: 'Plan' };
export const dynamic = 'force-dynamic';

export default async function PlanPage({ params }: { params: Promise<{ planId: string }> }) {
  const user = await requireRole('viewer');
  const { planId } = await params;
  if (!/^[0-9a-f-]{36}$/.test(planId)) notFound();
  const view = await getPlanView(planId).catch(() => null);
  if (!view) notFound();
  const accounts = await loadAccounts();
  return (
    <PlanReview
      initial={view}
      user={user.name}
      canApply={can(user, 'editor')}
      canApprove={can(user, 'approver')}
      requireApproval={getConfig().requireApproval}
      accountNames={Object.fromEntries(accounts.accounts.map((a) => [a.id, a.name]))}
    />
  );
}
