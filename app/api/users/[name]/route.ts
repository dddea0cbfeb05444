import { clientAddress, readJson, updateUser, withRole } from '@/lib/auth';
import { toUserDto } from '@/lib/auth/dto';

/** Changes a user: `{ displayName?, password?, roles?, disabled?, endSessions? }`. */
export const PATCH = withRole<{ name: string }>('admin', async (req, { user, params }) => {
  const updated = await updateUser(params.name, await readJson(req), { ...user, address: clientAddress(req.headers) });
  return Response.json({ user: toUserDto(updated) });
});
