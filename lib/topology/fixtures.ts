// Small hand-built topologies for tests: a hub account sharing a service network, an
// application account with one service, a data account with a resource gateway.

import { accountPrincipalArn, ec2Arn, edgeKey, targetKey } from './arn';
import type { Topology, TopologyEdge, TopologyNode } from './types';

export const HUB = '111111111111';
export const APP = '222222222222';
export const DATA = '444444444444';
export const REGION = 'us-east-1';

const lattice = (account: string, resource: string) => `arn:aws:vpc-lattice:${REGION}:${account}:${resource}`;

export const IDS = {
  sn: lattice(HUB, 'servicenetwork/sn-0hub000000000001'),
  svc: lattice(APP, 'service/svc-0orders0000000001'),
  listener: lattice(APP, 'service/svc-0orders0000000001/listener/listener-0http00000000001'),
  ruleDefault: lattice(APP, 'service/svc-0orders0000000001/listener/listener-0http00000000001/rule/rule-0default000000001'),
  ruleApi: lattice(APP, 'service/svc-0orders0000000001/listener/listener-0http00000000001/rule/rule-0api0000000000001'),
  tgBlue: lattice(APP, 'targetgroup/tg-0blue00000000001'),
  tgGreen: lattice(APP, 'targetgroup/tg-0green0000000001'),
  appVpc: ec2Arn('aws', REGION, APP, 'vpc', 'vpc-0app000000000001'),
  dataVpc: ec2Arn('aws', REGION, DATA, 'vpc', 'vpc-0data00000000001'),
  rg: lattice(DATA, 'resourcegateway/rgw-0db00000000000001'),
  rc: lattice(DATA, 'resourceconfiguration/rcfg-0ordersdb000001'),
  snSvcAssoc: lattice(HUB, 'servicenetworkserviceassociation/snsa-0000000000000001'),
  snVpcAssoc: lattice(APP, 'servicenetworkvpcassociation/snva-0000000000000001'),
  snRcAssoc: lattice(HUB, 'servicenetworkresourceassociation/snra-0000000000000001'),
};

function node(partial: Partial<TopologyNode> & Pick<TopologyNode, 'id' | 'kind' | 'account' | 'name'>): TopologyNode {
  return { region: REGION, status: 'ACTIVE', tags: {}, seenBy: [partial.account], description: { arn: partial.id, name: partial.name }, ...partial };
}

function edge(partial: Partial<TopologyEdge> & Pick<TopologyEdge, 'kind' | 'source' | 'target'>): TopologyEdge {
  return { id: edgeKey(partial.kind, partial.source, partial.target), ...partial };
}

