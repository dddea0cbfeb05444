// Inspect against the demo estate: the canvas shows what lattice-local's own List calls
// return, search opens a service, a broken account fails alone, exports are images of the
// graph, deep links select, and a resource created after the first load shows as added.
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { ListListenersCommand, ListResourceConfigurationsCommand, ListResourceGatewaysCommand, ListRulesCommand, ListServiceNetworksCommand, ListServicesCommand, CreateServiceCommand } from '@aws-sdk/client-vpc-lattice';
import { DescribeVpcEndpointServiceConfigurationsCommand, DescribeVpcEndpointsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { clientsFor } from '../lib/testing/clients';
import { DEMO_ACCOUNTS } from '../lib/demo';
import { mutate, signIn } from './support/auth';

const emulatorUrl = `http://127.0.0.1:${Number(process.env.E2E_EMULATOR_PORT ?? 4611)}`;
const accountIds = DEMO_ACCOUNTS.map((a) => a.id);
const PAYMENTS = DEMO_ACCOUNTS.find((a) => a.name === 'payments')!.id;
const STOREFRONT = DEMO_ACCOUNTS.find((a) => a.name === 'storefront')!.id;

async function allPages<T>(page: (token?: string) => Promise<{ items?: T[]; next?: string }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const r = await page(token);
    out.push(...(r.items ?? []));
    token = r.next;
  } while (token);
  return out;
}

/** What lattice-local itself says exists, per canvas kind, across the demo accounts (ARNs/ids deduplicated). */
async function emulatorCounts(): Promise<Record<string, number>> {
  const sets: Record<string, Set<string>> = { serviceNetwork: new Set(), service: new Set(), resourceConfiguration: new Set(), resourceGateway: new Set(), vpcEndpoint: new Set(), vpcEndpointService: new Set(), vpc: new Set() };
  const usedVpcs = new Set<string>();
  const defaultVpcs = new Set<string>();
  for (const account of accountIds) {
    const { lattice, ec2 } = clientsFor(emulatorUrl, account);
    for (const x of await allPages((t) => lattice.send(new ListServiceNetworksCommand({ nextToken: t })).then((o) => ({ items: o.items, next: o.nextToken })))) sets.serviceNetwork.add(x.arn!);
    for (const x of await allPages((t) => lattice.send(new ListServicesCommand({ nextToken: t })).then((o) => ({ items: o.items, next: o.nextToken })))) sets.service.add(x.arn!);
    for (const x of await allPages((t) => lattice.send(new ListResourceConfigurationsCommand({ nextToken: t })).then((o) => ({ items: o.items, next: o.nextToken })))) sets.resourceConfiguration.add(x.arn!);
    for (const x of await allPages((t) => lattice.send(new ListResourceGatewaysCommand({ nextToken: t })).then((o) => ({ items: o.items, next: o.nextToken })))) {
      sets.resourceGateway.add(x.arn!);
      if (x.vpcIdentifier) usedVpcs.add(x.vpcIdentifier);
    }
    const endpoints = (await ec2.send(new DescribeVpcEndpointsCommand({}))).VpcEndpoints ?? [];
    for (const e of endpoints) {
      sets.vpcEndpoint.add(e.VpcEndpointId!);
      if (e.VpcId) usedVpcs.add(e.VpcId);
    }
    for (const c of (await ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({}))).ServiceConfigurations ?? []) sets.vpcEndpointService.add(c.ServiceId!);
    for (const v of (await ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? []) {
      sets.vpc.add(v.VpcId!);
      if (v.IsDefault) defaultVpcs.add(v.VpcId!);
    }
  }
  // The canvas leaves out default VPCs that nothing in Lattice uses; the API says which are used.
  const { lattice: hub } = clientsFor(emulatorUrl, accountIds[0]);
  const { ListServiceNetworkVpcAssociationsCommand, ListTargetGroupsCommand } = await import('@aws-sdk/client-vpc-lattice');
  for (const sn of sets.serviceNetwork) {
    for (const a of (await hub.send(new ListServiceNetworkVpcAssociationsCommand({ serviceNetworkIdentifier: sn }))).items ?? []) usedVpcs.add(a.vpcId!);
  }
  for (const account of accountIds) {
    for (const tg of (await clientsFor(emulatorUrl, account).lattice.send(new ListTargetGroupsCommand({}))).items ?? []) if (tg.vpcIdentifier) usedVpcs.add(tg.vpcIdentifier);
  }
  for (const v of defaultVpcs) if (!usedVpcs.has(v)) sets.vpc.delete(v);
  return Object.fromEntries(Object.entries(sets).map(([k, s]) => [k, s.size]));
}

