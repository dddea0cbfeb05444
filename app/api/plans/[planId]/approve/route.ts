import { z } from 'zod';
import { parseInput, withRole } from '@/lib/auth';
import { approvePlan } from '@/lib/plan/server';

export const POST = withRole<{ planId: string }>('approver', async (_req, { params, user }) => {
  const plan = await approvePlan(parseInput(z.string().uuid('a plan id'), params.planId), user);
  return Response.json({ plan });
});
