import { expect, test } from '@playwright/test';
import { can } from '../lib/auth/roles';
import { navEntries } from '../components/shell/nav';
import { createUser, formAlert, mutate, originOf, signedInPage, signIn, signOut, uniqueName, userNames } from './support/auth';

const ADMIN_AREAS = ['Users', 'API tokens', 'Audit log'];

test.describe('sign-in and roles', () => {
  for (const role of ['admin', 'editor', 'approver', 'viewer'] as const) {
    test(`the demo ${role} signs in and sees what the ${role} role allows`, async ({ page }) => {
      await signIn(page, role);
      await expect(page.getByTestId('user-roles')).toHaveText(role);
      // The navigation lists exactly the areas the role opens (nav.ts is the one list of areas).
      const nav = page.getByRole('navigation', { name: 'Main' });
      await expect(nav.getByRole('link')).toHaveText(navEntries.filter((e) => can({ roles: [role] }, e.role)).map((e) => e.label));
      for (const area of ADMIN_AREAS) {
        await expect(nav.getByRole('link', { name: area })).toHaveCount(role === 'admin' ? 1 : 0);
      }

      const allowed = { admin: ['viewer', 'editor', 'approver', 'admin'], editor: ['viewer', 'editor'], approver: ['viewer', 'approver'], viewer: ['viewer'] }[role];
      const me = await page.request.get('/api/users/me');
      expect((await me.json()).user).toMatchObject({ name: role, roles: [role], effectiveRoles: allowed, via: 'session' });

      // An admin page says it needs the admin role, on the page and through the API.
      const usersPage = await page.goto('/admin/users');
      if (role === 'admin') {
        await expect(page.getByRole('heading', { name: 'Users', exact: true })).toBeVisible();
      } else {
        expect(usersPage?.status()).toBe(403);
        await expect(page.getByRole('heading', { name: 'This page needs the admin role' })).toBeVisible();
        const api = await page.request.get('/api/users');
        expect(api.status()).toBe(403);
        expect((await api.json()).error.message).toContain('needs the admin role');
      }
      await page.goto('/');
      await signOut(page);
    });
  }

  test('a wrong password gets a clear message and no session', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('User name').fill('viewer');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(formAlert(page, 'Wrong user name or password.')).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByLabel('User name')).toHaveValue('viewer');
    expect((await page.request.get('/api/users/me')).status()).toBe(401);
  });

  test('a signed-out visitor is sent to the sign-in page, and back to the page afterwards', async ({ page }) => {
    expect((await page.request.get('/api/audit')).status()).toBe(401);
    await page.goto('/audit?action=user.create');
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faudit%3Faction%3Duser\.create$/);
    await page.getByLabel('User name').fill('admin');
    await page.getByLabel('Password').fill('trellis');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/audit\?action=user\.create$/);
    await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  });

  test('pages carry the security headers', async ({ page }) => {
    const res = await page.goto('/sign-in');
    const headers = res!.headers();
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).toContain("object-src 'none'");
    expect(headers['content-security-policy']).not.toContain('unsafe-eval');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    // The page still works under that policy: the form is interactive.
    await page.getByLabel('User name').fill('nobody-here');
    await page.getByLabel('Password').fill('x');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(formAlert(page, 'Wrong user name or password.')).toBeVisible();
  });

  test('after sign-out the old session cookie is refused', async ({ page, browser, baseURL }) => {
    await signIn(page, 'viewer');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name.includes('trellis.session'))).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect((await page.request.get('/api/users/me')).status()).toBe(200);
    await signOut(page);

    // Replay the cookie from before the sign-out in a new browser.
    const replay = await browser.newContext({ baseURL });
    await replay.addCookies(cookies);
    const res = await replay.request.get('/api/users/me');
    expect(res.status()).toBe(401);
    expect((await res.json()).error.message).toMatch(/session has ended/i);
    const again = await replay.newPage();
    await again.goto('/');
    await expect(again).toHaveURL(/\/sign-in\?reason=ended/);
    await expect(again.getByRole('status')).toHaveText('Your session has ended. Sign in again.');
    await replay.close();
  });

  test("a viewer's request to a mutating API route gets 403 and changes nothing", async ({ page, browser }) => {
    await signIn(page, 'viewer');
    const name = uniqueName('intruder');
    const create = await mutate(page, 'POST', '/api/users', { name, password: 'a-long-password', roles: ['admin'] });
    expect(create.status()).toBe(403);
    expect((await create.json()).error.message).toBe('This needs the admin role; viewer has viewer.');
    const disable = await mutate(page, 'PATCH', '/api/users/editor', { disabled: true });
    expect(disable.status()).toBe(403);

    const admin = await signedInPage(browser, 'admin');
    expect(await userNames(admin.request)).not.toContain(name);
    const users = (await (await admin.request.get('/api/users')).json()).users as { name: string; disabled: boolean }[];
    expect(users.find((u) => u.name === 'editor')?.disabled).toBe(false);
    // The refusals are in the audit log.
    const audit = await (await admin.request.get('/api/audit?actor=viewer&action=access.denied')).json();
    expect(audit.events.map((e: { target: string }) => e.target)).toEqual(expect.arrayContaining(['POST /api/users', 'PATCH /api/users/editor']));
    await admin.context().close();
  });

  test('a request from another site is refused even for an admin', async ({ page }) => {
    await signIn(page, 'admin');
    const name = uniqueName('csrf');
    const forged = await mutate(page, 'POST', '/api/users', { name, password: 'a-long-password', roles: ['viewer'] }, { origin: 'https://evil.example' });
    expect(forged.status()).toBe(403);
    expect((await forged.json()).error.message).toContain('Cross-site request refused');
    const noOrigin = await page.request.post('/api/users', { data: { name, password: 'a-long-password', roles: ['viewer'] } });
    expect(noOrigin.status()).toBe(403);
    expect(await userNames(page.request)).not.toContain(name);
  });

  test('bad input gets 400 naming the field and the rule, and changes nothing', async ({ page }) => {
    await signIn(page, 'admin');
    const before = await userNames(page.request);

    const malformed = await mutate(page, 'POST', '/api/users', '{"name": "half');
    expect(malformed.status()).toBe(400);
    expect((await malformed.json()).error).toEqual({ message: 'The request body is not valid JSON.', fields: [{ path: '(body)', rule: 'valid JSON' }] });

    const missing = await mutate(page, 'POST', '/api/users', { name: uniqueName('nopass') });
    expect(missing.status()).toBe(400);
    expect((await missing.json()).error.fields).toEqual([
      { path: 'password', rule: 'required' },
      { path: 'roles', rule: 'required' },
    ]);

    const unknownRole = await mutate(page, 'POST', '/api/users', { name: uniqueName('badrole'), password: 'a-long-password', roles: ['viewer', 'superuser'] });
    expect(unknownRole.status()).toBe(400);
    expect((await unknownRole.json()).error.fields).toEqual([{ path: 'roles.1', rule: 'one of viewer, editor, approver, admin' }]);

    const badName = await mutate(page, 'POST', '/api/users', { name: 'Not A Name', password: 'a-long-password', roles: ['viewer'] });
    expect(badName.status()).toBe(400);
    const body = await badName.json();
    expect(body.error.fields).toEqual([{ path: 'name', rule: '3–64 characters: lowercase letters, digits, ".", "_" or "-", starting with a letter' }]);
    expect(body.error.message).toContain('name: 3–64 characters');

    const badPatch = await mutate(page, 'PATCH', '/api/users/viewer', { roles: ['owner'], colour: 'red' });
    expect(badPatch.status()).toBe(400);
    expect((await badPatch.json()).error.fields).toEqual([
      { path: 'roles.0', rule: 'one of viewer, editor, approver, admin' },
      { path: 'colour', rule: 'not a field of this request' },
    ]);

    expect(await userNames(page.request)).toEqual(before);
    const viewer = ((await (await page.request.get('/api/users')).json()).users as { name: string; roles: string[] }[]).find((u) => u.name === 'viewer');
    expect(viewer?.roles).toEqual(['viewer']);
  });

  test("a disabled user's session ends at once", async ({ page, browser }) => {
    await signIn(page, 'admin');
    const name = uniqueName('temp');
    await createUser(page, name, ['editor'], 'temporary-password');
    const user = await signedInPage(browser, name, 'temporary-password');
    expect((await user.request.get('/api/users/me')).status()).toBe(200);

    await page.goto('/admin/users');
    const row = page.getByTestId(`user-row-${name}`);
    await row.getByRole('button', { name: 'Disable' }).click();
    await expect(page.getByRole('status')).toContainText(`${name} is disabled`);
    await expect(row.getByText('disabled', { exact: true })).toBeVisible();

    const after = await user.request.get('/api/users/me');
    expect(after.status()).toBe(401);
    await user.goto('/');
    await expect(user).toHaveURL(/\/sign-in/);
    // And they cannot sign in again.
    await user.getByLabel('User name').fill(name);
    await user.getByLabel('Password').fill('temporary-password');
    await user.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(formAlert(user, 'This account is disabled. Ask an admin to enable it.')).toBeVisible();
    await user.context().close();
  });

  test('a bearer token works for API routes with its user\'s roles, and stops once revoked', async ({ page, playwright, baseURL }) => {
    await signIn(page, 'admin');
    const name = uniqueName('robot');
    await createUser(page, name, ['viewer']);
    const label = uniqueName('ci');

    await page.goto('/admin/tokens');
    await page.getByLabel('For user').selectOption(name);
    await page.getByLabel('Label').fill(label);
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.getByTestId('token-secret').textContent())!.trim();
    expect(secret).toMatch(/^trellis_/);

    const bot = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
    const me = await bot.get('/api/users/me');
    expect(me.status()).toBe(200);
    expect((await me.json()).user).toMatchObject({ name, roles: ['viewer'], via: 'token' });
    // The token carries the user's roles: a viewer's token cannot create users (no Origin needed for tokens).
    const create = await bot.post('/api/users', { data: { name: uniqueName('x'), password: 'a-long-password', roles: ['viewer'] } });
    expect(create.status()).toBe(403);

    // After a reload the secret is gone from the page: it was shown once.
    await page.reload();
    await expect(page.getByTestId('token-secret')).toHaveCount(0);
    const row = page.getByTestId(`token-row-${label}`);
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByRole('button', { name: 'Confirm revoke' }).click();
    await expect(row.getByText('revoked', { exact: true })).toBeVisible();

    const afterRevoke = await bot.get('/api/users/me');
    expect(afterRevoke.status()).toBe(401);
    expect((await afterRevoke.json()).error.message).toBe('The API token is invalid, expired or revoked.');
    await bot.dispose();
    expect(originOf(page)).toBe(new URL(baseURL!).origin);
  });
});
