// Benchmark of the IaC export on lattice-local's `scale` estate (by default 20 accounts and 2,000
// services): discovers it once, then for each format prints the export's time (median of
// --runs), its size, its files and resources, and the time of the offline check (cfn-lint over
// the CloudFormation templates; HashiCorp's HCL parser plus the provider-schema check over the
// Terraform), with the check's verdict. The demo estate's export is the baseline row.
//
//   npm run bench:export [-- --accounts 20 --services 2000 --runs 3 --save-topology FILE | --topology FILE]
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { forgetClients } from '../lib/aws/clients';
import { discoverEstate, type DiscoveryTarget } from '../lib/aws/discover';
import { scaleAccountIds } from '../lib/emulator/seeds/scale-plan';
import { exportIac, sourceFromTopology, type ExportFormat, type IacSource } from '../lib/iac';
import { cfnLint, checkTerraformFiles, DEMO_NAMES, demoTopology } from '../lib/testing/iac';
import type { Topology } from '../lib/topology';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '20' },
    services: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '3' },
    // Keep the discovered scale estate in a file, or read it from one instead of discovering again.
    'save-topology': { type: 'string' },
    topology: { type: 'string' },
  },
});
const accounts = Number(values.accounts);
const services = Number(values.services);
const runs = Math.max(1, Number(values.runs));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function startEmulator(port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'lib/emulator/main.ts', '--port', String(port), '--host', '127.0.0.1', '--seed', 'scale', '--accounts', String(accounts), '--services', String(services), '--activation-delay', '0', '--log-level', 'silent'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`lattice-local exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/_local/health`)).ok) return child;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error('lattice-local did not start within 5 minutes');
    await new Promise((r) => setTimeout(r, 250));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024).toFixed(0)} kB`);

async function measure(label: string, source: IacSource, format: ExportFormat): Promise<string[]> {
  const times: number[] = [];
  let result = exportIac(source, format);
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = exportIac(source, format);
    times.push(performance.now() - t0);
  }
  const bytes = result.files.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
  const t0 = performance.now();
  let verdict: string;
  if (format === 'cloudformation') {
    const lint = await cfnLint(result.files);
    const errors = (lint.output.match(/:E\d{4}:/g) ?? []).length;
    const warnings = (lint.output.match(/:W\d{4}:/g) ?? []).length;
    verdict = `cfn-lint: ${errors} errors, ${warnings} warnings`;
  } else {
    const issues = await checkTerraformFiles(result.files);
    verdict = `HCL parse + schema: ${issues.length} issues`;
  }
  const check = performance.now() - t0;
  return [label, format, `${median(times).toFixed(0)} ms`, kb(bytes), String(result.files.length), String(result.summary.resources), `${(check / 1000).toFixed(1)} s`, verdict];
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === 0 || i === 1 || i === r.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

async function main() {
  // Baseline: the demo estate.
  const demo = await demoTopology();
  const demoSource = sourceFromTopology(demo.topology, { kind: 'estate' }, DEMO_NAMES);
  await demo.local.stop();
  forgetClients();

  if (values.topology) {
    const cached = JSON.parse(readFileSync(values.topology, 'utf8')) as { topology: Topology; names: Record<string, string> };
    console.log(`scale estate read from ${values.topology}: ${cached.topology.nodes.length} nodes`);
    return report(demoSource, cached.topology, cached.names);
  }
  const port = await freePort();
  const seedStart = Date.now();
  const emulator = await startEmulator(port);
  process.on('exit', () => emulator.kill('SIGTERM'));
  console.log(`lattice-local on :${port}, scale estate (${accounts} accounts, ${services} services) seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
  const ids = scaleAccountIds(accounts);
  Object.assign(process.env, { AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: ids[0], AWS_SECRET_ACCESS_KEY: 'test' });
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  const targets: DiscoveryTarget[] = ids.map((id, i) => (i === 0 ? { id, name: 'hub', regions: ['us-east-1'] } : { id, name: `app-${i}`, roleArn: `arn:aws:iam::${id}:role/TrellisConsole`, regions: ['us-east-1'] }));
  const t0 = Date.now();
  const discovered = await discoverEstate(targets);
  const topology: Topology = discovered.topology;
  console.log(`discovered ${topology.nodes.length} nodes, ${topology.edges.length} edges in ${((Date.now() - t0) / 1000).toFixed(1)} s (errors: ${topology.errors.length})`);
  emulator.kill('SIGTERM');

  const names: Record<string, string> = Object.fromEntries(targets.map((t) => [t.id, t.name ?? t.id]));
  if (values['save-topology']) writeFileSync(values['save-topology'], JSON.stringify({ topology, names }));
  await report(demoSource, topology, names);
}

async function report(demoSource: IacSource, topology: Topology, names: Record<string, string>) {
  const t1 = performance.now();
  const source = sourceFromTopology(topology, { kind: 'estate' }, names);
  console.log(`read as ${source.resources.length} exportable resources in ${(performance.now() - t1).toFixed(0)} ms\n`);

  const rows = [['estate', 'format', 'export', 'size', 'files', 'resources', 'check', 'verdict']];
  for (const format of ['terraform', 'cloudformation'] as const) rows.push(await measure('demo (baseline)', demoSource, format));
  for (const format of ['terraform', 'cloudformation'] as const) rows.push(await measure(`scale ${accounts}×${services}`, source, format));
  console.log(table(rows));
  console.log(`\nexport time: median of ${runs} runs, after one warm-up; check: one run (cfn-lint is Python, run once over all templates).`);
  process.exit(0);
}

main().catch((err) => {
  console.error(`bench-export: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});
