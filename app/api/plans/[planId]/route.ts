import { z } from 'zod';
import { parseInput, withRole } from '@/lib/auth';
import { getPlanView } from '@/lib/plan/server';

export const dynamic = 'force-dynamic';

export const GET = withRole<{ planId: string }>('viewer', async (_req, { params }) => {
  const view = await getPlanView(parseInput(z.string().uuid('a plan id'), params.planId));
  return Response.json(view, { headers: { 'Cache-Control': 'no-store' } });
});
