import { describe, expect, it } from 'vitest';
import { compilePattern } from '@/lib/models';
import { APP, HUB, IDS, REGION, sampleTopology } from '@/lib/topology/fixtures';
import { addRecord, applyPatch, emptyDesign, importLive, liveRecords, MODEL_SHAPES, removeRecords, setField, type Design } from '@/lib/topology/design';
import { canonicalHash } from '@/lib/canonical';
import { clientTokenFor, fingerprintChanges, planDiff, PlanError, waves, type Fingerprint, type HashedFingerprint, type Json, type PlanOperation } from './index';

function fromLive(): Design {
  const live = liveRecords(sampleTopology());
  return applyPatch(emptyDesign(APP, REGION), importLive(emptyDesign(APP, REGION), live));
}

const find = (ops: PlanOperation[], action: string, label: string) => ops.find((o) => o.action === action && o.label === label);
const before = (ops: PlanOperation[], a: PlanOperation | undefined, b: PlanOperation | undefined) => {
  expect(a && b).toBeTruthy();
  expect(ops.indexOf(a!)).toBeLessThan(ops.indexOf(b!));
};

describe('planDiff', () => {
  it('a design taken from the live estate plans nothing', () => {
    const plan = planDiff(fromLive(), sampleTopology());
    expect(plan.operations).toEqual([]);
    expect(plan.fingerprint.states.every(([, state]) => state !== null)).toBe(true);
  });

  it('updates in place what the update call can change, with field diffs', () => {
    let d = fromLive();
    d = applyPatch(d, setField(d, IDS.ruleApi, ['priority'], 30));
    d = applyPatch(d, { label: 'tags', changes: [{ collection: 'records', id: IDS.svc, before: d.records[IDS.svc], after: { ...d.records[IDS.svc], tags: { env: 'prod', owner: 'orders' } } }] });
    const plan = planDiff(d, sampleTopology());
    expect(plan.operations.map((o) => o.call).sort()).toEqual(['TagResource', 'UntagResource', 'UpdateRule']);
    const rule = plan.operations.find((o) => o.call === 'UpdateRule')!;
    expect(rule.changes).toEqual([{ path: 'priority', before: 10, after: 30 }]);
    expect(rule.input).toEqual({ serviceIdentifier: IDS.svc, listenerIdentifier: IDS.listener, ruleIdentifier: IDS.ruleApi, priority: 30 });
    expect(plan.operations.find((o) => o.call === 'UntagResource')!.input).toEqual({ resourceArn: IDS.svc, tagKeys: ['team'] });
    expect(plan.operations.find((o) => o.call === 'TagResource')!.changes).toEqual([{ path: 'tags.owner', after: 'orders' }]);
    expect(plan.summary).toMatchObject({ update: 2, replace: 0 });
  });

  it("replaces a target group whose type changes, with everything that forwards to it, in a safe order", () => {
    let d = fromLive();
    d = applyPatch(d, setField(d, IDS.tgGreen, ['type'], 'INSTANCE'));
    const plan = planDiff(d, sampleTopology());
    const ops = plan.operations;
    // The target group, the listener and rule that forward to it, and its target.
    expect(plan.summary.replace).toBe(4);
    expect(ops.every((o) => o.replacement)).toBe(true);
    const delTg = find(ops, 'delete', 'target group orders-green');
    const createTg = find(ops, 'create', 'target group orders-green');
    const delListener = find(ops, 'delete', 'listener http-80 of orders');
    const createListener = find(ops, 'create', 'listener http-80 of orders');
    const createRule = find(ops, 'create', 'rule api of http-80');
    before(ops, delListener, delTg);
    before(ops, delTg, createTg);
    before(ops, createTg, createListener);
    before(ops, createListener, createRule);
    // The rule goes with its listener: no call of its own to delete it.
    expect(find(ops, 'delete', 'rule api of http-80')).toBeUndefined();
    expect(delTg!.dependsOn).toContain(delListener!.id);
    expect(createListener!.input.defaultAction).toEqual({ forward: { targetGroups: [{ targetGroupIdentifier: IDS.tgBlue, weight: 90 }, { targetGroupIdentifier: { $ref: `targetGroup:${APP}:${REGION}:orders-green`, attr: 'arn' }, weight: 10 }] } });
    expect(delTg!.consequence).toMatch(/Replaced because type cannot change in place/);
    expect(waves(ops).length).toBeGreaterThan(2);
  });

  it('deleting a service network disassociates first and says what breaks', () => {
    let d = fromLive();
    d = applyPatch(d, removeRecords(d, [IDS.sn]));
    const plan = planDiff(d, sampleTopology());
    const del = find(plan.operations, 'delete', 'service network shop-network')!;
    expect(del.consequence).toMatch(/lose connectivity/);
    const disassociations = plan.operations.filter((o) => o.action === 'disassociate');
    expect(disassociations.map((o) => o.call).sort()).toEqual(['DeleteServiceNetworkResourceAssociation', 'DeleteServiceNetworkServiceAssociation', 'DeleteServiceNetworkVpcAssociation']);
    for (const o of disassociations) expect(del.dependsOn).toContain(o.id);
    expect(plan.summary).toMatchObject({ delete: 1, disassociate: 3 });
  });

  it('a new listener on a live service names the service by ARN; one on a new service waits for it', () => {
    let d = fromLive();
    d = applyPatch(d, addRecord(d, { id: 'l2', kind: 'listener', spec: { serviceIdentifier: IDS.svc, name: 'https-443', protocol: 'HTTPS', defaultAction: { fixedResponse: { statusCode: 404 } } } }).patch);
    d = applyPatch(d, addRecord(d, { id: 's2', kind: 'service', spec: { name: 'billing' } }).patch);
    d = applyPatch(d, addRecord(d, { id: 'l3', kind: 'listener', spec: { serviceIdentifier: 's2', name: 'http', protocol: 'HTTP', defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: IDS.tgBlue, weight: 100 }] } } } }).patch);
    const plan = planDiff(d, sampleTopology());
    const l2 = find(plan.operations, 'create', 'listener https-443 of orders')!;
    expect(l2.input).toMatchObject({ serviceIdentifier: IDS.svc, port: 443 });
    expect(l2.dependsOn).toEqual([]);
    const s2 = find(plan.operations, 'create', 'service billing')!;
    const l3 = find(plan.operations, 'create', 'listener http of billing')!;
    expect(l3.dependsOn).toEqual([s2.id]);
    expect(l3.input.serviceIdentifier).toEqual({ $ref: `service:${APP}:${REGION}:billing`, attr: 'arn' });
    expect(s2.tokenField).toBe('clientToken');
    expect(s2.waitFor).toBe('active');
  });

  it('refuses to plan an account discovery could not read', () => {
    const t = sampleTopology();
    t.errors.push({ account: HUB, region: REGION, message: 'AccessDenied: no' });
    expect(() => planDiff(fromLive(), t)).toThrow(PlanError);
  });

  it('the fingerprint tells out-of-band changes apart: changed, appeared, disappeared', () => {
    let d = fromLive();
    d = applyPatch(d, addRecord(d, { id: 'n', kind: 'service', spec: { name: 'newcomer' } }).patch);
    const plan = planDiff(d, sampleTopology());
    const t = sampleTopology();
    t.nodes.find((n) => n.id === IDS.svc)!.description.authType = 'NONE';
    t.nodes = t.nodes.filter((n) => n.id !== IDS.tgBlue);
    t.nodes.push({ id: `arn:aws:vpc-lattice:${REGION}:${APP}:service/svc-0new`, kind: 'service', account: APP, region: REGION, name: 'newcomer', status: 'ACTIVE', tags: {}, seenBy: [APP], description: {} });
    const now = planDiff(d, t).fingerprint;
    const changes = fingerprintChanges(plan.fingerprint, now);
    // A stale refusal names the fields that moved, with both values.
    const before = sampleTopology().nodes.find((n) => n.id === IDS.svc)!.description.authType;
    expect(changes).toContainEqual({ key: `service:${APP}:${REGION}:orders`, change: 'changed', fields: [{ path: 'authType', before, after: 'NONE' }] });
    expect(changes).toContainEqual({ key: `service:${APP}:${REGION}:newcomer`, change: 'appeared' });
    expect(changes).toContainEqual({ key: `targetGroup:${APP}:${REGION}:orders-blue`, change: 'disappeared' });
  });

  it('a fingerprint read back from the database sees no change in the same estate, and sees one that happened', () => {
    const d = applyPatch(fromLive(), setField(fromLive(), IDS.ruleApi, ['priority'], 30));
    const stored = JSON.parse(JSON.stringify(planDiff(d, sampleTopology()).fingerprint)) as Fingerprint;
    expect(fingerprintChanges(stored, planDiff(d, sampleTopology()).fingerprint)).toEqual([]);
    const t = sampleTopology();
    const svc = t.nodes.find((n) => n.id === IDS.svc)!;
    svc.tags = { ...svc.tags, env: 'test' };
    expect(fingerprintChanges(stored, planDiff(d, t).fingerprint)).toEqual([{ key: `service:${APP}:${REGION}:orders`, change: 'changed', fields: [{ path: 'tags.env', before: 'prod', after: 'test' }] }]);
  });

  it('a resource recreated out of band (the same name, a new ARN) moves what names it: the plan would send the old ARN', () => {
    const d = applyPatch(fromLive(), setField(fromLive(), IDS.ruleApi, ['priority'], 30));
    const plan = planDiff(d, sampleTopology());
    // Its id, in its ARN and wherever it is named by id.
    const id = IDS.tgBlue.slice(IDS.tgBlue.lastIndexOf('/') + 1);
    const t = JSON.parse(JSON.stringify(sampleTopology()).replaceAll(id, 'tg-0recreated0000001')) as ReturnType<typeof sampleTopology>;
    const changes = fingerprintChanges(plan.fingerprint, planDiff(d, t).fingerprint);
    const recreated = IDS.tgBlue.replace(id, 'tg-0recreated0000001');
    expect(changes).toContainEqual({
      key: `listener:service:${APP}:${REGION}:orders/http-80`,
      change: 'changed',
      fields: [{ path: 'defaultAction.forward.targetGroups', before: expect.arrayContaining([expect.objectContaining({ targetGroupIdentifier: IDS.tgBlue })]), after: expect.arrayContaining([expect.objectContaining({ targetGroupIdentifier: recreated })]) }],
    });
  });

  it('a plan stored with hashed states (one hash per key) is still compared: same estate, no change; a change, named', () => {
    let d = fromLive();
    d = applyPatch(d, addRecord(d, { id: 'n', kind: 'service', spec: { name: 'newcomer' } }).patch);
    const { states } = planDiff(d, sampleTopology()).fingerprint;
    const entries = Object.fromEntries(states.map(([key, state]) => [key, state === null ? 'absent' : canonicalHash(state)]));
    const hashed: HashedFingerprint = { digest: 'stored', entries, states: Object.fromEntries(states.filter((e): e is [string, Json] => e[1] !== null)) };
    expect(fingerprintChanges(hashed, planDiff(d, sampleTopology()).fingerprint)).toEqual([]);
    const t = sampleTopology();
    t.nodes.find((n) => n.id === IDS.svc)!.description.authType = 'NONE';
    t.nodes = t.nodes.filter((n) => n.id !== IDS.tgBlue);
    const changes = fingerprintChanges(hashed, planDiff(d, t).fingerprint);
    // The group's targets go with it, and the listener forwarding to it reads differently.
    expect(changes.map((c) => [c.key, c.change])).toEqual([
      [`listener:service:${APP}:${REGION}:orders/http-80`, 'changed'],
      [`service:${APP}:${REGION}:orders`, 'changed'],
      [`target:targetGroup:${APP}:${REGION}:orders-blue/10.0.1.10:8080`, 'disappeared'],
      [`target:targetGroup:${APP}:${REGION}:orders-blue/10.0.1.11:8080`, 'disappeared'],
      [`targetGroup:${APP}:${REGION}:orders-blue`, 'disappeared'],
    ]);
    expect(changes[1].fields).toEqual([expect.objectContaining({ path: 'authType', after: 'NONE' })]);
  });
});

describe('clientTokenFor', () => {
  it('is deterministic, distinct per operation and plan, and inside the model rule', () => {
    const shape = MODEL_SHAPES['vpc-lattice'].shapes.ClientToken;
    const pattern = compilePattern(shape.pattern!);
    const a = clientTokenFor('5f0e2b7c-0000-4000-8000-000000000001', 'op-001');
    expect(clientTokenFor('5f0e2b7c-0000-4000-8000-000000000001', 'op-001')).toBe(a);
    expect(clientTokenFor('5f0e2b7c-0000-4000-8000-000000000001', 'op-002')).not.toBe(a);
    expect(clientTokenFor('5f0e2b7c-0000-4000-8000-000000000002', 'op-001')).not.toBe(a);
    expect(a.length).toBeLessThanOrEqual(shape.max!);
    expect(pattern.test(a)).toBe(true);
  });
});
