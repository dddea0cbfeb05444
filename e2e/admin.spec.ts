import { expect, test } from '@playwright/test';
import { mutate, signedInPage, signIn, uniqueName } from './support/auth';

test.describe('administration', () => {
  test('an admin creates a user in the UI, who then signs in with their roles', async ({ page, browser }) => {
    await signIn(page, 'admin');
    await page.goto('/admin/users');
    const form = page.getByRole('form', { name: 'Add a user' });

    // A name that breaks the rule: the field says why, and nothing typed is lost.
    await form.getByLabel('User name').fill('New User');
    await form.getByLabel('Display name (optional)').fill('New User');
    await form.getByLabel('Password').fill('short');
    await form.getByLabel('editor').check();
    await form.getByRole('button', { name: 'Add user' }).click();
    await expect(form.getByText('Fix the fields marked below.')).toBeVisible();
    await expect(form.locator('#new-user-name-error')).toHaveText('3–64 characters: lowercase letters, digits, ".", "_" or "-", starting with a letter');
    await expect(form.locator('#new-user-password-error')).toHaveText('8–256 characters');
    await expect(form.getByLabel('User name')).toHaveValue('New User');
    await expect(form.getByLabel('Display name (optional)')).toHaveValue('New User');
    await expect(form.getByLabel('editor')).toBeChecked();

    const name = uniqueName('newbie');
    await form.getByLabel('User name').fill(name);
    await form.getByLabel('Password').fill('newbie-password');
    await form.getByRole('button', { name: 'Add user' }).click();
    await expect(form.getByRole('status')).toHaveText(`User ${name} was created. They can sign in now.`);
    await expect(page.getByTestId(`user-row-${name}`)).toContainText('editor');

    const newbie = await signedInPage(browser, name, 'newbie-password');
    await expect(newbie.getByTestId('user-roles')).toHaveText('viewereditor');
    await expect(newbie.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' })).toHaveCount(0);
    await newbie.context().close();
  });

  test('an admin changes a user\'s roles, which apply on the user\'s next request', async ({ page, browser }) => {
    await signIn(page, 'admin');
    const name = uniqueName('promote');
    expect((await mutate(page, 'POST', '/api/users', { name, password: 'promote-password', roles: ['viewer'] })).status()).toBe(201);
    const user = await signedInPage(browser, name, 'promote-password');
    expect((await user.request.get('/api/users')).status()).toBe(403);

    await page.goto('/admin/users');
    const row = page.getByTestId(`user-row-${name}`);
    await row.getByRole('button', { name: 'Edit' }).click();
    const editor = page.getByRole('form', { name: `Edit ${name}` });
    await editor.getByLabel('admin').check();
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await expect(row).toContainText('admin');

    expect((await user.request.get('/api/users')).status()).toBe(200);
    await user.reload();
    await expect(user.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' })).toBeVisible();
    await user.context().close();
  });

  test('the audit log lists changes newest first and filters by user and action', async ({ page }) => {
    await signIn(page, 'admin');
    const name = uniqueName('audited');
    expect((await mutate(page, 'POST', '/api/users', { name, password: 'audited-password', roles: ['viewer'] })).status()).toBe(201);
    expect((await mutate(page, 'PATCH', `/api/users/${name}`, { disabled: true })).status()).toBe(200);

    await page.goto('/audit');
    const rows = page.getByTestId('audit-row');
    await expect(rows.first()).toContainText('user.disable');
    await expect(rows.first()).toContainText(name);
    await expect(rows.nth(1)).toContainText('user.create');

    await page.getByLabel('User', { exact: true }).selectOption('admin');
    await page.getByLabel('Action').selectOption('user.create');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/actor=admin/);
    await expect(rows.first()).toContainText(name);
    for (const text of await rows.allTextContents()) expect(text).toContain('user.create');

    // A bad time in the URL names the field instead of failing.
    await page.goto('/audit?from=yesterday');
    await expect(page.locator('#audit-from-error')).toHaveText('a date and time in UTC, like 2026-05-01T13:30 or 2026-05-01');
    const api = await page.request.get('/api/audit?from=yesterday');
    expect(api.status()).toBe(400);
    expect((await api.json()).error.fields).toEqual([{ path: 'from', rule: 'a date and time in UTC, like 2026-05-01T13:30 or 2026-05-01' }]);
  });

  test('an admin cannot disable their own account', async ({ page }) => {
    await signIn(page, 'admin');
    await page.goto('/admin/users');
    await expect(page.getByTestId('user-row-admin').getByRole('button', { name: 'Disable' })).toBeDisabled();
    const self = await mutate(page, 'PATCH', '/api/users/admin', { disabled: true });
    expect(self.status()).toBe(409);
    expect((await self.json()).error.message).toBe('You cannot disable your own account.');
  });
});
