import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/auth';
import { designNode, field, newDesign } from './support/designer';

const emulator = `http://127.0.0.1:${Number(process.env.E2E_EMULATOR_PORT ?? 4611)}`;

/** lattice-local's fault settings: how long a new resource stays CREATE_IN_PROGRESS. */
async function activationDelay(page: Page, ms: number) {
  const r = await page.request.post(`${emulator}/_local/faults`, { headers: { 'content-type': 'application/json', 'x-lattice-local': 'admin' }, data: { activationDelayMs: ms } });
  expect(r.ok()).toBe(true);
}

/** Everything still CREATE_IN_PROGRESS becomes ACTIVE now. */
async function activateEverything(page: Page) {
  const r = await page.request.post(`${emulator}/_local/activate`, { headers: { 'content-type': 'application/json', 'x-lattice-local': 'admin' }, data: {} });
  expect(r.ok()).toBe(true);
}

test.describe('apply you can watch', () => {
  test.use({ viewport: { width: 1600, height: 1000 } });
  test.afterEach(async ({ page }) => activationDelay(page, 0));

  test('confirm in the page, then each operation shows its state and duration while the apply runs', async ({ page }) => {
    // Two applies and a design; on a loaded machine this outlasts the default minute.
    test.setTimeout(180_000);
    await signIn(page, 'editor');
    const stamp = Date.now().toString(36).slice(-6);
    await newDesign(page, `watch ${stamp}`);
    await page.getByTestId('palette-serviceNetwork').click();
    await page.getByTestId('palette-service').click();
    const name = field(page, 'Name').locator('input');
    // A click that lands while the new boxes are still being placed selects nothing: click again.
    await expect(async () => {
      await page.locator(designNode('service')).click();
      await expect(name).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 60_000 });
    await name.fill(`watch-${stamp}`);
    await name.press('Enter');
    await page.getByTestId('inspector').getByTestId('associate-with-network').locator('select').selectOption({ index: 1 });
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
    const pending = await page.getByTestId('pending-count').textContent();
    await page.getByTestId('plan-button').click();
    await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
    const review = page.getByTestId('plan-review');
    // The designer's count is the plan's count of resources.
    await expect(page.getByTestId('plan-resource-count')).toHaveText(`· ${pending!.replace(/ changes? from live/, '')} resource${pending!.startsWith('1 ') ? '' : 's'} from live`);

    // New resources stay CREATE_IN_PROGRESS until the test lifts them (a barrier, not a sleep).
    await activationDelay(page, 86_400_000);
    await page.getByTestId('apply-button').click();
    const dialog = page.getByTestId('apply-confirm');
    await expect(dialog).toBeVisible();
    await expect(dialog.locator('[data-count="to add"]')).toContainText('4');
    await expect(dialog).toContainText('Nothing is destroyed');
    await page.getByTestId('apply-confirm-ok').click();
    // It stays waiting until activated below, so a slow machine only makes this take longer.
    await expect(review.locator('[data-testid=plan-operation][data-state=waiting]').first()).toBeVisible({ timeout: 60_000 });
    await expect(review.locator('[data-state=waiting] [data-testid=operation-state]').first()).toHaveText(/Waiting for ACTIVE/);
    await expect(review.locator('[data-state=waiting] [data-testid=operation-duration]').first()).toHaveText(/\d+\.\d s/);
    await page.screenshot({ path: 'test-results/apply-watch-running.png' });
    await activationDelay(page, 0);
    await activateEverything(page);
    await expect(review).toHaveAttribute('data-status', 'applied', { timeout: 60_000 });
    await expect(review.locator('[data-testid=operation-duration]')).toHaveCount(4);
    await page.screenshot({ path: 'test-results/apply-watch-done.png' });

    // Removing the service plans destructive operations; the dialog names them before anything runs.
    await page.getByRole('link', { name: 'Back to the design' }).click();
    await page.locator(designNode('service')).click();
    await page.getByTestId('delete-record').click();
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
    await page.getByTestId('plan-button').click();
    await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
    await page.getByTestId('apply-button').click();
    const destructive = page.getByTestId('apply-confirm-destructive');
    await expect(destructive).toContainText(`service watch-${stamp}`);
    await expect(page.getByTestId('apply-confirm-ok')).toHaveText(/Apply and destroy \d+/);
    await page.screenshot({ path: 'test-results/apply-watch-confirm-destructive.png' });
    await page.getByTestId('apply-confirm-cancel').click();
    await expect(page.getByTestId('apply-confirm')).toHaveCount(0);
    await expect(page.getByTestId('plan-review')).toHaveAttribute('data-status', 'planned');
  });

  test('plans are in the navigation', async ({ page }) => {
    await signIn(page, 'viewer');
    await page.goto('/topology');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' }).click();
    await expect(page).toHaveURL(/\/plans$/);
  });
});
