// Approve: RAM invitations and shares against lattice-local's demo estate. An approver sees a
// pending invitation with its preview and accepts it, and the shared service network shows
// in the receiving account's view with its owner; rejecting leaves the account without
// access; a viewer cannot answer (403, nothing changes); every answer is in the audit log;
// malformed account ids and unshareable resource types are refused before anything is applied.
import { expect, test, type Page } from '@playwright/test';
import { CreateResourceShareCommand, GetResourceShareInvitationsCommand } from '@aws-sdk/client-ram';
import { ListServiceNetworksCommand, ListServicesCommand, ListTargetGroupsCommand } from '@aws-sdk/client-vpc-lattice';
import { clientsFor } from '../lib/testing/clients';
import { DEMO_ACCOUNTS } from '../lib/demo';
import { formAlert, mutate, signedInPage, signIn, uniqueName } from './support/auth';

const emulatorUrl = `http://127.0.0.1:${Number(process.env.E2E_EMULATOR_PORT ?? 4611)}`;
const id = (name: string) => DEMO_ACCOUNTS.find((a) => a.name === name)!.id;
const HUB = id('network-hub');
const STOREFRONT = id('storefront');
const PAYMENTS = id('payments');

interface Invited {
  shareName: string;
  shareArn: string;
  resourceArn: string;
  invitationArn: string;
}

/** `owner` shares one of its resources with payments (outside the organization): RAM sends payments an invitation. */
async function invitePayments(owner: string, pick: (c: ReturnType<typeof clientsFor>) => Promise<string>): Promise<Invited> {
  const clients = clientsFor(emulatorUrl, owner);
  const resourceArn = await pick(clients);
  const shareName = uniqueName('e2e-share');
  const out = await clients.ram.send(new CreateResourceShareCommand({ name: shareName, resourceArns: [resourceArn], principals: [PAYMENTS] }));
  const shareArn = out.resourceShare!.resourceShareArn!;
  const invitation = (await clientsFor(emulatorUrl, PAYMENTS).ram.send(new GetResourceShareInvitationsCommand({ resourceShareArns: [shareArn] }))).resourceShareInvitations![0];
  expect(invitation.status).toBe('PENDING');
  return { shareName, shareArn, resourceArn, invitationArn: invitation.resourceShareInvitationArn! };
}

const sharedPlatform = async (c: ReturnType<typeof clientsFor>) => (await c.lattice.send(new ListServiceNetworksCommand({}))).items!.find((n) => n.name === 'shared-platform')!.arn!;
const service = (name: string) => async (c: ReturnType<typeof clientsFor>) => (await c.lattice.send(new ListServicesCommand({}))).items!.find((s) => s.name === name)!.arn!;

async function invitationStatus(invited: Invited): Promise<string> {
  const out = await clientsFor(emulatorUrl, PAYMENTS).ram.send(new GetResourceShareInvitationsCommand({ resourceShareInvitationArns: [invited.invitationArn] }));
  return out.resourceShareInvitations![0].status!;
}

function pendingCard(page: Page, invited: Invited) {
  return page.locator(`[data-testid=pending-invitation][data-share="${invited.shareName}"]`);
}

