// Every page, as an admin and as a viewer, through axe-core (WCAG 2 A and AA rules): no serious
// or critical violation. Each page is checked once it has drawn what it loads (the canvas, the
// tables), so the check sees what a person sees.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mutate, signIn } from './support/auth';

interface PageCheck {
  path: string | ((ids: { design: string; plan: string }) => string);
  name: string;
  /** What shows that the page finished loading. */
  ready: (page: Page) => Promise<void>;
}

const heading = (name: string) => async (page: Page) => {
  await expect(page.getByRole('heading', { name, exact: true }).first()).toBeVisible();
};

const PAGES: PageCheck[] = [
  { name: 'topology', path: '/topology', ready: async (p) => await expect(p.locator('.react-flow__node').first()).toBeVisible() },
  { name: 'access', path: '/access', ready: heading('Access') },
  { name: 'designs', path: '/designs', ready: heading('Designs') },
  { name: 'designer', path: ({ design }) => `/designs/${design}`, ready: async (p) => await expect(p.getByTestId('designer')).toBeVisible() },
  { name: 'plans', path: '/plans', ready: heading('Plans') },
  { name: 'plan', path: ({ plan }) => `/plans/${plan}`, ready: async (p) => await expect(p.getByRole('main')).toBeVisible() },
  { name: 'shares', path: '/shares', ready: heading('Shares') },
  { name: 'invitations', path: '/invitations', ready: heading('Invitations') },
];
const ADMIN_PAGES: PageCheck[] = [
  { name: 'users', path: '/admin/users', ready: heading('Users') },
  { name: 'tokens', path: '/admin/tokens', ready: heading('API tokens') },
  { name: 'audit', path: '/audit', ready: heading('Audit log') },
  { name: 'accounts', path: '/admin/accounts', ready: heading('AWS accounts') },
];

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ rule: v.id, impact: v.impact, count: v.nodes.length, first: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(0, 2).join(' ')}`) }));
}

let ids: { design: string; plan: string };

test.describe('accessibility', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test.beforeAll(async ({ browser }) => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, 'editor');
    const created = await mutate(page, 'POST', '/api/designs', { name: `a11y ${Date.now().toString(36)}`, start: 'live', account: '222222222222', region: 'us-east-1' });
    expect(created.status(), await created.text()).toBe(201);
    const design = ((await created.json()) as { design: { id: string } }).design.id;
    const planned = await mutate(page, 'POST', `/api/designs/${design}/plan`);
    expect(planned.status(), await planned.text()).toBeLessThan(300);
    const plan = ((await planned.json()) as { plan: { id: string } }).plan.id;
    ids = { design, plan };
    await page.context().close();
  });

  test('the sign-in page', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(page.getByLabel('User name')).toBeVisible();
    const violations = await seriousViolations(page);
    console.log(`axe sign-in: ${violations.reduce((n, v) => n + v.count, 0)} serious/critical`, JSON.stringify(violations));
    expect(violations).toEqual([]);
  });

  for (const role of ['admin', 'viewer'] as const) {
    test(`every page as ${role}`, async ({ page }) => {
      test.setTimeout(180_000);
      await signIn(page, role);
      const found: Record<string, unknown> = {};
      const pages = role === 'admin' ? [...PAGES, ...ADMIN_PAGES] : [...PAGES, { ...ADMIN_PAGES[0]!, ready: heading('This page needs the admin role') }];
      for (const check of pages) {
        await page.goto(typeof check.path === 'string' ? check.path : check.path(ids));
        await check.ready(page);
        const violations = await seriousViolations(page);
        console.log(`axe ${role} ${check.name}: ${violations.reduce((n, v) => n + v.count, 0)} serious/critical`, JSON.stringify(violations));
        if (violations.length) found[check.name] = violations;
      }
      expect(found).toEqual({});
    });
  }
});
