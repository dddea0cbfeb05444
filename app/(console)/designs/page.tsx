import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { can, requireRole } from '@/lib/auth';
import { loadAccounts } from '@/lib/estate/server';
import { listDesigns } from '@/lib/plan/designs';
import { PageHeader } from '@/components/ui/panel';
import { DesignsList } from '@/components/designer/designs-list';

export const metadata: Metadata = { title: 'Designs' };
export const dynamic = 'force-dynamic';

export default async function DesignsPage() {
  const user = await requireRole('viewer');
  const [designs, accounts] = await Promise.all([listDesigns(), loadAccounts()]);
  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader
        title="Designs"
        description="Changes drawn on the topology, reviewed as a plan, applied safely."
        actions={
          <Link href="/plans" className="text-sm font-medium text-indigo-700 hover:underline">
            All plans →
          </Link>
        }
      />
      <Suspense>
        <DesignsList
          designs={designs.map((d) => ({ ...d, createdAt: d.createdAt.toISOString(), updatedAt: d.updatedAt.toISOString() }))}
          accounts={accounts.accounts.filter((a) => a.enabled).map((a) => ({ id: a.id, name: a.name, regions: a.regions }))}
          canEdit={can(user, 'editor')}
        />
      </Suspense>
    </div>
  );
}
