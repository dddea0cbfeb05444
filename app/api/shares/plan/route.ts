import { readJson, withRole } from '@/lib/auth';
import { previewShareEdits } from '@/lib/plan/sharing/server';

export const dynamic = 'force-dynamic';

/**
 * `{ edits: [{ action: 'share' | 'update' | 'stop', … }] }`: the plan operations the sharing
 * edits become (create, associate, disassociate, delete), each with its consequence, checked
 * against RAM's rules and the live estate. Changes nothing; 400 names each bad field.
 */
export const POST = withRole('editor', async (req) => {
  return Response.json(await previewShareEdits(await readJson(req)));
});
