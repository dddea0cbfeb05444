// RAM across accounts: share → invitation → accept → the consumer associates its VPC with the
// shared service network (visible to both sides); reject; revoke; the organization; expiry;
// idempotency; and RAM's errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as L from '@aws-sdk/client-vpc-lattice';
import * as R from '@aws-sdk/client-ram';
import { DEMO_ORGANIZATION, DEMO_ORGANIZATION_WITH_MEMBERS } from '@/lib/demo';
import { INVITATION_TTL_MS, ramService } from '../services/ram/index';
import { errorOf, type Clients } from '@/lib/testing/clients';
import { ensureNetwork } from './support/network';
import { startHarness, type Harness } from '@/lib/testing/lattice-local';

async function expectRamError(fn: () => Promise<unknown>, name: string, mentions?: string) {
  const error = await errorOf(fn);
  expect(error.name, error.message).toBe(name);
  expect(error.$metadata?.httpStatusCode).toBe(400);
  if (mentions) expect(error.message).toContain(mentions);
  return error;
}

async function consumerNetworks(c: Clients): Promise<string[]> {
  return ((await c.lattice.send(new L.ListServiceNetworksCommand({}))).items ?? []).map((i) => i.arn!);
}

describe('sharing a service network with an account outside the organization', () => {
  const HUB = '130000000001';
  const CONSUMER = '130000000002';
  const REJECTER = '130000000003';
  let h: Harness;
  let hub: Clients;
  let consumer: Clients;
  let rejecter: Clients;
  let snArn = '';
  let snId = '';
  let shareArn = '';
  let consumerVpc = '';

  beforeAll(async () => {
    h = await startHarness();
    hub = h.clients(HUB);
    consumer = h.clients(CONSUMER);
    rejecter = h.clients(REJECTER);
    consumerVpc = (await ensureNetwork(h, CONSUMER)).vpcId;
    const sn = await hub.lattice.send(new L.CreateServiceNetworkCommand({ name: 'shared-services', authType: 'AWS_IAM' }));
    snArn = sn.arn!;
    snId = sn.id!;
  });
  afterAll(async () => h?.stop());

  it('creates the share and invites both accounts', async () => {
    const created = await hub.ram.send(new R.CreateResourceShareCommand({ name: 'shared-services', resourceArns: [snArn], principals: [CONSUMER, REJECTER] }));
    const share = created.resourceShare!;
    expect(share.resourceShareArn).toMatch(new RegExp(`^arn:aws:ram:us-east-1:${HUB}:resource-share/[0-9a-f-]{36}$`));
    expect(share).toMatchObject({ name: 'shared-services', owningAccountId: HUB, allowExternalPrincipals: true, status: 'ACTIVE', featureSet: 'STANDARD' });
    expect(share.creationTime).toBeInstanceOf(Date);
    shareArn = share.resourceShareArn!;

    const principals = await hub.ram.send(new R.GetResourceShareAssociationsCommand({ associationType: 'PRINCIPAL', resourceShareArns: [shareArn] }));
    expect(principals.resourceShareAssociations?.map((a) => [a.associatedEntity, a.status, a.external]).sort()).toEqual([
      [CONSUMER, 'ASSOCIATING', true],
      [REJECTER, 'ASSOCIATING', true],
    ]);
    const resources = await hub.ram.send(new R.GetResourceShareAssociationsCommand({ associationType: 'RESOURCE', resourceShareArns: [shareArn] }));
    expect(resources.resourceShareAssociations?.map((a) => [a.associatedEntity, a.status])).toEqual([[snArn, 'ASSOCIATED']]);
  });

  it('gives the consumer nothing until it accepts', async () => {
    expect(await consumerNetworks(consumer)).not.toContain(snArn);
    const denied = await errorOf(() => consumer.lattice.send(new L.GetServiceNetworkCommand({ serviceNetworkIdentifier: snArn })));
    expect(denied.name).toBe('AccessDeniedException');
    const shares = await consumer.ram.send(new R.GetResourceSharesCommand({ resourceOwner: 'OTHER-ACCOUNTS' }));
    expect(shares.resourceShares ?? []).toEqual([]);
  });

  it('shows the consumer a pending invitation and what it holds', async () => {
    const invitations = await consumer.ram.send(new R.GetResourceShareInvitationsCommand({}));
    expect(invitations.resourceShareInvitations).toHaveLength(1);
    const invitation = invitations.resourceShareInvitations![0]!;
    expect(invitation).toMatchObject({ resourceShareArn: shareArn, resourceShareName: 'shared-services', senderAccountId: HUB, receiverAccountId: CONSUMER, status: 'PENDING' });
    expect(invitation.resourceShareInvitationArn).toMatch(new RegExp(`^arn:aws:ram:us-east-1:${HUB}:resource-share-invitation/[0-9a-f-]{36}$`));
    const pending = await consumer.ram.send(new R.ListPendingInvitationResourcesCommand({ resourceShareInvitationArn: invitation.resourceShareInvitationArn! }));
    expect(pending.resources?.map((r) => [r.arn, r.type, r.status])).toEqual([[snArn, 'vpc-lattice:ServiceNetwork', 'AVAILABLE']]);
    expect(await hub.ram.send(new R.GetResourceShareInvitationsCommand({}))).toMatchObject({ resourceShareInvitations: [] });
  });

  it('accepts: the shared network appears with its owner in the ARN and the consumer associates its VPC', async () => {
    const [invitation] = (await consumer.ram.send(new R.GetResourceShareInvitationsCommand({ resourceShareArns: [shareArn] }))).resourceShareInvitations!;
    const accepted = await consumer.ram.send(new R.AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitation!.resourceShareInvitationArn! }));
    expect(accepted.resourceShareInvitation?.status).toBe('ACCEPTED');

    expect(await consumerNetworks(consumer)).toContain(snArn);
    expect(snArn).toContain(`:${HUB}:servicenetwork/`);
    const got = await consumer.ram.send(new R.GetResourceSharesCommand({ resourceOwner: 'OTHER-ACCOUNTS' }));
    expect(got.resourceShares?.map((s) => s.resourceShareArn)).toEqual([shareArn]);
    const listed = await consumer.ram.send(new R.ListResourcesCommand({ resourceOwner: 'OTHER-ACCOUNTS' }));
    expect(listed.resources?.map((r) => r.arn)).toEqual([snArn]);
    const owners = await consumer.ram.send(new R.ListPrincipalsCommand({ resourceOwner: 'OTHER-ACCOUNTS' }));
    expect(owners.principals?.map((p) => p.id)).toEqual([HUB]);

    const snva = await consumer.lattice.send(new L.CreateServiceNetworkVpcAssociationCommand({ serviceNetworkIdentifier: snArn, vpcIdentifier: consumerVpc }));
    expect(snva.createdBy).toBe(CONSUMER);
    const fromHub = await hub.lattice.send(new L.ListServiceNetworkVpcAssociationsCommand({ serviceNetworkIdentifier: snId }));
    expect(fromHub.items?.map((i) => [i.id, i.vpcId])).toEqual([[snva.id, consumerVpc]]);
    const fromConsumer = await consumer.lattice.send(new L.ListServiceNetworkVpcAssociationsCommand({ vpcIdentifier: consumerVpc }));
    expect(fromConsumer.items?.map((i) => i.id)).toEqual([snva.id]);

    const principals = await hub.ram.send(new R.GetResourceShareAssociationsCommand({ associationType: 'PRINCIPAL', principal: CONSUMER }));
    expect(principals.resourceShareAssociations?.map((a) => a.status)).toEqual(['ASSOCIATED']);
    await expectRamError(
      () => consumer.ram.send(new R.AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitation!.resourceShareInvitationArn! })),
      'ResourceShareInvitationAlreadyAcceptedException',
    );
  });

  it('rejecting gives no access and cannot be undone', async () => {
    const [invitation] = (await rejecter.ram.send(new R.GetResourceShareInvitationsCommand({}))).resourceShareInvitations!;
    const rejected = await rejecter.ram.send(new R.RejectResourceShareInvitationCommand({ resourceShareInvitationArn: invitation!.resourceShareInvitationArn! }));
    expect(rejected.resourceShareInvitation?.status).toBe('REJECTED');
    expect(await consumerNetworks(rejecter)).not.toContain(snArn);
    expect((await errorOf(() => rejecter.lattice.send(new L.GetServiceNetworkCommand({ serviceNetworkIdentifier: snArn })))).name).toBe('AccessDeniedException');
    await expectRamError(
      () => rejecter.ram.send(new R.AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitation!.resourceShareInvitationArn! })),
      'ResourceShareInvitationAlreadyRejectedException',
    );
    const principals = await hub.ram.send(new R.GetResourceShareAssociationsCommand({ associationType: 'PRINCIPAL', principal: REJECTER }));
    expect(principals.resourceShareAssociations?.map((a) => a.status)).toEqual(['DISASSOCIATED']);
  });

  it('an invitation addressed to someone else is not found', async () => {
    const [invitation] = (await consumer.ram.send(new R.GetResourceShareInvitationsCommand({}))).resourceShareInvitations!;
    await expectRamError(
      () => rejecter.ram.send(new R.AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitation!.resourceShareInvitationArn! })),
      'ResourceShareInvitationArnNotFoundException',
    );
  });

  it('removing the principal revokes access', async () => {
    const out = await hub.ram.send(new R.DisassociateResourceShareCommand({ resourceShareArn: shareArn, principals: [CONSUMER] }));
    expect(out.resourceShareAssociations?.map((a) => [a.associatedEntity, a.status])).toEqual([[CONSUMER, 'DISASSOCIATING']]);
    expect(await consumerNetworks(consumer)).not.toContain(snArn);
    expect((await consumer.ram.send(new R.ListResourcesCommand({ resourceOwner: 'OTHER-ACCOUNTS' }))).resources ?? []).toEqual([]);
  });

  it('removing the resource revokes access too', async () => {
    await hub.ram.send(new R.AssociateResourceShareCommand({ resourceShareArn: shareArn, principals: [CONSUMER] }));
    const [invitation] = (await consumer.ram.send(new R.GetResourceShareInvitationsCommand({}))).resourceShareInvitations!.filter((i) => i.status === 'PENDING');
    await consumer.ram.send(new R.AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitation!.resourceShareInvitationArn! }));
    expect(await consumerNetworks(consumer)).toContain(snArn);
    await hub.ram.send(new R.DisassociateResourceShareCommand({ resourceShareArn: shareArn, resourceArns: [snArn] }));
    expect(await consumerNetworks(consumer)).not.toContain(snArn);
  });

  it('deleting the share ends it and a second delete is refused', async () => {
    const deleted = await hub.ram.send(new R.DeleteResourceShareCommand({ resourceShareArn: shareArn }));
    expect(deleted.returnValue).toBe(true);
    const [share] = (await hub.ram.send(new R.GetResourceSharesCommand({ resourceOwner: 'SELF', resourceShareArns: [shareArn] }))).resourceShares!;
    expect(share!.status).toBe('DELETED');
    await expectRamError(() => hub.ram.send(new R.DeleteResourceShareCommand({ resourceShareArn: shareArn })), 'InvalidStateTransitionException');
  });

  it('an invitation nobody answers expires after seven days', async () => {
    const LATE = '130000000009';
    const late = h.clients(LATE);
    const sn = await hub.lattice.send(new L.CreateServiceNetworkCommand({ name: 'expiring-network' }));
    const { resourceShare } = await hub.ram.send(new R.CreateResourceShareCommand({ name: 'expiring', resourceArns: [sn.arn!], principals: [LATE] }));
    const [invitation] = (await late.ram.send(new R.GetResourceShareInvitationsCommand({}))).resourceShareInvitations!;
    expect(invitation!.status).toBe('PENDING');
    // Move the invitation eight days into the past.
    const record = h.server.store.get(invitation!.resourceShareInvitationArn!)!;
    h.server.store.transaction(() => h.server.store.put({ ...record, timestamp: Date.now() - INVITATION_TTL_MS - 24 * 3600 * 1000 }));
    const [expired] = (await late.ram.send(new R.GetResourceShareInvitationsCommand({}))).resourceShareInvitations!;
    expect(expired!.status).toBe('EXPIRED');
    await expectRamError(
      () => late.ram.send(new R.AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitation!.resourceShareInvitationArn! })),
      'ResourceShareInvitationExpiredException',
    );
    const principals = await hub.ram.send(new R.GetResourceShareAssociationsCommand({ associationType: 'PRINCIPAL', resourceShareArns: [resourceShare!.resourceShareArn!] }));
    expect(principals.resourceShareAssociations?.map((a) => a.status)).toEqual(['DISASSOCIATED']);
    expect(await consumerNetworks(late)).not.toContain(sn.arn);
  });
});

