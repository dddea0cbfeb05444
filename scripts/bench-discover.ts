// Benchmark of discovery against lattice-local's `scale` estate (by default 20 accounts and
// 2,000 services, 50 ms injected latency, 20 requests/s per account per operation):
// wall time, API calls made beside the fewest the data needs, retries, and the same
// discovery with one call in flight at a time as the baseline, in one run.
//
//   npm run bench:discover [-- --accounts 20 --services 2000 --latency 50 --throttle 20 --concurrency 8 --parallel-accounts 32 --depth graph|full --baseline account|estate|skip]
//
// `--depth graph` (the default) is a console's first discovery: what the graph needs, then the
// details it deferred (access-log subscriptions) in a second pass, each counted apart;
// `--depth full` reads everything in one pass, as every later refresh does.
// This process stands for the console: it runs discovery as the console does, in a discovery
// process of its own (discoverEstateOffLoop, readDeferredDetailsOffLoop: the entry refreshEstate
// uses), puts the topology it streams back together and serialises it in slices for storing.
// While that runs, this process's memory is sampled, the discovery process reports its own, and
// a separate probe process asks an HTTP endpoint of this process every 100 ms: its latency is
// what a cheap console request waits while discovery runs (event-loop stalls included).
//
// The baseline is the same discovery with a pool of one per account (`--baseline account`,
// the default: accounts side by side, one call in flight each); `--baseline estate` makes it
// fully sequential (one call in flight in the whole estate, about a quarter of an hour).
// lattice-local runs as a child process, so it does not share the discovery's event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { freePort } from './lib/system';
import { parseArgs } from 'node:util';
import { DEFAULT_ACCOUNT_CONCURRENCY, DEFAULT_PARALLEL_ACCOUNTS, type DiscoveryTarget } from '../lib/aws/discover';
import { discoverEstateOffLoop, readDeferredDetailsOffLoop, type OffLoopEstateResult } from '../lib/aws/discovery-process';
import type { DiscoveryProcessMemory } from '../lib/aws/discovery-wire';
import { forgetClients } from '../lib/aws/clients';
import { topologyJson } from '../lib/estate/snapshot-json';
import { scaleAccountIds } from '../lib/emulator/seeds/scale-plan';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '20' },
    services: { type: 'string', default: '2000' },
    latency: { type: 'string', default: '50' },
    throttle: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: String(DEFAULT_ACCOUNT_CONCURRENCY) },
    'parallel-accounts': { type: 'string', default: String(DEFAULT_PARALLEL_ACCOUNTS) },
    depth: { type: 'string', default: 'graph' },
    baseline: { type: 'string', default: 'account' },
  },
});

