// Benchmark of the topology canvas in Chromium with lattice-local's `scale` estate (by
// default 2,000 services in 20 accounts): time from navigation to the first rendered frame
// of the canvas, and frame times while panning and zooming, first in the aggregated view
// (what a user sees at that size) and then with every group opened (every service a box).
//
//   npm run bench:canvas [-- --accounts 20 --services 2000 --shots DIR]
//
// Uses the production build in NEXT_DIST_DIR (default .next); builds it when missing.
// Starts its own lattice-local and console on free ports with a throw-away data directory.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { freePort } from './lib/system';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
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
  console.error('bench-canvas: --accounts must be an integer ≥ 2 and --services an integer ≥ 1');
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

/** Frame-to-frame times (ms) recorded in the page while `act` runs. */
async function frameTimes(page: Page, act: () => Promise<void>): Promise<number[]> {
  // A string, not a function: the page must not see the helpers tsx adds to compiled functions.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    let last = performance.now();
    const tick = (t) => {
      window.__frames.push(t - last);
      last = t;
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await act();
  return page.evaluate<number[]>(`(() => {
    window.__recording = false;
    return window.__frames.slice(1);
  })()`);
}

function summary(frames: number[]): string {
  if (!frames.length) return 'no frames';
  const s = [...frames].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const fps = (1000 * frames.length) / frames.reduce((a, b) => a + b, 0);
  return `${frames.length} frames, p50 ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms, ${fps.toFixed(0)} fps`;
}

async function panAndZoom(page: Page): Promise<{ pan: number[]; zoom: number[] }> {
  const box = (await page.getByTestId('topology-canvas').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  // Drag from an empty corner of the pane (dragging a box would move the box, not the view).
  const pan = await frameTimes(page, async () => {
    await page.mouse.move(box.x + 12, box.y + 12);
    await page.mouse.down();
    for (let i = 0; i < 60; i++) await page.mouse.move(box.x + 12 + Math.sin(i / 6) * 300 + 300, box.y + 12 + Math.cos(i / 6) * 150 + 150, { steps: 2 });
    await page.mouse.up();
  });
  const zoom = await frameTimes(page, async () => {
    await page.mouse.move(cx, cy);
    for (let i = 0; i < 40; i++) {
      await page.mouse.wheel(0, i < 20 ? -120 : 120);
      await page.waitForTimeout(16);
    }
  });
  return { pan, zoom };
}

async function main() {
  if (!fs.existsSync(path.join(root, distDir, 'BUILD_ID'))) {
    console.log(`bench-canvas: no build in ${distDir}; running next build…`);
    const code = await new Promise<number>((resolve) => spawn(path.join(root, 'node_modules/.bin/next'), ['build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } }).on('exit', (c) => resolve(c ?? 1)));
    if (code !== 0) throw new Error('next build failed');
  }
  const [emulatorPort, consolePort] = [await freePort(), await freePort()];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-bench-canvas-'));
  const emulator = start(process.execPath, ['--import', 'tsx', 'lib/emulator/main.ts', '--port', String(emulatorPort), '--host', '127.0.0.1', '--seed', 'scale', '--accounts', String(accounts), '--services', String(services), '--activation-delay', '0', '--log-level', 'silent'], process.env);
  await waitFor(`http://127.0.0.1:${emulatorPort}/_local/health`, emulator, 'lattice-local', 300_000);

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
  await waitFor(`${base}/api/health`, consoleProcess, 'the console', 120_000);

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${base}/sign-in`);
    await page.fill('#username', 'admin');
    await page.fill('#password', 'trellis');
    await page.click('button[type=submit]');
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));

    // Discover once, so the timing below is the canvas, not discovery.
    const discoverStart = Date.now();
    const warm = await page.request.get(`${base}/api/topology`, { timeout: 600_000 });
    if (!warm.ok()) throw new Error(`GET /api/topology answered ${warm.status()}: ${await warm.text()}`);
    const body = (await warm.json()) as { nodes: { kind: string }[] };
    const serviceCount = body.nodes.filter((n) => n.kind === 'service').length;
    console.log(`console on :${consolePort}, lattice-local on :${emulatorPort}; first discovery ${((Date.now() - discoverStart) / 1000).toFixed(1)} s: ${serviceCount} services, ${body.nodes.length} nodes, ${(warm.headers()['content-length'] ? Number(warm.headers()['content-length']) : (await warm.body()).length) / 1e6} MB of JSON`);

    const results: string[] = [];
    for (let run = 0; run < 3; run++) {
      await page.goto(`${base}/`);
      await page.goto(`${base}/topology`);
      await page.locator('[data-testid=canvas-node], [data-testid=canvas-aggregate]').first().waitFor({ timeout: 120_000 });
      const firstFrame = await page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now()))));
      const boxes = await page.locator('[data-testid=canvas-node], [data-testid=canvas-aggregate]').count();
      results.push(`${firstFrame.toFixed(0)} ms (${boxes} boxes)`);
    }
    console.log(`\nnavigation → first rendered frame, aggregated view: ${results.join(', ')}`);
    await page.waitForTimeout(500);
    if (values.shots) {
      fs.mkdirSync(values.shots, { recursive: true });
      await page.screenshot({ path: path.join(values.shots, `scale-${services}-aggregated.png`) });
    }
    const aggregated = await panAndZoom(page);
    console.log(`  pan:  ${summary(aggregated.pan)}`);
    console.log(`  zoom: ${summary(aggregated.zoom)}`);

    // Every service its own box.
    const openStart = Date.now();
    await page.getByTestId('show-every-box').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=canvas-aggregate]').length === 0 && document.querySelector('[data-testid=topology-canvas]')?.getAttribute('data-layout') !== 'pending', undefined, { timeout: 120_000 });
    await page.locator('[data-testid=canvas-node]').first().waitFor();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    const all = Number(await page.getByTestId('topology-canvas').getAttribute('data-node-count'));
    console.log(`\nevery box drawn: ${all} boxes, ${Date.now() - openStart} ms from the click to the first frame`);
    await page.getByRole('button', { name: 'Fit View' }).click().catch(() => undefined);
    await page.waitForTimeout(800);
    if (values.shots) await page.screenshot({ path: path.join(values.shots, `scale-${services}-all.png`) });
    const full = await panAndZoom(page);
    console.log(`  pan:  ${summary(full.pan)}`);
    console.log(`  zoom: ${summary(full.zoom)}`);

  } finally {
    await browser.close();
    stopAll();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`bench-canvas: ${err instanceof Error ? err.message : String(err)}`);
  stopAll();
  process.exit(1);
});
