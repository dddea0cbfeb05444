import { clientAddress, withRole } from '@/lib/auth';
import { describeAwsError } from '@/lib/aws';
import { refreshEstate } from '@/lib/estate/server';
import { recordAudit } from '@/lib/db';
import { ndjsonResponse } from '@/lib/http/ndjson';
import { toAccountDto, toSnapshotDto, type RefreshEvent } from '../dto';

export const dynamic = 'force-dynamic';

/**
 * Discovers every configured account now and streams its progress as NDJSON: `start`, then
 * `progress` per account (done, calls made, errors), then `done` with the new snapshot (or `error`).
 */
export const POST = withRole('viewer', async (req, { user }) => {
  const address = clientAddress(req.headers);
  return ndjsonResponse<RefreshEvent>(
    async (send) => {
      const result = await refreshEstate({
        takenBy: user.name,
        signal: req.signal,
        onStart: (accounts) => send({ type: 'start', accounts: accounts.map(toAccountDto) }),
        onProgress: (p) => send({ type: 'progress', ...p }),
      });
      send({ type: 'done', snapshot: toSnapshotDto(result.snapshot), errors: result.topology.errors });
      await recordAudit({ actor: user, action: 'topology.refresh', target: result.snapshot.id, outcome: 'success', details: { nodes: result.snapshot.nodeCount, errors: result.snapshot.errorCount, calls: result.snapshot.calls }, address });
    },
    async (err, send) => {
      const message = describeAwsError(err).message;
      send({ type: 'error', message });
      await recordAudit({ actor: user, action: 'topology.refresh', outcome: 'failure', details: { message }, address }).catch(() => undefined);
    },
  );
});
