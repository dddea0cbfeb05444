import { describe, expect, it } from 'vitest';
import {
  aggregateId,
  buildView,
  canvasAnchor,
  changeMarks,
  describeMatch,
  diffTopologies,
  diffIsEmpty,
  ec2Arn,
  filterFacets,
  filterFromSearchParams,
  filterToSearchParams,
  filterTopology,
  mergeTopologies,
  parseArn,
  relatedNodes,
  searchTopology,
  serviceDetail,
  statusClass,
  type Topology,
  type TopologyNode,
} from './index';
import { APP, DATA, HUB, IDS, REGION, sampleTopology } from './fixtures';

function nodeById(t: Topology, id: string): TopologyNode {
  const n = t.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
}

describe('parseArn', () => {
  it('reads account, region and resource id', () => {
    expect(parseArn(IDS.listener)).toMatchObject({ service: 'vpc-lattice', account: APP, region: REGION, resourceType: 'service', resourceId: 'listener-0http00000000001' });
    expect(parseArn('not-an-arn')).toBeUndefined();
  });
});

describe('statusClass', () => {
  it('folds every API vocabulary into one scale', () => {
    expect(statusClass('ACTIVE')).toBe('active');
    expect(statusClass('available')).toBe('active');
    expect(statusClass('HEALTHY')).toBe('active');
    expect(statusClass('CREATE_IN_PROGRESS')).toBe('pending');
    expect(statusClass('PendingAcceptance')).toBe('pending');
    expect(statusClass('PENDING')).toBe('pending');
    expect(statusClass('CREATE_FAILED')).toBe('failed');
    expect(statusClass('UNHEALTHY')).toBe('failed');
    expect(statusClass('EXPIRED')).toBe('inactive');
    expect(statusClass(undefined)).toBe('unknown');
  });
});

describe('mergeTopologies', () => {
  it('keeps a shared resource once, described by its owner, with every account that saw it', () => {
    const owner: Topology = {
      nodes: [{ id: IDS.sn, kind: 'serviceNetwork', account: HUB, region: REGION, name: 'shop-network', status: 'ACTIVE', tags: { team: 'network' }, seenBy: [HUB], description: { name: 'shop-network', authType: 'AWS_IAM' } }],
      edges: [],
      errors: [],
    };
    const consumer: Topology = {
      nodes: [{ id: IDS.sn, kind: 'serviceNetwork', account: HUB, region: REGION, name: 'shop-network', status: 'ACTIVE', tags: {}, seenBy: [APP], description: { name: 'shop-network' } }],
      edges: [],
      errors: [{ account: DATA, region: REGION, message: 'AccessDenied: not authorized to assume role' }],
    };
    for (const merged of [mergeTopologies([owner, consumer]), mergeTopologies([consumer, owner])]) {
      expect(merged.nodes).toHaveLength(1);
      const sn = merged.nodes[0];
      expect(sn.seenBy).toEqual([HUB, APP]);
      expect(sn.tags).toEqual({ team: 'network' });
      expect(sn.description.authType).toBe('AWS_IAM');
      expect(merged.errors).toHaveLength(1);
    }
  });

  it('replaces a referenced-only node with the real resource and repoints edges to a VPC seen by id', () => {
    const hubView: Topology = {
      nodes: [
        { id: IDS.sn, kind: 'serviceNetwork', account: HUB, region: REGION, name: 'sn', status: 'ACTIVE', tags: {}, seenBy: [HUB], description: {} },
        { id: 'vpc:vpc-0app000000000001', kind: 'vpc', account: '', region: REGION, name: 'vpc-0app000000000001', status: '', resourceId: 'vpc-0app000000000001', tags: {}, seenBy: [HUB], external: true, description: {} },
      ],
      edges: [{ id: IDS.snVpcAssoc, kind: 'serviceNetworkVpc', source: IDS.sn, target: 'vpc:vpc-0app000000000001', status: 'ACTIVE' }],
      errors: [],
    };
    const appView: Topology = {
      nodes: [{ id: IDS.appVpc, kind: 'vpc', account: APP, region: REGION, name: 'app-vpc', status: 'available', resourceId: 'vpc-0app000000000001', tags: {}, seenBy: [APP], description: { VpcId: 'vpc-0app000000000001' } }],
      edges: [],
      errors: [],
    };
    const merged = mergeTopologies([hubView, appView]);
    expect(merged.nodes.map((n) => n.id).sort()).toEqual([IDS.appVpc, IDS.sn].sort());
    expect(merged.edges[0].target).toBe(IDS.appVpc);
    expect(nodeById(merged, IDS.appVpc).seenBy).toEqual([APP]);
  });

  it('lets a described service win over the stub an association made of it, without counting the referrer as a consumer', () => {
    const stub: TopologyNode = { id: IDS.svc, kind: 'service', account: APP, region: REGION, name: 'orders', status: '', tags: {}, seenBy: [HUB], external: true, description: { serviceName: 'orders' } };
    const real = nodeById(sampleTopology(), IDS.svc);
    const merged = mergeTopologies([{ nodes: [stub], edges: [], errors: [] }, { nodes: [real], edges: [], errors: [] }]);
    expect(merged.nodes[0].external).toBeUndefined();
    expect(merged.nodes[0].status).toBe('ACTIVE');
    expect(merged.nodes[0].seenBy).toEqual([APP]);
  });
});

