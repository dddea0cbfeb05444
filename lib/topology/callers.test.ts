import { describe, expect, it } from 'vitest';
import { addCallers, callersGroupId, CALLERS_FOLDED_PAST } from './callers';
import { buildView } from './view';
import type { Topology, TopologyNode } from './types';

const svc = (n: number): TopologyNode => ({ id: `arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-${n}`, kind: 'service', account: '111111111111', region: 'us-east-1', name: `svc-${n}`, status: 'ACTIVE', tags: {}, seenBy: ['111111111111'], description: {} });
const role = (name: string, account = '222222222222'): TopologyNode => ({ id: `arn:aws:iam::${account}:role/${name}`, kind: 'iamRole', account, region: '', name, status: 'ACTIVE', tags: {}, seenBy: [account], description: {}, identityPolicies: [] });

function estate(roleCount: number): Topology {
  const roles = Array.from({ length: roleCount }, (_, i) => role(`caller-${i}`));
  const services = [svc(1), svc(2)];
  return {
    nodes: [...services, ...roles],
    edges: roles.flatMap((r) => services.map((s) => ({ id: `callerService:${r.id}->${s.id}`, kind: 'callerService' as const, source: r.id, target: s.id }))),
    errors: [],
  };
}

describe('callers on the canvas', () => {
  it('draws each caller role in its account with a line to each service it may call', () => {
    const t = estate(2);
    const view = addCallers(buildView(t), t);
    expect(view.nodes.filter((n) => n.kind === 'iamRole').map((n) => n.label)).toEqual(['caller-0', 'caller-1']);
    expect(view.edges.filter((e) => e.kind === 'callerService')).toHaveLength(4);
    expect(view.accounts).toEqual(['111111111111', '222222222222']);
  });

  it('folds an account’s callers into one box past a handful, or when asked, and opens them again', () => {
    const many = estate(CALLERS_FOLDED_PAST + 1);
    const folded = addCallers(buildView(many), many);
    const group = folded.nodes.find((n) => n.id === callersGroupId('222222222222'))!;
    expect(group.aggregate).toMatchObject({ kind: 'iamRole', members: expect.arrayContaining([`arn:aws:iam::222222222222:role/caller-0`]) });
    expect(group.label).toBe(`${CALLERS_FOLDED_PAST + 1} callers`);
    expect(folded.edges.filter((e) => e.kind === 'callerService').map((e) => e.count)).toEqual([CALLERS_FOLDED_PAST + 1, CALLERS_FOLDED_PAST + 1]);
    expect(addCallers(buildView(many), many, { opened: new Set(['222222222222']) }).nodes.filter((n) => n.kind === 'iamRole')).toHaveLength(CALLERS_FOLDED_PAST + 1);
    const few = estate(1);
    expect(addCallers(buildView(few), few, { folded: new Set(['222222222222']) }).nodes.some((n) => n.id === callersGroupId('222222222222'))).toBe(true);
  });

  it('leaves out roles whose services are not on the canvas', () => {
    const t = estate(1);
    t.nodes = t.nodes.filter((n) => n.kind !== 'service');
    expect(addCallers(buildView(t), t).nodes).toEqual([]);
  });
});
