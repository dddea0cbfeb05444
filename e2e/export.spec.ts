import { expect, test, type Page } from '@playwright/test';
import { mutate, signIn } from './support/auth';

// Screenshots for the README when E2E_SHOTS names a directory.
async function shot(page: Page, name: string) {
  if (process.env.E2E_SHOTS) await page.screenshot({ path: `${process.env.E2E_SHOTS}/${name}.png` });
}

test.describe('export as code and cost', () => {
  test.use({ viewport: { width: 1500, height: 950 } });

  test('a viewer exports the estate as Terraform and CloudFormation, previews, copies and downloads a zip; the topology shows its monthly cost', async ({ page }) => {
    await signIn(page, 'viewer');
    await page.goto('/topology');
    await expect(page.getByTestId('discovery-summary')).toContainText('resources on the canvas');
    await expect(page.locator('.react-flow__node').first()).toBeVisible();

    // Cost per account and per service network.
    await page.getByTestId('cost-button').click();
    const cost = page.getByTestId('cost-panel');
    await expect(cost.getByTestId('cost-by-account')).toContainText('storefront');
    await expect(cost.getByTestId('cost-by-network')).toContainText('retail-services');
    const before = await page.getByTestId('cost-button').textContent();
    await cost.getByLabel('Requests per second for orders').fill('500');
    await expect(page.getByTestId('cost-button')).not.toHaveText(before!);
    await shot(page, 'topology-cost');
    await cost.getByRole('button', { name: 'Back to defaults' }).click();
    await expect(page.getByTestId('cost-button')).toHaveText(before!);
    await cost.getByRole('button', { name: 'Close' }).click();

    await page.getByTestId('export-iac').click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.getByTestId('export-scope').selectOption('estate');
    await expect(dialog.getByTestId('export-file')).toHaveText(['terraform/providers.tf', 'terraform/variables.tf', 'terraform/data-platform.tf', 'terraform/network-hub.tf', 'terraform/payments.tf', 'terraform/storefront.tf']);
    await dialog.getByTestId('export-file').filter({ hasText: 'storefront.tf' }).click();
    const preview = dialog.getByTestId('export-preview');
    await expect(preview).toContainText('resource "aws_vpclattice_service" "orders"');
    await expect(preview).toContainText('service_identifier = aws_vpclattice_service.orders.id');
    await expect(preview).toContainText('import {');
    // Highlighted: references and strings have their own colours.
    await expect(preview.locator('span.text-sky-300').first()).toBeVisible();
    await expect(dialog.getByTestId('export-summary')).toContainText('import blocks');
    await shot(page, 'export-terraform');

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await dialog.getByTestId('export-copy').click();
    await expect(dialog.getByTestId('export-copy')).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('resource "aws_vpclattice_service" "orders"');

    const download = page.waitForEvent('download');
    await dialog.getByTestId('export-download').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('trellis-terraform-estate.zip');
    const bytes = await (await import('node:fs/promises')).readFile((await file.path())!);
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));

    await dialog.getByTestId('export-format-cloudformation').click();
    await expect(dialog.getByTestId('export-file').first()).toHaveText('cloudformation/data-platform-us-east-1.yaml');
    await dialog.getByTestId('export-file').filter({ hasText: 'network-hub' }).click();
    await expect(preview).toContainText('Type: "AWS::VpcLattice::ServiceNetwork"');
    await expect(preview).toContainText('!GetAtt');
    await shot(page, 'export-cloudformation');
  });

  test('the API answers any signed-in role with files or a zip, and refuses bad input naming the field and the rule', async ({ page, playwright }) => {
    const anonymous = await playwright.request.newContext({ baseURL: new URL(page.url() === 'about:blank' ? 'http://127.0.0.1' : page.url()).origin });
    await signIn(page, 'viewer');
    const base = new URL(page.url()).origin;
    const unauthenticated = await anonymous.get(`${base}/api/export?format=terraform`);
    expect(unauthenticated.status()).toBe(401);

    const json = await page.request.get('/api/export?format=cloudformation&scope=account:222222222222');
    expect(json.status()).toBe(200);
    const body = (await json.json()) as { files: { path: string; content: string }[]; notes: string[] };
    expect(body.files.map((f) => f.path)).toEqual(['cloudformation/storefront-us-east-1.yaml']);
    expect(body.files[0].content).toContain('AWS::VpcLattice::Service');

    const zip = await page.request.get('/api/export?format=terraform&scope=estate', { headers: { Accept: 'application/zip' } });
    expect(zip.headers()['content-type']).toBe('application/zip');
    expect((await zip.body()).subarray(0, 2).toString()).toBe('PK');

    const bad = await page.request.get('/api/export?format=pulumi&scope=account:42');
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toEqual({
      error: {
        message: 'Invalid input: format: terraform or cloudformation; scope: account:<id> takes a 12-digit account id',
        fields: [
          { path: 'format', rule: 'terraform or cloudformation' },
          { path: 'scope', rule: 'account:<id> takes a 12-digit account id' },
        ],
      },
    });
    await anonymous.dispose();
  });

  test('a plan shows the monthly change it causes and exports only what it changes', async ({ page }) => {
    await signIn(page, 'editor');
    const topology = (await (await page.request.get('/api/topology')).json()) as { nodes: { id: string; kind: string; name: string }[] };
    const retail = topology.nodes.find((n) => n.kind === 'serviceNetwork' && n.name === 'retail-services')!;
    const stamp = Date.now().toString(36).slice(-6);
    const created = await mutate(page, 'POST', '/api/designs', { name: `cost ${stamp}`, start: 'empty', account: '222222222222', region: 'us-east-1' });
    expect(created.status()).toBe(201);
    const design = (await created.json()).design as { id: string; version: number; document: Record<string, unknown> };
    const rec = (id: string, kind: string, spec: Record<string, unknown>) => ({ id, kind, account: '222222222222', region: 'us-east-1', spec });
    const records = {
      'new-e2ea': rec('new-e2ea', 'service', { name: `cart-${stamp}`, authType: 'NONE' }),
      'new-e2eb': rec('new-e2eb', 'service', { name: `wishlist-${stamp}`, authType: 'NONE' }),
      'new-e2ec': rec('new-e2ec', 'serviceNetworkServiceAssociation', { serviceNetworkIdentifier: retail.id, serviceIdentifier: 'new-e2ea' }),
      'new-e2ed': rec('new-e2ed', 'serviceNetworkServiceAssociation', { serviceNetworkIdentifier: retail.id, serviceIdentifier: 'new-e2eb' }),
    };
    const saved = await page.request.fetch(`/api/designs/${design.id}`, {
      method: 'PUT',
      headers: { origin: new URL(page.url()).origin, 'content-type': 'application/json' },
      data: Buffer.from(JSON.stringify({ document: { ...design.document, records }, baseVersion: design.version })),
    });
    expect(saved.status(), await saved.text()).toBe(200);
    // The designer exports the design as last saved.
    await page.goto(`/designs/${design.id}`);
    await page.getByTestId('export-iac').click();
    const designDialog = page.getByTestId('export-dialog');
    await designDialog.getByTestId('export-format-cloudformation').click();
    await expect(designDialog.getByTestId('export-file')).toHaveText(['cloudformation/storefront-us-east-1.yaml']);
    await expect(designDialog.getByTestId('export-preview')).toContainText(`Name: "cart-${stamp}"`);
    await expect(designDialog.getByTestId('export-preview')).toContainText('ServiceNetworkIdentifier: !Ref "ServiceNetworkRetailServices"');
    await designDialog.getByRole('button', { name: 'Close' }).click();

    const planned = await mutate(page, 'POST', `/api/designs/${design.id}/plan`);
    expect(planned.status(), await planned.text()).toBeLessThan(300);
    const planId = (await planned.json()).plan.id as string;

    await page.goto(`/plans/${planId}`);
    // Two services at the default traffic (10 requests/s, 1 GB/day): 2 × ($18.25 + $0.76).
    await expect(page.getByTestId('plan-cost')).toContainText('+ $38.02/month: two services join retail-services');
    await shot(page, 'plan-cost');
    await page.getByTestId('export-iac').click();
    const dialog = page.getByTestId('export-dialog');
    await expect(dialog.getByTestId('export-file')).toHaveText(['terraform/providers.tf', 'terraform/variables.tf', 'terraform/storefront.tf']);
    await dialog.getByTestId('export-file').filter({ hasText: 'storefront.tf' }).click();
    await expect(dialog.getByTestId('export-preview')).toContainText(`resource "aws_vpclattice_service" "cart_${stamp}"`);
    await expect(dialog.getByTestId('export-preview')).not.toContainText('"orders"');
  });
});
