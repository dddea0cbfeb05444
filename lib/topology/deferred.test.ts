import { describe, expect, it } from 'vitest';
import { diffTopologies } from './diff';
import { mergeTopologies } from './merge';
import type { Topology, TopologyNode } from './types';

const node = (id: string, kind: TopologyNode['kind'], extra: Partial<TopologyNode> = {}): TopologyNode => ({ id, kind, account: '111111111111', region: 'us-east-1', name: id, status: 'ACTIVE', tags: {}, seenBy: ['111111111111'], description: {}, ...extra });
const svc = node('arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-1', 'service');
const sub = node('arn:aws:vpc-lattice:us-east-1:111111111111:accesslogsubscription/als-1', 'accessLogSubscription', { parent: svc.id });
const link = { id: `accessLog:${sub.id}->${svc.id}`, kind: 'accessLog' as const, source: sub.id, target: svc.id };

describe('kinds a fast discovery deferred', () => {
  it('are carried through a merge, once', () => {
    const a: Topology = { nodes: [svc], edges: [], errors: [], deferred: ['accessLogSubscription'] };
    const b: Topology = { nodes: [], edges: [], errors: [], deferred: ['accessLogSubscription'] };
    expect(mergeTopologies([a, b]).deferred).toEqual(['accessLogSubscription']);
    expect(mergeTopologies([{ nodes: [svc], edges: [], errors: [] }]).deferred).toBeUndefined();
  });

  it('are neither added nor removed between a fast snapshot and a full one, in either order', () => {
    const fast: Topology = { nodes: [svc], edges: [], errors: [], deferred: ['accessLogSubscription'] };
    const full: Topology = { nodes: [sub, svc], edges: [link], errors: [] };
    for (const [before, after] of [[fast, full], [full, fast]]) {
      const d = diffTopologies(before, after);
      expect([d.addedNodes, d.removedNodes, d.addedEdges, d.removedEdges]).toEqual([[], [], [], []]);
    }
  });

  it('still count as changes between two full snapshots', () => {
    const d = diffTopologies({ nodes: [svc], edges: [], errors: [] }, { nodes: [sub, svc], edges: [link], errors: [] });
    expect(d.addedNodes.map((n) => n.id)).toEqual([sub.id]);
    expect(d.addedEdges.map((e) => e.id)).toEqual([link.id]);
  });
});
