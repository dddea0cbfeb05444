import { withRole } from '@/lib/auth';
import { listTopologySnapshots } from '@/lib/db';
import { isFailedRead } from '@/lib/estate/server';
import { toSnapshotDto } from '../dto';

export const dynamic = 'force-dynamic';

/** Kept discoveries, newest first (without their topologies); one that read nothing is no comparison point and is left out. */
export const GET = withRole('viewer', async () => {
  const snapshots = (await listTopologySnapshots()).filter((s) => !isFailedRead(s));
  return Response.json({ snapshots: snapshots.map(toSnapshotDto) }, { headers: { 'Cache-Control': 'no-store' } });
});
