import type { Metadata } from 'next';
import { getTokens, getUsers, requireRole } from '@/lib/auth';
import { PageHeader, Panel } from '@/components/ui/panel';
import { CreateTokenForm } from '@/components/admin/create-token-form';
import { TokensTable } from '@/components/admin/tokens-table';

export const metadata: Metadata = { title: 'API tokens' };

export default async function TokensPage() {
  await requireRole('admin');
  const [tokens, users] = [await getTokens(), await getUsers()];
  return (
    <div className="max-w-6xl space-y-4">
      <PageHeader
        title="API tokens"
        description="Tokens let scripts and CI call the API as a user, with that user's roles. Only a hash is stored: a token is shown once, when it is created."
      />
      <Panel title="Create a token">
        <CreateTokenForm userNames={users.filter((u) => !u.disabledAt).map((u) => u.name)} />
      </Panel>
      <Panel title="All tokens" bodyClassName="p-0">
        <TokensTable
          tokens={tokens.map((t) => ({
            id: t.id,
            name: t.name,
            user: t.userName,
            prefix: t.prefix,
            createdBy: t.createdBy,
            createdAt: t.createdAt.toISOString(),
            expiresAt: t.expiresAt?.toISOString() ?? null,
            lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
            revokedAt: t.revokedAt?.toISOString() ?? null,
            status: t.status,
          }))}
        />
      </Panel>
    </div>
  );
}