describe('sharing inside the organization', () => {
  const MGMT = DEMO_ORGANIZATION.managementAccountId;
  const MEMBER = '222222222222';
  const MEMBER2 = '444444444444';
  const OUTSIDER = '333333333333';
  let h: Harness;
  let mgmt: Clients;
  let member: Clients;
  let member2: Clients;
  let outsider: Clients;
  let snArn = '';
  let sn2Arn = '';

  beforeAll(async () => {
    h = await startHarness({ organization: DEMO_ORGANIZATION_WITH_MEMBERS });
    mgmt = h.clients(MGMT);
    member = h.clients(MEMBER);
    member2 = h.clients(MEMBER2);
    outsider = h.clients(OUTSIDER);
    snArn = (await mgmt.lattice.send(new L.CreateServiceNetworkCommand({ name: 'org-network' }))).arn!;
    sn2Arn = (await mgmt.lattice.send(new L.CreateServiceNetworkCommand({ name: 'org-wide-network' }))).arn!;
  });
  afterAll(async () => h?.stop());

  it('before sharing with the organization is enabled, members get invitations and the organization cannot be named', async () => {
    await expectRamError(
      () => mgmt.ram.send(new R.CreateResourceShareCommand({ name: 'too-early', resourceArns: [sn2Arn], principals: [DEMO_ORGANIZATION.arn] })),
      'OperationNotPermittedException',
    );
    const { resourceShare } = await mgmt.ram.send(new R.CreateResourceShareCommand({ name: 'before-enable', resourceArns: [snArn], principals: [MEMBER2] }));
    const invitations = await member2.ram.send(new R.GetResourceShareInvitationsCommand({}));
    expect(invitations.resourceShareInvitations?.map((i) => [i.resourceShareArn, i.status])).toEqual([[resourceShare!.resourceShareArn, 'PENDING']]);
    await mgmt.ram.send(new R.DeleteResourceShareCommand({ resourceShareArn: resourceShare!.resourceShareArn! }));
  });

  it('only the management account can enable sharing with the organization', async () => {
    await expectRamError(() => member.ram.send(new R.EnableSharingWithAwsOrganizationCommand({})), 'OperationNotPermittedException');
    expect((await mgmt.ram.send(new R.EnableSharingWithAwsOrganizationCommand({}))).returnValue).toBe(true);
  });

  it('a member account gets access at once, without an invitation', async () => {
    await mgmt.ram.send(new R.CreateResourceShareCommand({ name: 'to-member', resourceArns: [snArn], principals: [MEMBER] }));
    expect((await member.ram.send(new R.GetResourceShareInvitationsCommand({}))).resourceShareInvitations ?? []).toEqual([]);
    expect(await consumerNetworks(member)).toContain(snArn);
    const [association] = (await mgmt.ram.send(new R.GetResourceShareAssociationsCommand({ associationType: 'PRINCIPAL', principal: MEMBER }))).resourceShareAssociations!;
    expect(association).toMatchObject({ status: 'ASSOCIATED', external: false });
  });

  it('sharing with the organization reaches every member, and no one outside', async () => {
    await mgmt.ram.send(new R.CreateResourceShareCommand({ name: 'org-wide', resourceArns: [sn2Arn], principals: [DEMO_ORGANIZATION.arn] }));
    expect(await consumerNetworks(member2)).toContain(sn2Arn);
    expect(await consumerNetworks(member)).toContain(sn2Arn);
    expect(await consumerNetworks(outsider)).not.toContain(sn2Arn);
  });

  it('an account outside the organization still gets an invitation', async () => {
    const { resourceShare } = await mgmt.ram.send(new R.CreateResourceShareCommand({ name: 'to-outsider', resourceArns: [snArn], principals: [OUTSIDER] }));
    const [invitation] = (await outsider.ram.send(new R.GetResourceShareInvitationsCommand({}))).resourceShareInvitations!;
    expect(invitation).toMatchObject({ resourceShareArn: resourceShare!.resourceShareArn, status: 'PENDING' });
    const [association] = (await mgmt.ram.send(new R.GetResourceShareAssociationsCommand({ associationType: 'PRINCIPAL', principal: OUTSIDER }))).resourceShareAssociations!;
    expect(association!.external).toBe(true);
  });

  it('a share restricted to the organization refuses outsiders', async () => {
    await expectRamError(
      () => mgmt.ram.send(new R.CreateResourceShareCommand({ name: 'internal-only', allowExternalPrincipals: false, resourceArns: [snArn], principals: [OUTSIDER] })),
      'OperationNotPermittedException',
    );
  });

  it('an organization that is not this one is unknown', async () => {
    await expectRamError(
      () => mgmt.ram.send(new R.CreateResourceShareCommand({ name: 'wrong-org', principals: ['arn:aws:organizations::999999999999:organization/o-abcdefghij'] })),
      'UnknownResourceException',
      'o-abcdefghij',
    );
  });
});

