import { z } from 'zod';
import { readJson, withRole } from '@/lib/auth';
import { clearNodePositions, getNodePositions, saveNodePositions } from '@/lib/db';

export const dynamic = 'force-dynamic';

const point = z.object({ x: z.number({ error: 'a number' }).finite().min(-1e7).max(1e7), y: z.number({ error: 'a number' }).finite().min(-1e7).max(1e7) });
const body = z.object({
  positions: z.record(z.string().min(1).max(2048), point).refine((p) => Object.keys(p).length <= 5000, 'at most 5,000 positions at once'),
});

/** The current user's box positions on the canvas. */
export const GET = withRole('viewer', async (_req, { user }) => {
  return Response.json({ positions: await getNodePositions(user.id) }, { headers: { 'Cache-Control': 'no-store' } });
});

/** `{ positions: { [nodeId]: { x, y } } }`: remembers where the user put these boxes. */
export const PUT = withRole('viewer', async (req, { user }) => {
  const { positions } = body.parse(await readJson(req));
  await saveNodePositions(user.id, positions);
  return Response.json({ saved: Object.keys(positions).length });
});

/** Forgets the user's positions: the automatic layout applies again. */
export const DELETE = withRole('viewer', async (_req, { user }) => {
  await clearNodePositions(user.id);
  return Response.json({ cleared: true });
});
