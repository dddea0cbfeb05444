// The Requests view end to end: a request sent through lattice-local's data plane, refused by the
// orders service's policies, appears in the orders service's access logs; the Requests panel
// lists it as denied, and "Why?" asks the access analysis the same question, showing the deciding
// step in the panel and the refusing box in red on the canvas.
import http from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/auth';

const emulatorUrl = new URL(`http://127.0.0.1:${Number(process.env.E2E_EMULATOR_PORT ?? 4611)}`);
const STOREFRONT = '222222222222';

interface TopologyBody {
  nodes: { id: string; kind: string; name: string; account: string; resourceId?: string; description: Record<string, unknown> }[];
}

async function estate(page: Page): Promise<TopologyBody> {
  const res = await page.request.get('/api/topology');
  expect(res.status()).toBe(200);
  return (await res.json()) as TopologyBody;
}

/** An unsigned request to a service's DNS name through lattice-local, from a VPC of the estate. */
function sendThroughDataPlane(host: string, vpc: string, method: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: emulatorUrl.hostname, port: emulatorUrl.port, method, path, headers: { host, 'x-lattice-local-source-vpc': vpc }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end();
  });
}

test.describe('requests', () => {
  test.use({ viewport: { width: 1600, height: 1000 } });

  test('a denied request through the data plane shows in the Requests view, and Why? explains it on the graph', async ({ page }) => {
    await signIn(page, 'viewer');
    const t = await estate(page);
    const orders = t.nodes.find((n) => n.kind === 'service' && n.name === 'orders' && n.account === STOREFRONT)!;
    const storefront = t.nodes.find((n) => n.kind === 'vpc' && n.name === 'storefront' && n.account === STOREFRONT)!;
    const host = (orders.description.dnsEntry as { domainName: string }).domainName;
    // Anonymous: the orders policies allow one role only.
    expect(await sendThroughDataPlane(host, storefront.resourceId!, 'GET', '/orders/e2e-denied')).toBe(403);

    await page.goto(`/topology?node=${encodeURIComponent(orders.id)}`);
    await expect(page.getByTestId('details-title')).toHaveText('orders');
    // The orders box counts the last hour's requests from its access logs, 4xx among them.
    const badge = page.locator('.react-flow__node', { has: page.locator(`[data-node-id="${orders.id}"]`) }).getByTestId('request-count');
    await expect(badge).toBeAttached();
    expect(Number(await badge.getAttribute('data-total'))).toBeGreaterThanOrEqual(1);
    expect(Number(await badge.getAttribute('data-4xx'))).toBeGreaterThanOrEqual(1);
    await page.getByTestId('open-requests').click();
    const panel = page.getByTestId('requests-panel');
    await expect(panel).toBeVisible();
    const row = panel.locator('[data-testid=request-row][data-denied=true]', { hasText: '/orders/e2e-denied' });
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute('data-status', '403');
    await expect(row).toContainText('GET');
    await expect(row).toContainText('anonymous');
    await expect(row).toContainText('storefront');
    await expect(panel.getByTestId('requests-counts')).toContainText('4xx');

    // Denied only keeps the denied row.
    await panel.getByTestId('requests-denied-only').check();
    await expect(panel.locator('[data-testid=request-row][data-denied=false]')).toHaveCount(0);
    await expect(row).toHaveCount(1);
    await page.screenshot({ path: 'test-results/requests-panel.png' });

    await row.getByTestId('request-why').click();
    const access = page.getByTestId('access-panel');
    await expect(access.getByTestId('access-verdict')).toHaveAttribute('data-decision', 'deny', { timeout: 30_000 });
    await expect(access.getByTestId('access-question')).toContainText('storefront → orders GET /orders/e2e-denied');
    // The deciding step is the one the log named: the retail network's auth policy, its DenyEveryoneElse statement.
    await expect(row.locator('td').nth(3)).toContainText('Service Network');
    const deciding = access.locator('[data-testid=access-step][data-result=fail]').first();
    await expect(deciding).toHaveAttribute('data-check', 'serviceNetworkAuth');
    await expect(deciding.getByTestId('access-step-resource')).toContainText('retail-services');
    await expect(deciding.locator('[data-testid=policy-statement][data-deciding]')).toContainText('DenyEveryoneElse');
    // The question is in the URL: the explanation is a link.
    const url = new URL(page.url());
    expect(url.searchParams.get('as')).toBe('anonymous');
    expect(url.searchParams.get('to')).toBe(orders.resourceId);
    // On the canvas: the network that refused is red.
    const retail = t.nodes.find((n) => n.kind === 'serviceNetwork' && n.name === 'retail-services')!;
    await expect(page.locator(`.react-flow__node.access-failed [data-node-id="${retail.id}"]`)).toBeVisible();
    await page.screenshot({ path: 'test-results/requests-why.png' });
  });
});
