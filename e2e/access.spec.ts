// Access analysis, end to end against the demo estate: ask "Can it call?" in the browser and
// read the verdict with the path on the canvas (the failing link marked), reproduce it from the
// link, ask the API with a bearer token (and be refused with the field named on bad input), and
// see in a plan the access a new VPC association adds.
import { expect, test, type Page } from '@playwright/test';
import { baseURL } from '../playwright.config';
import { mutate, signIn, uniqueName } from './support/auth';

const STOREFRONT = '222222222222';
const DATA = '444444444444';
const PRODUCT_ROLE = `arn:aws:iam::${STOREFRONT}:role/ProductServiceRole`;

interface TopologyBody {
  nodes: { id: string; kind: string; name: string; account: string; resourceId?: string }[];
}

async function estate(page: Page): Promise<TopologyBody> {
  const res = await page.request.get('/api/topology');
  expect(res.status()).toBe(200);
  return (await res.json()) as TopologyBody;
}

const find = (t: TopologyBody, kind: string, name: string, account?: string) => {
  const n = t.nodes.find((x) => x.kind === kind && x.name === name && (!account || x.account === account));
  if (!n) throw new Error(`no ${kind} ${name} in the demo estate`);
  return n;
};

async function canvasReady(page: Page) {
  await expect(page.getByTestId('topology-canvas')).not.toHaveAttribute('data-layout', 'pending', { timeout: 30_000 });
}

