import { withRole } from '@/lib/auth';
import { currentSnapshot, loadAccounts, readStateOfSnapshot } from '@/lib/estate/server';
import { toAccountDto, toSnapshotDto, type TopologyResponse } from './dto';

export const dynamic = 'force-dynamic';

/** The newest discovered topology: `{ nodes, edges, errors, snapshot, accounts, read }` (`read`: current, partial, stale or failed). Discovers first on a new console. */
export const GET = withRole('viewer', async () => {
  const [row, accounts] = await Promise.all([currentSnapshot(), loadAccounts()]);
  const { topology, ...info } = row;
  const read = await readStateOfSnapshot(row);
  const body: TopologyResponse = {
    nodes: topology.nodes,
    edges: topology.edges,
    errors: topology.errors,
    discoveredAt: topology.discoveredAt ?? info.takenAt.toISOString(),
    snapshot: toSnapshotDto(info),
    accounts: accounts.accounts.filter((a) => a.enabled).map(toAccountDto),
    read,
  };
  return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
});