function int(name: string, raw: string | undefined, min: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    console.error(`bench-discover: --${name} must be an integer ≥ ${min}, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

const accounts = int('accounts', values.accounts, 2);
const services = int('services', values.services, 1);
const latency = int('latency', values.latency, 0);
const throttle = int('throttle', values.throttle, 0);
const concurrency = int('concurrency', values.concurrency, 1);
const parallelAccounts = int('parallel-accounts', values['parallel-accounts'], 1);
const depth = values.depth as 'graph' | 'full';
if (depth !== 'graph' && depth !== 'full') {
  console.error(`bench-discover: --depth must be graph or full, got "${values.depth}"`);
  process.exit(2);
}
const baseline = values.baseline!;
if (!['estate', 'account', 'skip'].includes(baseline)) {
  console.error(`bench-discover: --baseline must be estate, account or skip, got "${baseline}"`);
  process.exit(2);
}

async function startEmulator(port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'lib/emulator/main.ts', '--port', String(port), '--host', '127.0.0.1', '--seed', 'scale', '--accounts', String(accounts), '--services', String(services), '--activation-delay', '0', '--latency', String(latency), '--throttle-rps', String(throttle), '--log-level', 'silent'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`lattice-local exited with code ${child.exitCode}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/_local/health`);
      if (r.ok) return child;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error('lattice-local did not start within 5 minutes');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The throttle-bound lower limit: each account may send `throttle` calls per second of each
 * operation, and accounts run side by side, so no discovery can finish before its busiest
 * (account, operation) has had the time its calls need at that rate.
 */
function throttleBound(result: OffLoopEstateResult): { seconds: number; account: string; operation: string; calls: number } | undefined {
  if (throttle <= 0) return undefined;
  let worst: { seconds: number; account: string; operation: string; calls: number } | undefined;
  for (const a of result.accounts) {
    for (const [operation, calls] of Object.entries(a.stats.byOperation)) {
      const seconds = calls / throttle;
      if (!worst || seconds > worst.seconds) worst = { seconds, account: a.account, operation, calls };
    }
  }
  return worst;
}

function boundText(r: OffLoopEstateResult): string {
  const bound = throttleBound(r);
  if (!bound) return 'no throttle, no bound';
  return `${bound.seconds.toFixed(1)} s (${bound.calls} ${bound.operation} in ${bound.account} at ${throttle}/s); wall ÷ bound ${(r.durationMs / 1000 / bound.seconds).toFixed(2)}`;
}

function count(result: OffLoopEstateResult, kind: string): number {
  return result.topology.nodes.filter((n) => n.kind === kind && !n.external).length;
}

function row(label: string, r: OffLoopEstateResult): string[] {
  const retries = r.stats.attempts - r.stats.calls;
  return [label, `${(r.durationMs / 1000).toFixed(1)} s`, String(r.stats.calls), String(r.minimum.total), String(r.stats.calls - r.minimum.total), String(retries), String(r.topology.errors.length)];
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

async function main() {
  const port = await freePort();
  const seedStart = Date.now();
  const emulator = await startEmulator(port);
  const stop = () => emulator.kill('SIGTERM');
  process.on('exit', stop);
  console.log(`lattice-local on :${port}, scale estate (${accounts} accounts, ${services} services) seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s; faults: ${latency} ms latency, ${throttle} req/s per account per operation`);

  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(', ')} on ${cpus().length} cores (a shared machine: wall times include waiting for a core)`);
  const ids = scaleAccountIds(accounts);
  process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${port}`;
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = ids[0];
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  const targets: DiscoveryTarget[] = ids.map((id, i) => (i === 0 ? { id, name: 'hub', regions: ['us-east-1'] } : { id, name: `app-${i}`, roleArn: `arn:aws:iam::${id}:role/TrellisConsole`, regions: ['us-east-1'] }));

  const watch = await startWatch();
  const optimized = await discoverEstateOffLoop(targets, { concurrency, parallelAccounts, depth });
  // What the console does with each result: JSON text to store as the snapshot, serialised in slices.
  const serialiseStart = performance.now();
  let stored: string | undefined = await topologyJson(optimized.topology);
  let serialiseMs = performance.now() - serialiseStart;
  const deferred = depth === 'graph' ? await readDeferredDetailsOffLoop(targets, optimized.topology, { concurrency, parallelAccounts }) : undefined;
  if (deferred) {
    const again = performance.now();
    stored = await topologyJson(deferred.topology);
    serialiseMs = performance.now() - again;
  }
  const storedBytes = stored.length;
  stored = undefined;
  const watched = await watch.stop([optimized.memory, ...(deferred ? [deferred.memory] : [])]);
  console.log(`discovered ${count(optimized, 'service')} services, ${count(optimized, 'targetGroup')} target groups, ${count(optimized, 'listener')} listeners, ${count(optimized, 'serviceNetwork')} service networks, ${optimized.topology.nodes.length} nodes in all`);
  for (const e of optimized.topology.errors) console.log(`  error: ${e.account} ${e.message}`);

  console.log(`throttle-bound lower limit: ${boundText(optimized)}`);
  if (deferred) {
    const ops = Object.entries(deferred.stats.byOperation).map(([op, n]) => `${op} ${n}`).join(', ');
    console.log(`first view (graph pass): ${optimized.stats.calls} calls in ${(optimized.durationMs / 1000).toFixed(1)} s; deferred details afterwards: ${deferred.stats.calls} calls (${ops || 'none'}) in ${(deferred.durationMs / 1000).toFixed(1)} s; together ${optimized.stats.calls + deferred.stats.calls} calls`);
  }
  console.log(`snapshot JSON: ${(storedBytes / 1e6).toFixed(1)} MB, serialised in slices over ${serialiseMs.toFixed(0)} ms (${(deferred ?? optimized).topology.nodes.length} nodes)`);
  console.log(watched.text);
  const rows = [['run', 'wall', 'calls', 'minimum', 'extra', 'retries', 'errors'], row(`${parallelAccounts} accounts at once, ${concurrency} per account, ${depth}`, optimized)];
  if (baseline !== 'skip') {
    forgetClients();
    const label = baseline === 'estate' ? 'baseline: 1 call in flight in the estate' : 'baseline: 1 call in flight per account';
    console.log(`running ${label}…`);
    const slow = await discoverEstateOffLoop(targets, { concurrency: 1, parallelAccounts: baseline === 'estate' ? 1 : parallelAccounts, depth });
    rows.push(row(label, slow));
    console.log(`\n${table(rows)}\n\nspeed-up: ${(slow.durationMs / optimized.durationMs).toFixed(1)}×`);
  } else {
    console.log(`\n${table(rows)}`);
  }
  const ops = Object.entries(optimized.stats.byOperation).sort((a, b) => b[1] - a[1]);
  console.log(`\ncalls by operation (parallel run): ${ops.map(([op, n]) => `${op} ${n}`).join(', ')}`);
  const slowest = [...optimized.accounts].sort((a, b) => b.durationMs - a.durationMs)[0];
  console.log(`slowest account: ${slowest.account} in ${(slowest.durationMs / 1000).toFixed(1)} s, ${slowest.stats.calls} calls`);
  stop();
}

/** The figures a console's operator cares about while discovery runs: memory, and how long a cheap request waits. */
async function startWatch(): Promise<{ stop: (discovery: DiscoveryProcessMemory[]) => Promise<{ text: string }> }> {
  const loadBefore = loadavg()[0];
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  sample();
  const sampler = setInterval(sample, 250);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  // A stand-in for the console's health route, served by the process that runs discovery.
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const probeSource = `
    const lat = [];
    let stop = false;
    process.stdin.on('data', () => { stop = true; });
    (async () => {
      while (!stop) {
        const t = performance.now();
        try { await (await fetch('http://127.0.0.1:${port}/health')).text(); lat.push(performance.now() - t); } catch { lat.push(-1); }
        await new Promise((r) => setTimeout(r, 100));
      }
      process.stdout.write(JSON.stringify(lat), () => process.exit(0));
    })();`;
  const probe = spawn(process.execPath, ['-e', probeSource], { stdio: ['pipe', 'pipe', 'inherit'] });
  let probeOut = '';
  probe.stdout!.on('data', (d) => (probeOut += d));
  return {
    async stop(discovery) {
      clearInterval(sampler);
      sample();
      loop.disable();
      const ended = new Promise((r) => probe.on('exit', r));
      probe.stdin!.write('stop\n');
      await ended;
      server.close();
      const lat = (JSON.parse(probeOut || '[]') as number[]).filter((x) => x >= 0).sort((a, b) => a - b);
      const failed = (JSON.parse(probeOut || '[]') as number[]).filter((x) => x < 0).length;
      const q = (p: number) => (lat.length ? lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]!.toFixed(1) : '—');
      const after = process.memoryUsage();
      setFlagsFromString('--expose-gc');
      (runInNewContext('gc') as () => void)();
      const settled = process.memoryUsage();
      const mb = (n: number) => `${Math.round(n / 1048576)} MB`;
      const passes = ['first view', 'deferred details'];
      const text = [
        `console process during discovery (sampled every 250 ms): peak RSS ${mb(peakRss)}, peak heap used ${mb(peakHeap)}`,
        `console process after: RSS ${mb(after.rss)}, heap used ${mb(after.heapUsed)}; after a full GC, the result still held: RSS ${mb(settled.rss)}, heap used ${mb(settled.heapUsed)}`,
        ...discovery.map((d, i) => `discovery process (${discovery.length > 1 ? passes[i] : 'one pass'}, pid ${d.pid}) during: peak RSS ${mb(d.peakRss)}, peak heap used ${mb(d.peakHeapUsed)}; at its end RSS ${mb(d.rss)}, heap used ${mb(d.heapUsed)}; after: exited, its memory returned`),
        `a cheap request during discovery (${lat.length} probes from another process, every 100 ms${failed ? `, ${failed} failed` : ''}): p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${lat.length ? lat[lat.length - 1]!.toFixed(1) : '—'} ms`,
        `event-loop delay during discovery: p50 ${(loop.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms`,
        `load average at start ${loadBefore.toFixed(1)}, at end ${loadavg()[0].toFixed(1)} (${cpus().length} cores)`,
      ];
      return { text: text.join('\n') };
    },
  };
}

main().catch((err) => {
  console.error(`bench-discover: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
