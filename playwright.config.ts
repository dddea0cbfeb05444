import { defineConfig } from '@playwright/test';

// The e2e run starts its own lattice-local and console (scripts/start.ts) on ports of its own,
// with a fresh data directory, so it never touches a developer's `npm start`.
const port = Number(process.env.E2E_PORT ?? 3311);
const emulatorPort = Number(process.env.E2E_EMULATOR_PORT ?? 4611);
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'e2e',
  // Specs that need approval required run under playwright.approval.config.ts.
  // The first-view spec needs a console that has never discovered (playwright.first-view.config.ts).
  // Specs that start several consoles of their own run under playwright.consoles.config.ts.
  testIgnore: ['**/*.approval.spec.ts', '**/first-view.spec.ts', '**/*.consoles.spec.ts'],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium; Playwright's own browser downloads are not used.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: `node_modules/.bin/tsx scripts/start.ts --no-build --quiet --fresh --port ${port} --emulator-port ${emulatorPort} --data-dir .trellis/e2e-${port}`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
    // The public URL is the one the browser uses: state-changing requests must carry exactly its origin.
    // Specs refresh the estate many times a minute as one user, sometimes within a second: no per-user rate.
    env: { NEXTAUTH_URL: baseURL, TRELLIS_REFRESH_MIN_SECONDS: '0' },
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
