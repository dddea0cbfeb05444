import { parseInput, readJson, withUser } from '@/lib/auth';
import { evaluateQuestion } from '@/lib/access-server';
import { accessRequestSchema } from '@/lib/access-server/schema';

export const dynamic = 'force-dynamic';

/**
 * "Can this caller reach and call that service?" Evaluates the newest discovered estate, or
 * with `design` the design's desired state. Any signed-in user or API token.
 */
export const POST = withUser(async (req) => {
  const body = parseInput(accessRequestSchema, await readJson(req));
  const decision = await evaluateQuestion(body);
  return Response.json(decision, { headers: { 'Cache-Control': 'no-store' } });
});
