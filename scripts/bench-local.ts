// Benchmark of lattice-local: requests per second and p50/p99/max latency of a mixed read
// workload (List/Get of the main kinds, through the real SDK clients) at 1, 8 and 64
// concurrent clients, and the server's resident memory with a large estate loaded. Then the
// tail workload (GetService and ListServices at 8 clients) side by side with moto's server
// (`moto_server`, from python3) holding as many services, as the peer, in the same run.
//
//   npm run bench:local [-- --services 10000 --accounts 20 --seconds 8 --port 0 --moto-port 4792
//                          --tail-rate 80 --no-pin --no-moto --tail-only
//                          --server-flags "--trace-gc" --server-log FILE]
//
// Latency is what the client sees; lattice-local's own service time (from its Server-Timing
// header: request read to answer written) is printed beside it, so waiting for a core or for
// the event loop shows as the difference. `--server-flags` passes Node flags to lattice-local
// (`--trace-gc`, `--cpu-prof`), `--server-log` keeps its output.
//
// The tail workload runs twice per server. Paced: the 8 clients together send `--tail-rate`
// requests per second on a fixed schedule, and each latency counts from the moment its request
// was due (a pause also delays the requests that should have been sent during it, so it cannot
// hide). This is the pause measure. Saturated: each client sends its next request as soon as
// the last one is answered; on a two-core machine its latency is mostly queueing (Little's law:
// 8 clients ÷ throughput), so it is printed as throughput, beside the same for moto.
//
// lattice-local and moto run as child processes, so their memory is measured apart from the
// load generator's. Both hold the same number of services: lattice-local spread over the
// scale estate's accounts, moto in its one default account (it has no per-key accounts).
// With two or more cores and `taskset` present, the server runs on the last core and the load
// generator on the others (`--no-pin` shares every core), so that neither waits for the other's
// CPU bursts; the setup is printed.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { Agent } from 'node:http';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import {
  CreateServiceCommand,
  GetServiceCommand,
  GetServiceNetworkCommand,
  GetTargetGroupCommand,
  ListListenersCommand,
  ListServiceNetworkServiceAssociationsCommand,
  ListServiceNetworksCommand,
  ListServicesCommand,
  ListTargetGroupsCommand,
  ListTargetsCommand,
  VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { scaleAccountIds } from '../lib/emulator/seeds/scale-plan';

interface Options {
  services: number;
  accounts: number;
  seconds: number;
  levels: number[];
  port: number;
  motoPort: number;
  moto: boolean;
  tailOnly: boolean;
  serverFlags: string[];
  serverLog?: string;
  tailRate: number;
  pin: boolean;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { services: 10_000, accounts: 20, seconds: 8, levels: [1, 8, 64], port: 0, motoPort: 4792, moto: true, tailOnly: false, serverFlags: [], tailRate: 80, pin: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--no-moto') {
      opts.moto = false;
      continue;
    }
    if (flag === '--no-pin') {
      opts.pin = false;
      continue;
    }
    if (flag === '--tail-only') {
      opts.tailOnly = true;
      continue;
    }
    if (flag === '--server-flags') {
      opts.serverFlags = (argv[++i] ?? '').split(/\s+/).filter(Boolean);
      continue;
    }
    if (flag === '--server-log') {
      opts.serverLog = argv[++i];
      continue;
    }
    const value = Number(argv[i + 1]);
    if (flag === '--services') opts.services = value;
    else if (flag === '--accounts') opts.accounts = value;
    else if (flag === '--seconds') opts.seconds = value;
    else if (flag === '--levels') opts.levels = argv[i + 1].split(',').map(Number);
    else if (flag === '--port') opts.port = value;
    else if (flag === '--moto-port') opts.motoPort = value;
    else if (flag === '--tail-rate') opts.tailRate = value;
    else continue;
    i++;
    if (!Number.isFinite(value) && flag !== '--levels') throw new Error(`${flag} needs a number, got ${argv[i]}`);
  }
  return opts;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Cores for the server and for the load generator, or undefined when they share every core. */
