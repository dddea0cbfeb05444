// Approve, end to end: an editor in the hub shares a service network with an account outside
// the organization from a design (plan, apply); an approver there sees the invitation with its
// preview and accepts it; the network appears in that account's view with its owner; an
// editor there draws its VPC's association to the network and applies; the canvas draws the
// association across the two accounts. Bad input is refused beside the field, before anything
// is planned. (Rejecting, the viewer's 403 and the audit log are in sharing.spec.ts.)
import { expect, test, type Page } from '@playwright/test';
import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { GetResourceShareInvitationsCommand } from '@aws-sdk/client-ram';
import { ListServiceNetworksCommand, ListServiceNetworkVpcAssociationsCommand, ListTargetGroupsCommand } from '@aws-sdk/client-vpc-lattice';
import { clientsFor } from '../lib/testing/clients';
import { DEMO_ACCOUNTS } from '../lib/demo';
import { mutate, signedInPage, signIn, uniqueName } from './support/auth';
import { connect } from './support/canvas';

const emulatorUrl = `http://127.0.0.1:${Number(process.env.E2E_EMULATOR_PORT ?? 4611)}`;
const id = (name: string) => DEMO_ACCOUNTS.find((a) => a.name === name)!.id;
const HUB = id('network-hub');
const STOREFRONT = id('storefront');
// Outside the organization, so RAM sends it an invitation; it has its default VPC and, in the
// demo estate, no access to shared-platform (which reaches the organization only).
const PARTNER = id('analytics-partner');
// Cross-account associations are drawn in this colour (components/sharing/edge-styles.ts).
const CROSS_ACCOUNT_STROKE = 'rgb(165, 180, 252)';


/** A box of the designer's canvas by its id (a live resource's ARN). */
const box = (nodeId: string) => `.react-flow__node[data-id="${nodeId}"]`;

/**
 * A new design holding the live resources `selection` names (with what they contain), new
 * resources going to `account`, opened in the designer. (The designs page starts from all of
 * the live estate or nothing; the API also starts from a selection, as the canvas does.)
 */
async function designFromSelection(page: Page, name: string, account: string, selection: string[]) {
  const res = await mutate(page, 'POST', '/api/designs', { name, start: 'selection', selection, account, region: 'us-east-1' });
  expect(res.status(), await res.text()).toBe(201);
  const { design } = (await res.json()) as { design: { id: string } };
  await page.goto(`/designs/${design.id}`);
  await expect(page.getByTestId('designer')).toBeVisible({ timeout: 30_000 });
}

/** Plans the open design and applies the plan, expecting exactly `operations` (by what they do and the call they make). */
async function planAndApply(page: Page, operations: { action: string; call: string; label?: string }[]) {
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await page.getByTestId('plan-button').click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const review = page.getByTestId('plan-review');
  await expect(review.getByTestId('plan-operation')).toHaveCount(operations.length);
  for (const { label, action, call } of operations) {
    const row = review.locator(`[data-testid=plan-operation][data-action=${action}]${label ? `[data-label="${label}"]` : ''}`).filter({ hasText: call });
    await expect(row).toHaveCount(1);
  }
  await page.getByTestId('apply-button').click();
  await page.getByTestId('apply-confirm-ok').click();
  await expect(review).toHaveAttribute('data-status', 'applied', { timeout: 60_000 });
  await expect(review.locator('[data-testid=plan-operation][data-state=succeeded]')).toHaveCount(operations.length);
  return review;
}

async function topologyIds(page: Page) {
  const res = await page.request.get('/api/topology');
  expect(res.status()).toBe(200);
  return (await res.json()) as { nodes: { id: string; kind: string; account: string; resourceId?: string }[]; edges: { id: string; kind: string; source: string; target: string }[] };
}

