// PrivateLink and VPC endpoints on the canvas, against the demo estate: the payments account's
// endpoint service with its connections from other accounts, filters by the networking kinds,
// and the details of an endpoint service, an endpoint and an instance.
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DescribeInstancesCommand, DescribeVpcEndpointConnectionsCommand, DescribeVpcEndpointServiceConfigurationsCommand } from '@aws-sdk/client-ec2';
import { ListTargetGroupsCommand, ListTargetsCommand } from '@aws-sdk/client-vpc-lattice';
import { clientsFor } from '../lib/testing/clients';
import { DEMO_ACCOUNTS } from '../lib/demo';
import { signIn } from './support/auth';

const emulatorUrl = `http://127.0.0.1:${Number(process.env.E2E_EMULATOR_PORT ?? 4611)}`;
const account = (name: string) => DEMO_ACCOUNTS.find((a) => a.name === name)!.id;
const PAYMENTS = account('payments');
const STOREFRONT = account('storefront');
const DATA = account('data-platform');
const shots = 'test-results/networking';

async function openTopology(page: Page, query = '') {
  await page.goto(`/topology${query}`);
  await expect(page.getByTestId('topology-canvas')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('canvas-node').first()).toBeVisible({ timeout: 30_000 });
}

const inside = (inner: { x: number; y: number; width: number; height: number }, outer: { x: number; y: number; width: number; height: number }) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

