// Sharing against lattice-local's demo estate, through the same SDK clients the console uses:
// the overview across the five demo accounts, answering invitations as their receiver (and
// what that changes in Lattice), the audit of every answer, and proposals checked against the
// estate. The database is an in-memory PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateResourceShareCommand, GetResourceShareInvitationsCommand } from '@aws-sdk/client-ram';
import { ListServiceNetworksCommand } from '@aws-sdk/client-vpc-lattice';
import { forgetClients } from '@/lib/aws';
import { listShareableResourceTypes } from '@/lib/aws/sharing';
import { listAuditEvents, openDatabase, type OpenDatabase } from '@/lib/db';
import { startLatticeLocal } from '@/lib/emulator';
import { DEMO_ACCOUNTS, DEMO_ORGANIZATION } from '@/lib/demo';
import { clientsFor } from '@/lib/testing/clients';
import { pointSdkAt } from '@/lib/testing/sdk';
import { RequestError } from '@/lib/auth/errors';
import { SHAREABLE_TYPES } from './rules';
import { checkShareProposal, previewShareEdits } from '@/lib/plan/sharing/server';
import { answerInvitation, loadSharing } from './server';

const id = (name: string) => DEMO_ACCOUNTS.find((a) => a.name === name)!.id;
const HUB = id('network-hub');
const STOREFRONT = id('storefront');
const PAYMENTS = id('payments');
const DATA = id('data-platform');
const PARTNER = id('analytics-partner');
const actor = { id: null, name: 'approver' };

let local: Awaited<ReturnType<typeof startLatticeLocal>>;
let database: OpenDatabase;
const saved = { ...process.env };

async function networksOf(account: string): Promise<string[]> {
  const out = await clientsFor(local.url, account).lattice.send(new ListServiceNetworksCommand({}));
  return (out.items ?? []).map((n) => n.name!);
}

async function refusal(promise: Promise<unknown>): Promise<RequestError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof RequestError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

beforeAll(async () => {
  local = await startLatticeLocal({ port: 0, seed: 'demo', activationDelayMs: 0, logLevel: 'silent' });
  process.env.TRELLIS_DEMO = '1';
  delete process.env.TRELLIS_ACCOUNTS;
  delete process.env.TRELLIS_ACCOUNTS_FILE;
  pointSdkAt(local.url, HUB);
  database = await openDatabase({ pgliteDir: 'memory://' });
  (globalThis as { __trellisDb?: Promise<OpenDatabase> }).__trellisDb = Promise.resolve(database);
}, 60_000);

afterAll(async () => {
  forgetClients();
  delete (globalThis as { __trellisDb?: Promise<OpenDatabase> }).__trellisDb;
  await database?.close();
  await local?.stop();
  process.env = saved;
});

describe('the overview of the demo estate', () => {
  it('lists what the hub owns, with each principal and how it got access', async () => {
    const { overview } = await loadSharing();
    expect(overview.errors).toEqual([]);
    expect(overview.owned.map((s) => [s.name, s.owner.name])).toEqual([
      ['retail-services', 'network-hub'],
      ['shared-platform', 'network-hub'],
    ]);
    const retail = overview.owned.find((s) => s.name === 'retail-services')!;
    expect(retail.resources.map((r) => [r.name, r.kind, r.type])).toEqual([['retail-services', 'serviceNetwork', 'vpc-lattice:ServiceNetwork']]);
    expect(Object.fromEntries(retail.principals.map((p) => [p.name, p.access]))).toEqual({ storefront: 'automatic', payments: 'invitation-accepted', 'analytics-partner': 'invitation-pending' });
    expect(retail.principals.find((p) => p.id === PAYMENTS)?.external).toBe(true);
    const platform = overview.owned.find((s) => s.name === 'shared-platform')!;
    expect(platform.principals).toEqual([expect.objectContaining({ id: DEMO_ORGANIZATION.arn, kind: 'organization', access: 'automatic', external: false })]);
  });

  it('shows received shares as active, through an invitation or through the organization (no invitation to approve)', async () => {
    const { overview } = await loadSharing();
    const received = overview.received.map((r) => [r.receiver.name, r.name, r.via, r.owner.name]);
    expect(received).toEqual([
      ['storefront', 'retail-services', 'organization', 'network-hub'],
      ['storefront', 'shared-platform', 'organization', 'network-hub'],
      ['payments', 'retail-services', 'invitation', 'network-hub'],
      ['data-platform', 'shared-platform', 'organization', 'network-hub'],
    ]);
    expect(overview.received.every((r) => r.status === 'ACTIVE' && r.resources.length === 1)).toBe(true);
    // No invitation exists for what the organization shares.
    expect(overview.invitations.filter((i) => i.receiver.id === STOREFRONT || i.receiver.id === DATA)).toEqual([]);
  });

  it('lists invitations, pending first, each pending one with what it would share', async () => {
    const { overview } = await loadSharing();
    expect(overview.invitations.map((i) => [i.receiver.name, i.shareName, i.status, i.sender.name])).toEqual([
      ['analytics-partner', 'retail-services', 'PENDING', 'network-hub'],
      ['payments', 'retail-services', 'ACCEPTED', 'network-hub'],
    ]);
    expect(overview.invitations[0].resources?.map((r) => [r.name, r.kind])).toEqual([['retail-services', 'serviceNetwork']]);
    expect(overview.invitations[1].resources).toBeNull();
  });

  it('agrees with RAM on the resource types it can share', async () => {
    expect(await listShareableResourceTypes({ id: HUB }, 'us-east-1')).toEqual(SHAREABLE_TYPES.map((t) => t.resourceType));
  });
});

