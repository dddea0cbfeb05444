import { z } from 'zod';
import { parseInput, readJson, withRole } from '@/lib/auth';
import { duplicateDesign } from '@/lib/plan/designs';

const schema = z.object({ name: z.string().trim().min(1, 'a name of 1 to 100 characters').max(100, 'a name of 1 to 100 characters') });

export const POST = withRole<{ designId: string }>('editor', async (req, { params, user }) => {
  const { name } = parseInput(schema, await readJson(req));
  const design = await duplicateDesign(parseInput(z.string().uuid('a design id'), params.designId), name, user);
  return Response.json({ design: { id: design.id, name: design.name } }, { status: 201 });
});
