import { z } from 'zod';
import { badRequest, notFound, withRole } from '@/lib/auth';
import { isFailedRead } from '@/lib/estate/server';
import { findTopologySnapshot, latestTopologySnapshot } from '@/lib/db';
import { diffTopologies } from '@/lib/topology';
import { toSnapshotDto, type ChangesResponse } from '../dto';

export const dynamic = 'force-dynamic';

const snapshotId = z.string().uuid('a snapshot id (a UUID from /api/topology/snapshots)');
const query = z.object({ from: snapshotId, to: z.union([snapshotId, z.literal('latest')]).default('latest') });

/** What changed between two snapshots: `?from=ID&to=ID|latest` → added, removed and changed resources. */
export const GET = withRole('viewer', async (req) => {
  const params = query.parse(Object.fromEntries(new URL(req.url).searchParams));
  const from = await findTopologySnapshot(params.from);
  if (!from) throw notFound(`No snapshot ${params.from}; it may have been pruned (the newest 50, and every one from the last 30 days, are kept).`);
  const to = params.to === 'latest' ? await latestTopologySnapshot() : await findTopologySnapshot(params.to);
  if (!to) throw notFound(`No snapshot ${params.to}.`);
  // Against a read that found nothing, everything would look new: the estate was unknown, not empty.
  for (const s of [from, to]) if (isFailedRead({ nodeCount: s.topology.nodes.length, errorCount: s.topology.errors.length })) throw badRequest(`The snapshot of ${s.takenAt.toISOString()} could not read any account; it cannot be compared with.`);
  const { topology: before, ...fromInfo } = from;
  const { topology: after, ...toInfo } = to;
  const body: ChangesResponse = { from: toSnapshotDto(fromInfo), to: toSnapshotDto(toInfo), diff: diffTopologies(before, after) };
  return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
});
