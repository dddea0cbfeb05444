import { notFound, withRole } from '@/lib/auth';
import { testAccountConnection } from '@/lib/aws';
import { loadAccounts } from '@/lib/estate/server';

export const dynamic = 'force-dynamic';

/** Calls GetCallerIdentity as the account (through its role): the identity, or the exact AWS error. */
export const POST = withRole<{ id: string }>('admin', async (_req, { params }) => {
  const { accounts } = await loadAccounts();
  const account = accounts.find((a) => a.id === params.id);
  if (!account) throw notFound(`Account ${params.id} is not configured.`);
  return Response.json(await testAccountConnection(account), { headers: { 'Cache-Control': 'no-store' } });
});
