import { clientAddress, withRole } from '@/lib/auth';
import { describeAwsError } from '@/lib/aws';
import { getConfig } from '@/lib/config';
import { recordAudit } from '@/lib/db';
import { estateRefreshGate, failedRefreshDetails, REFRESH_AUDIT_ACTION, RefreshFailedError } from '@/lib/estate/server';
import { ndjsonResponse } from '@/lib/http/ndjson';
import { toAccountDto, toSnapshotDto, type RefreshEvent } from '../dto';

export const dynamic = 'force-dynamic';

/**
 * Reads every enabled account again and stores the result as the new current snapshot.
 * Streams NDJSON: `start` with the accounts, `progress` per account (done, calls made, errors),
 * then `done` with the new snapshot (or `error`). It reads what changed before it was asked: while
 * a refresh runs, it is the next one (which others asking meanwhile join). A user who started one
 * moments ago gets 429 with Retry-After.
 */
export const POST = withRole('viewer', async (req, { user }) => {
  const address = clientAddress(req.headers);
  // Throws RefreshRateError (429) before the stream starts.
  const ticket = estateRefreshGate(getConfig().limits.refreshMinSeconds).reserve(user.name, { fresh: true });
  const { joined } = ticket;
  return ndjsonResponse<RefreshEvent>(
    async (send) => {
      const result = await ticket.follow({
        onStart: (accounts) => send({ type: 'start', accounts: accounts.map(toAccountDto) }),
        // Each account's topology stays out: this stream reports progress, the snapshot follows.
        onProgress: ({ topology: _topology, ...p }) => send({ type: 'progress', ...p }),
      });
      send({ type: 'done', snapshot: toSnapshotDto(result.snapshot), errors: result.topology.errors });
      // A refresh that could not read some accounts is partial: they keep their last good resources.
      const errors = result.topology.errors;
      await recordAudit({ actor: user, action: REFRESH_AUDIT_ACTION, target: result.snapshot.id, outcome: errors.length ? 'partial' : 'success', details: { nodes: result.snapshot.nodeCount, errors: result.snapshot.errorCount, calls: result.snapshot.calls, joined, ...(errors.length ? { failed: failedRefreshDetails('Some accounts could not be read.', errors).errors } : {}) }, address });
    },
    async (err, send) => {
      const message = err instanceof RefreshFailedError ? err.message : describeAwsError(err).message;
      send({ type: 'error', message });
      // The audit log is where a failed refresh is kept: it makes the snapshot on screen stale (lib/estate/read-state.ts).
      const details = failedRefreshDetails(message, err instanceof RefreshFailedError ? err.topology.errors : []);
      await recordAudit({ actor: user, action: REFRESH_AUDIT_ACTION, outcome: 'failure', details: { ...details, joined }, address }).catch(() => undefined);
    },
  );
});

/** How long GET waits for running refreshes to land before it answers that one still runs. */
const WAIT_MS = 55_000;

/**
 * `{ refreshing }` once no refresh runs on this console, or after a bounded wait: a page showing
 * a snapshot that was answered with `refreshing: true` asks here, then reads the estate again.
 */
export const GET = withRole('viewer', async () => {
  const gate = estateRefreshGate();
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([gate.settled(), new Promise<void>((resolve) => (timer = setTimeout(resolve, WAIT_MS)))]);
  clearTimeout(timer);
  return Response.json({ refreshing: gate.running() }, { headers: { 'Cache-Control': 'no-store' } });
});
