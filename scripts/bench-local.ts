// Benchmark of lattice-local: requests per second and p50/p99 latency of a mixed read
// workload (List/Get of the main kinds, through the real SDK clients) at 1, 8 and 64
// concurrent clients, and the server's resident memory with a large estate loaded.
//
//   npm run bench:local [-- --services 10000 --accounts 20 --seconds 8]
//
// lattice-local runs as a child process, so its memory is measured apart from the load
// generator's.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import {
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
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { services: 10_000, accounts: 20, seconds: 8, levels: [1, 8, 64] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = Number(argv[i + 1]);
    if (flag === '--services') opts.services = value;
    else if (flag === '--accounts') opts.accounts = value;
    else if (flag === '--seconds') opts.seconds = value;
    else if (flag === '--levels') opts.levels = argv[i + 1].split(',').map(Number);
    else continue;
    i++;
    if (!Number.isFinite(value) && flag !== '--levels') throw new Error(`${flag} needs a number, got ${argv[i]}`);
  }
  return opts;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function startServer(opts: Options): Promise<{ child: ChildProcess; url: string; readyMs: number }> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'lib/emulator/main.ts', '--host', '127.0.0.1', '--port', '0', '--seed', 'scale',
      '--accounts', String(opts.accounts), '--services', String(opts.services), '--log-level', 'silent', '--activation-delay', '0'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`lattice-local did not start within 120 s:\n${out}`)), 120_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)/);
      if (m && Number(m[1]) > 0) {
        clearTimeout(timer);
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

const pick = <T>(list: T[], n: number): T => list[n % list.length];

/** The mixed read workload: what discovery and the console's drawers send most. */
const WORKLOAD: Call[] = [
  (c) => c.send(new ListServicesCommand({ maxResults: 100 })),
  (c, k, n) => c.send(new GetServiceCommand({ serviceIdentifier: pick(k.services, n) })),
  (c, k, n) => c.send(new ListListenersCommand({ serviceIdentifier: pick(k.services, n) })),
  (c) => c.send(new ListServiceNetworksCommand({ maxResults: 100 })),
  (c, k, n) => c.send(new GetServiceNetworkCommand({ serviceNetworkIdentifier: pick(k.serviceNetworks, n) })),
  (c, k, n) => c.send(new ListServiceNetworkServiceAssociationsCommand({ serviceNetworkIdentifier: pick(k.serviceNetworks, n), maxResults: 100 })),
  (c) => c.send(new ListTargetGroupsCommand({ maxResults: 100 })),
  (c, k, n) => c.send(new GetTargetGroupCommand({ targetGroupIdentifier: pick(k.targetGroups, n) })),
  (c, k, n) => c.send(new ListTargetsCommand({ targetGroupIdentifier: pick(k.targetGroups, n) })),
];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function runLevel(clients: { client: VPCLatticeClient; cat: Catalog }[], concurrency: number, seconds: number) {
  const latencies: number[] = [];
  let errors = 0;
  const errorNames = new Map<string, number>();
  const deadline = performance.now() + seconds * 1000;
  let counter = 0;
  const worker = async (w: number) => {
    const { client, cat } = clients[w % clients.length];
    while (performance.now() < deadline) {
      const n = counter++;
      const call = WORKLOAD[n % WORKLOAD.length];
      const t0 = performance.now();
      try {
        await call(client, cat, n);
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        const name = (error as Error).name;
        errorNames.set(name, (errorNames.get(name) ?? 0) + 1);
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    concurrency,
    requests: latencies.length,
    errors,
    errorNames: [...errorNames].map(([name, n]) => `${name}×${n}`).join(', '),
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  console.log(`lattice-local bench: scale seed with ${opts.services} services in ${opts.accounts} accounts; ${opts.seconds} s per level`);
  const { child, url, readyMs } = await startServer(opts);
  try {
    console.log(`started and seeded in ${(readyMs / 1000).toFixed(1)} s at ${url}`);
    console.log(`resident memory with the estate loaded: ${residentMegabytes(child.pid!).toFixed(0)} MB`);
    const agent = new Agent({ keepAlive: true, maxSockets: 128 });
    const accounts = scaleAccountIds(opts.accounts);
    const clients = await Promise.all(
      accounts.map(async (account) => {
        const client = new VPCLatticeClient({
          endpoint: url,
          region: 'us-east-1',
          credentials: { accessKeyId: account, secretAccessKey: 'test' },
          maxAttempts: 1,
          requestHandler: { httpAgent: agent },
        });
        return { client, cat: await catalog(client) };
      }),
    );
    // The hub owns networks but no services; the application accounts carry the workload.
    const workers = clients.filter(({ cat }) => cat.services.length > 0 && cat.targetGroups.length > 0 && cat.serviceNetworks.length > 0);
    // Warm up the server's and the clients' code paths before measuring.
    await runLevel(workers, 8, 1);
    console.log('\nconcurrency  requests    req/s   p50 ms   p99 ms  errors');
    for (const level of opts.levels) {
      const r = await runLevel(workers, level, opts.seconds);
      console.log(
        `${String(r.concurrency).padStart(11)}  ${String(r.requests).padStart(8)}  ${r.rps.toFixed(0).padStart(7)}  ${r.p50.toFixed(2).padStart(7)}  ${r.p99.toFixed(2).padStart(7)}  ${String(r.errors).padStart(6)}${r.errorNames ? `  (${r.errorNames})` : ''}`,
      );
    }
    console.log(`\nresident memory after the workload: ${residentMegabytes(child.pid!).toFixed(0)} MB`);
    for (const { client } of clients) client.destroy();
    agent.destroy();
  } finally {
    child.kill('SIGTERM');
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
