// A caller role and its identity policy (the microservice-authorization recipe's first and
// last steps) planned and applied through lib/plan with the console's own apply ports, against
// lattice-local's demo estate; read back with IAM's own calls, then re-planned to nothing.
import { describe, expect, it } from 'vitest';
import { GetRoleCommand, GetRolePolicyCommand, IAMClient, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import { accountCredentials } from '@/lib/testing/clients';
import { applyDemoDesign, planDemoDesign, readDemoLive, withDemoEstate } from '@/lib/testing/demo-plan';
import { addRecord, applyPatch, emptyDesign, invokePolicy, removeRecords, setField, trustPolicy } from '@/lib/topology/design';

const STOREFRONT = '222222222222';
const REGION = 'us-east-1';
const local = withDemoEstate();

const iam = () => new IAMClient({ endpoint: local().url, region: REGION, credentials: accountCredentials(STOREFRONT), maxAttempts: 1 });

describe('caller roles applied to lattice-local', () => {
  it('creates a role and its identity policy, reads them back, re-plans to nothing, updates and deletes them', async () => {
    const live = await readDemoLive(STOREFRONT, REGION);
    const checkout = live.nodes.find((n) => n.kind === 'service' && n.account === STOREFRONT && !n.external)!;
    let d = emptyDesign(STOREFRONT, REGION);
    const role = addRecord(d, { kind: 'iamRole', spec: { RoleName: 'recipe-caller', Path: '/callers/', AssumeRolePolicyDocument: trustPolicy(['ec2.amazonaws.com']), Description: 'Calls the store services.' }, tags: { team: 'checkout' } });
    d = applyPatch(d, role.patch);
    const policy = addRecord(d, { kind: 'iamRolePolicy', spec: { RoleName: role.id, PolicyName: 'invoke-services', PolicyDocument: invokePolicy([checkout.id]) } });
    d = applyPatch(d, policy.patch);

    const created = await applyDemoDesign('p-create', d);
    expect(created.plan.operations.map((o) => o.call)).toEqual(['CreateRole', 'PutRolePolicy']);
    expect(created.result.outcome).toBe('succeeded');

    const got = await iam().send(new GetRoleCommand({ RoleName: 'recipe-caller' }));
    expect(got.Role?.Arn).toBe(`arn:aws:iam::${STOREFRONT}:role/callers/recipe-caller`);
    expect(JSON.parse(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!))).toEqual(JSON.parse(trustPolicy(['ec2.amazonaws.com'])));
    expect(got.Role?.Tags).toEqual([{ Key: 'team', Value: 'checkout' }]);
    const inline = await iam().send(new GetRolePolicyCommand({ RoleName: 'recipe-caller', PolicyName: 'invoke-services' }));
    expect(JSON.parse(decodeURIComponent(inline.PolicyDocument!))).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'vpc-lattice-svcs:Invoke', Resource: `${checkout.id}/*` }] });

    // The role as read back is the role as designed.
    expect((await planDemoDesign(d)).plan.operations).toEqual([]);

    // Lambda may assume it too: the trust policy changes in place.
    d = applyPatch(d, setField(d, role.id, ['AssumeRolePolicyDocument'], trustPolicy(['ec2.amazonaws.com', 'lambda.amazonaws.com'])));
    const updated = await applyDemoDesign('p-update', d);
    expect(updated.plan.operations.map((o) => o.call)).toEqual(['UpdateAssumeRolePolicy']);
    expect(updated.result.outcome).toBe('succeeded');
    const after = await iam().send(new GetRoleCommand({ RoleName: 'recipe-caller' }));
    expect(JSON.parse(decodeURIComponent(after.Role!.AssumeRolePolicyDocument!)).Statement[0].Principal.Service).toEqual(['ec2.amazonaws.com', 'lambda.amazonaws.com']);

    // Session length changes with UpdateRole; a tag removed in the design goes with UntagRole.
    d = applyPatch(d, setField(d, role.id, ['MaxSessionDuration'], 7200));
    d = { ...d, records: { ...d.records, [role.id]: { ...d.records[role.id], tags: {} } } };
    const retuned = await applyDemoDesign('p-retune', d);
    expect(retuned.plan.operations.map((o) => o.call).sort()).toEqual(['UntagRole', 'UpdateRole']);
    expect(retuned.result.outcome).toBe('succeeded');
    const retunedRole = await iam().send(new GetRoleCommand({ RoleName: 'recipe-caller' }));
    expect(retunedRole.Role?.MaxSessionDuration).toBe(7200);
    expect(retunedRole.Role?.Tags ?? []).toEqual([]);
    expect((await planDemoDesign(d)).plan.operations).toEqual([]);

    // Deleting the role deletes its inline policy first (IAM refuses otherwise).
    d = applyPatch(d, removeRecords(d, [role.id]));
    const deleted = await applyDemoDesign('p-delete', d);
    expect(deleted.plan.operations.map((o) => o.call)).toEqual(['DeleteRole']);
    expect(deleted.result).toMatchObject({ outcome: 'succeeded' });
    await expect(iam().send(new ListRolePoliciesCommand({ RoleName: 'recipe-caller' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  }, 60_000);
});