interface Pinning {
  server: string;
  generator: string;
}

function pinning(opts: Options): Pinning | undefined {
  const n = cpus().length;
  if (!opts.pin || n < 2) return undefined;
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  return { server: String(n - 1), generator: n === 2 ? '0' : `0-${n - 2}` };
}

/** `command args` on `cores` when pinned. */
function onCores(cores: string | undefined, command: string, args: string[]): [string, string[]] {
  return cores === undefined ? [command, args] : ['taskset', ['-c', cores, command, ...args]];
}

function startServer(opts: Options, cores: string | undefined): Promise<{ child: ChildProcess; url: string; readyMs: number }> {
  const started = performance.now();
  const child = spawn(
    ...onCores(cores, process.execPath, [
      ...opts.serverFlags, '--import', 'tsx', 'lib/emulator/main.ts', '--host', '127.0.0.1', '--port', String(opts.port), '--seed', 'scale',
      '--accounts', String(opts.accounts), '--services', String(opts.services), '--log-level', 'silent', '--activation-delay', '0']),
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  if (opts.serverLog) {
    const log = createWriteStream(opts.serverLog);
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`lattice-local did not start within 120 s:\n${out}`)), 120_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)/);
      if (m && Number(m[1]) > 0) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stderr!.off('data', onData);
        child.stdout!.resume();
        child.stderr!.resume();
        resolve({ child, url: `http://127.0.0.1:${m[1]}`, readyMs: performance.now() - started });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`lattice-local exited with ${code}:\n${out}`));
    });
  });
}

function residentMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? NaN);
  return kb / 1024;
}

interface Catalog {
  serviceNetworks: string[];
  services: string[];
  targetGroups: string[];
}

async function catalog(client: VPCLatticeClient): Promise<Catalog> {
  const first = async <T>(load: () => Promise<T[]>) => load();
  const sns = await first(async () => (await client.send(new ListServiceNetworksCommand({ maxResults: 100 }))).items ?? []);
  const svcs = await first(async () => (await client.send(new ListServicesCommand({ maxResults: 100 }))).items ?? []);
  const tgs = await first(async () => (await client.send(new ListTargetGroupsCommand({ maxResults: 100 }))).items ?? []);
  // Shared service networks are named by ARN (ids resolve only in the owner's account).
  return { serviceNetworks: sns.map((s) => s.arn!), services: svcs.map((s) => s.id!), targetGroups: tgs.map((t) => t.id!) };
}

type Call = (client: VPCLatticeClient, cat: Catalog, n: number) => Promise<unknown>;
interface Step {
  name: string;
  call: Call;
}

const pick = <T>(list: T[], n: number): T => list[n % list.length];

/** The mixed read workload: what discovery and the console's drawers send most. */
const WORKLOAD: Step[] = [
  { name: 'ListServices', call: (c) => c.send(new ListServicesCommand({ maxResults: 100 })) },
  { name: 'GetService', call: (c, k, n) => c.send(new GetServiceCommand({ serviceIdentifier: pick(k.services, n) })) },
  { name: 'ListListeners', call: (c, k, n) => c.send(new ListListenersCommand({ serviceIdentifier: pick(k.services, n) })) },
  { name: 'ListServiceNetworks', call: (c) => c.send(new ListServiceNetworksCommand({ maxResults: 100 })) },
  { name: 'GetServiceNetwork', call: (c, k, n) => c.send(new GetServiceNetworkCommand({ serviceNetworkIdentifier: pick(k.serviceNetworks, n) })) },
  { name: 'ListServiceNetworkServiceAssociations', call: (c, k, n) => c.send(new ListServiceNetworkServiceAssociationsCommand({ serviceNetworkIdentifier: pick(k.serviceNetworks, n), maxResults: 100 })) },
  { name: 'ListTargetGroups', call: (c) => c.send(new ListTargetGroupsCommand({ maxResults: 100 })) },
  { name: 'GetTargetGroup', call: (c, k, n) => c.send(new GetTargetGroupCommand({ targetGroupIdentifier: pick(k.targetGroups, n) })) },
  { name: 'ListTargets', call: (c, k, n) => c.send(new ListTargetsCommand({ targetGroupIdentifier: pick(k.targetGroups, n) })) },
];

