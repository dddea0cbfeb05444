import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sampleTopology, IDS, APP, HUB, REGION } from '../fixtures';
import {
  addRecord,
  addRecords,
  addShareEdit,
  CommandError,
  parseDesign,
  removeShareEdits,
  applyAll,
  applyPatch,
  authPolicyId,
  compareSpecs,
  connect,
  createKeyResolver,
  emptyDesign,
  emptyHistory,
  importLive,
  liveRecords,
  moveNodes,
  paletteRecords,
  POLICY_TEMPLATES,
  recordPatch,
  redo,
  removeRecords,
  setField,
  specInKeySpace,
  undo,
  updatableFields,
  validateDesign,
  type Design,
  type DesignIssue,
} from './index';
import { generateModelShapes, GENERATED_PATH } from './generate-model-shapes';

const VPC = 'vpc-0app000000000001';
let n = 0;
const newId = () => `new-${++n}`;

function designWith(edit: (d: Design) => Design): Design {
  return edit(emptyDesign(APP, REGION));
}

function issuesFor(issues: DesignIssue[], code: string) {
  return issues.filter((i) => i.code === code);
}

describe('model slice', () => {
  it('is generated from the current service models', () => {
    expect(readFileSync(GENERATED_PATH, 'utf8')).toBe(generateModelShapes());
  });

  it('reads what an update can change from the update call', () => {
    expect([...updatableFields('service')].sort()).toEqual(['authType', 'certificateArn']);
    expect([...updatableFields('targetGroup')]).toEqual(['config.healthCheck']);
    expect([...updatableFields('rule')].sort()).toEqual(['action', 'match', 'priority']);
    expect(updatableFields('serviceNetworkServiceAssociation').size).toBe(0);
  });
});