describe('searchTopology', () => {
  const t = sampleTopology();
  it('finds by name, exact before partial', () => {
    const hits = searchTopology(t.nodes, 'orders');
    expect(hits[0].node.id).toBe(IDS.svc);
    expect(hits.map((h) => h.node.name)).toContain('orders-blue');
  });
  it('finds by resource id, by ARN and by tag', () => {
    expect(searchTopology(t.nodes, 'svc-0orders0000000001')[0].node.id).toBe(IDS.svc);
    expect(searchTopology(t.nodes, IDS.rc)[0].node.id).toBe(IDS.rc);
    const byTag = searchTopology(t.nodes, 'team=network');
    expect(byTag).toHaveLength(1);
    expect(byTag[0]).toMatchObject({ field: 'tag', matched: 'team=network' });
  });
  it('returns nothing for a blank query', () => {
    expect(searchTopology(t.nodes, '  ')).toEqual([]);
  });
});

describe('filterTopology', () => {
  const t = sampleTopology();
  it('filters by account, counting consumers as members', () => {
    const f = filterTopology(t, { accounts: [HUB] });
    expect(f.nodes.map((n) => n.id).sort()).toEqual([IDS.rc, IDS.sn].sort());
    expect(f.edges.map((e) => e.id)).toEqual([IDS.snRcAssoc]);
  });
  it('filters by kind, status class and tag', () => {
    expect(filterTopology(t, { kinds: ['targetGroup'], statuses: ['pending'] }).nodes.map((n) => n.name)).toEqual(['orders-green']);
    expect(filterTopology(t, { tags: [{ key: 'team', value: 'orders' }] }).nodes.map((n) => n.name)).toEqual(['orders']);
    expect(filterTopology(t, { tags: [{ key: 'env' }] }).nodes).toHaveLength(2);
  });
  it('keeps errors whatever the filter', () => {
    const withError = { ...t, errors: [{ account: DATA, region: REGION, message: 'x' }] };
    expect(filterTopology(withError, { accounts: [APP] }).errors).toHaveLength(1);
  });
  it('round-trips through URL parameters and names the bad field', () => {
    const filter = { accounts: [APP], kinds: ['service' as const], statuses: ['failed' as const], tags: [{ key: 'team', value: 'a=b' }, { key: 'env' }] };
    expect(filterFromSearchParams(filterToSearchParams(filter))).toEqual(filter);
    expect(() => filterFromSearchParams(new URLSearchParams('kind=lambda'))).toThrow(/kind: "lambda"/);
    expect(() => filterFromSearchParams(new URLSearchParams('account=12'))).toThrow(/account/);
    expect(() => filterFromSearchParams(new URLSearchParams('status=green'))).toThrow(/status/);
  });
  it('offers facets read from the data', () => {
    const facets = filterFacets(t.nodes);
    expect(facets.accounts).toEqual([HUB, APP, DATA].sort());
    expect(facets.tagKeys).toEqual(['env', 'team']);
    expect(facets.statuses).toEqual(['active', 'pending', 'failed']);
  });
});

