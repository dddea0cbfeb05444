import { clientAddress, notFound, withRole } from '@/lib/auth';
import { revertAccountEdit } from '@/lib/estate/server';

export const dynamic = 'force-dynamic';

/** Drops the admin's edit of an account: its configured entry applies again (or it goes, if it was added here). */
export const DELETE = withRole<{ id: string }>('admin', async (req, { user, params }) => {
  if (!(await revertAccountEdit(params.id, user, clientAddress(req.headers)))) throw notFound(`Account ${params.id} has no edit to revert.`);
  return Response.json({ reverted: params.id });
});