test.describe('networking', () => {
  test.beforeAll(() => fs.mkdirSync(shots, { recursive: true }));
  test.beforeEach(async ({ page }) => {
    await signIn(page, 'viewer');
  });

  test('the endpoint service sits in its owner account, with a line from each consumer endpoint in other accounts', async ({ page }) => {
    const { ec2 } = clientsFor(emulatorUrl, PAYMENTS);
    const service = (await ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({}))).ServiceConfigurations![0];
    const connections = (await ec2.send(new DescribeVpcEndpointConnectionsCommand({}))).VpcEndpointConnections ?? [];
    expect(connections.map((c) => c.VpcEndpointOwner).sort()).toEqual([STOREFRONT, DATA].sort());

    await openTopology(page);
    const box = page.locator('[data-testid=canvas-node][data-kind=vpcEndpointService]');
    await expect(box).toHaveCount(1);
    await expect(box.getByTestId('node-name')).toHaveText('ledger-export');
    await expect(box).toContainText(`${service.ServiceId} · acceptance required`);
    const group = page.locator(`[data-testid=account-group][data-account="${PAYMENTS}"]`);
    expect(inside((await box.boundingBox())!, (await group.boundingBox())!)).toBe(true);

    const serviceArn = (await box.getAttribute('data-node-id'))!;
    expect(serviceArn).toBe(`arn:aws:ec2:us-east-1:${PAYMENTS}:vpc-endpoint-service/${service.ServiceId}`);
    for (const c of connections) {
      const endpointArn = `arn:aws:ec2:us-east-1:${c.VpcEndpointOwner}:vpc-endpoint/${c.VpcEndpointId}`;
      const edge = page.getByTestId(`rf__edge-vpcEndpointConnection:${endpointArn}->${serviceArn}`);
      await expect(edge).toHaveCount(1);
      // The consumer's endpoint is a box in the consumer's own account.
      const endpoint = page.locator(`[data-testid=canvas-node][data-node-id="${endpointArn}"]`);
      const consumerGroup = page.locator(`[data-testid=account-group][data-account="${c.VpcEndpointOwner}"]`);
      expect(inside((await endpoint.boundingBox())!, (await consumerGroup.boundingBox())!)).toBe(true);
      // EC2 answers states in lower camel case, whatever the model's enum says.
      if (String(c.VpcEndpointState) === 'pendingAcceptance') await expect(edge).toContainText('Pending acceptance');
      else await expect(edge).not.toContainText('Pending');
    }
    await box.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/canvas.png` });
  });

  test('filters by the networking kinds', async ({ page }) => {
    await openTopology(page);
    await page.getByTestId('filter-kind').click();
    // The filter lives in the URL: the box is checked once the page has read it back.
    await page.getByLabel('VPC endpoint service', { exact: true }).click();
    await expect(page.getByLabel('VPC endpoint service', { exact: true })).toBeChecked();
    await expect(page.locator('[data-testid=canvas-node][data-kind=vpcEndpointService]')).toHaveCount(1);
    await expect(page.locator('[data-testid=canvas-node]:not([data-kind=vpcEndpointService])')).toHaveCount(0);
    expect(new URL(page.url()).searchParams.getAll('kind')).toEqual(['vpcEndpointService']);

    await page.getByLabel('VPC endpoint', { exact: true }).click();
    await expect(page.getByLabel('VPC endpoint', { exact: true })).toBeChecked();
    const endpoints = page.locator('[data-testid=canvas-node][data-kind=vpcEndpoint]');
    // ServiceNetwork, Interface (two to the endpoint service, one to Secrets Manager), Gateway and Resource endpoints.
    await expect(endpoints.filter({ hasText: 'gateway · s3' })).toHaveCount(1);
    await expect(endpoints.filter({ hasText: 'interface · secretsmanager' })).toHaveCount(1);
    await expect(endpoints.filter({ hasText: 'service network' }).first()).toBeVisible();
    await expect(endpoints.filter({ hasText: ' · resource' })).toHaveCount(1);
    await expect(page.locator('[data-testid^="rf__edge-vpcEndpointConnection:"]')).toHaveCount(2);
    await page.getByTestId('filter-kind').click();
    await page.screenshot({ path: `${shots}/filtered.png` });

    // The filter survives a reload from the URL.
    await page.reload();
    await expect(page.locator('[data-testid=canvas-node][data-kind=vpcEndpointService]')).toHaveCount(1);
    await expect(page.locator('[data-testid=canvas-node][data-kind=service]')).toHaveCount(0);
  });

  test('details show the endpoint service, a consumer endpoint and an instance', async ({ page }) => {
    await openTopology(page);
    await page.locator('[data-testid=canvas-node][data-kind=vpcEndpointService]').click();
    const panel = page.getByTestId('details-panel');
    await expect(panel.getByTestId('details-title')).toHaveText('ledger-export');
    const section = panel.getByTestId('details-endpoint-service');
    await expect(section.getByTestId('endpoint-service-name')).toContainText('com.amazonaws.vpce.us-east-1.vpce-svc-');
    await expect(section.getByTestId('endpoint-service-acceptance')).toContainText('required');
    await expect(section.getByTestId('endpoint-service-principals')).toContainText(`arn:aws:iam::${STOREFRONT}:root`);
    await expect(section.getByTestId('endpoint-service-principals')).toContainText(`arn:aws:iam::${DATA}:root`);
    const rows = section.getByTestId('endpoint-connection-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('Available');
    await expect(rows.nth(0)).toContainText('storefront-to-ledger-export');
    await expect(rows.nth(1)).toContainText('Pending acceptance');
    await expect(rows.nth(1)).toContainText('data-platform-to-ledger-export');
    await page.screenshot({ path: `${shots}/details-service.png` });

    await rows.nth(0).getByRole('button', { name: 'storefront-to-ledger-export' }).click();
    await expect(panel.getByTestId('details-title')).toHaveText('storefront-to-ledger-export');
    const endpoint = panel.getByTestId('details-endpoint');
    await expect(endpoint.getByTestId('endpoint-type')).toHaveText('Interface');
    await expect(endpoint.getByTestId('endpoint-service-name')).toContainText('vpce-svc-');
    await expect(endpoint.getByTestId('endpoint-connection')).toContainText('Available');
    await expect(endpoint.getByTestId('endpoint-connection')).toContainText('ledger-export');
    await expect(endpoint).toContainText('subnet-');
    await expect(endpoint).toContainText('sg-');
    await expect(endpoint).toContainText('.vpce.amazonaws.com');

    // An instance behind an INSTANCE target group: state, type, address.
    const sf = clientsFor(emulatorUrl, STOREFRONT);
    const tg = ((await sf.lattice.send(new ListTargetGroupsCommand({}))).items ?? []).find((t) => t.name === 'orders-stable')!;
    const target = ((await sf.lattice.send(new ListTargetsCommand({ targetGroupIdentifier: tg.arn! }))).items ?? [])[0]!;
    const reservations = (await sf.ec2.send(new DescribeInstancesCommand({ InstanceIds: [target.id!] }))).Reservations ?? [];
    const instance = reservations.flatMap((r) => r.Instances ?? [])[0]!;
    await page.getByTestId('topology-search').fill(instance.PrivateIpAddress!);
    await expect(page.getByTestId('search-result').first()).toContainText('EC2 instance');
    await page.keyboard.press('Enter');
    const facts = panel.getByTestId('details-instance');
    await expect(facts.getByTestId('instance-state')).toHaveText('Running');
    await expect(facts.getByTestId('instance-type')).toHaveText(instance.InstanceType!);
    await expect(facts.getByTestId('instance-ip')).toHaveText(instance.PrivateIpAddress!);
    await expect(panel.getByTestId('details-related')).toContainText('points at');
    await expect(panel.getByTestId('details-related')).toContainText(`${target.id}:${target.port}`);
    await page.screenshot({ path: `${shots}/details-instance.png` });
  });
});
