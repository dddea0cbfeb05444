import { describe, expect, it } from 'vitest';
import { planMarkdown, showValue } from './markdown';
import type { PlanOperation } from './types';

const base = { region: 'us-east-1', service: 'vpc-lattice' as const, input: {}, dependsOn: [], changes: [] };
const ops: PlanOperation[] = [
  { ...base, id: 'op-001', action: 'create', kind: 'service', key: 'service:orders', label: 'service orders', account: '111111111111', call: 'CreateService', changes: [{ path: 'name', after: 'orders' }, { path: 'authType', after: 'AWS_IAM' }] },
  { ...base, id: 'op-002', action: 'update', kind: 'listener', key: 'listener:orders/https', label: 'listener https-443 of orders', account: '111111111111', call: 'UpdateListener', changes: [{ path: 'defaultAction.forward.targetGroups.0.weight', before: 100, after: 80 }] },
  { ...base, id: 'op-003', action: 'delete', kind: 'service', key: 'service:legacy', label: 'service legacy', account: '222222222222', call: 'DeleteService', changes: [{ path: 'name', before: 'legacy' }], consequence: 'Callers of legacy lose their route.' },
  { ...base, id: 'op-004', action: 'create', replacement: true, kind: 'targetGroup', key: 'tg:x', label: 'target group `x`', account: '111111111111', call: 'CreateTargetGroup' },
];
const plan = {
  id: '0f3c9a2e-1111-2222-3333-444455556666',
  designName: 'retail | checkout',
  designVersion: 3,
  status: 'planned',
  createdBy: 'alice',
  createdAt: '2026-12-03T10:15:42.000Z',
  summary: { create: 1, update: 1, replace: 1, delete: 1, associate: 0, disassociate: 0, putPolicy: 0, deletePolicy: 0 },
  warnings: ['An association in another account blocks deleting legacy.'],
};

describe('plan as Markdown', () => {
  const md = planMarkdown({ plan, operations: ops, accountNames: { '111111111111': 'storefront' }, url: 'https://trellis.example/plans/0f3c9a2e' });

  it('starts with the plan, its design and the totals line terraform shows', () => {
    expect(md).toContain('### Trellis plan [`0f3c9a2e`](https://trellis.example/plans/0f3c9a2e): retail \\| checkout, version 3');
    expect(md).toContain('**Plan:** 1 to add, 1 to change, 1 to replace, 1 to destroy (4 API calls).');
    expect(md).toContain('Computed by alice at 2026-12-03 10:15 UTC · status: planned');
  });

  it('calls out destructive operations with their consequence, and the warnings', () => {
    expect(md).toMatch(/> \[!WARNING\]\n> 1 destructive operation:\n> - \*\*destroy\*\* service legacy in `222222222222`: Callers of legacy lose their route\./);
    expect(md).toContain('- An association in another account blocks deleting legacy.');
  });

  it('lists each account’s operations in a diff block with symbols, calls and field changes', () => {
    const storefront = md.slice(md.indexOf('#### storefront (`111111111111`) · us-east-1'), md.indexOf('#### `222222222222`'));
    expect(storefront).toContain('```diff\n+ service orders  # create: vpc-lattice CreateService\n+     name = "orders"\n+     authType = "AWS_IAM"\n~ listener https-443 of orders  # update in place: vpc-lattice UpdateListener\n~     defaultAction.forward.targetGroups.0.weight = 100 -> 80\n');
    expect(storefront).toContain('-/+ target group `x`  # replace (create): vpc-lattice CreateTargetGroup');
    const other = md.slice(md.indexOf('#### `222222222222`'));
    expect(other).toContain('- service legacy  # destroy: vpc-lattice DeleteService\n-     name = "legacy"\n!     Callers of legacy lose their route.');
  });

  it('says so when there is nothing to change, and keeps long values short', () => {
    const empty = planMarkdown({ plan: { ...plan, warnings: [], summary: { ...plan.summary, create: 0, update: 0, replace: 0, delete: 0 } }, operations: [] });
    expect(empty).toContain('**No changes.** The live estate matches the design.');
    expect(empty).not.toContain('```');
    expect(showValue('x'.repeat(300))).toHaveLength(120);
    expect(showValue(undefined)).toBe('(none)');
  });

  it('uses a longer fence when a value holds backticks', () => {
    const tricky = planMarkdown({ plan, operations: [{ ...ops[0], changes: [{ path: 'description', after: 'a ``` b' }] }] });
    expect(tricky).toContain('````diff');
  });
});