async function openTopology(page: Page, query = '') {
  await page.goto(`/topology${query}`);
  await expect(page.getByTestId('topology-canvas')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('canvas-node').first()).toBeVisible({ timeout: 30_000 });
}

async function refresh(page: Page) {
  await page.getByTestId('refresh').click();
  await expect(page.getByTestId('refresh')).toHaveText('Refreshing…');
  await expect(page.getByTestId('refresh')).toHaveText('Refresh', { timeout: 60_000 });
}

test.describe('topology', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, 'admin');
  });

  test('the demo estate renders, with as many boxes of each kind as lattice-local lists', async ({ page }) => {
    await openTopology(page);
    await refresh(page);
    const expected = await emulatorCounts();
    expect(expected.service).toBeGreaterThan(5);
    for (const [kind, count] of Object.entries(expected)) {
      await expect(page.locator(`[data-testid=canvas-node][data-kind=${kind}]`), `${kind} boxes`).toHaveCount(count);
    }
    await expect(page.getByTestId('discovery-errors')).toHaveCount(0);
  });

  test('searching a service focuses it, and its details show its listeners and rules', async ({ page }) => {
    await openTopology(page);
    await page.getByTestId('topology-search').fill('orders');
    await expect(page.getByTestId('search-result').first()).toContainText('orders');
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('details-panel');
    await expect(panel.getByTestId('details-title')).toHaveText('orders');
    const box = page.locator('[data-testid=canvas-node][data-kind=service]', { hasText: 'orders' }).first();
    await expect(box).toHaveAttribute('data-selected', 'true');
    await expect(box).toBeInViewport();
    expect(new URL(page.url()).searchParams.get('node')).toMatch(/^arn:aws:vpc-lattice:[^:]+:\d{12}:service\/svc-/);

    const arn = new URL(page.url()).searchParams.get('node')!;
    const { lattice } = clientsFor(emulatorUrl, arn.split(':')[4]);
    const listeners = (await lattice.send(new ListListenersCommand({ serviceIdentifier: arn }))).items ?? [];
    let rules = 0;
    for (const l of listeners) rules += ((await lattice.send(new ListRulesCommand({ serviceIdentifier: arn, listenerIdentifier: l.arn! }))).items ?? []).length;
    expect(listeners.length).toBeGreaterThan(0);
    const structure = panel.getByTestId('details-structure');
    await expect(structure.getByTestId('listener')).toHaveCount(listeners.length);
    await expect(structure.getByTestId('rule')).toHaveCount(rules);
    for (const l of listeners) await expect(structure).toContainText(l.name!);
  });

  test('an account with a wrong role shows its error while the others render', async ({ page }) => {
    const wrongRole = `arn:aws:iam::${PAYMENTS}:role/NotTheConsoleRole`;
    const denied = await page.request.post(`${emulatorUrl}/_local/deny-roles`, { data: { roles: [wrongRole] }, headers: { 'x-lattice-local': 'admin' } });
    expect(denied.ok()).toBe(true);
    await openTopology(page);
    const saved = await mutate(page, 'POST', '/api/accounts', { id: PAYMENTS, name: 'payments', roleArn: wrongRole, regions: ['us-east-1'] });
    expect(saved.status(), await saved.text()).toBe(201);
    try {
      await refresh(page);
      // The error is told once, in the group that names the account.
      await expect(page.locator(`[data-testid=account-error][data-account="${PAYMENTS}"]`)).toBeVisible();
      const error = page.getByTestId('error-group').filter({ has: page.locator(`[data-account="${PAYMENTS}"]`) });
      await expect(error).toContainText('AccessDenied');
      await expect(error).toContainText(wrongRole);
      await expect(page.locator(`[data-testid=account-group][data-account="${STOREFRONT}"]`)).toBeVisible();
      await expect(page.locator('[data-testid=canvas-node][data-kind=serviceNetwork]').first()).toBeVisible();
    } finally {
      expect((await mutate(page, 'DELETE', `/api/accounts/${PAYMENTS}`)).status()).toBe(200);
      await page.request.post(`${emulatorUrl}/_local/deny-roles`, { data: { roles: [] }, headers: { 'x-lattice-local': 'admin' } });
    }
    await refresh(page);
    await expect(page.getByTestId('account-error')).toHaveCount(0);
  });

  test('PNG and SVG exports are non-empty images of the graph', async ({ page }) => {
    await openTopology(page);
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const pngBytes = fs.readFileSync((await png.path())!);
    expect(pngBytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(pngBytes.length).toBeGreaterThan(20_000);
    const width = pngBytes.readUInt32BE(16);
    const height = pngBytes.readUInt32BE(20);
    expect(width).toBeGreaterThan(400);
    expect(height).toBeGreaterThan(200);

    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
    expect(svg.suggestedFilename()).toMatch(/\.svg$/);
    const svgText = fs.readFileSync((await svg.path())!, 'utf8');
    expect(svgText.startsWith('<svg')).toBe(true);
    expect(svgText).toContain('retail-services');
    expect(svgText).toContain('orders-db-gateway');
  });

  test('a deep link opens with the resource selected', async ({ page }) => {
    const { lattice } = clientsFor(emulatorUrl, STOREFRONT);
    const checkout = ((await lattice.send(new ListServicesCommand({}))).items ?? []).find((s) => s.name === 'checkout')!;
    await openTopology(page, `?node=${encodeURIComponent(checkout.arn!)}`);
    await expect(page.getByTestId('details-title')).toHaveText('checkout');
    const box = page.locator(`[data-testid=canvas-node][data-node-id="${checkout.arn}"]`);
    await expect(box).toHaveAttribute('data-selected', 'true');
    await expect(box).toBeInViewport();
  });

  test('a service created after the first load appears on refresh, marked as added in the comparison', async ({ page }) => {
    await openTopology(page);
    await refresh(page);
    const name = `added-${Date.now().toString(36)}`;
    const { lattice } = clientsFor(emulatorUrl, STOREFRONT);
    await lattice.send(new CreateServiceCommand({ name }));
    await expect(page.locator('[data-testid=canvas-node]', { hasText: name })).toHaveCount(0);
    await refresh(page);
    const box = page.locator('[data-testid=canvas-node]', { hasText: name });
    await expect(box).toHaveCount(1);

    // Compare with the snapshot taken just before this refresh.
    const select = page.getByTestId('compare-select');
    const previous = await select.locator('option').nth(1).getAttribute('value');
    await select.selectOption(previous!);
    await expect(page.getByTestId('changes-summary')).toBeVisible();
    await expect(page.getByTestId('changes-added')).toHaveText('1 added');
    await expect(box).toHaveAttribute('data-mark', 'added');
  });

  test('a box the user moves stays where they put it after a reload, until the layout is reset', async ({ page }) => {
    await openTopology(page);
    const box = page.locator('[data-testid=canvas-node][data-kind=serviceNetwork]').first();
    const id = (await box.getAttribute('data-node-id'))!;
    const flowNode = page.locator(`.react-flow__node[data-id="${id}"]`);
    const flowPosition = async () => {
      const m = /translate\(([-\d.]+)px, ?([-\d.]+)px\)/.exec((await flowNode.getAttribute('style')) ?? '');
      return { x: Number(m![1]), y: Number(m![2]) };
    };
    const near = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.abs(a.x - b.x) < 1 && Math.abs(a.y - b.y) < 1;
    const start = await flowPosition();
    const b = (await box.boundingBox())!;
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/topology/positions') && r.request().method() === 'PUT');
    await page.mouse.move(b.x + b.width / 2, b.y + 12);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width / 2 + 80, b.y + 12 + 260, { steps: 10 });
    await page.mouse.up();
    expect((await saved).status()).toBe(200);
    const moved = await flowPosition();
    expect(moved.y - start.y).toBeGreaterThan(100);

    await page.reload();
    await expect(flowNode).toBeVisible();
    expect(near(await flowPosition(), moved)).toBe(true);
    const stored = (await (await page.request.get('/api/topology/positions')).json()) as { positions: Record<string, { x: number; y: number }> };
    expect(near(stored.positions[id], moved)).toBe(true);

    await page.getByTestId('reset-layout').click();
    await expect(page.getByTestId('reset-layout')).toHaveCount(0);
    await page.reload();
    await expect(flowNode).toBeVisible();
    expect(near(await flowPosition(), start)).toBe(true);
  });
});
