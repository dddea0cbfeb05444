import { clientAddress, withRole } from '@/lib/auth';
import { describeAwsError } from '@/lib/aws';
import { refreshEstate } from '@/lib/estate/server';
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
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: RefreshEvent) => controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      try {
        const result = await refreshEstate({
          takenBy: user.name,
          signal: req.signal,
          onStart: (accounts) => send({ type: 'start', accounts: accounts.map(toAccountDto) }),
          onProgress: (p) => send({ type: 'progress', ...p }),
        });
        send({ type: 'done', snapshot: toSnapshotDto(result.snapshot), errors: result.topology.errors });
        await recordAudit({ actor: user, action: 'topology.refresh', target: result.snapshot.id, outcome: 'success', details: { nodes: result.snapshot.nodeCount, errors: result.snapshot.errorCount, calls: result.snapshot.calls }, address });
      } catch (err) {
        const message = describeAwsError(err).message;
        send({ type: 'error', message });
        await recordAudit({ actor: user, action: 'topology.refresh', outcome: 'failure', details: { message }, address }).catch(() => undefined);
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' } });
});
