import 'server-only';
// Discovery off the console's event loop. Reading an estate is tens of thousands of SDK calls
// (signing, parsing, middleware) and a merge of everything they return: on the console's own
// loop that held every other request for seconds. Each discovery runs instead in a process of
// its own (discovery-child.ts) that streams back each account's progress and topology as it
// finishes, then the merged topology in pieces; the console only puts the pieces together.
// A process that dies is a failed discovery with a message saying so, never a wait forever.

import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Topology } from '@/lib/topology';
import type { CallStats } from './calls';
import { freshRoleCredentials, rememberRoleCredentials, type ClientOptions } from './clients';
import type { DeferredResult } from './deferred';
import type { AccountProgress, DiscoverEstateOptions, DiscoveryTarget, EstateResult } from './discover';
import { fromWireError, topologyAssembler, topologyPieces, type AccountSummary, type DiscoveryJob, type DiscoveryProcessMemory, type FromChild, type JobSummary, type ToChild } from './discovery-wire';
import type { MinimumCalls } from './minimum';

/** Started with the console's own Node, from the project's root (where `npm start` runs). */
const ENTRY = join('lib', 'aws', 'discovery-child.ts');
/** The end of the process's stderr kept for the message when it dies. */
const STDERR_KEPT = 4000;

export class DiscoveryProcessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiscoveryStopped';
  }
}

export interface OffLoopOptions {
  signal?: AbortSignal;
  onProgress?: (progress: AccountProgress) => void;
  /** Called with the discovery process's id once it runs (operators' logs, tests). */
  onProcess?: (pid: number) => void;
}

export interface OffLoopEstateResult extends Omit<EstateResult, 'accounts'> {
  accounts: AccountSummary[];
  /** The discovery process's memory while it ran. */
  memory: DiscoveryProcessMemory;
}

export interface OffLoopDeferredResult extends DeferredResult {
  memory: DiscoveryProcessMemory;
}

/** discoverEstate in a discovery process: the same result, each account's progress streamed as it comes. */
export async function discoverEstateOffLoop(targets: readonly DiscoveryTarget[], options: Omit<DiscoverEstateOptions, 'onProgress' | 'signal'> & OffLoopOptions = {}): Promise<OffLoopEstateResult> {
  const { signal, onProgress, onProcess, ...rest } = options;
  const job: DiscoveryJob = { kind: 'estate', targets: [...targets], options: pick(rest, ['depth', 'concurrency', 'parallelAccounts', 'maxAttempts', 'tags']) };
  const { summary, topology } = await runJob(job, undefined, { signal, onProgress, onProcess });
  return { topology, stats: summary.stats, durationMs: summary.durationMs, minimum: summary.minimum ?? ({ total: 0, byOperation: {} } as MinimumCalls), accounts: summary.accounts ?? [], memory: summary.memory };
}

/** readDeferredDetails in a discovery process. */
export async function readDeferredDetailsOffLoop(targets: readonly DiscoveryTarget[], topology: Topology, options: ClientOptions & { concurrency?: number; parallelAccounts?: number } & OffLoopOptions = {}): Promise<OffLoopDeferredResult> {
  const { signal, onProgress, onProcess, ...rest } = options;
  if (!topology.deferred?.length) return { topology, stats: { calls: 0, attempts: 0, failures: 0, byOperation: {} } satisfies CallStats, durationMs: 0, memory: { pid: 0, peakRss: 0, peakHeapUsed: 0, rss: 0, heapUsed: 0 } };
  const job: DiscoveryJob = { kind: 'deferred', targets: [...targets], options: pick(rest, ['concurrency', 'parallelAccounts', 'maxAttempts']) };
  const result = await runJob(job, topology, { signal, onProgress, onProcess });
  return { topology: result.topology, stats: result.summary.stats, durationMs: result.summary.durationMs, memory: result.summary.memory };
}

function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k];
  return out;
}

function runJob(job: DiscoveryJob, input: Topology | undefined, options: OffLoopOptions): Promise<{ summary: JobSummary; topology: Topology }> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new DiscoveryProcessError('Discovery was stopped before it started.'));
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', ENTRY], { cwd: process.cwd(), env: process.env, stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
    } catch (err) {
      return reject(new DiscoveryProcessError(`The discovery process could not be started: ${err instanceof Error ? err.message : String(err)}`));
    }
    let settled = false;
    let stderr = '';
    const assembler = topologyAssembler();
    let topology: Topology | undefined;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', abort);
      fn();
    };
    const fail = (err: Error) =>
      settle(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        reject(err);
      });
    const abort = () => fail(new DiscoveryProcessError('Discovery was stopped.'));
    options.signal?.addEventListener('abort', abort, { once: true });

    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      process.stderr.write(text);
      stderr = (stderr + text).slice(-STDERR_KEPT);
    });
    child.on('error', (err) => fail(new DiscoveryProcessError(`The discovery process could not be started: ${err.message}`)));
    child.on('spawn', () => {
      if (child.pid) options.onProcess?.(child.pid);
      void sendJob(child, job, input).catch((err: Error) => fail(new DiscoveryProcessError(`The discovery process could not be given its work: ${err.message}`)));
    });
    child.on('message', (message: FromChild) => {
      if (settled) return;
      switch (message.type) {
        case 'progress':
          options.onProgress?.(message.progress);
          break;
        case 'roles':
          rememberRoleCredentials(message.roles);
          break;
        case 'topology':
          topology = assembler.add(message.piece) ?? topology;
          break;
        case 'result':
          if (!topology) return fail(new DiscoveryProcessError('The discovery process sent its figures without its topology.'));
          settle(() => resolve({ summary: message.summary, topology: topology! }));
          break;
        case 'failed':
          fail(fromWireError(message.error));
          break;
      }
    });
    // 'close', not 'exit': it comes after the last message the process sent has been read.
    child.on('close', (code, signal) => {
      const last = signal ? '' : lastLine(stderr);
      const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
      fail(new DiscoveryProcessError(`The discovery process ${how} before it finished${last ? ` (${last})` : ''}; nothing it read was kept.`));
    });
  });
}

/** The job, then (for the deferred pass) its topology piece by piece, each handed to the channel before the next. */
async function sendJob(child: ChildProcess, job: DiscoveryJob, input: Topology | undefined): Promise<void> {
  const send = (message: ToChild) => new Promise<void>((resolve, reject) => child.send(message, (err) => (err ? reject(err) : resolve())));
  await send({ type: 'start', job, roles: freshRoleCredentials(), withTopology: !!input });
  if (input) for (const piece of topologyPieces(input)) await send({ type: 'topology', piece });
}

/** The last line that says something (a stack's first line rather than its frames). */
function lastLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('at ') && !/^\^+$/.test(l) && !/^Node\.js v/.test(l));
  return (lines.at(-1) ?? '').slice(0, 300);
}
