// The discovery process: started by the console for one discovery (discovery-process.ts), it
// runs discoverEstate or readDeferredDetails on its own event loop and sends back progress,
// the role credentials it assumed, the merged topology in pieces and the figures, then exits.
// Not imported by anything: started as `node --import tsx --conditions=react-server <this file>`.

import { freshRoleCredentials, rememberRoleCredentials } from './clients';
import { readDeferredDetails } from './deferred';
import { discoverEstate } from './discover';
import { toWireError, topologyAssembler, topologyPieces, type DiscoveryJob, type DiscoveryProcessMemory, type FromChild, type JobSummary, type ToChild } from './discovery-wire';
import type { Topology } from '@/lib/topology';

const memory: DiscoveryProcessMemory = { pid: process.pid, peakRss: 0, peakHeapUsed: 0, rss: 0, heapUsed: 0 };
function sample(): void {
  const m = process.memoryUsage();
  memory.peakRss = Math.max(memory.peakRss, m.rss);
  memory.peakHeapUsed = Math.max(memory.peakHeapUsed, m.heapUsed);
  memory.rss = m.rss;
  memory.heapUsed = m.heapUsed;
}
const sampler = setInterval(sample, 250);
sample();

/** Sends one message; resolves once the channel took it, so a large result never piles up here. */
function send(message: FromChild): Promise<void> {
  return new Promise((resolve, reject) => process.send!(message, undefined, undefined, (err) => (err ? reject(err) : resolve())));
}

async function sendTopology(topology: Topology): Promise<void> {
  for (const piece of topologyPieces(topology)) await send({ type: 'topology', piece });
}

async function run(job: DiscoveryJob, input: Topology | undefined): Promise<void> {
  const onProgress = (progress: FromChild & { type: 'progress' }) => void send(progress).catch(() => undefined);
  let summary: Omit<JobSummary, 'memory'>;
  let topology: Topology;
  if (job.kind === 'estate') {
    const result = await discoverEstate(job.targets, { ...job.options, onProgress: (progress) => onProgress({ type: 'progress', progress }) });
    topology = result.topology;
    summary = { stats: result.stats, durationMs: result.durationMs, minimum: result.minimum, accounts: result.accounts.map(({ topology: _topology, ...rest }) => rest) };
  } else {
    const result = await readDeferredDetails(job.targets, input!, job.options);
    topology = result.topology;
    summary = { stats: result.stats, durationMs: result.durationMs };
  }
  await send({ type: 'roles', roles: freshRoleCredentials() });
  await sendTopology(topology);
  sample();
  await send({ type: 'result', summary: { ...summary, memory } });
}

function finish(code: number): void {
  clearInterval(sampler);
  // The SDK's keep-alive sockets would hold the process open.
  process.exit(code);
}

if (!process.send) {
  console.error('discovery-child: started without an IPC channel; the console starts it (lib/aws/discovery-process.ts)');
  process.exit(2);
}
// The console went away: nobody is left to read the result.
process.on('disconnect', () => finish(1));

let job: DiscoveryJob | undefined;
const assembler = topologyAssembler();
let started = false;
const start = (input: Topology | undefined) => {
  if (started || !job) return;
  started = true;
  run(job, input).then(
    () => finish(0),
    (err) => send({ type: 'failed', error: toWireError(err) }).finally(() => finish(1)),
  );
};
process.on('message', (message: ToChild) => {
  if (message.type === 'start') {
    job = message.job;
    rememberRoleCredentials(message.roles);
    if (!message.withTopology) start(undefined);
  } else {
    const topology = assembler.add(message.piece);
    if (topology) start(topology);
  }
});
