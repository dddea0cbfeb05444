import { describe, expect, it } from 'vitest';
import { mergeTopologies, type Topology, type TopologyNode } from '@/lib/topology';
import { applyFirstViewEvent, emptyFirstView, partialTopology } from './first-view';

const A = '111111111111';
const B = '222222222222';
const node = (account: string, name: string, extra: Partial<TopologyNode> = {}): TopologyNode =>
  ({ id: `arn:aws:vpc-lattice:us-east-1:${account}:service/${name}`, kind: 'service', name, account, region: 'us-east-1', seenBy: [account], tags: {}, ...extra }) as TopologyNode;

// A's network is associated with B's service: A sees B's service only as a reference until B is read.
const serviceOfB = node(B, 'svc-b');
const partA: Topology = {
  nodes: [node(A, 'svc-a'), { ...serviceOfB, external: true, seenBy: [A] } as TopologyNode],
  edges: [{ id: 'e-a', source: node(A, 'svc-a').id, target: serviceOfB.id, kind: 'serviceNetworkService' } as Topology['edges'][number], { id: 'e-gone', source: node(A, 'svc-a').id, target: 'arn:missing', kind: 'serviceNetworkService' } as Topology['edges'][number]],
  errors: [],
};
const partB: Topology = { nodes: [serviceOfB], edges: [], errors: [] };
const accounts = [
  { id: A, name: 'alpha', regions: ['us-east-1'] },
  { id: B, name: 'beta', regions: ['us-east-1', 'eu-west-1'] },
];

describe('first view drawn as accounts are read', () => {
  it('starts with every account still reading and nothing drawn', () => {
    const state = applyFirstViewEvent(emptyFirstView(), { type: 'start', accounts });
    const partial = partialTopology(state);
    expect(partial.nodes).toEqual([]);
    expect(partial.reading).toEqual([A, B]);
    expect(partial.snapshot).toBeNull();
  });

  it('merges the accounts that arrived; an account stays reading until every region is in', () => {
    let state = applyFirstViewEvent(emptyFirstView(), { type: 'start', accounts });
    state = applyFirstViewEvent(state, { type: 'account', account: A, region: 'us-east-1', topology: partA });
    let partial = partialTopology(state);
    expect(partial.reading).toEqual([B]);
    expect(partial.nodes.map((n) => n.name).sort()).toEqual(['svc-a', 'svc-b']);
    // An edge to a resource nobody has read yet is left out until it arrives.
    expect(partial.edges.map((e) => e.id)).toEqual(['e-a']);

    state = applyFirstViewEvent(state, { type: 'account', account: B, region: 'us-east-1', topology: partB });
    partial = partialTopology(state);
    expect(partial.reading).toEqual([B]);
    state = applyFirstViewEvent(state, { type: 'account', account: B, region: 'eu-west-1', topology: { nodes: [], edges: [], errors: [] } });
    partial = partialTopology(state);
    expect(partial.reading).toEqual([]);
    // Once its owner is read, B's service is B's own (no longer a reference), as in the full merge.
    const full = mergeTopologies([partA, partB]);
    expect(partial.nodes).toEqual(full.nodes);
    expect(partial.nodes.find((n) => n.name === 'svc-b')?.external).toBeFalsy();
  });

  it('arrival order does not change the result', () => {
    const start = applyFirstViewEvent(emptyFirstView(), { type: 'start', accounts });
    const events = [
      { type: 'account', account: A, region: 'us-east-1', topology: partA },
      { type: 'account', account: B, region: 'us-east-1', topology: partB },
    ] as const;
    const forward = partialTopology(events.reduce(applyFirstViewEvent, start));
    const backward = partialTopology([...events].reverse().reduce(applyFirstViewEvent, start));
    expect(backward.nodes).toEqual(forward.nodes);
    expect(backward.edges).toEqual(forward.edges);
  });

  it('progress and the final answer leave the partial state as it is', () => {
    const state = applyFirstViewEvent(emptyFirstView(), { type: 'start', accounts });
    expect(applyFirstViewEvent(state, { type: 'progress', account: A, region: 'us-east-1', state: 'running', calls: 3, attempts: 3, errors: 0 })).toBe(state);
  });
});
