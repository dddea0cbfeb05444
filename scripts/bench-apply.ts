// Benchmark of apply: 200 operations against lattice-local with 50 ms of latency per call,
// applied with bounded concurrency beside the same apply one operation at a time, in one run.
// Each apply works in its own account of one lattice-local, with its journal and lock in an
// in-memory database, as the console runs them.
//
//   npm run bench:apply [-- --operations 200 --latency 50 --concurrency 8]
// (run with tsx --conditions=react-server: the database layer is server-only)
import { performance } from 'node:perf_hooks';
import { forgetClients } from '@/lib/aws';
import { openDatabase } from '@/lib/db/client';
import { insertPlan } from '@/lib/db/repositories/plans';
import { startLatticeLocal } from '@/lib/emulator';
import { applyPlan, planDiff } from '@/lib/plan';
import { awsApplyPorts, readLiveForPlan } from '@/lib/plan/runtime';
import { defaultNetwork, pointSdkAt, TEST_REGION } from '@/lib/testing/local-estate';
import { addRecord, applyPatch, emptyDesign, type Design } from '@/lib/topology/design';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const OPERATIONS = arg('operations', 200);
const LATENCY = arg('latency', 50);
const CONCURRENCY = arg('concurrency', 8);

/** `operations` operations: a service network, then services, their associations and target groups in turn. */
function design(account: string, vpcId: string): Design {
  let d = emptyDesign(account, TEST_REGION);
  d = applyPatch(d, addRecord(d, { id: 'sn', kind: 'serviceNetwork', spec: { name: 'bench-network' } }).patch);
  let n = 1;
  for (let i = 0; n < OPERATIONS; i++) {
    d = applyPatch(d, addRecord(d, { id: `s${i}`, kind: 'service', spec: { name: `bench-svc-${i}` } }).patch);
    if (++n >= OPERATIONS) break;
    d = applyPatch(d, addRecord(d, { id: `a${i}`, kind: 'serviceNetworkServiceAssociation', spec: { serviceNetworkIdentifier: 'sn', serviceIdentifier: `s${i}` } }).patch);
    if (++n >= OPERATIONS) break;
    d = applyPatch(d, addRecord(d, { id: `t${i}`, kind: 'targetGroup', spec: { name: `bench-tg-${i}`, type: 'IP', config: { port: 80, protocol: 'HTTP', vpcIdentifier: vpcId } } }).patch);
    n++;
  }
  return d;
}

async function main() {
  // Creates stay CREATE_IN_PROGRESS for 200 ms, so apply waits as it must on AWS.
  const local = await startLatticeLocal({ port: 0, seed: 'empty', activationDelayMs: 200, logLevel: 'silent', faults: { latencyMs: LATENCY }, quotas: { 'L-620C821E': 5000, 'L-BB11C6B9': 5000 } });
  const db = await openDatabase({ pgliteDir: 'memory://' });
  const results: { concurrency: number; ms: number; operations: number; outcome: string; calls: number }[] = [];
  try {
    for (const [account, concurrency] of [['810000000001', CONCURRENCY], ['810000000002', 1]] as const) {
      pointSdkAt(local.url, account);
      const net = await defaultNetwork(account);
      const accessFor = (id: string) => ({ id });
      const live = await readLiveForPlan([account], [TEST_REGION], accessFor);
      const plan = planDiff(design(account, net.vpcId), live);
      const row = await insertPlan({ designName: 'bench', designVersion: 1, createdBy: 'bench', fingerprint: plan.fingerprint, summary: { ...plan.summary }, accounts: plan.accounts, regions: plan.regions, known: plan.known, warnings: [] }, plan.operations, db.db);
      let calls = 0;
      const ports = awsApplyPorts({ db: db.db, accessFor });
      const counted = { ...ports, call: (...a: Parameters<typeof ports.call>) => ((calls += 1), ports.call(...a)) };
      const start = performance.now();
      const result = await applyPlan({ id: row.id, ...plan }, counted, { concurrency, pollMs: 100 });
      const ms = performance.now() - start;
      results.push({ concurrency, ms, operations: plan.operations.length, outcome: result.outcome, calls });
      forgetClients();
    }
  } finally {
    await db.close();
    await local.stop();
  }
  console.log(`bench:apply  lattice-local, ${LATENCY} ms latency per call, creates ACTIVE after 200 ms, Node ${process.version}`);
  for (const r of results) {
    console.log(`  concurrency ${String(r.concurrency).padStart(2)}: ${r.operations} operations (${r.calls} write calls) in ${(r.ms / 1000).toFixed(2)} s  → ${(r.operations / (r.ms / 1000)).toFixed(1)} ops/s  [${r.outcome}]`);
  }
  const [fast, slow] = results;
  console.log(`  speed-up of concurrency ${fast.concurrency} over 1: ×${(slow.ms / fast.ms).toFixed(1)} (the stale check's live read is included in both)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