/** The tail workload, the same against lattice-local and moto: a service by id, and the first page of services. */
const TAIL_WORKLOAD: Step[] = [
  { name: 'GetService', call: (c, k, n) => c.send(new GetServiceCommand({ serviceIdentifier: pick(k.services, n * 7919) })) },
  { name: 'ListServices', call: (c) => c.send(new ListServicesCommand({ maxResults: 100 })) },
];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Latencies {
  requests: number;
  p50: number;
  p99: number;
  max: number;
}

function summarize(values: number[]): Latencies {
  const sorted = [...values].sort((a, b) => a - b);
  return { requests: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN };
}

/** The server's own time for a call, from its `Server-Timing: total;dur=MS` header (set by timedClient). */
function serverMs(output: unknown): number | undefined {
  return (output as { [SERVER_MS]?: number } | undefined)?.[SERVER_MS];
}
const SERVER_MS = Symbol('serverMs');

/** Records each answer's Server-Timing total on its output (lattice-local sends it; moto does not). */
function timedClient(client: VPCLatticeClient): VPCLatticeClient {
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const header = (result.response as { headers?: Record<string, string> }).headers?.['server-timing'];
      const dur = header ? /total;dur=([\d.]+)/.exec(header)?.[1] : undefined;
      if (dur !== undefined && result.output && typeof result.output === 'object') {
        Object.defineProperty(result.output, SERVER_MS, { value: Number(dur), enumerable: false });
      }
      return result;
    },
    { step: 'deserialize', priority: 'high', name: 'serverTiming' },
  );
  return client;
}

/**
 * `concurrency` clients sending `workload` for `seconds`: back to back, or, with `rate`, on a
 * fixed schedule of `rate` requests per second in all, each latency counted from its due time.
 */
async function runLevel(clients: { client: VPCLatticeClient; cat: Catalog }[], concurrency: number, seconds: number, workload: Step[] = WORKLOAD, rate?: number) {
  const latencies: number[] = [];
  const server: number[] = [];
  const byOperation = new Map<string, number[]>();
  const serverByOperation = new Map<string, number[]>();
  const loadBefore = loadavg()[0];
  let errors = 0;
  const errorNames = new Map<string, number>();
  const deadline = performance.now() + seconds * 1000;
  let counter = 0;
  // Paced: client w's requests are due every `interval` ms, the clients staggered evenly.
  const interval = rate ? (concurrency * 1000) / rate : 0;
  const start = performance.now();
  const worker = async (w: number) => {
    const { client, cat } = clients[w % clients.length];
    let due = start + (w * interval) / concurrency;
    while (performance.now() < deadline) {
      if (rate) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (due >= deadline) break;
      }
      const n = counter++;
      const step = workload[n % workload.length];
      const t0 = rate ? due : performance.now();
      due += interval;
      try {
        const output = await step.call(client, cat, Math.floor(n / workload.length));
        const ms = performance.now() - t0;
        latencies.push(ms);
        let list = byOperation.get(step.name);
        if (!list) byOperation.set(step.name, (list = []));
        list.push(ms);
        const own = serverMs(output);
        if (own !== undefined) {
          server.push(own);
          let ownList = serverByOperation.get(step.name);
          if (!ownList) serverByOperation.set(step.name, (ownList = []));
          ownList.push(own);
        }
      } catch (error) {
        errors++;
        const name = (error as Error).name;
        errorNames.set(name, (errorNames.get(name) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const elapsed = (performance.now() - start) / 1000;
  return {
    concurrency,
    rate,
    errors,
    errorNames: [...errorNames].map(([name, n]) => `${name}×${n}`).join(', '),
    rps: latencies.length / elapsed,
    all: summarize(latencies),
    byOperation: new Map([...byOperation].map(([name, values]) => [name, summarize(values)])),
    server: server.length ? summarize(server) : undefined,
    serverByOperation: new Map([...serverByOperation].map(([name, values]) => [name, summarize(values)])),
    load: [loadBefore, loadavg()[0]] as const,
  };
}

const ms = (v: number) => v.toFixed(2).padStart(7);

function latticeClient(url: string, account: string, agent: Agent): VPCLatticeClient {
  return timedClient(
    new VPCLatticeClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: account, secretAccessKey: 'test' }, maxAttempts: 1, requestHandler: { httpAgent: agent } }),
  );
}

/** moto's server on `port`, up and answering. */
async function startMoto(port: number, cores: string | undefined): Promise<ChildProcess> {
  const child = spawn(...onCores(cores, 'moto_server', ['-H', '127.0.0.1', '-p', String(port)]), { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-2000)));
  const deadline = performance.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}: ${err}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/moto-api/`);
      if (r.status < 500) return child;
    } catch {
      // not up yet
    }
    if (performance.now() > deadline) throw new Error(`moto_server did not start on port ${port} within 60 s: ${err}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Creates `count` services in moto, eight calls in flight. */
