// Child-process helpers shared by `npm start` and `npm test`: start a server, wait until it
// answers, and make sure nothing outlives the parent.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..', '..');
export const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

const children = new Set<ChildProcess>();
const cleanups = new Set<() => void>();

/** Registers work to do when the script stops, normally or by a signal (e.g. stop a daemon). */
export function onStop(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

function runCleanups() {
  for (const cleanup of [...cleanups]) {
    cleanups.delete(cleanup);
    try {
      cleanup();
    } catch (err) {
      console.error(`cleanup failed: ${(err as Error).message}`);
    }
  }
}

/** Spawns in its own process group so a stop takes its grandchildren (next-server, tsx) too. */
export function startProcess(command: string, args: string[], { label, ...options }: SpawnOptions & { label: string }): ChildProcess {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', detached: true, ...options });
  child.on('error', (err) => console.error(`${label}: ${err.message}`));
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    killGroup(child, signal);
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    child.kill(signal);
  }
}

export async function stopAll() {
  await Promise.all([...children].map((c) => stopProcess(c)));
  runCleanups();
}

/** Stops every child on Ctrl-C, `kill`, or an uncaught error, then exits. */
export function stopChildrenOnExit() {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, async () => {
      await stopAll();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
  process.on('exit', () => {
    for (const c of children) killGroup(c, 'SIGKILL');
    runCleanups();
  });
}

/** Polls a URL until it answers 2xx, the child dies, or the deadline passes. */
export async function waitForHttp(url: string, child: ChildProcess | null, timeoutMs: number, label: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${label} exited with code ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${label} did not answer ${url} within ${Math.round(timeoutMs / 1000)} s`);
}

export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    children.add(child);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}
