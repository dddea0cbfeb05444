// RAM permissions (AWS and customer managed, versions, what a share carries, replacing one across
// shares), the resource policies RAM writes, and client tokens: generated when the caller sends
// none, and a replay answering with the current state of what the first call made.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as L from '@aws-sdk/client-vpc-lattice';
import * as R from '@aws-sdk/client-ram';
import { callOperation } from '../index';
import { errorOf, type Clients } from '@/lib/testing/clients';
import { startHarness, type Harness } from '@/lib/testing/lattice-local';

const OWNER = '140000000001';
const CONSUMER = '140000000002';
const DEFAULT_SN = 'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionVpcLatticeServiceNetwork';
const READ_WRITE_SN = 'arn:aws:ram::aws:permission/AWSRAMPermissionVpcLatticeServiceNetworkReadWrite';

let h: Harness;
let c: Clients;
let snArn: string;
let shareArn: string;

beforeAll(async () => {
  h = await startHarness();
  c = h.clients(OWNER);
  snArn = (await c.lattice.send(new L.CreateServiceNetworkCommand({ name: 'permissions-network' }))).arn!;
  shareArn = (await c.ram.send(new R.CreateResourceShareCommand({ name: 'permissions', resourceArns: [snArn], principals: [CONSUMER] }))).resourceShare!.resourceShareArn!;
});
afterAll(async () => h?.stop());

async function ramError(fn: () => Promise<unknown>) {
  const e = await errorOf(fn);
  return [e.name, e.$metadata?.httpStatusCode];
}

describe('AWS managed permissions', () => {
  it('gets a managed permission with its policy template and its one version', async () => {
    const { permission } = await c.ram.send(new R.GetPermissionCommand({ permissionArn: DEFAULT_SN }));
    expect(permission).toMatchObject({ arn: DEFAULT_SN, version: '1', defaultVersion: true, resourceType: 'vpc-lattice:ServiceNetwork', permissionType: 'AWS_MANAGED', isResourceTypeDefault: true });
    expect(JSON.parse(permission!.permission!)).toEqual({ Effect: 'Allow', Action: expect.arrayContaining(['vpc-lattice:CreateServiceNetworkVpcAssociation', 'vpc-lattice:GetServiceNetwork']) });
    const versions = await c.ram.send(new R.ListPermissionVersionsCommand({ permissionArn: DEFAULT_SN }));
    expect(versions.permissions!.map((p) => [p.version, p.defaultVersion])).toEqual([['1', true]]);
    expect(await ramError(() => c.ram.send(new R.GetPermissionCommand({ permissionArn: 'arn:aws:ram::aws:permission/NoSuchPermission' })))).toEqual(['UnknownResourceException', 400]);
    expect(await ramError(() => c.ram.send(new R.GetPermissionCommand({ permissionArn: 'not-an-arn' })))).toEqual(['MalformedArnException', 400]);
    expect(await ramError(() => c.ram.send(new R.DeletePermissionCommand({ permissionArn: DEFAULT_SN })))).toEqual(['OperationNotPermittedException', 400]);
  });

  it('swaps the permission a share carries for its resource type, only with replace', async () => {
    expect(await ramError(() => c.ram.send(new R.AssociateResourceSharePermissionCommand({ resourceShareArn: shareArn, permissionArn: READ_WRITE_SN })))).toEqual(['InvalidParameterException', 400]);
    expect((await c.ram.send(new R.AssociateResourceSharePermissionCommand({ resourceShareArn: shareArn, permissionArn: READ_WRITE_SN, replace: true }))).returnValue).toBe(true);
    const carried = await c.ram.send(new R.ListResourceSharePermissionsCommand({ resourceShareArn: shareArn }));
    expect(carried.permissions!.map((p) => [p.arn, p.status])).toEqual([[READ_WRITE_SN, 'ASSOCIATED']]);
    const associations = await c.ram.send(new R.ListPermissionAssociationsCommand({ permissionArn: READ_WRITE_SN }));
    expect(associations.permissions!.map((p) => [p.resourceShareArn, p.permissionVersion, p.status])).toEqual([[shareArn, '1', 'ASSOCIATED']]);
    await c.ram.send(new R.DisassociateResourceSharePermissionCommand({ resourceShareArn: shareArn, permissionArn: READ_WRITE_SN }));
    expect((await c.ram.send(new R.ListResourceSharePermissionsCommand({ resourceShareArn: shareArn }))).permissions!.map((p) => p.arn)).toEqual([DEFAULT_SN]);
    expect(await ramError(() => c.ram.send(new R.DisassociateResourceSharePermissionCommand({ resourceShareArn: shareArn, permissionArn: READ_WRITE_SN })))).toEqual(['UnknownResourceException', 400]);
    const service = 'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionVpcLatticeService';
    expect(await ramError(() => c.ram.send(new R.AssociateResourceSharePermissionCommand({ resourceShareArn: shareArn, permissionArn: service })))).toEqual(['InvalidParameterException', 400]);
  });

  it('writes the resource policy RAM keeps for a shared resource', async () => {
    const { policies } = await c.ram.send(new R.GetResourcePoliciesCommand({ resourceArns: [snArn] }));
    // The consumer has not accepted yet: the statement names no account.
    expect(policies!.map((p) => JSON.parse(p))).toEqual([
      { Version: '2008-10-17', Statement: [{ Sid: 'RamStatement1', Effect: 'Allow', Principal: { AWS: [] }, Action: expect.arrayContaining(['vpc-lattice:GetServiceNetwork']), Resource: snArn }] },
    ]);
    const consumer = h.clients(CONSUMER);
    const invitation = (await consumer.ram.send(new R.GetResourceShareInvitationsCommand({}))).resourceShareInvitations![0]!;
    await consumer.ram.send(new R.AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitation.resourceShareInvitationArn! }));
    const after = await c.ram.send(new R.GetResourcePoliciesCommand({ resourceArns: [snArn], principal: CONSUMER }));
    expect(JSON.parse(after.policies![0]!).Statement[0].Principal).toEqual({ AWS: [`arn:aws:iam::${CONSUMER}:root`] });
    const foreign = snArn.replace(OWNER, CONSUMER);
    expect(await ramError(() => c.ram.send(new R.GetResourcePoliciesCommand({ resourceArns: [foreign] })))).toEqual(['ResourceArnNotFoundException', 400]);
  });

  it('lists no source associations and promotes nothing: no share here was created from a policy', async () => {
    expect((await c.ram.send(new R.ListSourceAssociationsCommand({ resourceShareArns: [shareArn] }))).sourceAssociations).toEqual([]);
    expect(await ramError(() => c.ram.send(new R.PromoteResourceShareCreatedFromPolicyCommand({ resourceShareArn: shareArn })))).toEqual(['OperationNotPermittedException', 400]);
    expect(await ramError(() => c.ram.send(new R.PromotePermissionCreatedFromPolicyCommand({ permissionArn: DEFAULT_SN, name: 'promoted' })))).toEqual(['OperationNotPermittedException', 400]);
  });
});

