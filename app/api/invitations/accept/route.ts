import { clientAddress, readJson, withRole } from '@/lib/auth';
import { answerInvitation } from '@/lib/sharing/server';

export const dynamic = 'force-dynamic';

/** `{ invitationArn }`: accepts as the configured account that received it. Approvers and admins; audited. */
export const POST = withRole(['approver', 'admin'], async (req, { user }) => {
  return Response.json(await answerInvitation(await readJson(req), 'accept', user, clientAddress(req.headers)));
});
