import { z } from 'zod';
import { parseInput, withRole } from '@/lib/auth';
import { planAccessDiff } from '@/lib/access-server';

export const dynamic = 'force-dynamic';

/** What the plan changes in access: pairs that become reachable or unreachable, and what named principals gain or lose. */
export const GET = withRole<{ planId: string }>('viewer', async (_req, { params }) => {
  const diff = await planAccessDiff(parseInput(z.string().uuid('a plan id'), params.planId));
  return Response.json(diff, { headers: { 'Cache-Control': 'no-store' } });
});
