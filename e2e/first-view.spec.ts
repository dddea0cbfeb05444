// The first view of a console that has never discovered: accounts are drawn as they are read.
// lattice-local holds one account's calls (POST /_local/holds) until the spec lifts the hold,
// so the page is seen with the other accounts drawn and that one still reading, then complete.
// Runs under playwright.first-view.config.ts (a console of its own, with no snapshot).
import { expect, test, type Page } from '@playwright/test';
import { DEMO_ACCOUNTS } from '../lib/demo';
import { signIn } from './support/auth';

const emulatorUrl = `http://127.0.0.1:${Number(process.env.E2E_EMULATOR_PORT ?? 4611)}`;
const LOCAL_ADMIN = { 'x-lattice-local': 'admin' };
const PAYMENTS = DEMO_ACCOUNTS.find((a) => a.name === 'payments')!.id;

async function hold(page: Page, accounts: string[]) {
  const res = await page.request.post(`${emulatorUrl}/_local/holds`, { data: { accounts }, headers: LOCAL_ADMIN });
  expect(res.ok(), await res.text()).toBe(true);
}

test.describe('first view', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('draws the accounts already read while one is still being read, then the whole estate', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    await hold(page, [PAYMENTS]);
    try {
      await signIn(page, 'viewer');
      await page.goto('/topology');

      // The other accounts are drawn; payments is framed as still reading.
      const reading = page.getByTestId('first-view-reading');
      await expect(reading).toBeVisible({ timeout: 60_000 });
      const others = DEMO_ACCOUNTS.filter((a) => a.id !== PAYMENTS);
      for (const a of others) await expect(page.locator(`[data-testid="account-group"][data-account="${a.id}"]`)).not.toContainText('reading…', { timeout: 60_000 });
      await expect(reading).toContainText(`${others.length} of ${DEMO_ACCOUNTS.length} accounts read`);
      await expect(page.locator(`[data-testid="account-group"][data-account="${PAYMENTS}"]`)).toContainText('payments · reading…');
      await expect(page.getByTestId('canvas-node').first()).toBeVisible();
      // Payments is still held: its calls wait in lattice-local.
      const held = (await (await page.request.get(`${emulatorUrl}/_local/holds`)).json()) as { waiting: number };
      expect(held.waiting).toBeGreaterThan(0);
      const partialBoxes = await page.getByTestId('canvas-node').count();
      await page.screenshot({ path: testInfo.outputPath('first-view-partial.png') });

      await hold(page, []);
      await expect(reading).toBeHidden({ timeout: 60_000 });
      const frame = page.locator(`[data-testid="account-group"][data-account="${PAYMENTS}"]`);
      await expect(frame).not.toContainText('reading…');
      await expect(frame).not.toHaveAttribute('data-count', '0');
      await expect.poll(() => page.getByTestId('canvas-node').count()).toBeGreaterThan(partialBoxes);
      // The complete view is the stored snapshot.
      await expect(page.getByTestId('discovery-summary')).toContainText('API calls');
      await page.screenshot({ path: testInfo.outputPath('first-view-complete.png') });
    } finally {
      await hold(page, []);
    }
  });
});