describe('diffTopologies', () => {
  it('reports added, removed and changed nodes and edges field by field', () => {
    const before = sampleTopology();
    const after = sampleTopology();
    after.nodes = after.nodes.filter((n) => n.id !== IDS.rg);
    after.edges = after.edges.filter((e) => e.source !== IDS.rg);
    const svc = nodeById(after, IDS.svc);
    svc.status = 'DELETE_IN_PROGRESS';
    svc.tags = { ...svc.tags, team: 'checkout' };
    const added: TopologyNode = { id: 'arn:aws:vpc-lattice:us-east-1:222222222222:service/svc-0new', kind: 'service', account: APP, region: REGION, name: 'new', status: 'CREATE_IN_PROGRESS', tags: {}, seenBy: [APP], description: {} };
    after.nodes.push(added);
    const d = diffTopologies(before, after);
    expect(d.addedNodes.map((n) => n.id)).toEqual([added.id]);
    expect(d.removedNodes.map((n) => n.id)).toEqual([IDS.rg]);
    expect(d.changedNodes).toHaveLength(1);
    expect(d.changedNodes[0].fields).toEqual([
      { path: 'status', before: 'ACTIVE', after: 'DELETE_IN_PROGRESS' },
      { path: 'tags.team', before: 'orders', after: 'checkout' },
    ]);
    expect(d.removedEdges).toHaveLength(1);
    const marks = changeMarks(d);
    expect(marks.get(added.id)).toBe('added');
    expect(marks.get(IDS.svc)).toBe('changed');
  });
  it('finds nothing between equal topologies, and ignores who looked', () => {
    const a = sampleTopology();
    const b = sampleTopology();
    b.nodes[0].seenBy = [HUB];
    expect(diffIsEmpty(diffTopologies(a, b))).toBe(true);
  });
  it('does not call resources of an account that failed to read "removed"', () => {
    const before = sampleTopology();
    const after = { ...sampleTopology(), errors: [{ account: DATA, region: REGION, message: 'AccessDenied' }] };
    after.nodes = after.nodes.filter((n) => n.account !== DATA);
    after.edges = after.edges.filter((e) => e.target !== IDS.rc && e.source !== IDS.rg);
    const d = diffTopologies(before, after);
    expect(d.removedNodes).toEqual([]);
    expect(d.removedEdges).toEqual([]);
    expect(d.unreadAccounts).toEqual([DATA]);
  });
  it('takes paths to ignore', () => {
    const a = sampleTopology();
    const b = sampleTopology();
    nodeById(b, IDS.svc).description.lastUpdatedAt = '2025-02-01T00:00:00Z';
    expect(diffTopologies(a, b).changedNodes).toHaveLength(1);
    expect(diffTopologies(a, b, { ignore: (p) => p.endsWith('lastUpdatedAt') }).changedNodes).toHaveLength(0);
  });
});

describe('buildView', () => {
  it('draws only top-level kinds and their associations', () => {
    const view = buildView(sampleTopology());
    expect(view.nodes.map((n) => n.kind).sort()).toEqual(['resourceConfiguration', 'resourceGateway', 'service', 'serviceNetwork', 'vpc', 'vpc'].sort());
    expect(view.edges.map((e) => e.kind).sort()).toEqual(['resourceGatewayResourceConfiguration', 'serviceNetworkResourceConfiguration', 'serviceNetworkService', 'serviceNetworkVpc']);
    expect(view.aggregated).toBe(false);
    expect(view.accounts[0]).toBe(HUB);
  });

  it('folds services into one box per account and service network past the budget, and opens one on request', () => {
    const t = sampleTopology();
    for (let i = 0; i < 30; i++) {
      const id = `arn:aws:vpc-lattice:us-east-1:${APP}:service/svc-extra${i}`;
      t.nodes.push({ id, kind: 'service', account: APP, region: REGION, name: `extra-${i}`, status: i === 0 ? 'CREATE_FAILED' : 'ACTIVE', tags: {}, seenBy: [APP], description: {} });
      t.edges.push({ id: `assoc-${i}`, kind: 'serviceNetworkService', source: IDS.sn, target: id, status: 'ACTIVE' });
    }
    const view = buildView(t, { maxNodes: 20 });
    expect(view.aggregated).toBe(true);
    expect(view.fullNodeCount).toBe(36);
    const agg = view.nodes.find((n) => n.id === aggregateId(APP, 'service', IDS.sn));
    expect(agg?.aggregate?.members).toHaveLength(31);
    expect(agg?.label).toBe('31 services in shop-network');
    expect(agg?.status).toBe('FAILED');
    const line = view.edges.find((e) => e.target === agg?.id);
    expect(line?.count).toBe(31);
    expect(view.nodes.length).toBeLessThan(20);

    const opened = buildView(t, { maxNodes: 20, expanded: new Set([agg!.id]) });
    expect(opened.nodes.filter((n) => n.kind === 'service')).toHaveLength(31);
  });
});