describe('commands and history', () => {
  it('adds a service with its listener in one undoable step, connects it, and undo/redo replay exactly', () => {
    let design = emptyDesign(APP, REGION);
    let history = emptyHistory();
    const run = (patch: ReturnType<typeof setField>) => {
      design = applyPatch(design, patch);
      history = recordPatch(history, patch);
    };
    run(addRecords(design, paletteRecords(design, 'service', { position: { x: 0, y: 0 } }), { newId }).patch);
    run(addRecords(design, paletteRecords(design, 'serviceNetwork', { position: { x: 300, y: 0 } }), { newId }).patch);
    run(addRecords(design, paletteRecords(design, 'targetGroup', { position: { x: 0, y: 300 }, vpc: { vpcId: VPC, subnetIds: [], securityGroupIds: [] } }), { newId }).patch);
    const service = Object.values(design.records).find((r) => r.kind === 'service')!;
    const listener = Object.values(design.records).find((r) => r.kind === 'listener')!;
    const network = Object.values(design.records).find((r) => r.kind === 'serviceNetwork')!;
    const tg = Object.values(design.records).find((r) => r.kind === 'targetGroup')!;
    expect(listener.spec.serviceIdentifier).toBe(service.id);

    run(connect(design, service.id, network.id, { newId }));
    const assoc = Object.values(design.records).find((r) => r.kind === 'serviceNetworkServiceAssociation')!;
    expect(assoc.spec).toEqual({ serviceNetworkIdentifier: network.id, serviceIdentifier: service.id });

    run(connect(design, tg.id, service.id, { newId }));
    expect(design.records[listener.id].spec.defaultAction).toEqual({ forward: { targetGroups: [{ targetGroupIdentifier: tg.id, weight: 100 }] } });
    const afterConnect = design;

    run(setField(design, service.id, ['name'], 'orders'));
    expect(design.records[service.id].spec.name).toBe('orders');

    const u1 = undo(design, history)!;
    expect(u1.design).toEqual(afterConnect);
    const r1 = redo(u1.design, u1.history)!;
    expect(r1.design.records[service.id].spec.name).toBe('orders');

    // Undo everything: back to the empty document.
    let d = r1.design;
    let h = r1.history;
    for (let step = undo(d, h); step; step = undo(d, h)) ({ design: d, history: h } = step);
    expect(d).toEqual(emptyDesign(APP, REGION));
    expect(h.future).toHaveLength(6);
  });

  it('deleting a service tombstones its listeners, rules and associations; undo restores them', () => {
    const base = designWith((d) => {
      const { patch, ids } = addRecords(d, paletteRecords(d, 'service', { position: { x: 0, y: 0 } }), { newId });
      d = applyPatch(d, patch);
      const sn = addRecord(d, { kind: 'serviceNetwork', spec: { name: 'net' } }, { newId });
      d = applyPatch(d, sn.patch);
      return applyPatch(d, connect(d, ids[0], sn.id, { newId }));
    });
    const service = Object.values(base.records).find((r) => r.kind === 'service')!;
    const patch = removeRecords(base, [service.id]);
    const after = applyPatch(base, patch);
    const removed = Object.values(after.records).filter((r) => r.removed).map((r) => r.kind).sort();
    expect(removed).toEqual(['listener', 'service', 'serviceNetworkServiceAssociation']);
    expect(after.records[service.id].removed).toBe(true);
    expect(after.positions[service.id]).toBeUndefined();
    const h = recordPatch(emptyHistory(), patch);
    expect(undo(after, h)!.design).toEqual(base);
  });

  it('refuses connections that make no sense, saying what can connect', () => {
    const d = designWith((x) => applyAll(x, [addRecord(x, { kind: 'targetGroup', spec: { name: 'a', type: 'IP' }, id: 'tg1' }).patch, addRecord(x, { kind: 'targetGroup', spec: { name: 'b', type: 'IP' }, id: 'tg2' }).patch]));
    expect(() => connect(d, 'tg1', 'tg2')).toThrow(/Connect a service network to a service/);
  });

  it('records moves as patches', () => {
    const d = designWith((x) => applyPatch(x, addRecord(x, { kind: 'serviceNetwork', spec: { name: 'n1' }, id: 'sn', position: { x: 1, y: 1 } }).patch));
    const p = moveNodes(d, { sn: { x: 50, y: 60 } });
    const moved = applyPatch(d, p);
    expect(moved.positions.sn).toEqual({ x: 50, y: 60 });
    expect(undo(moved, recordPatch(emptyHistory(), p))!.design.positions.sn).toEqual({ x: 1, y: 1 });
  });

  it('keeps sharing edits in the design as undoable patches, and a design without them has no shares field', () => {
    const network = `arn:aws:vpc-lattice:${REGION}:${HUB}:servicenetwork/sn-0123456789abcdef0`;
    const share = { action: 'share', name: 'platform-partners', resourceArns: [network], principals: ['555555555555'] };
    const stop = { action: 'stop', shareArn: `arn:aws:ram:${REGION}:${HUB}:resource-share/0b7e1a52-3c4d-4e5f-8a9b-0c1d2e3f4a5b` };
    const d0 = designWith((x) => x);
    let history = emptyHistory();
    const p1 = addShareEdit(d0, share);
    expect(p1.label).toBe('share platform-partners');
    const d1 = applyPatch(d0, p1);
    history = recordPatch(history, p1);
    const p2 = addShareEdit(d1, stop);
    const d2 = applyPatch(d1, p2);
    history = recordPatch(history, p2);
    expect(d2.shares).toEqual([share, stop]);
    expect(parseDesign(JSON.parse(JSON.stringify(d2))).shares).toEqual([share, stop]);
    // The edit given is copied: changing it afterwards does not change the design.
    share.principals.push('666666666666');
    expect(d2.shares![0].principals).toEqual(['555555555555']);

    const p3 = removeShareEdits(d2, [0]);
    expect(p3.label).toBe('remove share platform-partners from the plan');
    const d3 = applyPatch(d2, p3);
    history = recordPatch(history, p3);
    expect(d3.shares).toEqual([stop]);

    const back = undo(d3, history)!;
    expect(back.design.shares).toEqual(d2.shares);
    const twice = undo(back.design, back.history)!;
    expect(twice.design.shares).toEqual(d1.shares);
    const thrice = undo(twice.design, twice.history)!;
    expect('shares' in thrice.design).toBe(false);
    expect(thrice.design).toEqual(d0);
    expect(redo(thrice.design, thrice.history)!.design.shares).toEqual(d1.shares);

    // Removing the last edit leaves no shares field; a records patch leaves the edits alone.
    expect('shares' in applyPatch(d1, removeShareEdits(d1, [0]))).toBe(false);
    expect(applyPatch(d2, moveNodes(d2, { x: { x: 1, y: 2 } })).shares).toEqual(d2.shares);
    expect(() => removeShareEdits(d1, [3])).toThrow(CommandError);
    expect(() => addShareEdit(d0, { action: 'give' })).toThrow('A sharing edit needs an action: share, update or stop.');
  });
});

