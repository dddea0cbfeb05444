import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/auth';

// The microservice-authorization recipe in the designer: a Lambda target picked from the
// estate's functions, access logs to a picked log group, and the caller's IAM role with its
// invoke policy, planned and applied with the rest.
const node = (kind: string) => `[data-testid=design-node][data-kind=${kind}]`;
const STOREFRONT = '222222222222';

async function newDesign(page: Page, name: string): Promise<void> {
  await page.goto('/designs');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('New resources go to').selectOption(`${STOREFRONT}|us-east-1`);
  await page.getByRole('button', { name: 'Create design' }).click();
  await expect(page.getByTestId('designer')).toBeVisible();
}

test.describe('designer offers the estate: functions, log groups, caller roles', () => {
  test.use({ viewport: { width: 1600, height: 1000 } });

  test('an editor picks a function for a LAMBDA target, a log group for access logs, designs a caller role with its policy, plans and applies', async ({ page }) => {
    await signIn(page, 'editor');
    const stamp = Date.now().toString(36).slice(-6);
    await newDesign(page, `recipe ${stamp}`);
    const inspector = page.getByTestId('inspector');

    // A LAMBDA target group whose target is picked from the account's functions.
    await page.getByTestId('palette-targetGroup').click();
    // A LAMBDA target group takes no port, protocol or VPC: clear the palette's before changing the type.
    await inspector.getByLabel('Protocol', { exact: true }).first().selectOption('');
    await inspector.getByLabel(/^Port/).fill('');
    await inspector.getByLabel(/^Port/).press('Enter');
    await inspector.getByLabel('VPC', { exact: true }).selectOption('');
    await inspector.getByLabel('Type', { exact: true }).selectOption('LAMBDA');
    await expect(page.getByTestId('lint-errors')).toHaveText('0 errors');
    await inspector.getByRole('button', { name: '+ Target' }).click();
    const picker = inspector.getByTestId('function-picker');
    await expect(picker.getByTestId('function-choice').locator('option', { hasText: 'cart-api' })).toHaveCount(1);
    await picker.getByTestId('function-choice').selectOption({ label: 'cart-api · Lattice may invoke' });
    await expect(picker.getByTestId('function-facts')).toContainText('Its policy allows vpc-lattice.amazonaws.com to invoke it.');
    await expect(picker.getByLabel('Function ARN')).toHaveValue(`arn:aws:lambda:us-east-1:${STOREFRONT}:function:cart-api`);
    await page.screenshot({ path: `test-results/designer-recipe-function-${stamp}.png` });

    // A service whose access logs go to a picked log group; a typed Firehose ARN of the wrong form is refused.
    await page.getByTestId('palette-service').click();
    await inspector.getByRole('button', { name: '+ Subscription' }).click();
    const destination = inspector.getByTestId('destination-picker');
    await destination.getByLabel('Destination ARN').fill(`arn:aws:firehose:us-east-1:${STOREFRONT}:stream/logs`);
    await destination.getByLabel('Destination ARN').press('Enter');
    await expect(destination.getByTestId('field-error')).toContainText('deliverystream');
    await destination.getByTestId('log-group-choice').selectOption({ label: '/aws/vpclattice/orders · kept 30 days' });
    await expect(destination.getByLabel('Destination ARN')).toHaveValue(`arn:aws:logs:us-east-1:${STOREFRONT}:log-group:/aws/vpclattice/orders`);
    await expect(destination.getByTestId('field-error')).toHaveCount(0);

    // The caller's role: trusted by Lambda, allowed to invoke the live orders service.
    await page.getByTestId('palette-iamRole').click();
    await expect(page.locator(node('iamRole'))).toHaveCount(1);
    await expect(inspector.getByTestId('role-global')).toContainText(`belongs to account ${STOREFRONT}`);
    const role = `recipe-caller-${stamp}`;
    await inspector.getByLabel('Role name').fill(role);
    await inspector.getByLabel('Role name').press('Enter');
    await inspector.getByTestId('trusted-services').getByLabel(/Lambda functions/).check();
    await inspector.getByTestId('trusted-services').getByLabel(/EC2 instances/).uncheck();
    await expect(inspector.getByTestId('json-AssumeRolePolicyDocument')).toHaveValue(/"Service": "lambda.amazonaws.com"/);
    await inspector.getByTestId('add-role-policy').click();
    await expect(page.getByTestId('lint-errors')).toHaveText('1 error');
    await inspector.getByTestId('invoke-services').getByLabel(`orders (${STOREFRONT})`).check();
    await expect(inspector.getByTestId('json-PolicyDocument')).toHaveValue(/vpc-lattice-svcs:Invoke/);
    await expect(page.getByTestId('lint-errors')).toHaveText('0 errors');
    await expect(page.locator(node('iamRole'))).toContainText('assumed by lambda');
    await page.screenshot({ path: `test-results/designer-recipe-role-${stamp}.png` });
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');

    await page.getByTestId('plan-button').click();
    await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
    const review = page.getByTestId('plan-review');
    await expect(review.locator(`[data-testid=plan-operation][data-label="IAM role ${role}"]`)).toHaveAttribute('data-action', 'create');
    await expect(review.locator(`[data-testid=plan-operation][data-label="policy invoke-services of role ${role}"]`)).toHaveCount(1);
    await expect(review.locator('[data-testid=plan-operation][data-label^="target arn:aws:lambda"]')).toHaveCount(1);
    await expect(review.locator('[data-testid=plan-operation][data-label^="access logs of"]')).toHaveCount(1);
    await page.screenshot({ path: `test-results/designer-recipe-plan-${stamp}.png`, fullPage: true });

    await page.getByTestId('apply-button').click();
    await page.getByTestId('apply-confirm-ok').click();
    await expect(review).toHaveAttribute('data-status', 'applied', { timeout: 60_000 });
    await expect(review.locator('[data-testid=plan-operation]:not([data-state=succeeded])')).toHaveCount(0);
    await page.screenshot({ path: `test-results/designer-recipe-applied-${stamp}.png`, fullPage: true });
  });
});
