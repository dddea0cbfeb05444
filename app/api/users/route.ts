import { clientAddress, createUser, getUsers, readJson, withRole } from '@/lib/auth';
import { toUserDto } from '@/lib/auth/dto';

export const GET = withRole('admin', async () => {
  const users = await getUsers();
  return Response.json({ users: users.map(toUserDto) });
});

export const POST = withRole('admin', async (req, { user }) => {
  const created = await createUser(await readJson(req), { ...user, address: clientAddress(req.headers) });
  return Response.json({ user: toUserDto(created) }, { status: 201 });
});
