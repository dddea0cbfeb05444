// Callers on the topology graph, against the demo estate: the IAM role that auth policies name
// (checkout-service, in the storefront account) is drawn with lines to the services it may call
// — payments in another account among them —, shows its trust and identity policies, folds into
// its account's "callers" box and opens again; a Lambda target's function shows its policy.
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/auth';

const STOREFRONT = '222222222222';
const PAYMENTS = '333333333333';
const CHECKOUT_ROLE = `arn:aws:iam::${STOREFRONT}:role/checkout-service`;

interface TopologyBody {
  nodes: { id: string; kind: string; name: string; account: string }[];
  edges: { id: string; kind: string; source: string; target: string }[];
}

async function estate(page: Page): Promise<TopologyBody> {
  const res = await page.request.get('/api/topology');
  expect(res.status()).toBe(200);
  return (await res.json()) as TopologyBody;
}

async function canvasReady(page: Page) {
  await expect(page.getByTestId('topology-canvas')).not.toHaveAttribute('data-layout', 'pending', { timeout: 30_000 });
}

test.describe('callers on the graph', () => {
  test.use({ viewport: { width: 1600, height: 1000 } });

  test('a caller role is drawn with lines to the services it may call, shows its policies, and folds', async ({ page }) => {
    await signIn(page, 'viewer');
    const t = await estate(page);
    const payments = t.nodes.find((n) => n.kind === 'service' && n.name === 'payments' && n.account === PAYMENTS)!;
    const callees = t.edges.filter((e) => e.kind === 'callerService' && e.source === CHECKOUT_ROLE).map((e) => e.target);
    expect(callees).toContain(payments.id);

    await page.goto('/topology');
    await canvasReady(page);
    const role = page.locator(`[data-testid=canvas-node][data-kind=iamRole][data-node-id="${CHECKOUT_ROLE}"]`);
    await expect(role).toBeVisible();
    await expect(role.getByTestId('node-name')).toHaveText('checkout-service');
    // One line per service the role may call, each ending on that service's box.
    for (const service of callees) {
      await expect(page.getByTestId(`rf__edge-callerService:${CHECKOUT_ROLE}->${service}`)).toHaveCount(1);
      await expect(page.locator(`[data-node-id="${service}"]`)).toHaveCount(1);
    }
    await page.getByTestId('topology-canvas').screenshot({ path: 'test-results/callers-graph.png' });

    // Its details: who may assume it, what its identity policy allows, which services it may call.
    await role.click();
    const panel = page.getByTestId('details-panel');
    await expect(panel.getByTestId('details-title')).toHaveText('checkout-service');
    await expect(panel.getByTestId('details-trust-policy')).toContainText('ec2.amazonaws.com');
    const identity = panel.getByTestId('details-identity-policies');
    await expect(identity.getByTestId('identity-policy')).toHaveCount(1);
    await expect(identity).toContainText('invoke-lattice-services');
    await expect(identity).toContainText('vpc-lattice-svcs:Invoke');
    await expect(panel.getByTestId('details-related')).toContainText('may call');
    await expect(panel.getByTestId('details-related').getByTestId('related-node').filter({ hasText: 'payments' }).first()).toBeVisible();
    await page.screenshot({ path: 'test-results/callers-details.png' });

    // Fold the account's callers into one box, then open them again. A deep link brings the
    // role into view close enough for its buttons to show.
    await page.goto(`/topology?node=${encodeURIComponent(CHECKOUT_ROLE)}`);
    await canvasReady(page);
    await expect(page.getByTestId('topology-canvas')).toHaveAttribute('data-detail', 'full');
    await role.getByTestId('fold-callers').click();
    const group = page.locator(`[data-testid=canvas-aggregate][data-node-id="callers:${STOREFRONT}"]`);
    await expect(group).toBeVisible();
    await expect(group.getByTestId('node-name')).toHaveText(/^\d+ callers?$/);
    await expect(role).toHaveCount(0);
    await expect(page.locator(`[data-testid^="rf__edge-callerService:callers:${STOREFRONT}->${payments.id}"]`)).toHaveCount(1);
    await group.getByTestId('expand-aggregate').click();
    await expect(role).toBeVisible();
  });

  test('a function behind a LAMBDA target shows whether it lets Lattice invoke it', async ({ page }) => {
    await signIn(page, 'viewer');
    const t = await estate(page);
    const refusing = t.nodes.find((n) => n.kind === 'lambdaFunction' && n.name === 'notifications-sender')!;
    const allowing = t.nodes.find((n) => n.kind === 'lambdaFunction' && n.name === 'auth-token-issuer')!;
    expect(t.edges.some((e) => e.kind === 'targetResource' && e.target === refusing.id)).toBe(true);

    await page.goto(`/topology?node=${encodeURIComponent(refusing.id)}`);
    const panel = page.getByTestId('details-panel');
    await expect(panel.getByTestId('details-title')).toHaveText('notifications-sender');
    await expect(panel.getByTestId('details-function-policy')).toContainText('No policy: nothing may invoke this function');

    await page.goto(`/topology?node=${encodeURIComponent(allowing.id)}`);
    await expect(panel.getByTestId('details-title')).toHaveText('auth-token-issuer');
    await expect(panel.getByTestId('function-policy-json')).toContainText('vpc-lattice.amazonaws.com');
  });
});
