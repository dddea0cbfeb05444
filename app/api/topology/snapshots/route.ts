import { withRole } from '@/lib/auth';
import { listTopologySnapshots } from '@/lib/db';
import { toSnapshotDto } from '../dto';

export const dynamic = 'force-dynamic';

/** Kept discoveries, newest first (without their topologies). */
export const GET = withRole('viewer', async () => {
  const snapshots = await listTopologySnapshots();
  return Response.json({ snapshots: snapshots.map(toSnapshotDto) }, { headers: { 'Cache-Control': 'no-store' } });
});