describe('live records', () => {
  it('a design taken from the live estate has no changes against it', () => {
    const topology = sampleTopology();
    const live = liveRecords(topology);
    const design = applyPatch(emptyDesign(APP, REGION), importLive(emptyDesign(APP, REGION), live));
    const liveById = new Map(live.map((r) => [r.id, r]));
    const dr = createKeyResolver(new Map(Object.entries(design.records)), liveById);
    const lr = createKeyResolver(liveById);
    for (const r of Object.values(design.records)) {
      const l = liveById.get(r.id)!;
      expect(compareSpecs(r.kind, specInKeySpace(r, dr), specInKeySpace(l, lr))).toEqual([]);
    }
    // The listener's forward names target groups by ARN, whatever form the API used.
    const listener = liveById.get(IDS.listener)!;
    expect(listener.spec.defaultAction).toEqual({ forward: { targetGroups: [{ targetGroupIdentifier: IDS.tgBlue, weight: 90 }, { targetGroupIdentifier: IDS.tgGreen, weight: 10 }] } });
    expect(liveById.get(authPolicyId(IDS.svc))?.kind).toBe('authPolicy');
    // Keys are names, so a record drawn anew matches the live one.
    const drawn = { id: 'new-x', kind: 'service' as const, account: APP, region: REGION, spec: { name: 'orders' } };
    expect(createKeyResolver(new Map([[drawn.id, drawn]])).keyOfRecord(drawn)).toBe(lr.keyOf(IDS.svc));
  });

  it('a selection brings its children along', () => {
    const live = liveRecords(sampleTopology());
    const patch = importLive(emptyDesign(APP, REGION), live, [IDS.svc]);
    const kinds = patch.changes.map((c) => (c.collection === 'records' ? c.after?.kind : '')).sort();
    expect(kinds).toEqual(['authPolicy', 'listener', 'rule', 'service']);
  });
});

