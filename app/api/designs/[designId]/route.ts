import { z } from 'zod';
import { parseInput, readJson, withRole } from '@/lib/auth';
import { deleteDesign, getDesign, renameDesignAs, saveDesign } from '@/lib/plan/designs';

export const dynamic = 'force-dynamic';

type Params = { designId: string };
const uuid = z.string().uuid('a design id');

export const GET = withRole<Params>('viewer', async (_req, { params }) => {
  const design = await getDesign(parseInput(uuid, params.designId));
  return Response.json({ design }, { headers: { 'Cache-Control': 'no-store' } });
});

const saveSchema = z.object({ document: z.unknown(), baseVersion: z.number().int().min(1, 'the version the editor loaded') });

/** Autosave: the whole document over the version it was edited from (409 when someone saved in between). */
export const PUT = withRole<Params>('editor', async (req, { params, user }) => {
  const { document, baseVersion } = parseInput(saveSchema, await readJson(req, 'design'));
  const saved = await saveDesign(parseInput(uuid, params.designId), document, baseVersion, user);
  return Response.json(saved);
});

const renameSchema = z.object({ name: z.string().trim().min(1, 'a name of 1 to 100 characters').max(100, 'a name of 1 to 100 characters') });

export const PATCH = withRole<Params>('editor', async (req, { params, user }) => {
  const { name } = parseInput(renameSchema, await readJson(req));
  const design = await renameDesignAs(parseInput(uuid, params.designId), name, user);
  return Response.json({ design: { id: design.id, name: design.name, version: design.version } });
});

export const DELETE = withRole<Params>('editor', async (_req, { params, user }) => {
  await deleteDesign(parseInput(uuid, params.designId), user);
  return new Response(null, { status: 204 });
});
