import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { can, requireRole } from '@/lib/auth';
import { loadAccounts } from '@/lib/estate/server';
import { getDesign } from '@/lib/plan/designs';
import { Designer } from '@/components/designer/designer';

export const metadata: Metadata = { title: 'Designer' };
export const dynamic = 'force-dynamic';

export default async function DesignPage({ params }: { params: Promise<{ designId: string }> }) {
  const user = await requireRole('viewer');
  const { designId } = await params;
  if (!/^[0-9a-f-]{36}$/.test(designId)) notFound();
  const design = await getDesign(designId).catch(() => null);
  if (!design) notFound();
  const accounts = await loadAccounts();
  return (
    <Designer
      id={design.id}
      name={design.name}
      document={design.document}
      version={design.version}
      updatedAt={design.updatedAt}
      editable={can(user, 'editor')}
      accounts={accounts.accounts.filter((a) => a.enabled).map((a) => ({ id: a.id, name: a.name, regions: a.regions }))}
    />
  );
}
