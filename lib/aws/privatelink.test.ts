import type { State } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { mergeTopologies, targetKey, type Topology } from '@/lib/topology';
import { emptyLatticeDetails, type LatticeDetails, type LatticeLists } from './lattice';
import { emptyPrivateLink, type PrivateLinkInventory } from './privatelink';
import { inventoryToTopology, type AccountInventory } from './reshape';

const REGION = 'us-east-1';
const PROVIDER = '333333333333';
const CONSUMER = '222222222222';
const OUTSIDER = '999999999999';
const ec2 = (account: string, resource: string) => `arn:aws:ec2:${REGION}:${account}:${resource}`;
const SERVICE = ec2(PROVIDER, 'vpc-endpoint-service/vpce-svc-0pay');
const SERVICE_NAME = `com.amazonaws.vpce.${REGION}.vpce-svc-0pay`;
const meta = { $metadata: {} };
/** EC2 answers endpoint states in lower camel case (`available`, `pendingAcceptance`), not in the model enum's capitals. */
const state = (s: string) => s as State;

function inventory(account: string, partial: { lattice?: Partial<LatticeLists>; details?: Partial<LatticeDetails>; ec2?: Partial<AccountInventory['ec2']>; privateLink?: Partial<PrivateLinkInventory> }): AccountInventory {
  return {
    account,
    region: REGION,
    lattice: { serviceNetworks: [], services: [], targetGroups: [], resourceGateways: [], resourceConfigurations: [], failed: [], ...partial.lattice },
    details: { ...emptyLatticeDetails(), ...partial.details },
    ram: { shares: [], principalAssociations: [], resourceAssociations: [], invitations: [], failed: [] },
    ec2: { vpcs: [], subnets: [], securityGroups: [], vpcEndpoints: [], instances: [], failed: [], ...partial.ec2 },
    privateLink: { ...emptyPrivateLink(), ...partial.privateLink },
  };
}

function provider(): AccountInventory {
  return inventory(PROVIDER, {
    privateLink: {
      serviceConfigurations: [
        {
          ServiceId: 'vpce-svc-0pay',
          ServiceName: SERVICE_NAME,
          ServiceType: [{ ServiceType: 'Interface' }],
          ServiceState: 'Available',
          AcceptanceRequired: true,
          NetworkLoadBalancerArns: [`arn:aws:elasticloadbalancing:${REGION}:${PROVIDER}:loadbalancer/net/payments-nlb/0abc`],
          Tags: [{ Key: 'Name', Value: 'payments-api' }],
        },
      ],
      permissions: new Map([['vpce-svc-0pay', [{ Principal: `arn:aws:iam::${CONSUMER}:root`, PrincipalType: 'Account', ServicePermissionId: 'vpce-svc-perm-0a' }]]]),
      connections: [
        { ServiceId: 'vpce-svc-0pay', VpcEndpointId: 'vpce-0accepted', VpcEndpointOwner: CONSUMER, VpcEndpointState: state('available'), CreationTimestamp: new Date('2026-01-01T00:00:00Z') },
        { ServiceId: 'vpce-svc-0pay', VpcEndpointId: 'vpce-0pending', VpcEndpointOwner: CONSUMER, VpcEndpointState: state('pendingAcceptance') },
        { ServiceId: 'vpce-svc-0pay', VpcEndpointId: 'vpce-0rejected', VpcEndpointOwner: OUTSIDER, VpcEndpointState: state('rejected') },
      ],
    },
  });
}

function consumer(): AccountInventory {
  return inventory(CONSUMER, {
    ec2: {
      vpcs: [{ VpcId: 'vpc-0sf', OwnerId: CONSUMER, State: 'available', CidrBlock: '10.1.0.0/16' }],
      vpcEndpoints: [
        { VpcEndpointId: 'vpce-0accepted', VpcEndpointType: 'Interface', VpcId: 'vpc-0sf', OwnerId: CONSUMER, State: state('available'), ServiceName: SERVICE_NAME, SubnetIds: ['subnet-0a', 'subnet-0b'], Groups: [{ GroupId: 'sg-0a', GroupName: 'clients' }], DnsEntries: [{ DnsName: 'vpce-0accepted-x.vpce-svc-0pay.us-east-1.vpce.amazonaws.com' }], Tags: [{ Key: 'Name', Value: 'to-payments' }] },
        { VpcEndpointId: 'vpce-0pending', VpcEndpointType: 'Interface', VpcId: 'vpc-0sf', OwnerId: CONSUMER, State: state('pendingAcceptance'), ServiceName: SERVICE_NAME },
        { VpcEndpointId: 'vpce-0s3', VpcEndpointType: 'Gateway', VpcId: 'vpc-0sf', OwnerId: CONSUMER, State: state('available'), ServiceName: `com.amazonaws.${REGION}.s3`, RouteTableIds: ['rtb-0a'] },
        { VpcEndpointId: 'vpce-0gwlb', VpcEndpointType: 'GatewayLoadBalancer', VpcId: 'vpc-0sf', OwnerId: CONSUMER, State: state('available'), ServiceName: `com.amazonaws.vpce.${REGION}.vpce-svc-0fw` },
        { VpcEndpointId: 'vpce-0db', VpcEndpointType: 'Resource', VpcId: 'vpc-0sf', OwnerId: CONSUMER, State: state('available'), ResourceConfigurationArn: `arn:aws:vpc-lattice:${REGION}:444444444444:resourceconfiguration/rcfg-0db` },
      ],
    },
  });
}

