import { describe, expect, it } from 'vitest';
import { loadModel } from '@/lib/models/loader';
import { APP, REGION } from '../fixtures';
import { addRecords, applyPatch, emptyDesign, setTargetGroupType, TARGET_GROUP_CONFIG_SUPPORT, TARGET_GROUP_TYPES } from './index';

describe('target group type', () => {
  it('the support table is what the model documents for each TargetGroupConfig member', () => {
    const members = loadModel('vpc-lattice').shapes.TargetGroupConfig.members!;
    expect(Object.keys(TARGET_GROUP_CONFIG_SUPPORT).sort()).toEqual(Object.keys(members).sort());
    for (const [name, ref] of Object.entries(members)) {
      const doc = (ref as { documentation?: string }).documentation ?? '';
      const notFor = [...(/Not supported if the target group type is (.*?)\./.exec(doc)?.[1] ?? '').matchAll(/<code>(\w+)<\/code>/g)].map((m) => m[1]);
      const onlyFor = [...(/Supported only if the target group type is (.*?)\./.exec(doc)?.[1] ?? '').matchAll(/<code>(\w+)<\/code>/g)].map((m) => m[1]);
      const expected = onlyFor.length ? onlyFor : TARGET_GROUP_TYPES.filter((t) => !notFor.includes(t));
      expect([...TARGET_GROUP_CONFIG_SUPPORT[name]].sort(), name).toEqual([...expected].sort());
    }
  });

  it('changing the type clears the fields the new type does not take, in the group and its targets', () => {
    let d = emptyDesign(APP, REGION);
    let n = 0;
    const { patch } = addRecords(
      d,
      [
        { kind: 'targetGroup', id: 'tg', spec: { name: 'orders', type: 'IP', config: { port: 80, protocol: 'HTTP', vpcIdentifier: 'vpc-0app000000000001', ipAddressType: 'IPV4', healthCheck: { enabled: true } } } },
        { kind: 'target', id: 't1', spec: { targetGroupIdentifier: 'tg', id: '10.0.0.5', port: 8080 } },
      ],
      { newId: () => `n${++n}` },
    );
    d = applyPatch(d, patch);
    const toLambda = applyPatch(d, setTargetGroupType(d, 'tg', 'LAMBDA'));
    expect(toLambda.records.tg.spec).toEqual({ name: 'orders', type: 'LAMBDA' });
    expect(toLambda.records.t1.spec).toEqual({ targetGroupIdentifier: 'tg' });

    const toAlb = applyPatch(d, setTargetGroupType(d, 'tg', 'ALB'));
    expect(toAlb.records.tg.spec).toEqual({ name: 'orders', type: 'ALB', config: { port: 80, protocol: 'HTTP', vpcIdentifier: 'vpc-0app000000000001' } });
    expect(toAlb.records.t1.spec).toEqual({ targetGroupIdentifier: 'tg', port: 8080 });

    const same = setTargetGroupType(d, 'tg', 'IP');
    expect(same.changes).toHaveLength(1);
    expect(applyPatch(d, same).records.tg.spec).toEqual(d.records.tg.spec);
  });
});
