// The canvas by keyboard and screen reader: Enter or Space on a focused box opens its
// details, Esc closes them; boxes and lines are named in words, not ARNs. And the small
// things: a favicon, and a page that says which role it needs.
import { expect, test } from '@playwright/test';
import { signIn } from './support/auth';
import { steadyTransform, zoomInTo } from './support/canvas';

test.describe('keyboard and screen readers', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('Enter or Space on a focused box opens its details; Esc closes them', async ({ page }) => {
    await signIn(page, 'viewer');
    await page.goto('/topology');
    await expect(page.getByTestId('canvas-node').first()).toBeVisible({ timeout: 60_000 });
    // The shared estate grows as specs add to it: stand where the boxes are in the DOM whatever its size.
    await zoomInTo(page, 0.5);
    const box = page.locator('.react-flow__node-service').first();
    await expect(box).toBeVisible();
    await expect(box).toHaveAttribute('aria-label', /^Service /);
    const view = await steadyTransform(page);

    await box.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('details-panel')).toBeVisible();
    await expect(page).toHaveURL(/node=/);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('details-panel')).toHaveCount(0);
    // The box was in view: opening and closing its details leaves the view where it was.
    expect(await steadyTransform(page)).toEqual(view);

    await box.focus();
    await page.keyboard.press(' ');
    await expect(page.getByTestId('details-panel')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('details-panel')).toHaveCount(0);
  });

  test('lines are labelled in words', async ({ page }) => {
    await signIn(page, 'viewer');
    await page.goto('/topology');
    await expect(page.locator('.react-flow__edge').first()).toBeAttached({ timeout: 60_000 });
    const labels = await page.locator('.react-flow__edge').evaluateAll((edges) => edges.map((e) => e.getAttribute('aria-label') ?? ''));
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) {
      expect(label).not.toMatch(/arn:|^Edge from/);
      expect(label).toMatch(/\w+ .*: \w+/);
    }
  });

  test('a favicon, and an admin page tells a viewer which role it needs', async ({ page }) => {
    const icon = await page.request.get('/icon.svg');
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain('image/svg+xml');
    await signIn(page, 'viewer');
    await expect(page.locator('head link[rel=icon]')).toHaveCount(1);
    const res = await page.goto('/audit');
    expect(res?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'This page needs the admin role' })).toBeVisible();
    await expect(page.getByRole('main')).toHaveCount(1);
  });
});