/** The estate as the three accounts see it together. */
export function sampleTopology(): Topology {
  const target = (tg: string, id: string, status: string) =>
    node({ id: targetKey(tg, id, 8080), kind: 'target', account: APP, name: `${id}:8080`, status, parent: tg, description: { id, port: 8080, status } });
  const nodes: TopologyNode[] = [
    node({ id: IDS.sn, kind: 'serviceNetwork', account: HUB, name: 'shop-network', resourceId: 'sn-0hub000000000001', seenBy: [HUB, APP], tags: { env: 'prod', team: 'network' } }),
    node({
      id: IDS.svc,
      kind: 'service',
      account: APP,
      name: 'orders',
      resourceId: 'svc-0orders0000000001',
      tags: { env: 'prod', team: 'orders' },
      description: { arn: IDS.svc, name: 'orders', authType: 'AWS_IAM', status: 'ACTIVE' },
      authPolicy: { state: 'Active', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' }] } },
    }),
    node({
      id: IDS.listener,
      kind: 'listener',
      account: APP,
      name: 'http-80',
      parent: IDS.svc,
      description: { name: 'http-80', port: 80, protocol: 'HTTP', defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: 'tg-0blue00000000001', weight: 90 }, { targetGroupIdentifier: 'tg-0green0000000001', weight: 10 }] } } },
    }),
    node({ id: IDS.ruleDefault, kind: 'rule', account: APP, name: 'default', parent: IDS.listener, description: { name: 'default', isDefault: true } }),
    node({
      id: IDS.ruleApi,
      kind: 'rule',
      account: APP,
      name: 'api',
      parent: IDS.listener,
      description: {
        name: 'api',
        isDefault: false,
        priority: 10,
        match: { httpMatch: { method: 'GET', pathMatch: { match: { prefix: '/api/' } }, headerMatches: [{ name: 'x-env', match: { exact: 'prod' } }] } },
        action: { forward: { targetGroups: [{ targetGroupIdentifier: 'tg-0green0000000001', weight: 100 }] } },
      },
    }),
    node({ id: IDS.tgBlue, kind: 'targetGroup', account: APP, name: 'orders-blue', description: { name: 'orders-blue', type: 'IP', port: 8080, serviceArns: [IDS.svc] } }),
    node({ id: IDS.tgGreen, kind: 'targetGroup', account: APP, name: 'orders-green', status: 'CREATE_IN_PROGRESS', description: { name: 'orders-green', type: 'IP', port: 8080, serviceArns: [IDS.svc] } }),
    target(IDS.tgBlue, '10.0.1.10', 'HEALTHY'),
    target(IDS.tgBlue, '10.0.1.11', 'UNHEALTHY'),
    target(IDS.tgGreen, '10.0.2.10', 'INITIAL'),
    node({ id: IDS.appVpc, kind: 'vpc', account: APP, name: 'app-vpc', resourceId: 'vpc-0app000000000001', status: 'available', description: { VpcId: 'vpc-0app000000000001', CidrBlock: '10.0.0.0/16' } }),
    node({ id: IDS.dataVpc, kind: 'vpc', account: DATA, name: 'data-vpc', resourceId: 'vpc-0data00000000001', status: 'available', description: { VpcId: 'vpc-0data00000000001' } }),
    node({ id: IDS.rg, kind: 'resourceGateway', account: DATA, name: 'db-gateway', resourceId: 'rgw-0db00000000000001' }),
    node({ id: IDS.rc, kind: 'resourceConfiguration', account: DATA, name: 'orders-db', resourceId: 'rcfg-0ordersdb000001', seenBy: [DATA, HUB], description: { type: 'SINGLE', portRanges: ['5432'] } }),
    node({ id: accountPrincipalArn('aws', APP), kind: 'principal', account: APP, name: APP, region: '' }),
  ];
  const edges: TopologyEdge[] = [
    edge({ id: IDS.snSvcAssoc, kind: 'serviceNetworkService', source: IDS.sn, target: IDS.svc, status: 'ACTIVE', account: HUB }),
    edge({ id: IDS.snVpcAssoc, kind: 'serviceNetworkVpc', source: IDS.sn, target: IDS.appVpc, status: 'ACTIVE', account: APP }),
    edge({ id: IDS.snRcAssoc, kind: 'serviceNetworkResourceConfiguration', source: IDS.sn, target: IDS.rc, status: 'ACTIVE', account: HUB }),
    edge({ kind: 'serviceListener', source: IDS.svc, target: IDS.listener }),
    edge({ kind: 'listenerRule', source: IDS.listener, target: IDS.ruleDefault }),
    edge({ kind: 'listenerRule', source: IDS.listener, target: IDS.ruleApi }),
    edge({ kind: 'forward', source: IDS.listener, target: IDS.tgBlue, weight: 90 }),
    edge({ kind: 'forward', source: IDS.listener, target: IDS.tgGreen, weight: 10 }),
    edge({ kind: 'forward', source: IDS.ruleApi, target: IDS.tgGreen, weight: 100 }),
    edge({ kind: 'resourceGatewayResourceConfiguration', source: IDS.rg, target: IDS.rc }),
  ];
  return { nodes, edges, errors: [], discoveredAt: '2025-01-01T00:00:00.000Z' };
}