describe('serviceDetail', () => {
  it('lists listeners, rules by priority with matches, and target groups with weights and health', () => {
    const d = serviceDetail(sampleTopology(), IDS.svc)!;
    expect(d.listeners).toHaveLength(1);
    const [listener] = d.listeners;
    expect(listener.defaultAction).toEqual({
      type: 'forward',
      targets: [
        { targetGroup: IDS.tgBlue, name: 'orders-blue', weight: 90 },
        { targetGroup: IDS.tgGreen, name: 'orders-green', weight: 10 },
      ],
    });
    expect(listener.rules.map((r) => r.rule.name)).toEqual(['api', 'default']);
    expect(listener.rules[0].match).toBe('GET · path /api/* · x-env = prod');
    expect(listener.rules[0].action).toEqual({ type: 'forward', targets: [{ targetGroup: IDS.tgGreen, name: 'orders-green', weight: 100 }] });
    expect(d.targetGroups.map((g) => [g.targetGroup.name, g.health])).toEqual([
      ['orders-blue', { active: 1, failed: 1 }],
      ['orders-green', { pending: 1 }],
    ]);
  });
  it('describes fixed responses and absent matches', () => {
    expect(describeMatch(undefined)).toBe('any request');
    expect(describeMatch({ httpMatch: { pathMatch: { match: { exact: '/health' } } } })).toBe('path = /health');
  });
});

describe('canvasAnchor and relatedNodes', () => {
  const t = sampleTopology();
  it('finds the box that shows a nested resource', () => {
    expect(canvasAnchor(t, IDS.ruleApi)).toBe(IDS.svc);
    expect(canvasAnchor(t, IDS.tgBlue)).toBe(IDS.svc);
    expect(canvasAnchor(t, IDS.sn)).toBe(IDS.sn);
    expect(canvasAnchor(t, ec2Arn('aws', REGION, APP, 'vpc', 'vpc-missing'))).toBeUndefined();
  });
  it('lists neighbours both ways', () => {
    const related = relatedNodes(t, IDS.sn);
    expect(related.map((r) => [r.node.id, r.direction]).sort()).toEqual([
      [IDS.appVpc, 'out'],
      [IDS.rc, 'out'],
      [IDS.svc, 'out'],
    ].sort());
  });
});

describe('idle default VPCs', () => {
  it('leaves out default VPCs nothing in Lattice uses, and keeps them on request', () => {
    const t = sampleTopology();
    const idle = { ...t.nodes.find((n) => n.id === IDS.dataVpc)!, id: 'arn:aws:ec2:us-east-1:444444444444:vpc/vpc-default', resourceId: 'vpc-default', description: { IsDefault: true } };
    const usedDefault = { ...t.nodes.find((n) => n.id === IDS.appVpc)!, description: { IsDefault: true } };
    t.nodes = t.nodes.map((n) => (n.id === IDS.appVpc ? usedDefault : n));
    t.nodes.push(idle);
    const ids = buildView(t).nodes.map((n) => n.id);
    expect(ids).not.toContain(idle.id);
    expect(ids).toContain(IDS.appVpc);
    expect(ids).toContain(IDS.dataVpc);
    expect(buildView(t, { showIdleDefaultVpcs: true }).nodes.map((n) => n.id)).toContain(idle.id);
  });
});