describe('answering invitations', () => {
  it('accepts as the receiving account: the shared network appears in its Lattice view, with its owner', async () => {
    const { platform } = await shareWithPayments();
    expect(await networksOf(PAYMENTS)).not.toContain('shared-platform');
    const { overview } = await loadSharing();
    const invitation = overview.invitations.find((i) => i.status === 'PENDING' && i.receiver.id === PAYMENTS)!;
    expect(invitation.resources?.map((r) => r.arn)).toEqual([platform]);

    const result = await answerInvitation({ invitationArn: invitation.arn }, 'accept', actor, '127.0.0.1', { refresh: false });
    expect(result).toMatchObject({ invitation: { status: 'ACCEPTED', receiver: PAYMENTS }, receiver: { id: PAYMENTS, name: 'payments' } });
    const networks = (await clientsFor(local.url, PAYMENTS).lattice.send(new ListServiceNetworksCommand({}))).items ?? [];
    expect(networks.find((n) => n.name === 'shared-platform')?.arn).toBe(platform);
    expect(platform.split(':')[4]).toBe(HUB);

    const after = await loadSharing();
    expect(after.overview.received.find((r) => r.receiver.id === PAYMENTS && r.arn === invitation.shareArn)).toMatchObject({ via: 'invitation', status: 'ACTIVE' });

    const [event] = (await listAuditEvents({ action: 'invitation.accept', limit: 1 })).events;
    expect(event).toMatchObject({ actor: 'approver', target: invitation.arn, outcome: 'success', address: '127.0.0.1', details: expect.objectContaining({ receiver: PAYMENTS, sender: HUB, status: 'ACCEPTED' }) });

    // A second answer is refused (409), audited as a failure, and changes nothing.
    const again = await refusal(answerInvitation({ invitationArn: invitation.arn }, 'reject', actor, null, { refresh: false }));
    expect(again.status).toBe(409);
    expect(again.message).toMatch(/is accepted; only pending invitations can be rejected/);
    expect(await networksOf(PAYMENTS)).toContain('shared-platform');
    const [failure] = (await listAuditEvents({ action: 'invitation.reject', limit: 1 })).events;
    expect(failure).toMatchObject({ target: invitation.arn, outcome: 'failure' });
  });

  it('rejects as the receiving account: the account gets no access', async () => {
    const { overview } = await loadSharing();
    const invitation = overview.invitations.find((i) => i.status === 'PENDING' && i.receiver.id === PARTNER)!;
    expect(await networksOf(PARTNER)).not.toContain('retail-services');
    const result = await answerInvitation({ invitationArn: invitation.arn }, 'reject', actor, null, { refresh: false });
    expect(result.invitation.status).toBe('REJECTED');
    expect(await networksOf(PARTNER)).not.toContain('retail-services');
    const after = await loadSharing();
    expect(after.overview.received.filter((r) => r.receiver.id === PARTNER)).toEqual([]);
    expect(after.overview.owned.find((s) => s.name === 'retail-services')?.principals.find((p) => p.id === PARTNER)?.access).toBe('invitation-rejected');
    const [event] = (await listAuditEvents({ action: 'invitation.reject', outcome: 'success', limit: 1 })).events;
    expect(event).toMatchObject({ target: invitation.arn, details: expect.objectContaining({ receiver: PARTNER, status: 'REJECTED' }) });
  });

  it('refuses malformed and unknown invitations before calling RAM', async () => {
    const malformed = await refusal(answerInvitation({ invitationArn: 'not-an-arn' }, 'accept', actor, null));
    expect(malformed.status).toBe(400);
    expect(malformed.fields).toEqual([{ path: 'invitationArn', rule: expect.stringMatching(/^a RAM invitation ARN/) }]);
    const unknown = await refusal(answerInvitation({ invitationArn: `arn:aws:ram:us-east-1:${HUB}:resource-share-invitation/0a1b2c3d-0000-4000-8000-000000000000` }, 'accept', actor, null));
    expect(unknown.status).toBe(404);
  });
});

