// Sharing edits → plan operations, checked against lattice-local's demo estate and run through
// lib/plan's apply engine (journal, clientToken, waits) with the console's own apply ports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssociateResourceShareCommand, GetResourceShareInvitationsCommand, GetResourceSharesCommand, AcceptResourceShareInvitationCommand } from '@aws-sdk/client-ram';
import { ListServiceNetworksCommand } from '@aws-sdk/client-vpc-lattice';
import { accessOf, demoAccounts, discoverEstate, forgetClients, type AccountAccess } from '@/lib/aws';
import { startLatticeLocal } from '@/lib/emulator';
import { DEMO_ACCOUNTS, DEMO_ORGANIZATION } from '@/lib/demo';
import { clientsFor } from '@/lib/testing/clients';
import { pointSdkAt } from '@/lib/testing/sdk';
import { applyPlan, fingerprintChanges, type ApplyPorts, type JournalEntry, type PlanOperation } from '@/lib/plan';
import { awsApplyPorts } from '@/lib/plan/runtime';
import { inMemoryStorage } from '@/lib/testing/apply-ports';
import type { Topology } from '@/lib/topology';
import { sharingOverlay } from '@/lib/sharing';
import { liveShares, planShareEdits, ShareEditError, shareFingerprintStates, shareKey, withShareStates, type SharePlan } from './plan';

const id = (name: string) => DEMO_ACCOUNTS.find((a) => a.name === name)!.id;
const HUB = id('network-hub');
const STOREFRONT = id('storefront');
const PAYMENTS = id('payments');
const PARTNER = id('analytics-partner');
const REGION = 'us-east-1';
const context = { accounts: new Map(DEMO_ACCOUNTS.map((a) => [a.id, a.name])) };

let local: Awaited<ReturnType<typeof startLatticeLocal>>;
const saved = { ...process.env };
const access = new Map<string, AccountAccess>(demoAccounts().map((a) => [a.id, accessOf(a)]));

async function discover(): Promise<Topology> {
  const { topology } = await discoverEstate(demoAccounts().map((a) => ({ ...accessOf(a), name: a.name, regions: a.regions })));
  expect(topology.errors).toEqual([]);
  return topology;
}

function problems(run: () => unknown): { path: string; rule: string }[] {
  try {
    run();
  } catch (err) {
    if (err instanceof ShareEditError) return err.problems;
    throw err;
  }
  throw new Error('expected the edits to be refused');
}

/** The console's own apply ports (lib/plan/runtime) with the journal and lock in memory, and short waits. */
function ports(journal: JournalEntry[]): ApplyPorts {
  return { ...awsApplyPorts({ accessFor: (id) => access.get(id)! }), ...inMemoryStorage(journal), sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 20))) };
}

function applyable(planId: string, plan: SharePlan) {
  // The fingerprint is what lib/plan computes for a plan with no design records (its own
  // index does not know shares; withShareStates is tested below).
  const operations: PlanOperation[] = plan.operations;
  return { id: planId, operations, fingerprint: { states: [] }, accounts: plan.accounts, regions: plan.regions, known: {} };
}

beforeAll(async () => {
  local = await startLatticeLocal({ port: 0, seed: 'demo', activationDelayMs: 0, logLevel: 'silent' });
  pointSdkAt(local.url, HUB, REGION);
}, 60_000);

afterAll(async () => {
  forgetClients();
  await local?.stop();
  process.env = saved;
});