describe('customer managed permissions', () => {
  const template = (...actions: string[]) => JSON.stringify({ Effect: 'Allow', Action: actions });
  let arn: string;

  it('creates one, versions it, makes a version the default and replaces a managed permission with it', async () => {
    const created = await c.ram.send(new R.CreatePermissionCommand({ name: 'network-read', resourceType: 'vpc-lattice:ServiceNetwork', policyTemplate: template('vpc-lattice:GetServiceNetwork'), tags: [{ key: 'team', value: 'network' }] }));
    arn = created.permission!.arn!;
    expect(arn).toBe(`arn:aws:ram:us-east-1:${OWNER}:permission/network-read`);
    expect(created.permission).toMatchObject({ version: '1', defaultVersion: true, permissionType: 'CUSTOMER_MANAGED', status: 'ATTACHABLE', isResourceTypeDefault: false });
    expect(await ramError(() => c.ram.send(new R.CreatePermissionCommand({ name: 'network-read', resourceType: 'vpc-lattice:ServiceNetwork', policyTemplate: template('vpc-lattice:GetServiceNetwork') })))).toEqual(['PermissionAlreadyExistsException', 409]);
    expect(await ramError(() => c.ram.send(new R.CreatePermissionCommand({ name: 'bad', resourceType: 'vpc-lattice:ServiceNetwork', policyTemplate: '{"Effect":"Allow"' })))).toEqual(['MalformedPolicyTemplateException', 400]);
    expect(await ramError(() => c.ram.send(new R.CreatePermissionCommand({ name: 'bad', resourceType: 'vpc-lattice:ServiceNetwork', policyTemplate: template('s3:GetObject') })))).toEqual(['InvalidPolicyException', 400]);

    const v2 = await c.ram.send(new R.CreatePermissionVersionCommand({ permissionArn: arn, policyTemplate: template('vpc-lattice:GetServiceNetwork', 'vpc-lattice:CreateServiceNetworkVpcAssociation') }));
    expect([v2.permission!.version, v2.permission!.defaultVersion]).toEqual(['2', false]);
    await c.ram.send(new R.SetDefaultPermissionVersionCommand({ permissionArn: arn, permissionVersion: 2 }));
    const versions = await c.ram.send(new R.ListPermissionVersionsCommand({ permissionArn: arn }));
    expect(versions.permissions!.map((p) => [p.version, p.defaultVersion])).toEqual([['1', false], ['2', true]]);
    expect(await ramError(() => c.ram.send(new R.DeletePermissionVersionCommand({ permissionArn: arn, permissionVersion: 2 })))).toEqual(['OperationNotPermittedException', 400]);
    expect((await c.ram.send(new R.DeletePermissionVersionCommand({ permissionArn: arn, permissionVersion: 1 }))).returnValue).toBe(true);

    const customer = await c.ram.send(new R.ListPermissionsCommand({ permissionType: 'CUSTOMER_MANAGED' }));
    expect(customer.permissions!.map((p) => [p.name, p.version, p.tags])).toEqual([['network-read', '2', [{ key: 'team', value: 'network' }]]]);

    const work = (await c.ram.send(new R.ReplacePermissionAssociationsCommand({ fromPermissionArn: DEFAULT_SN, toPermissionArn: arn }))).replacePermissionAssociationsWork!;
    expect(work).toMatchObject({ fromPermissionArn: DEFAULT_SN, toPermissionArn: arn, toPermissionVersion: '2', status: 'COMPLETED' });
    expect((await c.ram.send(new R.ListReplacePermissionAssociationsWorkCommand({ workIds: [work.id!] }))).replacePermissionAssociationsWorks!.map((w) => w.status)).toEqual(['COMPLETED']);
    expect((await c.ram.send(new R.ListResourceSharePermissionsCommand({ resourceShareArn: shareArn }))).permissions!.map((p) => [p.arn, p.version])).toEqual([[arn, '2']]);
    expect((await c.ram.send(new R.GetResourceSharesCommand({ resourceOwner: 'SELF', permissionArn: arn }))).resourceShares!.map((s) => s.resourceShareArn)).toEqual([shareArn]);
    const policy = JSON.parse((await c.ram.send(new R.GetResourcePoliciesCommand({ resourceArns: [snArn] }))).policies![0]!);
    expect(policy.Statement[0].Action).toEqual(['vpc-lattice:GetServiceNetwork', 'vpc-lattice:CreateServiceNetworkVpcAssociation']);
  });

  it('refuses to delete a permission a share carries, deletes it once none does, and hides it from others', async () => {
    expect(await ramError(() => h.clients(CONSUMER).ram.send(new R.GetPermissionCommand({ permissionArn: arn })))).toEqual(['UnknownResourceException', 400]);
    expect(await ramError(() => c.ram.send(new R.DeletePermissionCommand({ permissionArn: arn })))).toEqual(['OperationNotPermittedException', 400]);
    await c.ram.send(new R.DisassociateResourceSharePermissionCommand({ resourceShareArn: shareArn, permissionArn: arn }));
    const deleted = await c.ram.send(new R.DeletePermissionCommand({ permissionArn: arn }));
    expect([deleted.returnValue, deleted.permissionStatus]).toEqual([true, 'DELETED']);
    expect(await ramError(() => c.ram.send(new R.GetPermissionCommand({ permissionArn: arn })))).toEqual(['UnknownResourceException', 400]);
  });
});

