import { describe, expect, it } from 'vitest';
import { APP, IDS, REGION, sampleTopology } from '@/lib/topology/fixtures';
import type { Topology } from '@/lib/topology';
import {
  addRecord,
  applyPatch,
  emptyDesign,
  importLive,
  invokePolicy,
  liveRecords,
  removeRecords,
  setField,
  trustPolicy,
  validateDesign,
  type Design,
} from '@/lib/topology/design';
import { fingerprintChanges, planDiff, waves } from './index';

const ROLE_ARN = `arn:aws:iam::${APP}:role/callers/orders-client`;
const TRUST = trustPolicy(['ec2.amazonaws.com']);
const INVOKE = invokePolicy([IDS.svc]);

/** The sample estate plus a caller role with one inline policy, as discovery reads them. */
function withRole(): Topology {
  const t = sampleTopology();
  t.nodes.push({
    id: ROLE_ARN,
    kind: 'iamRole',
    account: APP,
    region: '',
    name: 'orders-client',
    status: 'ACTIVE',
    tags: { team: 'orders' },
    seenBy: [APP],
    // IAM's query API returns policy documents URL-encoded.
    description: { RoleName: 'orders-client', Path: '/callers/', AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(JSON.parse(TRUST))), MaxSessionDuration: 3600, inlinePolicies: [{ PolicyName: 'invoke-orders', PolicyDocument: INVOKE }] },
  });
  return t;
}

function fromLive(t: Topology): Design {
  return applyPatch(emptyDesign(APP, REGION), importLive(emptyDesign(APP, REGION), liveRecords(t)));
}

function newRole(d: Design, name = 'checkout-client', trust = TRUST): { design: Design; id: string } {
  const r = addRecord(d, { kind: 'iamRole', spec: { RoleName: name, Path: '/', AssumeRolePolicyDocument: trust }, tags: { team: 'checkout' } });
  return { design: applyPatch(d, r.patch), id: r.id };
}