test.describe('sharing', () => {
  test('an approver sees the invitation with its preview, accepts it, and the network appears in the account with its owner', async ({ page }) => {
    const invited = await invitePayments(HUB, sharedPlatform);
    expect((await clientsFor(emulatorUrl, PAYMENTS).lattice.send(new ListServiceNetworksCommand({}))).items!.map((n) => n.arn)).not.toContain(invited.resourceArn);

    await signIn(page, 'approver');
    await page.getByRole('link', { name: 'Invitations' }).first().click();
    await expect(page).toHaveURL(/\/invitations$/);
    const card = pendingCard(page, invited);
    await expect(card).toBeVisible();
    await expect(card.getByRole('heading')).toHaveText(`network-hub invites payments to ${invited.shareName}`);
    // The preview: sender with its share, the shared network with its contents, dashed access to the receiver.
    const preview = card.getByTestId('invitation-preview');
    await expect(preview.getByTestId('preview-share')).toContainText(invited.shareName);
    await expect(preview.getByTestId('preview-resource')).toContainText('shared-platform');
    await expect(preview.getByTestId('preview-resource')).toContainText('service search');
    await expect(preview.getByTestId('preview-account')).toHaveCount(2);
    await expect(preview.getByTestId('preview-edge-pending')).toHaveCount(1);

    await card.getByTestId('accept-invitation').click();
    await expect(card.getByRole('group', { name: 'Confirm accept' })).toContainText(`Accept ${invited.shareName} for payments (${PAYMENTS})? The account gains access to 1 service network: shared-platform.`);
    await card.getByTestId('confirm-accept').click();
    await expect(page.locator(`[data-testid=past-invitation][data-share="${invited.shareName}"]`)).toHaveAttribute('data-status', 'ACCEPTED');
    await expect(pendingCard(page, invited)).toHaveCount(0);

    // RAM and Lattice agree: payments now lists the network, under the hub's account id.
    expect(await invitationStatus(invited)).toBe('ACCEPTED');
    const networks = (await clientsFor(emulatorUrl, PAYMENTS).lattice.send(new ListServiceNetworksCommand({}))).items!;
    expect(networks.find((n) => n.arn === invited.resourceArn)?.arn?.split(':')[4]).toBe(HUB);

    // The shares page lists it as received through an accepted invitation, linking to the canvas.
    await page.getByRole('link', { name: 'Shares', exact: true }).click();
    const row = page.locator(`[data-testid=received-share][data-share="${invited.shareName}"]`);
    await expect(row).toContainText('Invitation accepted');
    await expect(row).toContainText('network-hub');
    await row.getByTestId('share-resource-link').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('node')).toBe(invited.resourceArn);
    expect(new URL(page.url()).searchParams.get('account')).toBe(PAYMENTS);
    await expect(page.getByTestId('topology-canvas')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('refresh').click();
    await expect(page.getByTestId('refresh')).toHaveText('Refresh', { timeout: 60_000 });
    await expect(page.getByTestId('details-title')).toHaveText('shared-platform');
    const facts = page.getByTestId('details-facts');
    await expect(facts).toContainText(`network-hub ${HUB}`);
    await expect(facts).toContainText(/Shared with.*payments/);
  });

  test('rejecting leaves the account without access', async ({ page }) => {
    const invited = await invitePayments(STOREFRONT, service('catalog'));
    await signIn(page, 'approver');
    await page.goto('/invitations');
    const card = pendingCard(page, invited);
    await expect(card.getByTestId('preview-resource')).toContainText('catalog');
    await card.getByTestId('reject-invitation').click();
    await expect(card.getByRole('group', { name: 'Confirm reject' })).toContainText('The account gets no access');
    await card.getByTestId('confirm-reject').click();
    await expect(page.locator(`[data-testid=past-invitation][data-share="${invited.shareName}"]`)).toHaveAttribute('data-status', 'REJECTED');

    expect(await invitationStatus(invited)).toBe('REJECTED');
    const services = (await clientsFor(emulatorUrl, PAYMENTS).lattice.send(new ListServicesCommand({}))).items!.map((s) => s.arn);
    expect(services).not.toContain(invited.resourceArn);
    await page.goto('/shares');
    await expect(page.getByTestId('received-share').first()).toBeVisible();
    await expect(page.locator(`[data-testid=received-share][data-share="${invited.shareName}"]`)).toHaveCount(0);
    await expect(page.locator(`[data-testid=owned-share][data-share="${invited.shareName}"] [data-testid=share-principal][data-principal="${PAYMENTS}"]`)).toContainText('Rejected');
  });

  test('a viewer sees invitations but cannot accept or reject them: 403 and nothing changes', async ({ page, browser }) => {
    const invited = await invitePayments(STOREFRONT, service('cart'));
    await signIn(page, 'viewer');
    await page.goto('/invitations');
    const card = pendingCard(page, invited);
    await expect(card).toBeVisible();
    await expect(card).toContainText('Accepting or rejecting needs the approver role.');
    await expect(card.getByTestId('accept-invitation')).toHaveCount(0);

    for (const decision of ['accept', 'reject']) {
      const res = await mutate(page, 'POST', `/api/invitations/${decision}`, { invitationArn: invited.invitationArn });
      expect(res.status()).toBe(403);
      expect((await res.json()).error.message).toMatch(/needs one of the roles approver, admin; viewer has viewer/);
    }
    expect(await invitationStatus(invited)).toBe('PENDING');

    // An editor may design shares but not answer invitations either.
    const editor = await signedInPage(browser, 'editor');
    const res = await mutate(editor, 'POST', '/api/invitations/accept', { invitationArn: invited.invitationArn });
    expect(res.status()).toBe(403);
    await editor.context().close();
    expect(await invitationStatus(invited)).toBe('PENDING');
  });

  test('every accept and reject is in the audit log', async ({ page, browser }) => {
    const accepted = await invitePayments(STOREFRONT, service('reviews'));
    const rejected = await invitePayments(STOREFRONT, service('search'));
    await signIn(page, 'approver');
    expect((await mutate(page, 'POST', '/api/invitations/accept', { invitationArn: accepted.invitationArn })).status()).toBe(200);
    expect((await mutate(page, 'POST', '/api/invitations/reject', { invitationArn: rejected.invitationArn })).status()).toBe(200);
    // Answering again is refused and audited as a failure.
    const again = await mutate(page, 'POST', '/api/invitations/reject', { invitationArn: accepted.invitationArn });
    expect(again.status()).toBe(409);

    const admin = await signedInPage(browser, 'admin');
    await admin.goto('/audit?action=invitation.accept');
    const acceptRow = admin.getByTestId('audit-row').filter({ hasText: accepted.invitationArn });
    await expect(acceptRow).toHaveCount(1);
    await expect(acceptRow).toContainText('approver');
    await expect(acceptRow).toContainText('success');
    await admin.goto('/audit?action=invitation.reject');
    await expect(admin.getByTestId('audit-row').filter({ hasText: rejected.invitationArn })).toContainText('success');
    await expect(admin.getByTestId('audit-row').filter({ hasText: accepted.invitationArn })).toContainText('failure');
    await admin.context().close();
  });

  test('a malformed account id or a resource type RAM does not share is refused with a clear error', async ({ page }) => {
    const tg = (await clientsFor(emulatorUrl, STOREFRONT).lattice.send(new ListTargetGroupsCommand({}))).items![0].arn!;
    await signIn(page, 'editor');
    await page.goto('/shares');
    const form = page.getByTestId('share-check-form');
    await form.getByLabel('Share name').fill('bad-share');
    await form.getByLabel('Resource ARNs').fill(tg);
    await form.getByLabel('Share with').fill('33333333333');
    await form.getByTestId('check-share').click();
    await expect(formAlert(page, 'This share cannot be made')).toBeVisible();
    await expect(form.locator('#share-resources-error')).toHaveText(`${tg} is a VPC Lattice target group; RAM shares only service networks, services and resource configurations`);
    await expect(form.locator('#share-principals-error')).toHaveText('"33333333333" is not a 12-digit AWS account id (it has 11 digits)');

    // The API says the same, field by field.
    const res = await mutate(page, 'POST', '/api/shares/check', { name: 'bad-share', resourceArns: [tg], principals: ['33333333333'] });
    expect(res.status()).toBe(400);
    expect((await res.json()).error.fields).toEqual([
      { path: 'resourceArns.0', rule: expect.stringContaining('is a VPC Lattice target group') },
      { path: 'principals.0', rule: '"33333333333" is not a 12-digit AWS account id (it has 11 digits)' },
    ]);

    // A good share of a discovered network checks out, and nothing was created.
    await form.getByLabel('Resource ARNs').fill('');
    await form.getByLabel('Add a resource').selectOption({ label: 'shared-platform · service network · network-hub' });
    await form.getByLabel('Share with').fill(PAYMENTS);
    await form.getByTestId('check-share').click();
    await expect(form.getByTestId('share-check-result')).toHaveText(`network-hub (${HUB}) would share service network shared-platform with payments (${PAYMENTS}).`);
    await expect(form.getByTestId('share-check-operations')).toHaveText(/op-001 · CreateResourceShare in network-hub \(us-east-1\) · share bad-share/);
  });
});
