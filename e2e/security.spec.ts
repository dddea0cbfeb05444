// Issue 12: the attacks, retried against a running console and lattice-local.
import { expect, test, type Page } from '@playwright/test';
import { baseURL } from '../playwright.config';
import { mutate, signIn, signedInPage } from './support/auth';

async function csrf(page: Page): Promise<string> {
  return ((await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string }).csrfToken;
}

test.describe('issue 12 attacks', () => {
  test('point 13: pages carry a nonce CSP without unsafe-inline scripts, scripts carry the nonce, and the page works', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) violations.push(m.text());
    });
    const first = await page.goto('/sign-in');
    const csp = first!.headers()['content-security-policy'];
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const scripts = await page.locator('script').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((n) => n === nonce)).toBe(true);
    const second = await page.request.get('/sign-in');
    expect(/'nonce-([^']+)'/.exec(second.headers()['content-security-policy'])?.[1]).not.toBe(nonce);
    // Interactive under the policy: signing in works, and so does the topology page.
    await signIn(page, 'viewer');
    await page.goto('/topology');
    await expect(page.getByTestId('user-name')).toHaveText('viewer');
    expect(violations).toEqual([]);
  });

  test('point 3: a forged X-Forwarded-For neither escapes the throttle nor reaches the audit log', async ({ browser }) => {
    const attacker = await (await browser.newContext()).newPage();
    const token = await csrf(attacker);
    const name = `ghost-${Date.now().toString(36)}`;
    for (let i = 0; i < 7; i++) {
      await attacker.request.post('/api/auth/callback/credentials', {
        form: { username: name, password: `guess-${i}`, csrfToken: token, json: 'true' },
        headers: { 'x-forwarded-for': `198.51.100.${i + 1}`, origin: baseURL },
      });
    }
    const admin = await signedInPage(browser, 'admin');
    const res = await admin.request.get(`/api/audit?actor=${name}`);
    expect(res.status(), await res.text()).toBe(200);
    const events = ((await res.json()) as { events: { address: string | null; outcome: string; details: { reason?: string } }[] }).events;
    expect(events.length).toBe(7);
    expect(new Set(events.map((e) => e.address))).toEqual(new Set(['127.0.0.1']));
    // Five checked, then throttled although every request claimed another address.
    expect(events.filter((e) => e.details.reason === 'throttled').length).toBe(2);
  });

  test('point 5: a sign-in body over 64 KB and a design over 2 MB get 413', async ({ browser, page }) => {
    const big = await page.request.post('/api/auth/callback/credentials', { form: { username: 'admin', password: 'x'.repeat(70 * 1024) }, headers: { origin: baseURL } });
    expect(big.status()).toBe(413);
    const editor = await signedInPage(browser, 'editor');
    const res = await mutate(editor, 'POST', '/api/designs', { name: 'big', account: '222222222222', region: 'us-east-1', start: 'selection', selection: Array(1500).fill('a'.repeat(2000)) });
    expect(res.status()).toBe(413);
    expect((await res.json()).error.fields).toEqual([{ path: '(body)', rule: 'at most 2 MB' }]);
    const deep = await mutate(editor, 'POST', '/api/designs', `{"name":${'['.repeat(100)}${']'.repeat(100)}}`);
    expect(deep.status()).toBe(400);
  });

  test('point 6: callbackUrl=/%09/evil.example/ keeps a signed-in browser on the console', async ({ page }) => {
    await signIn(page, 'viewer');
    await page.goto('/sign-in?callbackUrl=/%09/evil.example/');
    // Sent to the console's home (which opens the topology), never to evil.example.
    await expect(page.getByTestId('user-name')).toHaveText('viewer');
    expect(new URL(page.url()).origin).toBe(baseURL);
    expect(page.url()).not.toContain('evil.example');
  });

  test('point 9: ids and text are validated: 400 naming the field, never 500', async ({ browser }) => {
    const admin = await signedInPage(browser, 'admin');
    const plans = await admin.request.get('/api/plans?design=not-a-uuid');
    expect(plans.status()).toBe(400);
    expect((await plans.json()).error.fields).toEqual([{ path: 'design', rule: 'a design id' }]);
    const nul = await mutate(admin, 'PATCH', '/api/users/viewer', { displayName: 'Vi\u0000ewer' });
    expect(nul.status()).toBe(400);
    expect((await nul.json()).error.fields[0].path).toBe('displayName');
    const pathNul = await mutate(admin, 'DELETE', '/api/tokens/a%00b');
    expect(pathNul.status()).toBe(400);
  });

  test('point 12: the Origin must be the public URL\'s, whatever Host or X-Forwarded-Host say', async ({ browser }) => {
    const editor = await signedInPage(browser, 'editor');
    const body = { name: 'csrf', account: '222222222222', region: 'us-east-1' };
    const evil = await mutate(editor, 'POST', '/api/designs', body, { origin: 'http://evil.example', 'x-forwarded-host': 'evil.example' });
    expect(evil.status()).toBe(403);
    const otherPort = await mutate(editor, 'POST', '/api/designs', body, { origin: baseURL.replace(/:\d+$/, ':1'), 'x-forwarded-host': new URL(baseURL).hostname + ':1' });
    expect(otherPort.status()).toBe(403);
  });

  test('point 2: an admin clears a user\'s throttle', async ({ browser }) => {
    const admin = await signedInPage(browser, 'admin');
    const res = await mutate(admin, 'DELETE', '/api/users/viewer/throttle');
    expect(res.status(), await res.text()).toBe(200);
    expect(await res.json()).toMatchObject({ user: 'viewer' });
  });

  test('point 13: a read-only API token reads but cannot change anything; tokens expire by default', async ({ browser, request }) => {
    const admin = await signedInPage(browser, 'admin');
    const created = await mutate(admin, 'POST', '/api/tokens', { user: 'editor', name: `reader-${Date.now().toString(36)}`, scope: 'read-only' });
    expect(created.status(), await created.text()).toBe(201);
    const { secret, token } = (await created.json()) as { secret: string; token: { expiresAt: string | null; scope: string } };
    expect(token.scope).toBe('read-only');
    expect(token.expiresAt).not.toBeNull();
    const auth = { authorization: `Bearer ${secret}` };
    expect((await request.get('/api/users/me', { headers: auth })).status()).toBe(200);
    const write = await request.post('/api/designs', { headers: auth, data: { name: 'by-token', account: '222222222222', region: 'us-east-1' } });
    expect(write.status()).toBe(403);
    expect((await write.json()).error.message).toMatch(/read-only/);
  });
});
