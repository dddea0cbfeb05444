// Starting lattice-local for a test or a benchmark: in process on an ephemeral port, or as a
// child process (for kill -9 and restart).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setOrganization, startLatticeLocal, type Organization } from '@/lib/emulator';
import { clientsFor, type Clients, type Credentials } from './clients';

export type LatticeLocal = Awaited<ReturnType<typeof startLatticeLocal>>;
export type StartOptions = Parameters<typeof startLatticeLocal>[0];

export interface Harness {
  server: LatticeLocal;
  url: string;
  clients(who: string | Credentials): Clients;
  stop(): Promise<void>;
}

/** lattice-local, empty unless told; `organization` creates one (it has none of its own). */
export async function startHarness({ organization, ...options }: StartOptions & { organization?: Organization } = {}): Promise<Harness> {
  const server = await startLatticeLocal({ port: 0, host: '127.0.0.1', activationDelayMs: 0, seed: 'empty', logLevel: 'silent', ...options } as StartOptions);
  if (organization) server.store.transaction(() => setOrganization(server.store, organization));
  const made: Clients[] = [];
  return {
    server,
    url: server.url,
    clients(who) {
      const c = clientsFor(server.url, who);
      made.push(c);
      return c;
    },
    async stop() {
      for (const c of made) {
        c.lattice.destroy();
        c.ram.destroy();
        c.ec2.destroy();
        c.sts.destroy();
      }
      await server.stop();
    },
  };
}

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ChildServer {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/**
 * Runs `lib/emulator/main.ts` under tsx as one node process (not through npx, whose wrapper
 * would survive a kill -9 of its child) and resolves once it prints the URL it listens on.
 */
export function spawnLatticeLocal(args: string[], env: Record<string, string> = {}): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lib/emulator/main.ts', '--host', '127.0.0.1', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`lattice-local did not start within 30 s:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/https?:\/\/127\.0\.0\.1:(\d+)/);
      if (m && Number(m[1]) > 0) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${m[1]}`, output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`lattice-local exited (${code ?? signal}) before listening:\n${out}`));
    });
  });
}

/** Waits for a child to exit (after a signal). */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
