import { z } from 'zod';
import { parseInput, withRole } from '@/lib/auth';
import { listPlans } from '@/lib/plan/server';

export const dynamic = 'force-dynamic';

export const GET = withRole('viewer', async (req) => {
  const raw = new URL(req.url).searchParams.get('design');
  const designId = raw === null ? undefined : parseInput(z.object({ design: z.string().uuid('a design id') }), { design: raw }).design;
  const plans = await listPlans(designId ? { designId } : {});
  return Response.json({ plans }, { headers: { 'Cache-Control': 'no-store' } });
});
