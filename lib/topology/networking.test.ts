import { describe, expect, it } from 'vitest';
import { endpointFacts, endpointServiceFacts, instanceFacts, principalAccount, shortServiceName, targetPointsAt } from './networking';
import { searchTopology } from './search';
import type { Topology, TopologyNode } from './types';

const A = '222222222222';
const P = '333333333333';
const node = (id: string, kind: TopologyNode['kind'], account: string, description: TopologyNode['description'], extra: Partial<TopologyNode> = {}): TopologyNode => ({
  id,
  kind,
  account,
  region: 'us-east-1',
  name: extra.name ?? id.split('/').pop()!,
  status: extra.status ?? 'available',
  tags: {},
  seenBy: [account],
  description,
  ...extra,
});
const SVC = `arn:aws:ec2:us-east-1:${P}:vpc-endpoint-service/vpce-svc-0pay`;
const EP = (id: string, account = A) => `arn:aws:ec2:us-east-1:${account}:vpc-endpoint/${id}`;
const TG = `arn:aws:vpc-lattice:us-east-1:${A}:targetgroup/tg-0a`;

const topology: Topology = {
  nodes: [
    node(`arn:aws:ec2:us-east-1:${A}:subnet/subnet-0a`, 'subnet', A, {}, { resourceId: 'subnet-0a', name: 'private-a' }),
    node(`arn:aws:ec2:us-east-1:${A}:security-group/sg-0a`, 'securityGroup', A, {}, { resourceId: 'sg-0a', name: 'clients' }),
    node(EP('vpce-0ok'), 'vpcEndpoint', A, { VpcEndpointType: 'Interface', ServiceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0pay', SubnetIds: ['subnet-0a', 'subnet-0zz'], Groups: [{ GroupId: 'sg-0a', GroupName: 'clients' }], DnsEntries: [{ DnsName: 'vpce-0ok.example' }], PrivateDnsEnabled: false }, { name: 'to-payments' }),
    node(EP('vpce-0wait'), 'vpcEndpoint', A, { VpcEndpointType: 'Interface' }, { name: 'waiting' }),
    node(EP('vpce-0no', '999999999999'), 'vpcEndpoint', '999999999999', { VpcEndpointType: 'Interface' }, { name: 'vpce-0no', external: true }),
    node(SVC, 'vpcEndpointService', P, {
      ServiceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0pay',
      ServiceType: [{ ServiceType: 'Interface' }],
      AcceptanceRequired: true,
      NetworkLoadBalancerArns: ['arn:aws:elasticloadbalancing:us-east-1:333333333333:loadbalancer/net/pay/1'],
      BaseEndpointDnsNames: ['vpce-svc-0pay.us-east-1.vpce.amazonaws.com'],
      AllowedPrincipals: [{ Principal: `arn:aws:iam::${A}:root`, PrincipalType: 'Account' }],
    }),
    node(`arn:aws:ec2:us-east-1:${A}:instance/i-0a`, 'instance', A, { InstanceType: 't3.medium', PrivateIpAddress: '10.0.1.10', SubnetId: 'subnet-0a', State: { Name: 'running' }, SecurityGroups: [{ GroupId: 'sg-0a' }] }, { status: 'running', resourceId: 'i-0a' }),
    node(TG, 'targetGroup', A, { type: 'INSTANCE' }),
    node(`${TG}#target/i-0a:80`, 'target', A, { id: 'i-0a', port: 80 }, { parent: TG, resourceId: 'i-0a' }),
    node(`${TG}#target/i-0b:80`, 'target', A, { id: 'i-0b', port: 80 }, { parent: TG, resourceId: 'i-0b' }),
  ],
  edges: [
    { id: 'c1', kind: 'vpcEndpointConnection', source: EP('vpce-0no', '999999999999'), target: SVC, status: 'rejected', account: '999999999999' },
    { id: 'c2', kind: 'vpcEndpointConnection', source: EP('vpce-0wait'), target: SVC, status: 'pendingAcceptance', account: A },
    { id: 'c3', kind: 'vpcEndpointConnection', source: EP('vpce-0ok'), target: SVC, status: 'available', account: A },
    { id: 't1', kind: 'targetResource', source: `${TG}#target/i-0a:80`, target: `arn:aws:ec2:us-east-1:${A}:instance/i-0a` },
  ],
  errors: [],
};
const get = (id: string) => topology.nodes.find((n) => n.id === id)!;

describe('networking facts', () => {
  it('reads an endpoint: type, service, subnets and groups resolved to their nodes, DNS, its connection', () => {
    const f = endpointFacts(topology, get(EP('vpce-0ok')));
    expect(f).toMatchObject({ type: 'Interface', serviceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0pay', dnsNames: ['vpce-0ok.example'], privateDns: false, routeTables: [] });
    expect(f.subnets.map((s) => [s.id, s.node?.name])).toEqual([['subnet-0a', 'private-a'], ['subnet-0zz', undefined]]);
    expect(f.securityGroups.map((s) => s.node?.name)).toEqual(['clients']);
    expect(f.connection).toMatchObject({ service: { id: SVC }, state: 'available' });
  });

  it('reads an endpoint service with its principals and connections, accepted first', () => {
    const f = endpointServiceFacts(topology, get(SVC));
    expect(f).toMatchObject({ types: ['Interface'], acceptanceRequired: true, allowedPrincipals: [{ principal: `arn:aws:iam::${A}:root`, type: 'Account' }] });
    expect(f.loadBalancers).toHaveLength(1);
    expect(f.connections.map((c) => [c.endpoint.name, c.account, c.state])).toEqual([
      ['to-payments', A, 'available'],
      ['waiting', A, 'pendingAcceptance'],
      ['vpce-0no', '999999999999', 'rejected'],
    ]);
    expect(principalAccount(`arn:aws:iam::${A}:root`)).toBe(A);
    expect(principalAccount('*')).toBeUndefined();
  });

  it('shortens service names', () => {
    expect(shortServiceName('com.amazonaws.us-east-1.s3')).toBe('s3');
    expect(shortServiceName('com.amazonaws.vpce.us-east-1.vpce-svc-0123abc')).toBe('vpce-svc-0123abc');
    expect(shortServiceName('aws.sagemaker.us-east-1.notebook')).toBe('aws.sagemaker.us-east-1.notebook');
  });

  it('reads an instance and what a target points at', () => {
    expect(instanceFacts(topology, get(`arn:aws:ec2:us-east-1:${A}:instance/i-0a`))).toMatchObject({ state: 'running', type: 't3.medium', privateIp: '10.0.1.10', subnet: { id: 'subnet-0a', node: { name: 'private-a' } } });
    expect(targetPointsAt(topology, get(`${TG}#target/i-0a:80`))).toMatchObject({ type: 'INSTANCE', reference: 'i-0a', node: { resourceId: 'i-0a' } });
    expect(targetPointsAt(topology, get(`${TG}#target/i-0b:80`))).toEqual({ type: 'INSTANCE', reference: 'i-0b' });
  });
});

describe('search of networking resources', () => {
  it('finds endpoints by service name and instances by private address', () => {
    expect(searchTopology(topology.nodes, 'vpce-svc-0pay').map((h) => h.node.name)).toEqual(expect.arrayContaining(['vpce-svc-0pay', 'to-payments']));
    expect(searchTopology(topology.nodes, '10.0.1.10').map((h) => h.node.resourceId)).toEqual(['i-0a']);
  });
});