describe('planning sharing edits', () => {
  it('reads the live shares from the topology', async () => {
    const shares = liveShares(await discover());
    expect(shares.map((s) => [s.name, s.account, s.principals])).toEqual(
      expect.arrayContaining([
        ['retail-services', HUB, [STOREFRONT, PAYMENTS, PARTNER].sort()],
        ['shared-platform', HUB, [DEMO_ORGANIZATION.arn]],
      ]),
    );
  });

  it('refuses malformed account ids, unshareable types, taken names and unknown shares before planning anything', async () => {
    const topology = await discover();
    const tg = topology.nodes.find((n) => n.kind === 'targetGroup' && n.account === STOREFRONT)!.id;
    const retail = topology.nodes.find((n) => n.kind === 'serviceNetwork' && n.name === 'retail-services')!.id;
    expect(
      problems(() =>
        planShareEdits(
          [
            { action: 'share', name: 'bad', resourceArns: [tg], principals: ['12345'] },
            { action: 'share', name: 'retail-services', resourceArns: [retail], principals: [PAYMENTS] },
            { action: 'stop', shareArn: `arn:aws:ram:${REGION}:${HUB}:resource-share/00000000-0000-4000-8000-000000000000` },
            { action: 'update', shareArn: 'not-an-arn' },
            { action: 'rename' },
          ],
          topology,
          context,
        ),
      ),
    ).toEqual([
      { path: '0.resourceArns.0', rule: `${tg} is a VPC Lattice target group; RAM shares only service networks, services and resource configurations` },
      { path: '0.principals.0', rule: '"12345" is not a 12-digit AWS account id (it has 5 digits)' },
      { path: '3.shareArn', rule: expect.stringMatching(/^a RAM resource share ARN/) },
      { path: '4.action', rule: 'an action: share, update or stop' },
      { path: '1.name', rule: `account ${HUB} already has a share named retail-services in ${REGION}; choose another name or change that share` },
      { path: '2.shareArn', rule: expect.stringMatching(/is not a share the configured accounts own/) },
    ]);
  });

  it('says what stopping a share and removing principals cost', async () => {
    const topology = await discover();
    const retail = liveShares(topology).find((s) => s.name === 'retail-services')!;
    const plan = planShareEdits(
      [
        { action: 'update', shareArn: retail.arn, removePrincipals: [PARTNER], addPrincipals: [DEMO_ORGANIZATION.arn] },
        { action: 'stop', shareArn: retail.arn },
      ],
      topology,
      context,
    );
    expect(plan.operations.map((o) => [o.id, o.action, o.call, o.dependsOn, o.consequence ?? null])).toEqual([
      ['op-001', 'associate', 'AssociateResourceShare', [], null],
      ['op-002', 'disassociate', 'DisassociateResourceShare', ['op-001'], `analytics-partner (${PARTNER}) loses access to retail-services.`],
      ['op-003', 'delete', 'DeleteResourceShare', ['op-002'], `storefront (${STOREFRONT}), payments (${PAYMENTS}) and analytics-partner (${PARTNER}) lose access to retail-services.`],
    ]);
    expect(plan.operations[0]).toMatchObject({ kind: 'resourceShare', service: 'ram', account: HUB, tokenField: 'clientToken', input: { resourceShareArn: retail.arn, principals: [DEMO_ORGANIZATION.arn] } });
    expect(plan.fingerprint).toEqual({ [shareKey(HUB, REGION, 'retail-services')]: [{ arn: retail.arn, status: 'ACTIVE', allowExternalPrincipals: true, resources: retail.resources, principals: retail.principals }] });
    expect(
      problems(() => planShareEdits([{ action: 'update', shareArn: retail.arn, addPrincipals: [STOREFRONT], removePrincipals: ['999999999999'] }], topology, context)),
    ).toEqual([
      { path: '0.addPrincipals.0', rule: `${STOREFRONT} already has share retail-services` },
      { path: '0.removePrincipals.0', rule: `999999999999 is not a principal of share retail-services` },
    ]);
  });
});

