import { clientAddress, errorJson, withRole } from '@/lib/auth';
import { describeAwsError, estateRefreshGate, RefreshFailedError, RefreshRateError } from '@/lib/aws';
import { getConfig } from '@/lib/config';
import { recordAudit } from '@/lib/db';
import type { RefreshEvent } from '@/components/topology/api';
import { toAccountDto, toSnapshotDto } from '../dto';

export const dynamic = 'force-dynamic';

/**
 * Discovers every configured account now and streams its progress as NDJSON: `start`, then
 * `progress` per account (done, calls made, errors), then `done` with the new snapshot (or `error`).
 */
export const POST = withRole('viewer', async (req, { user }) => {
  const encoder = new TextEncoder();
  const address = clientAddress(req.headers);
  // Joins a refresh already running, or starts one (429 when this user started one moments ago).
  let ticket;
  try {
    ticket = estateRefreshGate(getConfig().limits.refreshMinSeconds).reserve(user.name);
  } catch (err) {
    if (err instanceof RefreshRateError) return errorJson(429, err.message, undefined, { 'Retry-After': String(err.retryAfterSeconds) });
    throw err;
  }
  const { joined } = ticket;
  const follow = ticket.follow.bind(ticket);
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: RefreshEvent) => controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      try {
        const result = await follow({
          onStart: (accounts) => send({ type: 'start', accounts: accounts.map(toAccountDto) }),
          onProgress: (p) => send({ type: 'progress', ...p }),
        });
        send({ type: 'done', snapshot: toSnapshotDto(result.snapshot), errors: result.topology.errors });
        await recordAudit({ actor: user, action: 'topology.refresh', target: result.snapshot.id, outcome: 'success', details: { nodes: result.snapshot.nodeCount, errors: result.snapshot.errorCount, calls: result.snapshot.calls, joined }, address });
      } catch (err) {
        const message = err instanceof RefreshFailedError ? err.message : describeAwsError(err).message;
        send({ type: 'error', message });
        await recordAudit({ actor: user, action: 'topology.refresh', outcome: 'failure', details: { message, joined }, address }).catch(() => undefined);
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' } });
});
