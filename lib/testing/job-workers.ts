// Console instances' job workers for tests that run several on one database: each is
// scripts/jobs-worker.ts as one node process, so SIGKILL kills it and nothing else.
import { spawn, type ChildProcess } from 'node:child_process';
import { openDatabase, type OpenDatabase } from '@/lib/db/client';
import { createScratchPostgres } from '@/lib/db/testing';
import { createPgBossQueue } from '@/lib/jobs/pg-boss';
import type { JobQueue } from '@/lib/jobs/queue';
import { REPO_ROOT } from './lattice-local';
import { until as waitFor } from './until';

/** The database instances share: a scratch one on the test server, opened here with a job queue. */
export interface SharedJobDatabase {
  url: string;
  db: OpenDatabase;
  /** This process's queue on it (to send jobs; it runs none unless told to work). */
  queue: JobQueue;
  close(): Promise<void>;
}

/** Makes a scratch database on `testDatabaseUrl` (TEST_DATABASE_URL, which `npm test` sets). */
export async function sharedJobDatabase(testDatabaseUrl: string | undefined): Promise<SharedJobDatabase> {
  if (!testDatabaseUrl) throw new Error('TEST_DATABASE_URL is not set: `npm test` starts a PostgreSQL server and sets it (or set TRELLIS_TEST_PG=skip to skip this knowingly).');
  const scratch = await createScratchPostgres(testDatabaseUrl);
  const db = await openDatabase({ url: scratch.url });
  const queue = await createPgBossQueue({ url: scratch.url });
  return {
    url: scratch.url,
    db,
    queue,
    async close() {
      await queue.stop();
      await db.close();
      await scratch.drop();
    },
  };
}

export interface JobWorker {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
  exited: Promise<void>;
}

/** The workers a test starts, waits on and stops. */
export function jobWorkers() {
  const all: JobWorker[] = [];
  return {
    all,
    /** Starts one with the test process's environment plus `env` (its DATABASE_URL at least). */
    start(env: Record<string, string>): JobWorker {
      const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/jobs-worker.ts'], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      child.stderr!.on('data', (d) => (out += d));
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const worker = { child, output: () => out, exited };
      all.push(worker);
      return worker;
    },
    /** Waits for a state; fails at once if a worker exits other than by the test's SIGKILL. */
    until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false): Promise<T> {
      return waitFor(what, probe, () => {
        if (all.some((w) => w.child.exitCode !== null && w.child.signalCode !== 'SIGKILL')) throw new Error(`a worker exited while waiting for ${what}:\n${all.map((w) => w.output()).join('\n---\n')}`);
      });
    },
    /** Stops every worker still running and waits for all to exit. */
    async stopAll(): Promise<void> {
      for (const w of all) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
      await Promise.all(all.map((w) => w.exited));
    },
  };
}
