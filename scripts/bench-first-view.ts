// Benchmark of the topology page's first view on a console that has never discovered, with
// lattice-local's `scale` estate (by default 2,000 services in 20 accounts): time from
// navigation to the first drawn box and to the complete view (the stored snapshot on screen),
// drawing accounts as they are read, beside the same page waiting for every account first
// (`?first-view=all`, how the first view worked before).
//
//   npm run bench:first-view [-- --accounts 20 --services 2000 --shots DIR]
//
// Uses the production build in NEXT_DIST_DIR (default .next); builds it when missing. Starts
// its own lattice-local, and a console per run with a throw-away data directory.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from '@playwright/test';
import { freePort } from './lib/system';
import { scaleAccountIds } from '../lib/emulator/seeds/scale-plan';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '20' },
    services: { type: 'string', default: '2000' },
    shots: { type: 'string' },
  },
});
const accounts = Number(values.accounts);
const services = Number(values.services);
if (!Number.isInteger(accounts) || accounts < 2 || !Number.isInteger(services) || services < 1) {
  console.error('bench-first-view: --accounts must be an integer ≥ 2 and --services an integer ≥ 1');
  process.exit(2);
}
const root = path.resolve(__dirname, '..');
const distDir = process.env.NEXT_DIST_DIR ?? '.next';
const children: ChildProcess[] = [];
const stopAll = () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
};
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));

async function waitFor(url: string, child: ChildProcess, label: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${label} exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${label} did not start within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

function start(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
}

interface FirstView {
  firstBoxMs: number;
  completeMs: number;
  boxesAtFirst: number;
  accountsAtFirst: number;
}

/** One fresh console (no snapshot): navigation → first drawn box → complete view. */
async function measure(browser: Browser, emulatorPort: number, query: string, label: string): Promise<FirstView> {
  const consolePort = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-bench-first-view-'));
  const ids = scaleAccountIds(accounts);
  const configured = ids.map((id, i) => (i === 0 ? { id, name: 'hub', regions: ['us-east-1'] } : { id, name: `app-${String(i).padStart(2, '0')}`, roleArn: `arn:aws:iam::${id}:role/TrellisConsole`, regions: ['us-east-1'] }));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TRELLIS_DEMO: '1',
    TRELLIS_DATA_DIR: dataDir,
    TRELLIS_ACCOUNTS: JSON.stringify(configured),
    AWS_ENDPOINT_URL: `http://127.0.0.1:${emulatorPort}`,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: ids[0],
    AWS_SECRET_ACCESS_KEY: 'test',
    NEXTAUTH_URL: `http://127.0.0.1:${consolePort}`,
    PORT: String(consolePort),
  };
  delete env.AWS_SESSION_TOKEN;
  delete env.AWS_PROFILE;
  const consoleProcess = start(path.join(root, 'node_modules/.bin/next'), ['start', '-p', String(consolePort), '-H', '127.0.0.1'], env);
  const base = `http://127.0.0.1:${consolePort}`;
  try {
    await waitFor(`${base}/api/health`, consoleProcess, 'the console', 120_000);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${base}/sign-in`);
    await page.fill('#username', 'admin');
    await page.fill('#password', 'trellis');
    await page.click('button[type=submit]');
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));

    await page.goto(`${base}/topology${query}`, { waitUntil: 'commit' });
    const boxes = '[data-testid=canvas-node], [data-testid=canvas-aggregate]';
    await page.locator(boxes).first().waitFor({ timeout: 600_000 });
    const firstBoxMs = await page.evaluate(() => performance.now());
    const boxesAtFirst = await page.locator(boxes).count();
    const accountsAtFirst = await page.locator('[data-testid=account-group]:not(:has-text("reading…"))').count();
    if (values.shots) {
      fs.mkdirSync(values.shots, { recursive: true });
      await page.screenshot({ path: path.join(values.shots, `first-view-${label}-first.png`) });
    }
    // Complete: the stored snapshot is on screen (its duration and calls are in the summary).
    await page.getByTestId('discovery-summary').filter({ hasText: 'API calls' }).waitFor({ timeout: 600_000 });
    await page.locator(boxes).first().waitFor();
    const completeMs = await page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now()))));
    if (values.shots) await page.screenshot({ path: path.join(values.shots, `first-view-${label}-complete.png`) });
    await page.close();
    return { firstBoxMs, completeMs, boxesAtFirst, accountsAtFirst };
  } finally {
    consoleProcess.kill('SIGTERM');
    await new Promise((r) => (consoleProcess.exitCode !== null ? r(null) : consoleProcess.once('exit', r)));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  if (!fs.existsSync(path.join(root, distDir, 'BUILD_ID'))) {
    console.log(`bench-first-view: no build in ${distDir}; running next build…`);
    const code = await new Promise<number>((resolve) => spawn(path.join(root, 'node_modules/.bin/next'), ['build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } }).on('exit', (c) => resolve(c ?? 1)));
    if (code !== 0) throw new Error('next build failed');
  }
  const emulatorPort = await freePort();
  const emulator = start(process.execPath, ['--import', 'tsx', 'lib/emulator/main.ts', '--port', String(emulatorPort), '--host', '127.0.0.1', '--seed', 'scale', '--accounts', String(accounts), '--services', String(services), '--activation-delay', '0', '--log-level', 'silent'], process.env);
  await waitFor(`http://127.0.0.1:${emulatorPort}/_local/health`, emulator, 'lattice-local', 300_000);

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--disable-gpu'] });
  try {
    console.log(`scale estate: ${accounts} accounts, ${services} services; a fresh console per run (no snapshot)`);
    const baseline = await measure(browser, emulatorPort, '?first-view=all', 'wait-for-all');
    console.log(`waiting for every account (before): first box ${seconds(baseline.firstBoxMs)}, complete view ${seconds(baseline.completeMs)}`);
    const progressive = await measure(browser, emulatorPort, '', 'progressive');
    console.log(`drawing accounts as they are read: first box ${seconds(progressive.firstBoxMs)} (${progressive.accountsAtFirst} of ${accounts} accounts read, ${progressive.boxesAtFirst} boxes), complete view ${seconds(progressive.completeMs)}`);
  } finally {
    await browser.close();
    stopAll();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
