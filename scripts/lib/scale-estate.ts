// Start-up shared by the browser benchmarks on lattice-local's `scale` estate: the sizes from
// the command line, the production build, lattice-local seeded with the estate, and a console
// whose configured accounts are the estate's, signed in from a Playwright page.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { scaleAccountIds } from '../../lib/emulator/seeds/scale-plan';
import { bin, root, run, startProcess, stopProcess, waitForHttp } from './processes';
import { freePort } from './system';

/** A benchmark's own string options, beside the estate's sizes and the ports. */
type StringOptions = Record<string, { type: 'string'; default?: string }>;

export interface ScaleArgs {
  accounts: number;
  services: number;
  /** Ports asked for on the command line (a free one is picked for each left out). */
  emulatorPort?: number;
  consolePort?: number;
  values: Record<string, string | undefined>;
}

/**
 * `--accounts N --services M [--emulator-port P --port Q]` (defaults: the 2,000-service estate in
 * 20 accounts) and the benchmark's own options; exits with a message on bad values.
 */
export function parseScaleArgs(bench: string, options: StringOptions): ScaleArgs {
  const all: StringOptions = {
    accounts: { type: 'string', default: '20' },
    services: { type: 'string', default: '2000' },
    'emulator-port': { type: 'string' },
    port: { type: 'string' },
    ...options,
  };
  const values = parseArgs({ options: all }).values as Record<string, string | undefined>;
  const accounts = Number(values.accounts);
  const services = Number(values.services);
  if (!Number.isInteger(accounts) || accounts < 2 || !Number.isInteger(services) || services < 1) {
    console.error(`${bench}: --accounts must be an integer ≥ 2 and --services an integer ≥ 1`);
    process.exit(2);
  }
  const port = (name: 'emulator-port' | 'port') => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 65535) {
      console.error(`${bench}: --${name} must be a port number from 1 to 65535`);
      process.exit(2);
    }
    return n;
  };
  return { accounts, services, emulatorPort: port('emulator-port'), consolePort: port('port'), values };
}

/** Builds the console into NEXT_DIST_DIR (default .next) unless a build is there. */
export async function ensureBuild(bench: string): Promise<void> {
  const distDir = process.env.NEXT_DIST_DIR ?? '.next';
  if (fs.existsSync(path.join(root, distDir, 'BUILD_ID'))) return;
  console.log(`${bench}: no build in ${distDir}; running next build…`);
  const code = await run(bin('next'), ['build'], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (code !== 0) throw new Error('next build failed');
}

/** lattice-local on 127.0.0.1 seeded with the scale estate; resolves once it answers. */
export async function startScaleEmulator(accounts: number, services: number, port?: number): Promise<{ port: number; process: ChildProcess }> {
  const emulatorPort = port ?? (await freePort());
  const child = startProcess(process.execPath, ['--import', 'tsx', 'lib/emulator/main.ts', '--port', String(emulatorPort), '--host', '127.0.0.1', '--seed', 'scale', '--accounts', String(accounts), '--services', String(services), '--activation-delay', '0', '--log-level', 'silent'], {
    label: 'lattice-local',
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForHttp(`http://127.0.0.1:${emulatorPort}/_local/health`, child, 300_000, 'lattice-local');
  return { port: emulatorPort, process: child };
}

export interface ScaleConsole {
  base: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** A production console whose configured accounts are the scale estate's (the first is the hub), keeping its data in `dataDir`. */
export async function startScaleConsole(opts: { accounts: number; emulatorPort: number; dataDir: string; port?: number }): Promise<ScaleConsole> {
  const consolePort = opts.port ?? (await freePort());
  const ids = scaleAccountIds(opts.accounts);
  const configured = ids.map((id, i) => (i === 0 ? { id, name: 'hub', regions: ['us-east-1'] } : { id, name: `app-${String(i).padStart(2, '0')}`, roleArn: `arn:aws:iam::${id}:role/TrellisConsole`, regions: ['us-east-1'] }));
  const base = `http://127.0.0.1:${consolePort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TRELLIS_DEMO: '1',
    TRELLIS_DATA_DIR: opts.dataDir,
    TRELLIS_ACCOUNTS: JSON.stringify(configured),
    AWS_ENDPOINT_URL: `http://127.0.0.1:${opts.emulatorPort}`,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: ids[0],
    AWS_SECRET_ACCESS_KEY: 'test',
    NEXTAUTH_URL: base,
    PORT: String(consolePort),
  };
  delete env.AWS_SESSION_TOKEN;
  delete env.AWS_PROFILE;
  const child = startProcess(bin('next'), ['start', '-p', String(consolePort), '-H', '127.0.0.1'], { label: 'the console', env, stdio: ['ignore', 'ignore', 'inherit'] });
  await waitForHttp(`${base}/api/health`, child, 120_000, 'the console');
  return { base, port: consolePort, process: child, stop: () => stopProcess(child) };
}

/** Signs in as the demo administrator. */
export async function signIn(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.fill('#username', 'admin');
  await page.fill('#password', 'trellis');
  await page.click('button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}
