import { clientAddress, withRole } from '@/lib/auth';
import { describeAwsError } from '@/lib/aws';
import { recordAudit } from '@/lib/db';
import { askEstateRefresh, EstateRefreshError, failedRefreshDetails, followEstateRefresh, REFRESH_AUDIT_ACTION, waitForEstateRefreshes } from '@/lib/estate/server';
import { ndjsonResponse } from '@/lib/http/ndjson';
import { toAccountDto, toSnapshotDto, type RefreshEvent } from '../dto';

export const dynamic = 'force-dynamic';

/**
 * Reads every enabled account again and stores the result as the new current snapshot. The
 * refresh runs as a job on whichever console instance takes it; this streams its progress as
 * NDJSON: `start` with the accounts, `progress` per account (done, calls made, errors), then
 * `done` with the new snapshot (or `error`). It reads what changed before it was asked: while a
 * refresh runs, it is the next one, which others asking meanwhile join. A user who started one
 * moments ago gets 429 with Retry-After (and may only join).
 */
export const POST = withRole('viewer', async (req, { user }) => {
  const address = clientAddress(req.headers);
  // Throws RefreshRateError (429) before the stream starts.
  const { id, joined } = await askEstateRefresh(user.name, { fresh: true });
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

/** How long GET waits for refreshes under way to land before it answers that one still runs. */
const WAIT_MS = 55_000;

/**
 * `{ refreshing }` once no refresh waits or runs (on any instance), or after a bounded wait: a
 * page that read the estate while one was under way asks here, then reads the estate again.
 */
export const GET = withRole('viewer', async () => {
  const refreshing = await waitForEstateRefreshes(WAIT_MS);
  return Response.json({ refreshing }, { headers: { 'Cache-Control': 'no-store' } });
});