describe('checking a proposed share', () => {
  it('accepts a well-formed share of a discovered resource and names who receives it', async () => {
    const { overview } = await loadSharing();
    const platform = overview.owned.find((s) => s.name === 'shared-platform')!.resources[0].arn;
    const proposal = await checkShareProposal({ name: 'platform-partners', resourceArns: [platform], principals: [PARTNER, '999999999999'] });
    expect(proposal.owner).toEqual({ id: HUB, name: 'network-hub' });
    expect(proposal.resources).toEqual([{ arn: platform, name: 'shared-platform', kind: 'serviceNetwork', type: 'vpc-lattice:ServiceNetwork' }]);
    expect(proposal.principals).toEqual([
      { value: PARTNER, kind: 'account', name: 'analytics-partner', configured: true },
      { value: '999999999999', kind: 'account', configured: false },
    ]);
  });

  it('refuses a malformed account id and a resource type RAM does not share, naming the fields', async () => {
    const tg = `arn:aws:vpc-lattice:us-east-1:${STOREFRONT}:targetgroup/tg-0123456789abcdef0`;
    const err = await refusal(checkShareProposal({ name: 'bad', resourceArns: [tg], principals: ['33333333333'] }));
    expect(err.status).toBe(400);
    expect(err.fields).toEqual([
      { path: 'resourceArns.0', rule: `${tg} is a VPC Lattice target group; RAM shares only service networks, services and resource configurations` },
      { path: 'principals.0', rule: '"33333333333" is not a 12-digit AWS account id (it has 11 digits)' },
    ]);
  });

  it('refuses what the estate rules out, and previews the operations of well-formed edits', async () => {
    const { overview } = await loadSharing();
    const retail = overview.owned.find((s) => s.name === 'retail-services')!;
    const taken = await refusal(checkShareProposal({ name: 'retail-services', resourceArns: [retail.resources[0].arn], principals: [PARTNER] }));
    expect(taken.status).toBe(400);
    expect(taken.fields).toEqual([{ path: 'name', rule: `account ${HUB} already has a share named retail-services in us-east-1; choose another name or change that share` }]);

    const plan = await previewShareEdits({ edits: [{ action: 'update', shareArn: retail.arn, removePrincipals: [PAYMENTS] }] });
    expect(plan.operations.map((o) => [o.call, o.consequence])).toEqual([['DisassociateResourceShare', `payments (${PAYMENTS}) loses access to retail-services.`]]);
    const bad = await refusal(previewShareEdits({ edits: [{ action: 'update', shareArn: retail.arn, addPrincipals: ['1234'] }] }));
    expect(bad.fields).toEqual([{ path: '0.addPrincipals.0', rule: '"1234" is not a 12-digit AWS account id (it has 4 digits)' }]);
    expect((await refusal(previewShareEdits({}))).fields).toEqual([{ path: 'edits', rule: 'a list of sharing edits (share, update or stop)' }]);
  });
});

/** A new share from the hub to payments (outside the organization), which makes an invitation. */
async function shareWithPayments(): Promise<{ platform: string; shareArn: string }> {
  const hub = clientsFor(local.url, HUB);
  const platform = ((await hub.lattice.send(new ListServiceNetworksCommand({}))).items ?? []).find((n) => n.name === 'shared-platform')!.arn!;
  const out = await hub.ram.send(new CreateResourceShareCommand({ name: 'platform-for-payments', resourceArns: [platform], principals: [PAYMENTS] }));
  const invitations = await clientsFor(local.url, PAYMENTS).ram.send(new GetResourceShareInvitationsCommand({ resourceShareArns: [out.resourceShare!.resourceShareArn!] }));
  expect(invitations.resourceShareInvitations?.[0]?.status).toBe('PENDING');
  return { platform, shareArn: out.resourceShare!.resourceShareArn! };
}
