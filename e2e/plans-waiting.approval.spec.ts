import { expect, test } from '@playwright/test';
import { signIn, signOut } from './support/auth';
import { newDesign } from './support/designer';

test.describe('approval required', () => {
  test.use({ viewport: { width: 1600, height: 1000 } });

  test('the approver sees what waits for them in the navigation and on the plans page', async ({ page }) => {
    await signIn(page, 'editor');
    await newDesign(page, `needs approval ${Date.now().toString(36)}`);
    await page.getByTestId('palette-serviceNetwork').click();
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
    await page.getByTestId('plan-button').click();
    await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
    const planId = page.url().split('/').pop()!;
    await expect(page.getByTestId('apply-button')).toBeDisabled();
    // The author is not asked to approve their own plan.
    await expect(page.locator('[data-testid=nav-badge][data-href="/plans"]')).toHaveCount(0);
    await signOut(page);

    await signIn(page, 'approver');
    await page.goto('/topology');
    const badge = page.locator('[data-testid=nav-badge][data-href="/plans"]');
    await expect(badge).toHaveText(/^[1-9]\d*$/);
    await expect(badge).toHaveAttribute('title', /waiting for your approval/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Plans/ }).click();
    const waiting = page.getByTestId('plans-awaiting-approval');
    await expect(waiting).toContainText('Waiting for your approval');
    await page.screenshot({ path: 'test-results/plans-waiting-approval.png' });
    await waiting.getByRole('link', { name: planId.slice(0, 8) }).click();
    await expect(page.getByTestId('approve-button')).toBeVisible();
    const before = Number(await badge.textContent());
    await page.getByTestId('approve-button').click();
    await expect(page.getByTestId('plan-status')).toHaveText('approved');
    await page.goto('/plans');
    if (before === 1) await expect(badge).toHaveCount(0);
    else await expect(badge).toHaveText(String(before - 1));
  });
});
