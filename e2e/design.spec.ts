import { expect, test } from '@playwright/test';
import { mutate, signIn } from './support/auth';
import { connect } from './support/canvas';
import { designNode, field, newDesign } from './support/designer';

test.describe('design, plan and apply', () => {
  // The designer is a desktop tool: palette, canvas and properties side by side.
  test.use({ viewport: { width: 1600, height: 1000 } });

  test('an editor draws a service with a listener and a target group, connects it to a service network, plans, applies, and sees it live', async ({ page }) => {
    await signIn(page, 'editor');
    const stamp = Date.now().toString(36).slice(-6);
    await newDesign(page, `checkout ${stamp}`);

    await page.getByTestId('palette-serviceNetwork').click();
    // A name of its own: a network called as the palette calls it may be live already (another test applied one).
    const network = `net-${stamp}`;
    const name = field(page, 'Name').locator('input');
    // A click that lands while the new box is still being placed selects nothing: click again.
    await expect(async () => {
      await page.locator(designNode('serviceNetwork')).click();
      await expect(name).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 60_000 });
    await name.fill(network);
    await name.press('Enter');
    await expect(page.locator(designNode('serviceNetwork'))).toContainText(network);
    await page.getByTestId('palette-service').click();
    await page.getByTestId('palette-targetGroup').click();
    await expect(page.locator(designNode('service'))).toHaveAttribute('data-mark', 'new');
    // The service came with its listener.
    await expect(page.locator(`${designNode('service')} [data-testid=listener-row]`)).toHaveCount(1);

    await connect(page, `${designNode('service')} .react-flow__handle[data-handleid="in"]`, `${designNode('serviceNetwork')} .react-flow__handle[data-handleid="out"]`);
    await connect(page, `${designNode('service')} [data-testid=listener-row] .react-flow__handle`, `${designNode('targetGroup')} .react-flow__handle[data-handleid="in"]`);

    // The service's panel: associated with the network, its listener forwarding to the target group.
    await page.locator(designNode('service')).click();
    const inspector = page.getByTestId('inspector');
    await expect(inspector.getByText(`Associated with ${network}`)).toBeVisible();
    await expect(inspector.getByTestId('forward-row')).toHaveCount(1);

    // An invalid name shows the rule it breaks, from the model.
    const before = await name.inputValue();
    await name.fill('Checkout_API');
    await name.press('Enter');
    await expect(inspector.getByTestId('field-error').first()).toHaveText(/^Must be 3–40 characters: lowercase letters, digits and hyphens; must not start with `svc-`/);
    await expect(page.getByTestId('lint-errors')).toHaveText('1 error');
    await expect(page.getByTestId('plan-button')).toBeDisabled();

    // Undo brings the old name back, redo the bad one again.
    await page.getByTestId('undo').click();
    await expect(name).toHaveValue(before);
    await expect(page.getByTestId('lint-errors')).toHaveText('0 errors');
    await page.getByTestId('redo').click();
    await expect(name).toHaveValue('Checkout_API');

    const service = `checkout-${stamp}`;
    await name.fill(service);
    await name.press('Enter');
    await expect(page.getByTestId('lint-errors')).toHaveText('0 errors');
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');

    await page.getByTestId('plan-button').click();
    await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
    const review = page.getByTestId('plan-review');
    await expect(page.getByTestId('plan-summary')).toContainText('5 to add, 0 to change, 0 to replace, 0 to destroy');
    await expect(review.getByTestId('plan-operation')).toHaveCount(5);
    await expect(review.locator(`[data-testid=plan-operation][data-label="service ${service}"]`)).toHaveAttribute('data-action', 'create');
    await review.locator(`[data-testid=plan-operation][data-label="listener http-80 of ${service}"] button`).click();
    await expect(review.getByTestId('field-diff')).toContainText('defaultAction');

    await page.getByTestId('apply-button').click();
    await page.getByTestId('apply-confirm-ok').click();
    await expect(review).toHaveAttribute('data-status', 'applied', { timeout: 60_000 });
    await expect(review.locator('[data-testid=plan-operation][data-state=succeeded]')).toHaveCount(5);

    await page.getByRole('link', { name: 'Back to the design' }).click();
    await expect(page.getByTestId('designer')).toBeVisible();
    for (const kind of ['serviceNetwork', 'service', 'targetGroup']) {
      await expect(page.locator(designNode(kind))).toHaveAttribute('data-mark', 'live');
      await expect(page.locator(designNode(kind))).toHaveAttribute('data-status', 'ACTIVE');
    }
    await expect(page.getByTestId('pending-count')).toHaveText('0 changes from live');
  });

  test('a viewer sees a design and a plan but cannot plan or apply', async ({ page, browser }) => {
    await signIn(page, 'editor');
    const id = await newDesign(page, `viewer check ${Date.now().toString(36)}`);
    await page.getByTestId('palette-serviceNetwork').click();
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
    await page.getByTestId('plan-button').click();
    await expect(page).toHaveURL(/\/plans\//);
    const planId = page.url().split('/').pop()!;

    const context = await browser.newContext();
    const viewer = await context.newPage();
    await signIn(viewer, 'viewer');
    await viewer.goto(`/designs/${id}`);
    await expect(viewer.getByTestId('designer')).toBeVisible();
    await expect(viewer.getByTestId('plan-button')).toHaveCount(0);
    // Nothing invites the viewer to add resources: no palette, and the empty inspector says only how to look.
    await expect(viewer.getByTestId('palette-service')).toHaveCount(0);
    await expect(viewer.getByTestId('read-only-note')).toContainText('needs the editor role');
    await expect(viewer.getByTestId('empty-inspector')).not.toContainText('Add resources');
    await expect(viewer.getByTestId('save-state')).toHaveText(/Read-only/);
    await viewer.goto(`/plans/${planId}`);
    await expect(viewer.getByTestId('plan-review')).toBeVisible();
    await expect(viewer.getByTestId('apply-button')).toHaveCount(0);
    const plan = await mutate(viewer, 'POST', `/api/designs/${id}/plan`);
    expect(plan.status()).toBe(403);
    const apply = await mutate(viewer, 'POST', `/api/plans/${planId}/apply`);
    expect(apply.status()).toBe(403);
    expect((await apply.json()).error.message).toMatch(/needs the editor role/);
    await context.close();
  });

  test('an editor starts a design from a live service picked on the topology, and only that service comes with it', async ({ page }) => {
    await signIn(page, 'editor');
    await page.goto('/topology');
    await page.getByTestId('topology-search').fill('orders');
    await expect(page.getByTestId('search-result').first()).toContainText('orders');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('details-title')).toHaveText('orders');
    await page.getByTestId('design-from-node').click();

    await expect(page.getByLabel('Start from')).toHaveValue('selection');
    await expect(page.getByText('1 selected')).toBeVisible();
    await page.getByLabel('Name', { exact: true }).fill(`orders tweak ${Date.now().toString(36).slice(-6)}`);
    await page.getByRole('button', { name: 'Create design' }).click();
    await expect(page.getByTestId('designer')).toBeVisible();
    await expect(page.locator(designNode('service'))).toHaveCount(1);
    await expect(page.locator(designNode('service'))).toContainText('orders');
  });

  test('a viewer is not offered to start a design from the topology', async ({ page }) => {
    await signIn(page, 'viewer');
    await page.goto('/topology');
    await page.getByTestId('topology-search').fill('orders');
    await expect(page.getByTestId('search-result').first()).toContainText('orders');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('details-title')).toHaveText('orders');
    await expect(page.getByTestId('design-from-node')).toHaveCount(0);
  });
});
