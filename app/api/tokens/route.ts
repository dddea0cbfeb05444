import { clientAddress, createToken, getTokens, readJson, withRole } from '@/lib/auth';
import { toTokenDto } from '@/lib/auth/dto';

export const GET = withRole('admin', async () => {
  const tokens = await getTokens();
  return Response.json({ tokens: tokens.map(toTokenDto) });
});

/** `{ user, name, expiresInDays? }` → the token, and its secret (shown this once only). */
export const POST = withRole('admin', async (req, { user }) => {
  const { token, secret } = await createToken(await readJson(req), { ...user, address: clientAddress(req.headers) });
  return Response.json({ token: toTokenDto(token), secret }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
});
