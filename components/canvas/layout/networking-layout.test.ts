import { describe, expect, it } from 'vitest';
import { buildView, type Topology, type TopologyNode } from '@/lib/topology';
import { gridLayout } from './grid-layout';
import { buildLayoutInput, orientEdge } from './layout-input';

const HUB = '111111111111';
const PROVIDER = '333333333333';
const CONSUMER = '222222222222';
const node = (id: string, kind: TopologyNode['kind'], account: string, name: string, description: TopologyNode['description'] = {}): TopologyNode => ({ id, kind, account, region: 'us-east-1', name, status: 'ACTIVE', tags: {}, seenBy: [account], description });
const SN = `arn:aws:vpc-lattice:us-east-1:${HUB}:servicenetwork/sn-0a`;
const SVC = `arn:aws:ec2:us-east-1:${PROVIDER}:vpc-endpoint-service/vpce-svc-0a`;
const PROVIDER_SN = `arn:aws:vpc-lattice:us-east-1:${PROVIDER}:servicenetwork/sn-0b`;
const EP = `arn:aws:ec2:us-east-1:${CONSUMER}:vpc-endpoint/vpce-0a`;
const S3 = `arn:aws:ec2:us-east-1:${CONSUMER}:vpc-endpoint/vpce-0s3`;

const topology: Topology = {
  nodes: [
    node(SN, 'serviceNetwork', HUB, 'shop'),
    node(PROVIDER_SN, 'serviceNetwork', PROVIDER, 'zeta'),
    node(SVC, 'vpcEndpointService', PROVIDER, 'ledger-export'),
    node(EP, 'vpcEndpoint', CONSUMER, 'to-ledger', { VpcEndpointType: 'Interface' }),
    node(S3, 'vpcEndpoint', CONSUMER, 's3', { VpcEndpointType: 'Gateway' }),
  ],
  edges: [{ id: 'conn', kind: 'vpcEndpointConnection', source: EP, target: SVC, status: 'pendingAcceptance', account: CONSUMER }],
  errors: [],
};

describe('networking boxes in the layout', () => {
  it('draws endpoints of every type and endpoint services, with their connections', () => {
    const view = buildView(topology);
    expect(view.nodes.map((n) => n.id).sort()).toEqual([EP, PROVIDER_SN, S3, SN, SVC].sort());
    expect(view.edges).toEqual([{ id: 'conn', kind: 'vpcEndpointConnection', source: EP, target: SVC, status: 'pendingAcceptance', account: CONSUMER, count: 1 }]);
  });

  it('puts an endpoint service in its owner account, in the providers column below its service networks, with consumers to its right', () => {
    const input = buildLayoutInput(buildView(topology), new Map());
    const box = (id: string) => input.boxes.find((b) => b.id === id)!;
    expect(box(SVC)).toMatchObject({ group: PROVIDER, column: 0 });
    expect(box(SVC).order > box(PROVIDER_SN).order).toBe(true);
    expect(orientEdge({ kind: 'vpcEndpointConnection', source: EP, target: SVC })).toEqual({ from: SVC, to: EP });
    const layout = gridLayout(input);
    expect(layout.positions[SVC].y).toBeGreaterThan(layout.positions[PROVIDER_SN].y);
    const inGroup = (id: string, group: string) => {
      const p = layout.positions[id];
      const g = layout.groups[group];
      return p.x >= g.x && p.y >= g.y && p.x <= g.x + g.width && p.y <= g.y + g.height;
    };
    expect(inGroup(SVC, PROVIDER)).toBe(true);
    expect(inGroup(EP, CONSUMER)).toBe(true);
  });
});
