// Several console instances on one PostgreSQL: specs named *.consoles.spec.ts, which start
// their own lattice-local, PostgreSQL and consoles (scripts/start.ts) and kill some of them,
// so this run has no web server of its own. Console A listens on E2E_PORT, B on the next
// port, lattice-local on E2E_EMULATOR_PORT.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

const port = Number(process.env.E2E_PORT ?? 3311);
export const consolePorts = [port, port + 1] as const;
export const emulatorPort = Number(process.env.E2E_EMULATOR_PORT ?? 4611);

export default defineConfig({
  ...base,
  testIgnore: [],
  testMatch: ['**/*.consoles.spec.ts'],
  // Two consoles start, plan and apply on a loaded machine; the test's own waits are for states.
  timeout: 300_000,
  webServer: undefined,
});