describe('applying sharing operations through lib/plan', () => {
  it('creates a share, changes its principals and stops it: journaled, idempotent, each change visible in Lattice', async () => {
    let topology = await discover();
    const platform = topology.nodes.find((n) => n.kind === 'serviceNetwork' && n.name === 'shared-platform')!.id;
    const journal: JournalEntry[] = [];

    // Share with payments (outside the organization): an invitation, no access yet.
    const create = planShareEdits([{ action: 'share', name: 'platform-payments', resourceArns: [platform], principals: [PAYMENTS] }], topology, context);
    expect(create.fingerprint).toEqual({ [shareKey(HUB, REGION, 'platform-payments')]: null });
    expect(create.warnings).toEqual([]);
    const first = await applyPlan(applyable('plan-create', create), ports(journal));
    expect(first.outcome).toBe('succeeded');
    const started = journal.find((e) => e.opId === 'op-001' && e.event === 'started')!;
    expect(started.clientToken).toMatch(/^op-001-/);
    expect(journal.filter((e) => e.planId === 'plan-create').map((e) => e.event)).toEqual(['started', 'called', 'succeeded', 'finished']);
    const payments = clientsFor(local.url, PAYMENTS);
    const [invitation] = (await payments.ram.send(new GetResourceShareInvitationsCommand({}))).resourceShareInvitations!.filter((i) => i.resourceShareName === 'platform-payments');
    expect(invitation.status).toBe('PENDING');

    // An apply interrupted after the call was sent replays the same clientToken: RAM answers with the same share.
    // (The same plan, with a journal cut after 'started', as if the console died mid-call.)
    const cut = journal.filter((e) => e.planId === 'plan-create' && e.event === 'started');
    const again = await applyPlan(applyable('plan-create', create), ports(cut));
    expect(cut.filter((e) => e.event === 'started').map((e) => e.clientToken)).toEqual([started.clientToken, started.clientToken]);
    expect(again.outcome).toBe('succeeded');
    const hubShares = (await clientsFor(local.url, HUB).ram.send(new GetResourceSharesCommand({ resourceOwner: 'SELF', name: 'platform-payments' }))).resourceShares!;
    expect(hubShares).toHaveLength(1);

    await payments.ram.send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitation.resourceShareInvitationArn }));
    expect((await payments.lattice.send(new ListServiceNetworksCommand({}))).items!.map((n) => n.arn)).toContain(platform);

    // Remove payments again: it loses access.
    topology = await discover();
    const share = liveShares(topology).find((s) => s.name === 'platform-payments')!;
    const update = planShareEdits([{ action: 'update', shareArn: share.arn, removePrincipals: [PAYMENTS] }], topology, context);
    expect(update.operations[0].consequence).toBe(`payments (${PAYMENTS}) loses access to shared-platform.`);
    expect((await applyPlan(applyable('plan-update', update), ports(journal))).outcome).toBe('succeeded');
    expect((await payments.lattice.send(new ListServiceNetworksCommand({}))).items!.map((n) => n.arn)).not.toContain(platform);

    // Stop sharing: the share is gone.
    topology = await discover();
    const stop = planShareEdits([{ action: 'stop', shareArn: share.arn }], topology, context);
    expect((await applyPlan(applyable('plan-stop', stop), ports(journal))).outcome).toBe('succeeded');
    const after = (await clientsFor(local.url, HUB).ram.send(new GetResourceSharesCommand({ resourceOwner: 'SELF', name: 'platform-payments' }))).resourceShares!;
    expect(after.every((s) => s.status === 'DELETED')).toBe(true);
  });

  it('notices a share that changed after the plan was computed', async () => {
    const topology = await discover();
    const platformShare = liveShares(topology).find((s) => s.name === 'shared-platform')!;
    const plan = planShareEdits([{ action: 'update', shareArn: platformShare.arn, addPrincipals: [PARTNER] }], topology, context);
    const planned = withShareStates({ states: Object.entries(plan.fingerprint) }, topology);
    expect(withShareStates(planned, topology)).toEqual(planned);
    expect(fingerprintChanges(planned, withShareStates(planned, await discover()))).toEqual([]);

    // Someone adds payments out of band.
    await clientsFor(local.url, HUB).ram.send(new AssociateResourceShareCommand({ resourceShareArn: platformShare.arn, principals: [PAYMENTS] }));
    const now = withShareStates(planned, await discover());
    expect(fingerprintChanges(planned, now)).toEqual([{ key: shareKey(HUB, REGION, 'shared-platform'), change: 'changed', fields: [expect.objectContaining({ path: 'principals' })] }]);
    expect(shareFingerprintStates(await discover(), Object.keys(plan.fingerprint))).not.toEqual(plan.fingerprint);
  });
});

describe('ownership overlay', () => {
  it('gives every resource its owner and reach, draws pending invitations to the receiving account, and marks cross-account associations', async () => {
    const topology = await discover();
    const overlay = sharingOverlay(topology);
    const retail = topology.nodes.find((n) => n.kind === 'serviceNetwork' && n.name === 'retail-services')!;
    const ownership = overlay.nodes.get(retail.id)!;
    expect(ownership).toMatchObject({ owner: HUB, shares: [expect.objectContaining({ name: 'retail-services' })] });
    expect(ownership.sharedWith).toEqual(expect.arrayContaining([STOREFRONT, PAYMENTS]));
    expect(ownership.sharedWith).not.toContain(PARTNER);
    expect(ownership.principals).toEqual([STOREFRONT, PAYMENTS].sort());
    expect(ownership.pending).toEqual([expect.objectContaining({ receiver: PARTNER, sender: HUB, shareName: 'retail-services' })]);
    const toPartner = overlay.invitationEdges.filter((e) => e.receiver === PARTNER);
    expect(toPartner.map((e) => [e.source, e.target])).toEqual([[retail.id, `account:${PARTNER}`]]);

    const orders = topology.nodes.find((n) => n.kind === 'service' && n.name === 'orders')!;
    expect(overlay.nodes.get(orders.id)).toMatchObject({ owner: STOREFRONT, shares: [], pending: [] });
    const crossing = topology.edges.find((e) => e.kind === 'serviceNetworkService' && e.source === retail.id && e.target === orders.id)!;
    expect(overlay.crossAccountEdges.has(crossing.id)).toBe(true);
    // A VPC's subnet is in its own account: not an association, never marked.
    expect([...overlay.crossAccountEdges].every((id) => topology.edges.find((e) => e.id === id)!.kind !== 'subnetVpc')).toBe(true);
  });
});
