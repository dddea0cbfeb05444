import { z } from 'zod';
import { parseInput, readJson, withRole } from '@/lib/auth';
import { createDesign, listDesigns } from '@/lib/plan/designs';

export const dynamic = 'force-dynamic';

const account = z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id');
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'an AWS region name such as us-east-1');
const createSchema = z.object({
  name: z.string().trim().min(1, 'a name of 1 to 100 characters').max(100, 'a name of 1 to 100 characters'),
  start: z.enum(['empty', 'live', 'selection'], { error: 'one of empty, live, selection' }).default('empty'),
  selection: z.array(z.string().max(2048)).max(10_000).optional(),
  account,
  region,
});

export const GET = withRole('viewer', async () => {
  const designs = await listDesigns();
  return Response.json({ designs }, { headers: { 'Cache-Control': 'no-store' } });
});

export const POST = withRole('editor', async (req, { user }) => {
  const input = parseInput(createSchema, await readJson(req, 'design'));
  const design = await createDesign(input, user);
  return Response.json({ design }, { status: 201 });
});
