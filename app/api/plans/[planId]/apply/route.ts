import { z } from 'zod';
import { parseInput, withRole } from '@/lib/auth';
import { getConfig } from '@/lib/config';
import { startApply } from '@/lib/plan/server';

/**
 * Starts (or resumes) applying a plan and answers at once: the apply runs on in the console
 * and its progress is read from GET …/events, by this page or any other.
 */
export const POST = withRole<{ planId: string }>('editor', async (_req, { params, user }) => {
  const { resumed } = await startApply(parseInput(z.string().uuid('a plan id'), params.planId), user, { requireApproval: getConfig().requireApproval, refresh: true });
  return Response.json({ started: true, resumed }, { status: 202 });
});
