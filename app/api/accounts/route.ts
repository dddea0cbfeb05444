import { clientAddress, readJson, withRole } from '@/lib/auth';
import { loadAccounts, saveAccountEdit } from '@/lib/estate/server';

export const dynamic = 'force-dynamic';

/** The accounts and regions Trellis reads, with where each entry comes from. */
export const GET = withRole('admin', async () => {
  return Response.json(await loadAccounts(), { headers: { 'Cache-Control': 'no-store' } });
});

/** `{ id, name, roleArn?, externalId?, regions, enabled? }`: adds an account or overrides a configured one. */
export const POST = withRole('admin', async (req, { user }) => {
  const account = await saveAccountEdit(await readJson(req), user, clientAddress(req.headers));
  return Response.json({ account }, { status: 201 });
});