const edges = (t: Topology, kind: string) => t.edges.filter((e) => e.kind === kind).map((e) => [e.source, e.target, e.status]);

describe('PrivateLink reshape', () => {
  it('makes an endpoint service node with its configuration and allowed principals', () => {
    const t = inventoryToTopology(provider());
    const svc = t.nodes.find((n) => n.id === SERVICE)!;
    expect(svc).toMatchObject({ kind: 'vpcEndpointService', account: PROVIDER, name: 'payments-api', status: 'Available', resourceId: 'vpce-svc-0pay', tags: { Name: 'payments-api' } });
    expect(svc.description).toMatchObject({ ServiceName: SERVICE_NAME, AcceptanceRequired: true, ServiceType: [{ ServiceType: 'Interface' }] });
    expect(svc.description.AllowedPrincipals).toEqual([{ Principal: `arn:aws:iam::${CONSUMER}:root`, PrincipalType: 'Account', ServicePermissionId: 'vpce-svc-perm-0a' }]);
  });

  it('draws every connection from the consumer endpoint to the service, with its state, across accounts', () => {
    const t = inventoryToTopology(provider());
    const ep = (account: string, id: string) => ec2(account, `vpc-endpoint/${id}`);
    expect(edges(t, 'vpcEndpointConnection')).toEqual([
      [ep(CONSUMER, 'vpce-0accepted'), SERVICE, 'available'],
      [ep(CONSUMER, 'vpce-0pending'), SERVICE, 'pendingAcceptance'],
      [ep(OUTSIDER, 'vpce-0rejected'), SERVICE, 'rejected'],
    ]);
    const conn = t.edges.find((e) => e.source === ep(CONSUMER, 'vpce-0accepted'))!;
    expect(conn).toMatchObject({ account: CONSUMER, description: { VpcEndpointState: state('available'), CreationTimestamp: '2026-01-01T00:00:00.000Z' } });
    // The provider does not read the consumers: their endpoints are references until merged.
    const stub = t.nodes.find((n) => n.id === ep(OUTSIDER, 'vpce-0rejected'))!;
    expect(stub).toMatchObject({ kind: 'vpcEndpoint', account: OUTSIDER, external: true, status: 'rejected', description: { VpcEndpointType: 'Interface', ServiceName: SERVICE_NAME } });

    const merged = mergeTopologies([t, inventoryToTopology(consumer())]);
    const accepted = merged.nodes.find((n) => n.id === ep(CONSUMER, 'vpce-0accepted'))!;
    expect(accepted).toMatchObject({ name: 'to-payments', seenBy: [CONSUMER] });
    expect(accepted.external).toBeUndefined();
    expect(accepted.description).toMatchObject({ SubnetIds: ['subnet-0a', 'subnet-0b'], Groups: [{ GroupId: 'sg-0a', GroupName: 'clients' }] });
    expect(merged.edges.filter((e) => e.kind === 'vpcEndpointConnection')).toHaveLength(3);
  });

  it('keeps every endpoint type with its service name, and links Resource endpoints to their configuration', () => {
    const t = inventoryToTopology(consumer());
    const eps = t.nodes.filter((n) => n.kind === 'vpcEndpoint');
    expect(eps.map((n) => [n.resourceId, n.description.VpcEndpointType]).sort()).toEqual([
      ['vpce-0accepted', 'Interface'],
      ['vpce-0db', 'Resource'],
      ['vpce-0gwlb', 'GatewayLoadBalancer'],
      ['vpce-0pending', 'Interface'],
      ['vpce-0s3', 'Gateway'],
    ]);
    expect(t.nodes.find((n) => n.resourceId === 'vpce-0s3')?.description).toMatchObject({ ServiceName: `com.amazonaws.${REGION}.s3`, RouteTableIds: ['rtb-0a'] });
    const rc = `arn:aws:vpc-lattice:${REGION}:444444444444:resourceconfiguration/rcfg-0db`;
    expect(edges(t, 'vpcEndpointResourceConfiguration')).toEqual([[ec2(CONSUMER, 'vpc-endpoint/vpce-0db'), rc, 'available']]);
    expect(t.nodes.find((n) => n.id === rc)).toMatchObject({ kind: 'resourceConfiguration', external: true, account: '444444444444' });
    expect(edges(t, 'vpcEndpointVpc')).toHaveLength(5);
    // Nothing connects from the consumer's side alone: the provider's connections make those edges.
    expect(edges(t, 'vpcEndpointConnection')).toEqual([]);
  });
});

