import { z } from 'zod';
import { parseInput, withRole } from '@/lib/auth';
import { ndjsonResponse } from '@/lib/http/ndjson';
import { applyProgress } from '@/lib/plan/server';

export const dynamic = 'force-dynamic';

const POLL_MS = 400;
const MAX_MS = 30 * 60_000;

/**
 * Apply progress as NDJSON: one line per journal entry after `cursor`, as they are written
 * (by whichever console instance runs the apply), then a last `{ "type": "end" }` line once
 * the plan is no longer applying.
 */
export const GET = withRole<{ planId: string }>('viewer', async (req, { params }) => {
  const id = parseInput(z.string().uuid('a plan id'), params.planId);
  let cursor = parseInput(z.coerce.number().int().min(0, 'a journal position'), new URL(req.url).searchParams.get('cursor') ?? '0');
  await applyProgress(id, cursor); // 404 before the stream starts
  const started = Date.now();
  return ndjsonResponse<unknown>(
    async (send) => {
      for (;;) {
        if (req.signal.aborted) break;
        const progress = await applyProgress(id, cursor);
        for (const e of progress.entries) {
          send({ type: 'journal', ...e });
          cursor = e.id;
        }
        if (progress.status !== 'applying' || Date.now() - started > MAX_MS) {
          send({ type: 'end', status: progress.status, outcome: progress.outcome, ...(progress.reason ? { reason: progress.reason } : {}), cursor });
          break;
        }
        send({ type: 'tick', cursor });
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    },
    (err, send) => send({ type: 'error', message: (err as Error).message }),
  );
});
