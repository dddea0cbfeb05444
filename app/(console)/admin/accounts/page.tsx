import type { Metadata } from 'next';
import { requireRole } from '@/lib/auth';
import { loadAccounts } from '@/lib/estate/server';
import { Alert } from '@/components/ui/alert';
import { PageHeader, Panel } from '@/components/ui/panel';
import { AccountsAdmin } from '@/components/topology/accounts-admin';

export const metadata: Metadata = { title: 'AWS accounts' };
export const dynamic = 'force-dynamic';

export default async function AccountsPage() {
  await requireRole('admin');
  const view = await loadAccounts();
  return (
    <div className="max-w-6xl space-y-4">
      <PageHeader
        title="AWS accounts"
        description={`The accounts and regions Trellis discovers. Configured from ${view.origin}; edits made here are kept in the database and override it.`}
      />
      {view.configError && (
        <Alert tone="error" title="The account configuration cannot be used">
          {view.configError}
        </Alert>
      )}
      <Panel title="Accounts" description="Member accounts are read by assuming a role with the console's own credentials; the credentials are cached until shortly before they expire." bodyClassName="p-0">
        <div className="p-4">
          <AccountsAdmin accounts={view.accounts} />
        </div>
      </Panel>
    </div>
  );
}