describe('client tokens', () => {
  it('returns a generated token when the caller sends none', async () => {
    const out = (await callOperation(h.server.context, { service: 'ram', operation: 'CreateResourceShare', account: OWNER, region: 'us-east-1', input: { name: 'no-token' } })) as { clientToken?: string };
    expect(out.clientToken).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('answers a replay with the current state of what the first call made', async () => {
    const input = { name: 'replayed', resourceArns: [snArn], clientToken: 'replay-1' };
    const first = await c.ram.send(new R.CreateResourceShareCommand(input));
    const arn = first.resourceShare!.resourceShareArn!;
    const associated = await c.ram.send(new R.AssociateResourceShareCommand({ resourceShareArn: arn, principals: ['140000000009'], clientToken: 'replay-2' }));
    expect(associated.resourceShareAssociations!.map((a) => a.status)).toEqual(['ASSOCIATING']);
    await c.ram.send(new R.DeleteResourceShareCommand({ resourceShareArn: arn }));
    const again = await c.ram.send(new R.CreateResourceShareCommand(input));
    expect([again.resourceShare!.resourceShareArn, again.resourceShare!.status, again.clientToken]).toEqual([arn, 'DELETED', 'replay-1']);
    const associatedAgain = await c.ram.send(new R.AssociateResourceShareCommand({ resourceShareArn: arn, principals: ['140000000009'], clientToken: 'replay-2' }));
    expect(associatedAgain.resourceShareAssociations!.map((a) => a.status)).toEqual(['DISASSOCIATED']);
  });
});