test.describe('access analysis', () => {
  test.use({ viewport: { width: 1600, height: 1000 } });

  test('a viewer asks "Can it call?" and reads the verdict as a chain, with the path lit on the canvas and the failing link in red', async ({ page }) => {
    await signIn(page, 'viewer');
    const t = await estate(page);
    const product = find(t, 'vpc', 'product', STOREFRONT);
    const orderService = find(t, 'service', 'order-service', STOREFRONT);
    const orders = find(t, 'service', 'orders', STOREFRONT);

    await page.goto('/topology');
    await canvasReady(page);
    await page.getByTestId('access-toggle').click();
    const panel = page.getByTestId('access-panel');
    await panel.getByTestId('access-vpc').selectOption(product.resourceId!);
    // The principals named in the estate's policies are offered.
    await panel.getByTestId('access-principal').selectOption(PRODUCT_ROLE);
    await panel.getByTestId('access-service').selectOption(orderService.resourceId!);
    await panel.getByTestId('access-method').selectOption('DELETE');
    await panel.getByTestId('access-path').fill('/orders/42');
    await panel.getByTestId('access-ask').click();

    // Denied by the service's auth policy: its DenyDeletes statement, highlighted in the policy.
    const verdict = panel.getByTestId('access-verdict');
    await expect(verdict).toHaveAttribute('data-decision', 'deny');
    await expect(panel.getByTestId('access-decision')).toHaveText('Denied');
    const serviceAuth = verdict.locator('[data-testid=access-step][data-check=serviceAuth]');
    await expect(serviceAuth).toHaveAttribute('data-result', 'fail');
    await expect(serviceAuth.getByTestId('access-step-resource')).toContainText('order-service');
    await expect(serviceAuth.locator('[data-testid=policy-statement][data-deciding]')).toContainText('DenyDeletes');
    await expect(verdict.locator('[data-testid=access-step][data-check=network]').first()).toHaveAttribute('data-result', 'pass');
    // On the canvas: the caller and the network on the path, the service that refused in red.
    await expect(page.locator(`.react-flow__node.access-path [data-node-id="${product.id}"]`)).toBeVisible();
    await expect(page.locator(`.react-flow__node.access-failed [data-node-id="${orderService.id}"]`)).toBeVisible();
    await expect(page.locator('.react-flow__edge.access-edge-path').first()).toBeAttached();

    // The question folds into one line; the same caller may GET: allowed, the route is shown.
    await expect(panel.getByTestId('access-question')).toContainText('product → order-service DELETE /orders/42');
    await panel.getByTestId('access-edit').click();
    await panel.getByTestId('access-method').selectOption('GET');
    await panel.getByTestId('access-ask').click();
    await expect(verdict).toHaveAttribute('data-decision', 'allow');
    await expect(panel.getByTestId('access-route')).toContainText('order-service-fleet');
    await expect(page.locator('.react-flow__node.access-failed')).toHaveCount(0);

    // The link reproduces the question (the URL follows the answer: wait for it before reloading).
    await expect.poll(() => new URL(page.url()).searchParams.get('method')).toBe('GET');
    expect(new URL(page.url()).searchParams.get('as')).toBe(PRODUCT_ROLE);
    await page.reload();
    await expect(page.getByTestId('access-verdict')).toHaveAttribute('data-decision', 'allow', { timeout: 30_000 });
    await expect(page.getByTestId('access-question')).toContainText('GET /orders/42');

    // From the product VPC, orders (on the retail network only) is unreachable: the missing link is drawn in red.
    await page.getByTestId('access-edit').click();
    await page.getByTestId('access-service').selectOption(orders.resourceId!);
    await page.getByTestId('access-ask').click();
    await expect(page.getByTestId('access-decision')).toHaveText('Unreachable');
    await expect(page.locator('[data-testid=access-step][data-check=network][data-result=fail]')).toHaveCount(1);
    await canvasReady(page);
    await expect(page.locator('.react-flow__edge.access-edge-missing, .react-flow__edge.access-edge-failed').first()).toBeAttached();
  });

  test('the matrix shows, for one principal, every caller VPC against every service, and exports CSV', async ({ page }) => {
    await signIn(page, 'viewer');
    await page.goto('/access');
    await page.getByTestId('matrix-principal').fill(PRODUCT_ROLE);
    await page.getByTestId('matrix-path').fill('/orders/1');
    await page.getByTestId('matrix-ask').click();
    const row = page.locator('[data-testid=matrix-row][data-service=order-service]');
    await expect(row.locator('[data-testid=matrix-cell][data-vpc=product]')).toHaveAttribute('data-verdict', 'allow');
    await expect(page.locator('[data-testid=matrix-row][data-service=orders] [data-testid=matrix-cell][data-vpc=product]')).toHaveAttribute('data-verdict', 'unreachable');
    await expect(page.locator('[data-testid=matrix-row][data-service=orders] [data-testid=matrix-cell][data-vpc=storefront]')).toHaveAttribute('data-verdict', 'auth');
    await page.getByTestId('matrix-account').selectOption(STOREFRONT);
    await expect(page.getByTestId('matrix-grid')).toHaveAttribute('data-cols', '3');
    const download = page.waitForEvent('download');
    await page.getByTestId('matrix-csv').click();
    const csv = await (await download).createReadStream();
    const text = await new Promise<string>((resolve) => {
      let out = '';
      csv.on('data', (c) => (out += c));
      csv.on('end', () => resolve(out));
    });
    expect(text.split('\n')[0]).toBe('caller_vpc,vpc_id,vpc_account,service,service_id,service_account,verdict,policy_or_link,statement,why');
    expect(text).toContain('product,');
    expect(text).toMatch(/order-service,svc-[0-9a-z]+,222222222222,allowed/);
  });

  test('the API answers scripts with a bearer token, and refuses bad input naming the field and the rule', async ({ page, playwright }) => {
    await signIn(page, 'admin');
    const t = await estate(page);
    const product = find(t, 'vpc', 'product', STOREFRONT);
    const orderService = find(t, 'service', 'order-service', STOREFRONT);
    const created = await mutate(page, 'POST', '/api/tokens', { user: 'viewer', name: uniqueName('access-ci') });
    expect(created.status()).toBe(201);
    const { secret } = (await created.json()) as { secret: string };
    const ci = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });

    const ask = (body: unknown) => ci.post('/api/access/evaluate', { data: body });
    const post = await ask({ source: { vpc: product.resourceId, principal: PRODUCT_ROLE }, target: { service: orderService.id, method: 'POST', path: '/orders' } });
    expect(post.status()).toBe(200);
    const allowed = await post.json();
    expect(allowed).toMatchObject({ decision: 'allow', reachable: true, authorized: true });
    expect(allowed.steps.map((s: { check: string }) => s.check)).toEqual(expect.arrayContaining(['network', 'serviceNetworkAuth', 'serviceAuth', 'identity', 'routing']));

    const other = await (await ask({ source: { vpc: product.resourceId, principal: `arn:aws:iam::${STOREFRONT}:role/storefront-web` }, target: { service: orderService.resourceId, method: 'GET', path: '/orders' } })).json();
    expect(other.decision).toBe('deny');
    expect(other.steps.some((s: { result: string }) => s.result === 'fail')).toBe(true);

    const bad = await ask({ source: { vpc: product.resourceId, principal: null }, target: { service: orderService.resourceId, method: 'get', path: '/orders' } });
    expect(bad.status()).toBe(400);
    const problem = (await bad.json()).error;
    expect(problem.fields).toEqual([{ path: 'target.method', rule: expect.stringContaining('HTTP method in capitals') }]);
    const missing = await ask({ source: { principal: null }, target: { service: orderService.resourceId, method: 'GET', path: '/' } });
    expect(missing.status()).toBe(400);
    expect((await missing.json()).error.fields).toEqual([{ path: 'source.vpc', rule: 'required' }]);
    const unknown = await ask({ source: { vpc: 'vpc-0123456789abcdef0', principal: null }, target: { service: orderService.resourceId, method: 'GET', path: '/' } });
    expect(unknown.status()).toBe(404);
    expect((await unknown.json()).error.fields[0].path).toBe('source.vpc');
    await ci.dispose();
  });

  test('the plan of a design that associates a VPC with a network shows the access it adds, and the designer answers for the design', async ({ page }) => {
    await signIn(page, 'editor');
    const t = await estate(page);
    const dataVpc = find(t, 'vpc', 'data-platform', DATA);
    const platform = find(t, 'serviceNetwork', 'shared-platform');
    const res = await mutate(page, 'POST', '/api/designs', { name: uniqueName('data joins platform'), start: 'empty', account: DATA, region: 'us-east-1' });
    expect(res.status(), await res.text()).toBe(201);
    const { design } = (await res.json()) as { design: { id: string; version: number; document: Record<string, unknown> } };
    const document = {
      ...design.document,
      records: {
        'new-data-platform-assoc': { id: 'new-data-platform-assoc', kind: 'serviceNetworkVpcAssociation', account: DATA, region: 'us-east-1', spec: { serviceNetworkIdentifier: platform.id, vpcIdentifier: dataVpc.resourceId } },
      },
    };
    const saved = await page.request.fetch(`/api/designs/${design.id}`, { method: 'PUT', headers: { origin: new URL(page.url()).origin, 'content-type': 'application/json' }, data: Buffer.from(JSON.stringify({ document, baseVersion: design.version })) });
    expect(saved.status(), await saved.text()).toBe(200);
    const planned = await mutate(page, 'POST', `/api/designs/${design.id}/plan`);
    expect(planned.status(), await planned.text()).toBe(201);
    const { plan } = (await planned.json()) as { plan: { id: string } };

    await page.goto(`/plans/${plan.id}`);
    const access = page.getByTestId('plan-access');
    // "This plan lets 1 VPC reach order-service and 1 VPC reach search."
    await expect(access.getByTestId('plan-access-headlines')).toContainText(/^This plan lets 1 VPC reach /, { timeout: 30_000 });
    await expect(access.getByTestId('plan-access-headlines')).toContainText('1 VPC reach search');
    await expect(access.getByTestId('plan-access-headlines')).toContainText('1 VPC reach order-service');
    await expect(access.getByTestId('plan-access-reachable').getByTestId('access-pair').filter({ hasText: 'data-platform' }).first()).toBeVisible();

    // The designer asks the same question of the design as if applied, from a link: reachable through the new association.
    const search = find(t, 'service', 'search', STOREFRONT);
    await page.goto(`/designs/${design.id}?ask=1&from=${dataVpc.resourceId}&as=anonymous&to=${search.resourceId}&method=GET&path=%2F`);
    const panel = page.getByTestId('access-panel');
    await expect(panel.getByTestId('access-verdict')).toHaveAttribute('data-decision', 'allow', { timeout: 30_000 });
    await expect(panel.getByTestId('access-verdict').locator('[data-testid=access-step][data-check=network]').first()).toHaveAttribute('data-result', 'pass');
    // The design holds only the association (the network and the service are live, not drawn): its caller's box is lit.
    await expect(page.locator('.react-flow__node.access-path').first()).toBeAttached();
  });
});
