import { clientAddress, revokeToken, withRole } from '@/lib/auth';
import { toTokenDto } from '@/lib/auth/dto';

/** Revokes a token by id (or by label, when only one token has it). */
export const DELETE = withRole<{ id: string }>('admin', async (req, { user, params }) => {
  const token = await revokeToken(params.id, { ...user, address: clientAddress(req.headers) });
  return Response.json({ token: toTokenDto(token) });
});
