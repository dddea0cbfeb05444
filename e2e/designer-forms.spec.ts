import { expect, test } from '@playwright/test';
import { signIn } from './support/auth';
import { designNode, field, newDesign } from './support/designer';

test.describe('designer forms', () => {
  test.use({ viewport: { width: 1600, height: 1000 } });

  test('a bad name shows the rule in words while typing, never a regular expression', async ({ page }) => {
    await signIn(page, 'editor');
    await newDesign(page, `forms ${Date.now().toString(36)}`);
    await page.getByTestId('palette-service').click();
    await page.locator(designNode('service')).click();
    const name = field(page, 'Name').locator('input');
    // Typed, not committed: the sentence comes from the model once typing pauses.
    await name.fill('Checkout_API');
    const live = field(page, 'Name').getByTestId('field-live-rule');
    await expect(live).toHaveText('Must be 3–40 characters: lowercase letters, digits and hyphens; must not start with `svc-` or a hyphen, end with a hyphen or contain `--`');
    await expect(page.getByTestId('inspector')).not.toContainText('(?!');
    await page.screenshot({ path: 'test-results/designer-forms-live-rule.png' });
    await name.fill('checkout-api');
    await expect(live).toHaveCount(0);
  });

  test("changing a target group's type clears what that type does not take; its targets' form follows", async ({ page }) => {
    await signIn(page, 'editor');
    await newDesign(page, `tg type ${Date.now().toString(36)}`);
    await page.getByTestId('palette-targetGroup').click();
    await page.locator(designNode('targetGroup')).click();
    await field(page, 'Type').locator('select').selectOption('IP');
    const port = field(page, 'Port').first().locator('input');
    await port.fill('8080');
    await port.press('Enter');
    await expect(port).toHaveValue('8080');
    await page.getByTestId('inspector').getByRole('button', { name: '+ Target' }).click();
    const target = page.getByTestId('target-form');
    await expect(target).toHaveAttribute('data-type', 'IP');
    await expect(target.getByText('IP address', { exact: true })).toBeVisible();
    await expect(target.getByText('Port', { exact: true })).toBeVisible();

    await field(page, 'Type').locator('select').selectOption('LAMBDA');
    await expect(target).toHaveAttribute('data-type', 'LAMBDA');
    await expect(target.getByText('Function ARN', { exact: true })).toBeVisible();
    await expect(target.getByText('Port', { exact: true })).toHaveCount(0);
    await expect(field(page, 'Lambda event structure')).toBeVisible();
    await page.screenshot({ path: 'test-results/designer-forms-lambda.png' });

    // Back to IP: the port LAMBDA does not take is gone, not restored.
    await field(page, 'Type').locator('select').selectOption('IP');
    await expect(field(page, 'Port').first().locator('input')).toHaveValue('');
    await field(page, 'Type').locator('select').selectOption('INSTANCE');
    await expect(target.getByText('Instance id', { exact: true })).toBeVisible();
  });

  test('a service is associated with a network from the inspector, without drawing', async ({ page }) => {
    await signIn(page, 'editor');
    await newDesign(page, `associate ${Date.now().toString(36)}`);
    await page.getByTestId('palette-serviceNetwork').click();
    await page.getByTestId('palette-service').click();
    await page.locator(designNode('service')).click();
    const inspector = page.getByTestId('inspector');
    const picker = inspector.getByTestId('associate-with-network').locator('select');
    const network = (await picker.locator('option').nth(1).textContent())!.trim();
    await picker.selectOption({ index: 1 });
    await expect(inspector.getByText(`Associated with ${network}`)).toBeVisible();
    await expect(picker.locator('option')).toHaveCount(1);
    await expect(page.locator('.react-flow__edge')).toHaveCount(1);
    await page.screenshot({ path: 'test-results/designer-forms-associate.png' });
  });

  test('the inspector is resized from its edge, and a design from the live estate is laid out by account', async ({ page }) => {
    await signIn(page, 'editor');
    await page.goto('/designs');
    await page.getByLabel('Name', { exact: true }).fill(`estate ${Date.now().toString(36)}`);
    await page.getByLabel('Start from').selectOption('live');
    await page.getByRole('button', { name: 'Create design' }).click();
    await expect(page.getByTestId('designer')).toBeVisible();
    await page.locator(designNode('service')).first().click();
    const panel = page.getByTestId('inspector-panel');
    const before = (await panel.boundingBox())!.width;
    await page.getByTestId('inspector-resize').focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await panel.boundingBox())!.width).toBe(before + 48);
    await page.locator('.react-flow__controls-fitview').click();
    await page.screenshot({ path: 'test-results/designer-forms-estate.png' });
  });
});
