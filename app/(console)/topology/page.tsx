import type { Metadata } from 'next';
import { Suspense } from 'react';
import { requireRole } from '@/lib/auth';
import { TopologyExplorer } from '@/components/topology/topology-explorer';

export const metadata: Metadata = { title: 'Topology' };

export default async function TopologyPage() {
  await requireRole('viewer');
  return (
    <Suspense>
      <TopologyExplorer />
    </Suspense>
  );
}