describe('caller roles in a plan', () => {
  it('reads a live role and its inline policy as records that plan nothing', () => {
    const t = withRole();
    const records = liveRecords(t).filter((r) => r.kind === 'iamRole' || r.kind === 'iamRolePolicy');
    expect(records.map((r) => [r.kind, r.region])).toEqual([
      ['iamRole', 'global'],
      ['iamRolePolicy', 'global'],
    ]);
    expect(records[0].spec.AssumeRolePolicyDocument).toBe(JSON.stringify(JSON.parse(TRUST)));
    const plan = planDiff(fromLive(t), t);
    expect(plan.operations).toEqual([]);
    expect(plan.fingerprint.states.map(([key]) => key)).toContain(`iamRole:${APP}:global:orders-client`);
  });

  it('creates a role before its policy, with IAM tags, in no Region, and the policy names the role by name', () => {
    const t = sampleTopology();
    const { design: d0, id } = newRole(emptyDesign(APP, REGION));
    expect(d0.records[id].region).toBe('global');
    const p = addRecord(d0, { kind: 'iamRolePolicy', spec: { RoleName: id, PolicyName: 'invoke-orders', PolicyDocument: INVOKE } });
    const d = applyPatch(d0, p.patch);
    expect(validateDesign(d, { live: liveRecords(t) })).toEqual([]);
    const plan = planDiff(d, t);
    expect(plan.operations.map((o) => [o.call, o.service, o.action])).toEqual([
      ['CreateRole', 'iam', 'create'],
      ['PutRolePolicy', 'iam', 'putPolicy'],
    ]);
    const [role, policy] = plan.operations;
    expect(role.input).toEqual({ RoleName: 'checkout-client', Path: '/', AssumeRolePolicyDocument: TRUST, Tags: [{ Key: 'team', Value: 'checkout' }] });
    expect(policy.input).toEqual({ RoleName: 'checkout-client', PolicyName: 'invoke-orders', PolicyDocument: INVOKE });
    expect(policy.dependsOn).toEqual([role.id]);
    expect(policy.label).toBe('policy invoke-orders of role checkout-client');
    expect(plan.regions).toEqual([]);
    expect(plan.accounts).toEqual([APP]);
    // A policy put where none was counts as an addition.
    expect(plan.summary).toMatchObject({ create: 1, addPolicy: 1 });
    expect(plan.fingerprint.states).toContainEqual([`iamRole:${APP}:global:checkout-client`, null]);
  });

  it('an auth policy naming a role the plan creates waits for the role', () => {
    const t = sampleTopology();
    const { design: d0 } = newRole(emptyDesign(APP, REGION));
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${APP}:role/checkout-client` }, Action: 'vpc-lattice-svcs:Invoke', Resource: '*' }] });
    const p = addRecord(d0, { kind: 'authPolicy', account: APP, region: REGION, spec: { resourceIdentifier: IDS.svc, policy } });
    const plan = planDiff(applyPatch(d0, p.patch), t);
    const role = plan.operations.find((o) => o.call === 'CreateRole')!;
    const auth = plan.operations.find((o) => o.call === 'PutAuthPolicy')!;
    expect(auth.dependsOn).toContain(role.id);
    expect(waves(plan.operations).map((w) => w.map((o) => o.call))).toEqual([['CreateRole'], ['PutAuthPolicy']]);
    // A role with a longer name that starts the same is another role.
    const other = addRecord(d0, { kind: 'authPolicy', account: APP, region: REGION, spec: { resourceIdentifier: IDS.svc, policy: policy.replace('checkout-client', 'checkout-client-2') } });
    const plan2 = planDiff(applyPatch(d0, other.patch), t);
    expect(plan2.operations.find((o) => o.call === 'PutAuthPolicy')!.dependsOn).toEqual([]);
  });

  it('changes a trust policy with UpdateAssumeRolePolicy, tags with TagRole and UntagRole, and a policy with PutRolePolicy', () => {
    const t = withRole();
    let d = fromLive(t);
    const roleId = ROLE_ARN;
    const policyId = Object.values(d.records).find((r) => r.kind === 'iamRolePolicy')!.id;
    d = applyPatch(d, setField(d, roleId, ['AssumeRolePolicyDocument'], trustPolicy(['lambda.amazonaws.com'])));
    d = applyPatch(d, setField(d, roleId, ['MaxSessionDuration'], 7200));
    d = applyPatch(d, { label: 'tags', changes: [{ collection: 'records', id: roleId, before: d.records[roleId], after: { ...d.records[roleId], tags: { env: 'prod' } } }] });
    d = applyPatch(d, setField(d, policyId, ['PolicyDocument'], invokePolicy([IDS.svc, 'arn:aws:vpc-lattice:us-east-1:222222222222:service/svc-0other00000000001'])));
    const plan = planDiff(d, t);
    const byCall = Object.fromEntries(plan.operations.map((o) => [o.call, o]));
    expect(Object.keys(byCall).sort()).toEqual(['PutRolePolicy', 'TagRole', 'UntagRole', 'UpdateAssumeRolePolicy', 'UpdateRole']);
    expect(byCall.UpdateAssumeRolePolicy.input).toEqual({ RoleName: 'orders-client', PolicyDocument: trustPolicy(['lambda.amazonaws.com']) });
    expect(byCall.UpdateRole.input).toEqual({ RoleName: 'orders-client', MaxSessionDuration: 7200 });
    expect(byCall.UpdateRole.changes.map((c) => c.path)).toEqual(['MaxSessionDuration']);
    expect(byCall.TagRole.input).toEqual({ RoleName: 'orders-client', Tags: [{ Key: 'env', Value: 'prod' }] });
    expect(byCall.UntagRole.input).toEqual({ RoleName: 'orders-client', TagKeys: ['team'] });
    expect(byCall.PutRolePolicy.action).toBe('putPolicy');
    expect(byCall.PutRolePolicy.input.RoleName).toBe('orders-client');
    expect(byCall.PutRolePolicy.input.PolicyName).toBe('invoke-orders');
    expect(plan.summary).toMatchObject({ update: 1, putPolicy: 1, replace: 0 });
  });

  it('a policy formatted differently but saying the same plans nothing', () => {
    const t = withRole();
    let d = fromLive(t);
    d = applyPatch(d, setField(d, ROLE_ARN, ['AssumeRolePolicyDocument'], JSON.stringify(JSON.parse(TRUST), null, 4)));
    expect(planDiff(d, t).operations).toEqual([]);
  });

  it('a role moved to another path is replaced; deleting a role deletes its policies with it, in one call', () => {
    const t = withRole();
    let d = fromLive(t);
    d = applyPatch(d, setField(d, ROLE_ARN, ['Path'], '/'));
    const replaced = planDiff(d, t);
    const del = replaced.operations.find((o) => o.call === 'DeleteRole')!;
    const create = replaced.operations.find((o) => o.call === 'CreateRole')!;
    const put = replaced.operations.find((o) => o.call === 'PutRolePolicy')!;
    expect(del.replacement && create.replacement).toBe(true);
    expect(create.dependsOn).toContain(del.id);
    expect(put.dependsOn).toContain(create.id);
    expect(put.input.RoleName).toBe('orders-client');
    expect(put.replacement).toBe(true);
    expect(replaced.operations.some((o) => o.call === 'DeleteRolePolicy')).toBe(false);
    expect(del.consequence).toMatch(/new unique id/);

    let gone = fromLive(t);
    gone = applyPatch(gone, removeRecords(gone, [ROLE_ARN]));
    const plan = planDiff(gone, t);
    expect(plan.operations.map((o) => o.call)).toEqual(['DeleteRole']);
    expect(plan.operations[0].input).toEqual({ RoleName: 'orders-client' });
    expect(plan.operations[0].consequence).toMatch(/inline policies are deleted/);

    let policyGone = fromLive(t);
    const policyId = Object.values(policyGone.records).find((r) => r.kind === 'iamRolePolicy')!.id;
    policyGone = applyPatch(policyGone, removeRecords(policyGone, [policyId]));
    const p2 = planDiff(policyGone, t);
    expect(p2.operations.map((o) => [o.call, o.action])).toEqual([['DeleteRolePolicy', 'deletePolicy']]);
    expect(p2.operations[0].input).toEqual({ RoleName: 'orders-client', PolicyName: 'invoke-orders' });
  });

  it('the fingerprint sees a role changed out of band', () => {
    const t = withRole();
    const d = fromLive(t);
    const plan = planDiff(applyPatch(d, setField(d, ROLE_ARN, ['MaxSessionDuration'], 7200)), t);
    const later = withRole();
    const role = later.nodes.find((n) => n.kind === 'iamRole')!;
    role.description = { ...role.description, AssumeRolePolicyDocument: trustPolicy(['lambda.amazonaws.com']) };
    const again = planDiff(applyPatch(d, setField(d, ROLE_ARN, ['MaxSessionDuration'], 7200)), later);
    expect(fingerprintChanges(plan.fingerprint, again.fingerprint)).toEqual([
      { key: `iamRole:${APP}:global:orders-client`, change: 'changed', fields: [expect.objectContaining({ path: 'AssumeRolePolicyDocument' })] },
    ]);
  });

  it('validation: role names from the model, unique in the account ignoring case, policies IAM would refuse', () => {
    let d = emptyDesign(APP, REGION);
    d = newRole(d, 'Checkout').design;
    d = newRole(d, 'checkout').design;
    const bad = addRecord(d, { kind: 'iamRole', spec: { RoleName: 'no spaces', AssumeRolePolicyDocument: '{"Statement": []}' } });
    d = applyPatch(d, bad.patch);
    const issues = validateDesign(d);
    expect(issues.filter((i) => i.code === 'unique-name')).toHaveLength(2);
    expect(issues.find((i) => i.recordId === bad.id && i.path === 'RoleName')?.rule).toMatch(/1–64 characters: letters, digits/);
    expect(issues.find((i) => i.recordId === bad.id && i.code === 'iam-policy-document')?.rule).toBe('The policy document has no Statement.');
  });
});

describe('caller roles in the design document', () => {
  it('a saved design keeps a role global, and refuses a role with a Region or a service without one', async () => {
    const { designSchema } = await import('@/lib/topology/design');
    const { design, id } = newRole(emptyDesign(APP, REGION));
    expect(designSchema.safeParse(design).success).toBe(true);
    const regional = { ...design, records: { [id]: { ...design.records[id], region: REGION } } };
    expect(designSchema.safeParse(regional).error?.issues[0].message).toMatch(/is global/);
  });
});
