import { readJson, withRole } from '@/lib/auth';
import { checkShareProposal } from '@/lib/plan/sharing/server';

export const dynamic = 'force-dynamic';

/**
 * `{ name, resourceArns, principals, allowExternalPrincipals? }`: checks a proposed share
 * against RAM's rules and the discovered estate, changing nothing. 400 names each bad field.
 */
export const POST = withRole('editor', async (req) => {
  return Response.json(await checkShareProposal(await readJson(req)));
});
