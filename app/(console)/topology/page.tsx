import type { Metadata } from 'next';
import { Suspense } from 'react';
import { can, requireRole } from '@/lib/auth';
import { TopologyExplorer } from '@/components/topology/topology-explorer';

export const metadata: Metadata = { title: 'Topology' };

export default async function TopologyPage() {
  const user = await requireRole('viewer');
  return (
    <Suspense>
      <TopologyExplorer canAnswerInvitations={can(user, 'approver')} canDesign={can(user, 'editor')} />
    </Suspense>
  );
}
