import type { Metadata } from 'next';
import { Suspense } from 'react';
import { requireRole } from '@/lib/auth';
import { loadAccounts } from '@/lib/estate/server';
import { liveTopology } from '@/lib/access-server';
import { principalsOf } from '@/lib/access-server/engine';
import { PageHeader } from '@/components/ui/panel';
import { AccessMatrix } from '@/components/access/access-matrix';

export const metadata: Metadata = { title: 'Access' };
export const dynamic = 'force-dynamic';

export default async function AccessPage() {
  await requireRole('viewer');
  const [{ topology }, accounts] = await Promise.all([liveTopology(), loadAccounts()]);
  const principals = principalsOf(topology);
  return (
    <div className="mx-auto max-w-[1400px]">
      <PageHeader title="Access" description="Who can call what: for one principal and one request, every caller VPC against every service, as the network path and the auth policies decide it." />
      <Suspense>
        <AccessMatrix principals={principals} accountNames={Object.fromEntries(accounts.accounts.map((a) => [a.id, a.name]))} />
      </Suspense>
    </div>
  );
}