describe('RAM requests AWS refuses', () => {
  const OWNER = '140000000001';
  let h: Harness;
  let c: Clients;
  let snArn = '';

  beforeAll(async () => {
    h = await startHarness();
    c = h.clients(OWNER);
    snArn = (await c.lattice.send(new L.CreateServiceNetworkCommand({ name: 'errors-network' }))).arn!;
  });
  afterAll(async () => h?.stop());

  it('replays a client token with the same parameters and refuses it with others', async () => {
    const first = await c.ram.send(new R.CreateResourceShareCommand({ name: 'idempotent', resourceArns: [snArn], clientToken: 'token-1' }));
    const again = await c.ram.send(new R.CreateResourceShareCommand({ name: 'idempotent', resourceArns: [snArn], clientToken: 'token-1' }));
    expect(again.resourceShare?.resourceShareArn).toBe(first.resourceShare?.resourceShareArn);
    expect(again.clientToken).toBe('token-1');
    await expectRamError(
      () => c.ram.send(new R.CreateResourceShareCommand({ name: 'something-else', resourceArns: [snArn], clientToken: 'token-1' })),
      'IdempotentParameterMismatchException',
    );
    const shares = await c.ram.send(new R.GetResourceSharesCommand({ resourceOwner: 'SELF', name: 'idempotent' }));
    expect(shares.resourceShares).toHaveLength(1);
  });

  it('names the malformed principal', async () => {
    await expectRamError(() => c.ram.send(new R.CreateResourceShareCommand({ name: 'bad-principal', principals: ['12345'] })), 'InvalidParameterException', '12345');
    await expectRamError(() => c.ram.send(new R.CreateResourceShareCommand({ name: 'bad-principal', principals: ['not a principal'] })), 'InvalidParameterException', 'not a principal');
  });

  it('refuses ARNs that are malformed and resource types RAM does not share', async () => {
    await expectRamError(() => c.ram.send(new R.CreateResourceShareCommand({ name: 'bad-arn', resourceArns: ['not-an-arn'] })), 'MalformedArnException', 'not-an-arn');
    const tg = `arn:aws:vpc-lattice:us-east-1:${OWNER}:targetgroup/tg-0123456789abcdefg`;
    await expectRamError(() => c.ram.send(new R.CreateResourceShareCommand({ name: 'bad-type', resourceArns: [tg] })), 'MalformedArnException', 'cannot share the selected resource type');
    await expectRamError(() => c.ram.send(new R.GetResourceSharesCommand({ resourceOwner: 'SELF', resourceShareArns: ['arn:aws:ram:us-east-1:1:nope'] })), 'MalformedArnException');
  });

  it('fails the association of a resource the caller does not own', async () => {
    const foreign = `arn:aws:vpc-lattice:us-east-1:150000000001:servicenetwork/sn-0123456789abcdefg`;
    const { resourceShare } = await c.ram.send(new R.CreateResourceShareCommand({ name: 'foreign', resourceArns: [foreign] }));
    const [association] = (await c.ram.send(new R.GetResourceShareAssociationsCommand({ associationType: 'RESOURCE', resourceShareArns: [resourceShare!.resourceShareArn!] }))).resourceShareAssociations!;
    expect(association).toMatchObject({ associatedEntity: foreign, status: 'FAILED' });
    expect(association!.statusMessage).toMatch(/could not be found/);
  });

  it('answers an unknown share with UnknownResourceException', async () => {
    const unknown = `arn:aws:ram:us-east-1:${OWNER}:resource-share/00000000-0000-4000-8000-000000000000`;
    await expectRamError(() => c.ram.send(new R.UpdateResourceShareCommand({ resourceShareArn: unknown, name: 'x' })), 'UnknownResourceException', unknown);
  });

  it('checks maxResults (1–500), required members and page tokens', async () => {
    await expectRamError(() => c.ram.send(new R.GetResourceSharesCommand({ resourceOwner: 'SELF', maxResults: 501 })), 'InvalidMaxResultsException', 'maxResults');
    await expectRamError(() => c.ram.send(new R.GetResourceSharesCommand({ resourceOwner: 'SELF', maxResults: 0 })), 'InvalidMaxResultsException', 'maxResults');
    await expectRamError(() => c.ram.send(new R.GetResourceSharesCommand({} as R.GetResourceSharesCommandInput)), 'MissingRequiredParameterException', 'resourceOwner');
    await expectRamError(() => c.ram.send(new R.GetResourceSharesCommand({ resourceOwner: 'EVERYONE' as 'SELF' })), 'InvalidParameterException', 'resourceOwner');

    for (const name of ['page-a', 'page-b', 'page-c']) await c.ram.send(new R.CreateResourceShareCommand({ name }));
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await c.ram.send(new R.GetResourceSharesCommand({ resourceOwner: 'SELF', maxResults: 2, nextToken }));
      expect(page.resourceShares!.length).toBeLessThanOrEqual(2);
      seen.push(...page.resourceShares!.map((s) => s.name!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen.filter((n) => n.startsWith('page-'))).toEqual(['page-a', 'page-b', 'page-c']);
    expect(new Set(seen).size).toBe(seen.length);
    await expectRamError(() => c.ram.send(new R.GetResourceSharesCommand({ resourceOwner: 'SELF', nextToken: 'forged-token' })), 'InvalidNextTokenException');
  });

  it('lists the Lattice resource types and their managed permissions', async () => {
    const types = await c.ram.send(new R.ListResourceTypesCommand({}));
    expect(types.resourceTypes?.map((t) => t.resourceType)).toEqual(['vpc-lattice:ServiceNetwork', 'vpc-lattice:Service', 'vpc-lattice:ResourceConfiguration']);
    const permissions = await c.ram.send(new R.ListPermissionsCommand({ resourceType: 'vpc-lattice:ServiceNetwork' }));
    expect(permissions.permissions?.every((p) => p.resourceType === 'vpc-lattice:ServiceNetwork' && p.permissionType === 'AWS_MANAGED')).toBe(true);
    const { resourceShare } = await c.ram.send(new R.CreateResourceShareCommand({ name: 'with-permission', resourceArns: [snArn] }));
    const attached = await c.ram.send(new R.ListResourceSharePermissionsCommand({ resourceShareArn: resourceShare!.resourceShareArn! }));
    expect(attached.permissions?.map((p) => [p.resourceType, p.isResourceTypeDefault])).toEqual([['vpc-lattice:ServiceNetwork', true]]);
    await expectRamError(() => c.ram.send(new R.ListResourcesCommand({ resourceOwner: 'SELF', resourceType: 'ec2:Bogus' })), 'InvalidResourceTypeException');
  });

  it('tags and untags a share', async () => {
    const { resourceShare } = await c.ram.send(new R.CreateResourceShareCommand({ name: 'tagged', tags: [{ key: 'team', value: 'network' }] }));
    const arn = resourceShare!.resourceShareArn!;
    await c.ram.send(new R.TagResourceCommand({ resourceShareArn: arn, tags: [{ key: 'env', value: 'prod' }] }));
    await c.ram.send(new R.UntagResourceCommand({ resourceShareArn: arn, tagKeys: ['team'] }));
    const [share] = (await c.ram.send(new R.GetResourceSharesCommand({ resourceOwner: 'SELF', resourceShareArns: [arn] }))).resourceShares!;
    expect(share!.tags).toEqual([{ key: 'env', value: 'prod' }]);
    const filtered = await c.ram.send(new R.GetResourceSharesCommand({ resourceOwner: 'SELF', tagFilters: [{ tagKey: 'env', tagValues: ['prod'] }] }));
    expect(filtered.resourceShares?.map((s) => s.resourceShareArn)).toEqual([arn]);
    await expectRamError(() => c.ram.send(new R.TagResourceCommand({ resourceShareArn: arn, tags: [{ key: 'aws:reserved', value: 'x' }] })), 'InvalidParameterException', 'aws:');
  });

  it('implements every operation of RAM\'s model', () => {
    expect(Object.keys(ramService.model.operations).filter((op) => !ramService.handlers[op])).toEqual([]);
  });
});
