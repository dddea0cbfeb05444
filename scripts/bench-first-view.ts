// Benchmark of the topology page's first view on a console that has never discovered, with
// lattice-local's `scale` estate (by default 2,000 services in 20 accounts): time from
// navigation to the first drawn box and to the complete view (the stored snapshot on screen),
// drawing accounts as they are read, beside the same page waiting for every account first
// (`?first-view=all`, how the first view worked before).
//
//   npm run bench:first-view [-- --accounts 20 --services 2000 --shots DIR --emulator-port P --port Q]
//
// Uses the production build in NEXT_DIST_DIR (default .next); builds it when missing. Starts
// its own lattice-local, and a console per run with a throw-away data directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { stopAll, stopChildrenOnExit } from './lib/processes';
import { ensureBuild, parseScaleArgs, signIn, startScaleConsole, startScaleEmulator } from './lib/scale-estate';

const { accounts, services, emulatorPort: askedEmulatorPort, consolePort: askedConsolePort, values } = parseScaleArgs('bench-first-view', { shots: { type: 'string' } });
stopChildrenOnExit();

interface FirstView {
  firstBoxMs: number;
  completeMs: number;
  boxesAtFirst: number;
  accountsAtFirst: number;
}

/** One fresh console (no snapshot): navigation → first drawn box → complete view. */
async function measure(browser: Browser, emulatorPort: number, query: string, label: string): Promise<FirstView> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-bench-first-view-'));
  const app = await startScaleConsole({ accounts, emulatorPort, dataDir, port: askedConsolePort });
  const base = app.base;
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await signIn(page, base);

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
    await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  await ensureBuild('bench-first-view');
  const { port: emulatorPort } = await startScaleEmulator(accounts, services, askedEmulatorPort);

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--disable-gpu'] });
  try {
    console.log(`scale estate: ${accounts} accounts, ${services} services; a fresh console per run (no snapshot)`);
    const baseline = await measure(browser, emulatorPort, '?first-view=all', 'wait-for-all');
    console.log(`waiting for every account (before): first box ${seconds(baseline.firstBoxMs)}, complete view ${seconds(baseline.completeMs)}`);
    const progressive = await measure(browser, emulatorPort, '', 'progressive');
    console.log(`drawing accounts as they are read: first box ${seconds(progressive.firstBoxMs)} (${progressive.accountsAtFirst} of ${accounts} accounts read, ${progressive.boxesAtFirst} boxes), complete view ${seconds(progressive.completeMs)}`);
  } finally {
    await browser.close();
    await stopAll();
  }
}

main().catch(async (err) => {
  console.error(err);
  await stopAll();
  process.exit(1);
});
