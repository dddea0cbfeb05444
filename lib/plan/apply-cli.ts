// Applies (or resumes) a saved plan from a shell, printing progress as NDJSON:
//   node --import tsx --conditions=react-server lib/plan/apply-cli.ts PLAN_ID [--lease-ms N] [--lock-wait-ms N] [--concurrency N]
// It uses the console's database (DATABASE_URL or the data directory) and AWS settings.
import { parseArgs } from 'node:util';
import { closeDb } from '@/lib/db/client';
import { startApply } from './server';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'lease-ms': { type: 'string', default: '30000' },
    'lock-wait-ms': { type: 'string', default: '0' },
    concurrency: { type: 'string', default: '8' },
    'poll-ms': { type: 'string', default: '1000' },
    actor: { type: 'string', default: `cli:${process.env.USER ?? 'unknown'}` },
  },
});

async function main() {
  const planId = positionals[0];
  if (!planId) throw new Error('usage: apply-cli.ts PLAN_ID [--lease-ms N] [--lock-wait-ms N] [--concurrency N]');
  const requireApproval = ['1', 'true'].includes(process.env.TRELLIS_REQUIRE_APPROVAL ?? '');
  const { resumed, done } = await startApply(planId, { id: null, name: values.actor! }, {
    requireApproval,
    wait: true,
    leaseMs: Number(values['lease-ms']),
    lockWaitMs: Number(values['lock-wait-ms']),
    concurrency: Number(values.concurrency),
    pollMs: Number(values['poll-ms']),
  });
  console.log(JSON.stringify({ planId, resumed, outcome: done?.outcome, messages: done?.messages, lockHolder: done?.lockHolder }));
  await closeDb();
  process.exit(done?.outcome === 'succeeded' ? 0 : 1);
}

main().catch(async (err) => {
  console.log(JSON.stringify({ error: (err as Error).message }));
  await closeDb().catch(() => undefined);
  process.exit(2);
});
