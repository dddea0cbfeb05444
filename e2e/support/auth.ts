// Helpers for the sign-in and admin specs: sign in through the real form, make API calls with
// a browser's session (and the Origin a browser would send), and unique names per run.
import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'trellis';
export const DEMO_USERS = ['admin', 'editor', 'approver', 'viewer'] as const;

let counter = 0;
/** A user name no other test (or earlier run on the same data) has used. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}${counter}`;
}

export async function signIn(page: Page, name: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('user-name')).toHaveText(name);
}

/** The console's own alert (Next.js keeps an empty role=alert route announcer on every page). */
export function formAlert(page: Page, text: string) {
  return page.getByRole('alert').filter({ hasText: text });
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/** A fresh browser context signed in as `name`. */
export async function signedInPage(browser: Browser, name: string, password = DEMO_PASSWORD): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, name, password);
  return page;
}

/** The Origin a browser sends for requests from the console's own pages. */
export function originOf(page: Page): string {
  return new URL(page.url()).origin;
}

/** State-changing API call with the page's session cookie and its own Origin, as the console's forms make. A string is sent as the raw body. */
export function mutate(page: Page, method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, data?: unknown, extraHeaders: Record<string, string> = {}) {
  const headers = { origin: originOf(page), ...extraHeaders };
  if (data === undefined) return page.request.fetch(path, { method, headers });
  // A Buffer goes out byte for byte; Playwright would JSON-encode a string given as JSON.
  const body = Buffer.from(typeof data === 'string' ? data : JSON.stringify(data));
  return page.request.fetch(path, { method, headers: { ...headers, 'content-type': 'application/json' }, data: body });
}

/** Creates a local user through the API as the admin page signed in on `adminPage`. */
export async function createUser(adminPage: Page, name: string, roles: string[], password = 'a-long-password'): Promise<void> {
  const res = await mutate(adminPage, 'POST', '/api/users', { name, password, roles });
  expect(res.status(), await res.text()).toBe(201);
}

export async function userNames(request: APIRequestContext): Promise<string[]> {
  const res = await request.get('/api/users');
  expect(res.status()).toBe(200);
  return ((await res.json()) as { users: { name: string }[] }).users.map((u) => u.name);
}