async function seedMoto(client: VPCLatticeClient, count: number): Promise<string[]> {
  const ids: string[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < count) {
        const i = next++;
        ids[i] = (await client.send(new CreateServiceCommand({ name: `service-${i}` }))).id!;
      }
    }),
  );
  return ids;
}

type LevelResult = Awaited<ReturnType<typeof runLevel>>;

const own = (l: Latencies | undefined) => (l ? `${ms(l.p50)}  ${ms(l.p99)}  ${ms(l.max)}` : `${'-'.padStart(7)}  ${'-'.padStart(7)}  ${'-'.padStart(7)}`);

function tailTable(rows: [string, LevelResult][]): string {
  const lines = [
    `${''.padEnd(16)} ${''.padEnd(12)} ${''.padEnd(14)} ${''.padStart(8)}  ${'client sees'.padEnd(25)}  ${'server own time'.padEnd(25)}`,
    `${'server'.padEnd(16)} ${'load'.padEnd(12)} ${'operation'.padEnd(14)} ${'requests'.padStart(8)}  ${'p50 ms'.padStart(7)}  ${'p99 ms'.padStart(7)}  ${'max ms'.padStart(7)}  ${'p50 ms'.padStart(7)}  ${'p99 ms'.padStart(7)}  ${'max ms'.padStart(7)}`,
  ];
  for (const [server, r] of rows) {
    const mode = (r.rate ? `${r.rate} req/s` : 'saturated').padEnd(12);
    for (const [op, l] of r.byOperation) lines.push(`${server.padEnd(16)} ${mode} ${op.padEnd(14)} ${String(l.requests).padStart(8)}  ${ms(l.p50)}  ${ms(l.p99)}  ${ms(l.max)}  ${own(r.serverByOperation.get(op))}`);
    lines.push(
      `${server.padEnd(16)} ${mode} ${'(both)'.padEnd(14)} ${String(r.all.requests).padStart(8)}  ${ms(r.all.p50)}  ${ms(r.all.p99)}  ${ms(r.all.max)}  ${own(r.server)}  ` +
        `${r.rps.toFixed(0)} req/s, load ${r.load[0].toFixed(1)}→${r.load[1].toFixed(1)}${r.errors ? `, ${r.errors} errors (${r.errorNames})` : ''}`,
    );
  }
  return lines.join('\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  console.log(`lattice-local bench: scale seed with ${opts.services} services in ${opts.accounts} accounts; ${opts.seconds} s per level`);
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(', ')} on ${cpus().length} cores (a shared machine: latencies include waiting for a core)`);
  const pin = pinning(opts);
  if (pin) execFileSync('taskset', ['-a', '-cp', pin.generator, String(process.pid)], { stdio: 'ignore' });
  console.log(pin ? `servers on core ${pin.server}, the load generator on core(s) ${pin.generator}` : 'servers and the load generator share every core');
  const { child, url, readyMs } = await startServer(opts, pin?.server);
  const agent = new Agent({ keepAlive: true, maxSockets: 128 });
  const tails: [string, Awaited<ReturnType<typeof runLevel>>][] = [];
  try {
    console.log(`started and seeded in ${(readyMs / 1000).toFixed(1)} s at ${url}`);
    console.log(`resident memory with the estate loaded: ${residentMegabytes(child.pid!).toFixed(0)} MB`);
    const accounts = scaleAccountIds(opts.accounts);
    const clients = await Promise.all(
      accounts.map(async (account) => {
        const client = latticeClient(url, account, agent);
        return { client, cat: await catalog(client) };
      }),
    );
    // The hub owns networks but no services; the application accounts carry the workload.
    const workers = clients.filter(({ cat }) => cat.services.length > 0 && cat.targetGroups.length > 0 && cat.serviceNetworks.length > 0);
    // Warm up the server's and the clients' code paths before measuring.
    await runLevel(workers, 8, 1);
    if (!opts.tailOnly) {
      console.log('\nmixed workload (server own time p99 in brackets)\nconcurrency  requests    req/s   p50 ms   p99 ms   max ms  errors  load');
      for (const level of opts.levels) {
        const r = await runLevel(workers, level, opts.seconds);
        console.log(
          `${String(r.concurrency).padStart(11)}  ${String(r.all.requests).padStart(8)}  ${r.rps.toFixed(0).padStart(7)}  ${ms(r.all.p50)}  ${ms(r.all.p99)}  ${ms(r.all.max)}  ${String(r.errors).padStart(6)}  ` +
            `${r.load[0].toFixed(1)}→${r.load[1].toFixed(1)}  [${r.server ? r.server.p99.toFixed(2) : '-'}]${r.errorNames ? `  (${r.errorNames})` : ''}`,
        );
      }
    }
    // Every service of the account, for GetService by id (the catalog holds the first page).
    const full = await Promise.all(workers.map(async ({ client, cat }) => ({ client, cat: { ...cat, services: await allServiceIds(client) } })));
    tails.push(['lattice-local', await runLevel(full, 8, opts.seconds, TAIL_WORKLOAD, opts.tailRate)]);
    tails.push(['lattice-local', await runLevel(full, 8, opts.seconds, TAIL_WORKLOAD)]);
    console.log(`\nresident memory after the workload: ${residentMegabytes(child.pid!).toFixed(0)} MB`);
    for (const { client } of clients) client.destroy();
  } finally {
    child.kill('SIGTERM');
  }

  if (opts.moto) {
    const moto = await startMoto(opts.motoPort, pin?.server);
    try {
      const motoUrl = `http://127.0.0.1:${opts.motoPort}`;
      const client = latticeClient(motoUrl, 'testing', agent);
      const seedStart = performance.now();
      const ids = await seedMoto(client, opts.services);
      console.log(`\nmoto_server on :${opts.motoPort} seeded with ${ids.length} services in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
      const cat: Catalog = { serviceNetworks: [], services: ids, targetGroups: [] };
      await runLevel([{ client, cat }], 8, 1, TAIL_WORKLOAD);
      tails.push(['moto_server', await runLevel([{ client, cat }], 8, opts.seconds, TAIL_WORKLOAD, opts.tailRate)]);
      tails.push(['moto_server', await runLevel([{ client, cat }], 8, opts.seconds, TAIL_WORKLOAD)]);
      console.log(`moto_server resident memory: ${residentMegabytes(moto.pid!).toFixed(0)} MB`);
      client.destroy();
    } finally {
      moto.kill('SIGTERM');
    }
  }
  agent.destroy();
  console.log(
    `\nGetService and ListServices (first page of 100) at 8 clients, ${opts.seconds} s each; paced at ${opts.tailRate} req/s in all ` +
      `(latency from each request's due time), then saturated (back to back):\n${tailTable(tails)}`,
  );
}

async function allServiceIds(client: VPCLatticeClient): Promise<string[]> {
  const ids: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListServicesCommand({ maxResults: 100, nextToken }));
    for (const s of page.items ?? []) ids.push(s.id!);
    nextToken = page.nextToken;
  } while (nextToken);
  return ids;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
