import { parseInput, withUser } from '@/lib/auth';
import { accessMatrixFor } from '@/lib/access-server';
import { accessMatrixSchema } from '@/lib/access-server/schema';

export const dynamic = 'force-dynamic';

/** Every caller VPC × every service for one principal (`principal` absent or empty = anonymous) and one request. */
export const GET = withUser(async (req) => {
  const q = new URL(req.url).searchParams;
  const input = {
    principal: q.get('principal') || null,
    method: q.get('method') ?? 'GET',
    path: q.get('path') ?? '/',
    ...(q.get('design') ? { design: q.get('design') } : {}),
  };
  const matrix = await accessMatrixFor(parseInput(accessMatrixSchema, input));
  return Response.json(matrix, { headers: { 'Cache-Control': 'no-store' } });
});
