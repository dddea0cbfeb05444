// Benchmark of the access matrix on lattice-local's `scale` estate (by default 20 accounts and
// 2,000 services): every caller VPC × every service for one principal, timed beside the
// number of pairs evaluated, and beside the baseline of calling evaluateAccess once per pair,
// in the same run. The estate is seeded in this process and read by the real discovery code.
//
//   npm run bench:access [-- --accounts 20 --services 2000 --runs 3 --principal ARN]
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { startLatticeLocal } from '../lib/emulator';
import { scaleAccountIds } from '../lib/emulator/seeds/scale-plan';
import { forgetClients } from '../lib/aws/clients';
import { discoverEstate, type DiscoveryTarget } from '../lib/aws/discover';
import { accessMatrix, evaluateAccess, type MatrixVerdict } from '../lib/access';
import { cellOfDecision } from '../lib/access/matrix';
import type { Topology } from '../lib/topology/types';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '20' },
    services: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '3' },
    principal: { type: 'string' },
    // Keep the discovered estate in a file, or start from one (skips seeding and discovery).
    save: { type: 'string' },
    load: { type: 'string' },
  },
});
const accounts = Number(values.accounts);
const services = Number(values.services);
const runs = Number(values.runs);
if (!Number.isInteger(accounts) || accounts < 2 || !Number.isInteger(services) || services < 1 || !Number.isInteger(runs) || runs < 1) {
  console.error('bench-access: --accounts must be an integer ≥ 2, --services and --runs integers ≥ 1');
  process.exit(2);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function estate(): Promise<Topology> {
  if (values.load) return JSON.parse(fs.readFileSync(values.load, 'utf8')) as Topology;
  const local = await startLatticeLocal({ port: 0, seed: 'scale', seedOptions: { accounts, services }, activationDelayMs: 0, logLevel: 'silent' });
  const ids = scaleAccountIds(accounts);
  process.env.AWS_ENDPOINT_URL = local.url;
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = ids[0];
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  forgetClients();
  const targets: DiscoveryTarget[] = ids.map((id, i) => (i === 0 ? { id, name: 'hub', regions: ['us-east-1'] } : { id, name: `app-${i}`, roleArn: `arn:aws:iam::${id}:role/TrellisConsole`, regions: ['us-east-1'] }));
  const { topology } = await discoverEstate(targets);
  await local.stop();
  forgetClients();
  if (values.save) fs.writeFileSync(values.save, JSON.stringify(topology));
  return topology;
}

async function main() {
  const t0 = performance.now();
  const topology = await estate();
  const ids = scaleAccountIds(accounts);
  const count = (kind: string) => topology.nodes.filter((n) => n.kind === kind).length;
  console.log(`scale estate: ${accounts} accounts, ${count('service')} services, ${count('vpc')} VPCs, ${count('serviceNetwork')} service networks, ${topology.nodes.length} nodes (${values.load ? 'read from a file' : 'seeded and discovered'} in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  const principal = values.principal ?? `arn:aws:sts::${ids[1]}:assumed-role/checkout-service/bench`;
  const query = { principal, method: 'GET', path: '/orders' };
  console.log(`principal ${principal}, ${query.method} ${query.path}`);

  // The matrix: fresh memo per run (the model of the estate is built on the first run and kept).
  const times: number[] = [];
  let matrix = accessMatrix(topology, query);
  const first = matrix.ms;
  for (let i = 0; i < runs; i++) {
    matrix = accessMatrix(topology, query);
    times.push(matrix.ms);
  }
  const pairs = matrix.pairs;

  // Baseline: evaluateAccess once per pair, as a caller without the matrix would.
  const vpcs = matrix.vpcs.map((v) => v.id);
  const svcs = matrix.services.map((s) => s.id);
  const b0 = performance.now();
  const baseCounts: Record<MatrixVerdict, number> = { allowed: 0, denied: 0, unreachable: 0, unrouted: 0 };
  let disagreements = 0;
  vpcs.forEach((vpc, i) => {
    svcs.forEach((service, j) => {
      const cell = cellOfDecision(evaluateAccess(topology, { source: { vpc, principal }, target: { service, method: query.method, path: query.path } }));
      baseCounts[cell.verdict]++;
      if (cell.verdict !== matrix.cells[i]![j]!.verdict) disagreements++;
    });
  });
  const baseline = performance.now() - b0;

  const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
  const rate = (ms: number) => `${Math.round(pairs / (ms / 1000)).toLocaleString('en-US')} pairs/s`;
  console.log('');
  console.log(`run                                  pairs      time    rate`);
  console.log(`accessMatrix (first, builds model)   ${String(pairs).padStart(6)}  ${fmt(first).padStart(8)}  ${rate(first)}`);
  console.log(`accessMatrix (median of ${runs})          ${String(pairs).padStart(6)}  ${fmt(median(times)).padStart(8)}  ${rate(median(times))}`);
  console.log(`baseline: evaluateAccess per pair    ${String(pairs).padStart(6)}  ${fmt(baseline).padStart(8)}  ${rate(baseline)}`);
  console.log(`\nspeed-up over the baseline: ${(baseline / median(times)).toFixed(1)}×`);
  console.log(`verdicts: ${Object.entries(matrix.counts).map(([k, v]) => `${k} ${v}`).join(', ')}; baseline disagrees on ${disagreements} pairs`);
  if (disagreements) process.exitCode = 1;
}

main().catch((err) => {
  console.error(`bench-access: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});