describe('target resources', () => {
  const APP = CONSUMER;
  const tg = (name: string) => `arn:aws:vpc-lattice:${REGION}:${APP}:targetgroup/tg-${name}`;
  const FN = `arn:aws:lambda:${REGION}:${APP}:function:resize-images`;
  const ALB = `arn:aws:elasticloadbalancing:${REGION}:${APP}:loadbalancer/app/web/0abc`;
  const instance = (id: string) => ec2(APP, `instance/${id}`);
  function app(): AccountInventory {
    return inventory(APP, {
      lattice: {
        targetGroups: [
          { arn: tg('inst'), id: 'tg-inst', name: 'fleet', type: 'INSTANCE', vpcIdentifier: 'vpc-0app' },
          { arn: tg('ip'), id: 'tg-ip', name: 'ips', type: 'IP', vpcIdentifier: 'vpc-0app' },
          { arn: tg('fn'), id: 'tg-fn', name: 'fn', type: 'LAMBDA' },
          { arn: tg('alb'), id: 'tg-alb', name: 'alb', type: 'ALB', vpcIdentifier: 'vpc-0app' },
        ],
      },
      details: {
        targetGroups: new Map([[tg('inst'), { ...meta, arn: tg('inst'), type: 'INSTANCE', config: { vpcIdentifier: 'vpc-0app', port: 8080 } }]]),
        targets: new Map([
          [tg('inst'), [{ id: 'i-0a', port: 8080, status: 'HEALTHY' }, { id: 'i-0gone', port: 8080, status: 'UNAVAILABLE' }]],
          [tg('ip'), [{ id: '10.0.1.20', port: 443, status: 'HEALTHY' }, { id: '10.0.9.9', port: 443, status: 'HEALTHY' }]],
          [tg('fn'), [{ id: FN, status: 'HEALTHY' }]],
          [tg('alb'), [{ id: ALB, port: 80, status: 'HEALTHY' }]],
        ]),
      },
      ec2: {
        vpcs: [{ VpcId: 'vpc-0app', OwnerId: APP, State: 'available' }],
        instances: [
          { InstanceId: 'i-0a', OwnerId: APP, VpcId: 'vpc-0app', SubnetId: 'subnet-0a', InstanceType: 't3.medium', PrivateIpAddress: '10.0.1.10', State: { Name: 'running', Code: 16 }, Tags: [{ Key: 'Name', Value: 'orders-1' }] },
          { InstanceId: 'i-0b', OwnerId: APP, VpcId: 'vpc-0app', InstanceType: 't3.small', PrivateIpAddress: '10.0.1.11', NetworkInterfaces: [{ PrivateIpAddresses: [{ PrivateIpAddress: '10.0.1.11' }, { PrivateIpAddress: '10.0.1.20' }] }], State: { Name: 'stopped', Code: 80 } },
        ],
      },
    });
  }

  it('makes instance nodes inside their VPC with state, type and private IP', () => {
    const t = inventoryToTopology(app());
    const i = t.nodes.find((n) => n.id === instance('i-0a'))!;
    expect(i).toMatchObject({ kind: 'instance', name: 'orders-1', status: 'running', parent: ec2(APP, 'vpc/vpc-0app'), resourceId: 'i-0a' });
    expect(i.description).toMatchObject({ InstanceType: 't3.medium', PrivateIpAddress: '10.0.1.10', State: { Name: 'running' } });
  });

  it('points INSTANCE targets at their instance, IP targets at the instance holding the address, LAMBDA targets at the function', () => {
    const t = inventoryToTopology(app());
    expect(edges(t, 'targetResource')).toEqual(
      expect.arrayContaining([
        [targetKey(tg('inst'), 'i-0a', 8080), instance('i-0a'), undefined],
        [targetKey(tg('inst'), 'i-0gone', 8080), instance('i-0gone'), undefined],
        [targetKey(tg('ip'), '10.0.1.20', 443), instance('i-0b'), undefined],
        [targetKey(tg('fn'), FN), FN, undefined],
      ]),
    );
    // An address no instance in the VPC holds, and an ALB, point at nothing Trellis draws.
    expect(edges(t, 'targetResource')).toHaveLength(4);
    expect(t.nodes.find((n) => n.id === instance('i-0gone'))).toMatchObject({ external: true, kind: 'instance' });
    expect(t.nodes.find((n) => n.id === FN)).toMatchObject({ kind: 'lambdaFunction', name: 'resize-images', account: APP, external: true });
  });
});