describe('validation', () => {
  it('checks fields against the model and names the rule', () => {
    const d = designWith((x) => applyPatch(x, addRecord(x, { kind: 'service', spec: { name: 'Bad_Name' }, id: 's' }).patch));
    const issues = validateDesign(d).filter((i) => i.recordId === 's' && i.path === 'name');
    expect(issues).toHaveLength(1);
    expect(issues[0].rule).toBe('Must be 3–40 characters: lowercase letters, digits and hyphens; must not start with `svc-` or a hyphen, end with a hyphen or contain `--`');
    const short = applyPatch(d, setField(d, 's', ['name'], 'ab'));
    expect(validateDesign(short).find((i) => i.path === 'name')?.rule).toBe('Must be 3–40 characters: lowercase letters, digits and hyphens; must not start with `svc-` or a hyphen, end with a hyphen or contain `--`');
  });

  it('weights are 0 to 999 and rule priorities unique per listener', () => {
    let d = emptyDesign(APP, REGION);
    d = applyAll(d, [
      addRecord(d, { kind: 'service', spec: { name: 'svc' }, id: 's' }).patch,
      addRecord(d, { kind: 'targetGroup', spec: { name: 'tg', type: 'IP', config: { port: 80, protocol: 'HTTP', vpcIdentifier: VPC } }, id: 'tg' }).patch,
      addRecord(d, { kind: 'listener', spec: { serviceIdentifier: 's', name: 'http', protocol: 'HTTP', defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: 'tg', weight: 1000 }] } } }, id: 'l' }).patch,
      addRecord(d, { kind: 'rule', spec: { listenerIdentifier: 'l', name: 'one', priority: 5, match: { httpMatch: { method: 'GET' } }, action: { fixedResponse: { statusCode: 404 } } }, id: 'r1' }).patch,
      addRecord(d, { kind: 'rule', spec: { listenerIdentifier: 'l', name: 'two', priority: 5, match: { httpMatch: { method: 'POST' } }, action: { fixedResponse: { statusCode: 404 } } }, id: 'r2' }).patch,
    ]);
    const issues = validateDesign(d);
    expect(issues.find((i) => i.recordId === 'l' && i.path === 'defaultAction.forward.targetGroups[0].weight')?.rule).toBe('Member must have value less than or equal to 999');
    expect(issuesFor(issues, 'rule-priority-unique').map((i) => i.recordId).sort()).toEqual(['r1', 'r2']);
    expect(issues.filter((i) => i.severity === 'error' && i.code !== 'model' && i.code !== 'rule-priority-unique')).toEqual([]);
  });

  it('one service network per VPC, counting live associations', () => {
    const live = liveRecords(sampleTopology());
    let d = emptyDesign(APP, REGION);
    d = applyAll(d, [
      addRecord(d, { kind: 'serviceNetwork', spec: { name: 'second' }, id: 'sn2' }).patch,
      addRecord(d, { kind: 'serviceNetworkVpcAssociation', spec: { serviceNetworkIdentifier: 'sn2', vpcIdentifier: VPC }, id: 'a' }).patch,
    ]);
    const issues = issuesFor(validateDesign(d, { live }), 'one-network-per-vpc');
    expect(issues).toHaveLength(1);
    expect(issues[0].rule).toMatch(/only one service network/);
    // Without the live association the VPC joins one network: fine.
    expect(issuesFor(validateDesign(d), 'one-network-per-vpc')).toEqual([]);
  });

  it('a target group lives in its service account; listeners and rules respect quotas', () => {
    let d = emptyDesign(APP, REGION);
    d = applyAll(d, [
      addRecord(d, { kind: 'service', spec: { name: 'svc' }, id: 's' }).patch,
      addRecord(d, { kind: 'targetGroup', account: HUB, spec: { name: 'tg', type: 'IP', config: { port: 80, protocol: 'HTTP', vpcIdentifier: VPC } }, id: 'tg' }).patch,
      ...['a', 'b', 'c'].map((name) => addRecord(d, { kind: 'listener', spec: { serviceIdentifier: 's', name: `l-${name}`, protocol: 'HTTP', port: name.charCodeAt(0), defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: 'tg', weight: 1 }] } } }, id: `l${name}` }).patch),
    ]);
    const issues = validateDesign(d);
    expect(issuesFor(issues, 'tg-account')).toHaveLength(3);
    expect(issuesFor(issues, 'listener-quota').map((i) => i.recordId)).toEqual(['lc']);
  });

  it('a target group serves one service, counting live listeners', () => {
    const live = liveRecords(sampleTopology());
    let d = emptyDesign(APP, REGION);
    d = applyAll(d, [
      addRecord(d, { kind: 'service', spec: { name: 'billing' }, id: 's' }).patch,
      addRecord(d, { kind: 'listener', spec: { serviceIdentifier: 's', name: 'http', protocol: 'HTTP', defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: IDS.tgBlue, weight: 100 }] } } }, id: 'l' }).patch,
    ]);
    const issues = issuesFor(validateDesign(d, { live }), 'tg-one-service');
    expect(issues.map((i) => i.recordId)).toEqual(['l']);
    expect(issues[0].rule).toBe('A target group serves one service: this one is also used by orders.');
  });

  it('auth policies: valid JSON, at most 10 KB, and the templates pass', () => {
    let d = emptyDesign(APP, REGION);
    d = applyAll(d, [addRecord(d, { kind: 'service', spec: { name: 'svc', authType: 'AWS_IAM' }, id: 's' }).patch, addRecord(d, { kind: 'authPolicy', spec: { resourceIdentifier: 's', policy: '{"Version": ' }, id: 'p' }).patch]);
    expect(issuesFor(validateDesign(d), 'policy-json')[0].rule).toMatch(/valid JSON/);
    const big = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*', Sid: 'x'.repeat(11000) }] });
    expect(issuesFor(validateDesign(applyPatch(d, setField(d, 'p', ['policy'], big))), 'policy-size')[0].rule).toMatch(/at most 10 KB/);
    for (const t of POLICY_TEMPLATES) {
      const filled = applyPatch(d, setField(d, 'p', ['policy'], t.build({ region: REGION, account: APP, serviceId: 'svc-0123456789abcdef0' })));
      expect(validateDesign(filled).filter((i) => i.recordId === 'p')).toEqual([]);
    }
    const methodPath = JSON.parse(POLICY_TEMPLATES.find((t) => t.id === 'method-path')!.build({ region: REGION, account: APP, serviceId: 'svc-1' }));
    expect(methodPath.Statement[0].Condition.StringEquals['vpc-lattice-svcs:RequestMethod']).toEqual(['GET', 'POST']);
    expect(methodPath.Statement[1].Condition.StringNotLike['aws:PrincipalArn']).toHaveLength(1);
  });

  it('warns when a change can only be made by replacing the resource', () => {
    const live = liveRecords(sampleTopology());
    let d = applyPatch(emptyDesign(APP, REGION), importLive(emptyDesign(APP, REGION), live, [IDS.tgBlue]));
    d = applyPatch(d, setField(d, IDS.tgBlue, ['type'], 'INSTANCE'));
    const w = issuesFor(validateDesign(d, { live }), 'replaces');
    expect(w.map((i) => i.path)).toEqual(['type']);
    expect(w[0].severity).toBe('warning');
  });

  it('references must name a record of the right kind that was not deleted', () => {
    let d = emptyDesign(APP, REGION);
    d = applyAll(d, [
      addRecord(d, { kind: 'serviceNetwork', spec: { name: 'net' }, id: 'sn' }).patch,
      addRecord(d, { kind: 'serviceNetworkServiceAssociation', spec: { serviceNetworkIdentifier: 'sn' }, id: 'a' }).patch,
    ]);
    expect(issuesFor(validateDesign(d), 'ref-missing').map((i) => i.path)).toEqual(['serviceIdentifier']);
    d = applyPatch(d, setField(d, 'a', ['serviceIdentifier'], 'sn'));
    expect(issuesFor(validateDesign(d), 'ref-kind')[0].rule).toBe('Must name a service, not a service network.');
  });
});
