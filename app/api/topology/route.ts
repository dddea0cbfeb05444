import { withRole } from '@/lib/auth';
import { describeAwsError } from '@/lib/aws';
import { currentSnapshot, estateRefreshUnderway, hasSnapshot, loadAccounts, readStateOfSnapshot } from '@/lib/estate/server';
import { ndjsonResponse } from '@/lib/http/ndjson';
import { toAccountDto, toSnapshotDto, type FirstViewEvent, type TopologyResponse } from './dto';

export const dynamic = 'force-dynamic';

async function topologyResponse(listeners?: Parameters<typeof currentSnapshot>[0]): Promise<TopologyResponse> {
  const [row, accounts] = await Promise.all([currentSnapshot(listeners), loadAccounts()]);
  const { topology, ...info } = row;
  const [read, refreshing] = await Promise.all([readStateOfSnapshot(row), estateRefreshUnderway()]);
  return {
    nodes: topology.nodes,
    edges: topology.edges,
    errors: topology.errors,
    discoveredAt: topology.discoveredAt ?? info.takenAt.toISOString(),
    snapshot: toSnapshotDto(info),
    accounts: accounts.accounts.filter((a) => a.enabled).map(toAccountDto),
    read,
    refreshing,
  };
}

/**
 * The newest discovered topology: `{ nodes, edges, errors, snapshot, accounts, read }` (`read`:
 * current, partial, stale or failed). Discovers first on a new console; a client that accepts
 * `application/x-ndjson` then gets that discovery as it goes (FirstViewEvent), each account's
 * topology as soon as it is read, so it can draw before the slowest account.
 */
export const GET = withRole('viewer', async (req) => {
  const streams = (req.headers.get('accept') ?? '').includes('application/x-ndjson');
  if (!streams || (await hasSnapshot())) return Response.json(await topologyResponse(), { headers: { 'Cache-Control': 'no-store' } });
  return ndjsonResponse<FirstViewEvent>(
    async (send) => {
      const topology = await topologyResponse({
        onStart: (accounts) => send({ type: 'start', accounts: accounts.map(toAccountDto) }),
        onProgress: ({ topology: read, ...p }) => {
          send({ type: 'progress', ...p });
          if (read) send({ type: 'account', account: p.account, region: p.region, topology: read });
        },
      });
      send({ type: 'topology', topology });
    },
    (err, send) => send({ type: 'error', message: describeAwsError(err).message }),
  );
});