test.describe('sharing through a design', () => {
  test.use({ viewport: { width: 1600, height: 1000 } });

  test('the hub shares a network from a design, the partner accepts and associates its VPC, and the canvas draws the edge across accounts', async ({ page, browser }, testInfo) => {
    test.setTimeout(300_000);
    const network = (await clientsFor(emulatorUrl, HUB).lattice.send(new ListServiceNetworksCommand({}))).items!.find((n) => n.name === 'shared-platform')!.arn!;
    const partner = clientsFor(emulatorUrl, PARTNER);
    expect((await partner.lattice.send(new ListServiceNetworksCommand({}))).items!.map((n) => n.arn)).not.toContain(network);
    const partnerVpcId = (await partner.ec2.send(new DescribeVpcsCommand({}))).Vpcs!.find((v) => v.IsDefault)!.VpcId!;
    const targetGroup = (await clientsFor(emulatorUrl, STOREFRONT).lattice.send(new ListTargetGroupsCommand({}))).items!.find((t) => t.name === 'orders-stable')!.arn!;
    const shareName = uniqueName('platform-partner');

    // ---- The hub's editor shares shared-platform with the partner, from a design.
    await signIn(page, 'editor');
    await designFromSelection(page, `share ${shareName}`, HUB, [network, targetGroup]);
    await expect(page.getByTestId('pending-count')).toHaveText('0 changes from live', { timeout: 30_000 });

    // A resource RAM does not share says so, naming what it is.
    await page.locator(box(targetGroup)).click();
    await expect(page.getByTestId('share-section').getByTestId('share-unshareable')).toHaveText(`${targetGroup} is a VPC Lattice target group; RAM shares only service networks, services and resource configurations`);

    await page.locator(box(network)).click();
    const panel = page.getByTestId('share-section').getByTestId('share-edits-panel');
    await expect(panel.locator('[data-testid=share-edits-share][data-share="shared-platform"]')).toContainText('whole organization');

    // A malformed account id is refused beside the field; nothing joins the design.
    await panel.getByLabel('New share name').fill(shareName);
    await panel.getByLabel('Share with').fill('55555555555');
    await panel.getByTestId('add-share-edit').click();
    await expect(panel.locator('#new-share-principals-error')).toHaveText('"55555555555" is not a 12-digit AWS account id (it has 11 digits)');
    await expect(panel.getByTestId('share-edit')).toHaveCount(0);
    await expect(page.getByTestId('undo')).toBeDisabled();

    await panel.getByLabel('Share with').fill(PARTNER);
    await panel.getByTestId('add-share-edit').click();
    await expect(panel.locator('#new-share-principals-error')).toHaveCount(0);
    const edit = panel.getByTestId('share-edit');
    await expect(edit).toHaveCount(1);
    await expect(edit).toContainText(`Share as ${shareName} with analytics-partner (${PARTNER})`);
    // The server previews it as the plan will make it.
    await expect(panel.getByTestId('share-edits-operations')).toContainText(`CreateResourceShare · share ${shareName}`);

    // The edit is a design command: undo takes it away, redo brings it back.
    await expect(page.getByTestId('undo')).toHaveAttribute('title', `Undo share ${shareName} (Ctrl+Z)`);
    await page.getByTestId('undo').click();
    await expect(panel.getByTestId('share-edit')).toHaveCount(0);
    await page.getByTestId('redo').click();
    await expect(panel.getByTestId('share-edit')).toHaveCount(1);
    await page.screenshot({ path: testInfo.outputPath('designer-share-panel.png') });

    const review = await planAndApply(page, [{ label: `share ${shareName}`, action: 'create', call: 'CreateResourceShare' }]);
    await review.locator(`[data-testid=plan-operation][data-label="share ${shareName}"] button`).click();
    await expect(review.getByTestId('field-diff')).toContainText(PARTNER);

    // Back in the design, the edit is live: planned again it would be refused, so it can be cleared.
    await page.getByRole('link', { name: 'Back to the design' }).click();
    await page.locator(box(network)).click();
    await expect(panel.getByTestId('share-edit')).toHaveAttribute('data-applied', 'true');
    await expect(panel.locator(`[data-testid=share-edits-share][data-share="${shareName}"]`)).toContainText(`analytics-partner (${PARTNER})`);
    await panel.getByTestId('clear-applied-share-edits').click();
    await expect(panel.getByTestId('share-edit')).toHaveCount(0);
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');

    // RAM sent the partner an invitation; the partner has no access yet.
    const invitation = (await partner.ram.send(new GetResourceShareInvitationsCommand({}))).resourceShareInvitations!.find((i) => i.resourceShareName === shareName)!;
    expect(invitation.status).toBe('PENDING');

    // ---- The partner's approver sees the invitation with its preview, and accepts it.
    const approver = await signedInPage(browser, 'approver');
    await approver.goto('/invitations');
    const card = approver.locator(`[data-testid=pending-invitation][data-share="${shareName}"]`);
    await expect(card.getByRole('heading')).toHaveText(`network-hub invites analytics-partner to ${shareName}`);
    const preview = card.getByTestId('invitation-preview');
    await expect(preview.getByTestId('preview-share')).toContainText(shareName);
    await expect(preview.getByTestId('preview-resource')).toContainText('shared-platform');
    await expect(preview.getByTestId('preview-edge-pending')).toHaveCount(1);
    await card.getByTestId('accept-invitation').click();
    await card.getByTestId('confirm-accept').click();
    await expect(approver.locator(`[data-testid=past-invitation][data-share="${shareName}"]`)).toHaveAttribute('data-status', 'ACCEPTED');

    // The network is in the partner's view, with its owner.
    const received = (await partner.lattice.send(new ListServiceNetworksCommand({}))).items!.find((n) => n.arn === network);
    expect(received?.arn?.split(':')[4]).toBe(HUB);
    await approver.goto('/shares');
    const row = approver.locator(`[data-testid=received-share][data-share="${shareName}"]`);
    await expect(row).toContainText('Invitation accepted');
    await expect(row).toContainText('network-hub');
    await row.getByTestId('share-resource-link').click();
    await expect.poll(() => new URL(approver.url()).searchParams.get('node')).toBe(network);
    expect(new URL(approver.url()).searchParams.get('account')).toBe(PARTNER);
    await expect(approver.getByTestId('details-title')).toHaveText('shared-platform', { timeout: 60_000 });
    await expect(approver.getByTestId('details-facts')).toContainText(`network-hub ${HUB}`);
    await approver.context().close();

    // ---- An editor in the partner account draws its VPC's association to the shared network.
    await designFromSelection(page, `join ${shareName}`, PARTNER, [network]);
    const live = await topologyIds(page);
    const vpcNode = live.nodes.find((n) => n.kind === 'vpc' && n.account === PARTNER && n.resourceId === partnerVpcId)!;
    expect(vpcNode).toBeDefined();
    await connect(page, `${box(vpcNode.id)} .react-flow__handle[data-handleid="out"]`, `${box(network)} .react-flow__handle[data-handleid="in"]`);
    await expect(page.getByTestId('pending-count')).toHaveText('1 change from live');
    await planAndApply(page, [{ action: 'associate', call: 'CreateServiceNetworkVpcAssociation' }]);
    const associations = (await partner.lattice.send(new ListServiceNetworkVpcAssociationsCommand({ vpcIdentifier: partnerVpcId }))).items!;
    expect(associations.map((a) => [a.serviceNetworkArn, a.status])).toEqual([[network, 'ACTIVE']]);

    // ---- The canvas draws the association from the partner's VPC to the hub's network, across accounts.
    await page.goto(`/topology?node=${encodeURIComponent(network)}`);
    await expect(page.getByTestId('topology-canvas')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('refresh').click();
    await expect(page.getByTestId('refresh')).toHaveText('Refresh', { timeout: 60_000 });
    const edge = (await topologyIds(page)).edges.find((e) => e.kind === 'serviceNetworkVpc' && e.source === network && e.target === vpcNode.id)!;
    expect(edge).toBeDefined();
    const path = page.locator(`[data-testid="rf__edge-${edge.id}"] path.react-flow__edge-path`);
    await expect(path).toHaveCSS('stroke', CROSS_ACCOUNT_STROKE);
    // The partner's VPC, focused: its line runs to the network in the hub's group.
    await page.goto(`/topology?node=${encodeURIComponent(vpcNode.id)}`);
    await expect(page.getByTestId('details-title')).toHaveText(partnerVpcId, { timeout: 60_000 });
    await expect(page.locator(`[data-testid="rf__edge-${edge.id}"] path.react-flow__edge-path`)).toHaveCSS('stroke', CROSS_ACCOUNT_STROKE);
    await page.screenshot({ path: testInfo.outputPath('canvas-cross-account-edge.png') });
  });
});
