import { z } from 'zod';
import { parseInput, withRole } from '@/lib/auth';
import { createPlan } from '@/lib/plan/server';

export const dynamic = 'force-dynamic';

/** Plans the saved design against a fresh read of the accounts it touches. */
export const POST = withRole<{ designId: string }>('editor', async (_req, { params, user }) => {
  const plan = await createPlan(parseInput(z.string().uuid('a design id'), params.designId), user);
  return Response.json({ plan }, { status: 201 });
});
