import { clientAddress, withRole } from '@/lib/auth';
import { describeAwsError } from '@/lib/aws';
import { recordAudit } from '@/lib/db';
import { askEstateRefresh, EstateRefreshError, failedRefreshDetails, followEstateRefresh, REFRESH_AUDIT_ACTION } from '@/lib/estate/server';
import { ndjsonResponse } from '@/lib/http/ndjson';
import { toAccountDto, toSnapshotDto, type RefreshEvent } from '../dto';

export const dynamic = 'force-dynamic';

/**
 * Reads every enabled account again and stores the result as the new current snapshot. The
 * refresh runs as a job on whichever console instance takes it; this streams its progress as
 * NDJSON: `start` with the accounts, `progress` per account (done, calls made, errors), then
 * `done` with the new snapshot (or `error`). A refresh asked for while one waits (else runs)
 * joins it; a user who started one moments ago gets 429 with Retry-After.
 */
export const POST = withRole('viewer', async (req, { user }) => {
  const address = clientAddress(req.headers);
  // Throws RefreshRateError (429) before the stream starts.
  const { id, joined } = await askEstateRefresh(user.name);
  return ndjsonResponse<RefreshEvent>(
    async (send) => {
      const { snapshot, errors } = await followEstateRefresh(id, {
        onStart: (accounts) => send({ type: 'start', accounts: accounts.map(toAccountDto) }),
        onProgress: (p) => send({ type: 'progress', ...p }),
      });
      send({ type: 'done', snapshot: toSnapshotDto(snapshot), errors });
      // A refresh that could not read some accounts is partial: they keep their last good resources.
      await recordAudit({ actor: user, action: REFRESH_AUDIT_ACTION, target: snapshot.id, outcome: errors.length ? 'partial' : 'success', details: { nodes: snapshot.nodeCount, errors: snapshot.errorCount, calls: snapshot.calls, joined, refresh: id, ...(errors.length ? { failed: failedRefreshDetails('Some accounts could not be read.', errors).errors } : {}) }, address });
    },
    async (err, send) => {
      const message = err instanceof EstateRefreshError ? err.message : describeAwsError(err).message;
      send({ type: 'error', message });
      // The audit log is where a failed refresh is kept: it makes the snapshot on screen stale (lib/estate/read-state.ts).
      const details = failedRefreshDetails(message, err instanceof EstateRefreshError ? err.errors : []);
      await recordAudit({ actor: user, action: REFRESH_AUDIT_ACTION, outcome: 'failure', details: { ...details, joined, refresh: id }, address }).catch(() => undefined);
    },
  );
});
