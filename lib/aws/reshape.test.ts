import { describe, expect, it } from 'vitest';
import { mergeTopologies, serviceDetail, targetKey } from '@/lib/topology';
import { emptyLatticeDetails, type LatticeDetails, type LatticeLists } from './lattice';
import { emptyPrivateLink } from './privatelink';
import { inventoryToTopology, type AccountInventory } from './reshape';

const REGION = 'us-east-1';
const HUB = '111111111111';
const APP = '222222222222';
const arn = (account: string, resource: string) => `arn:aws:vpc-lattice:${REGION}:${account}:${resource}`;
const SN = arn(HUB, 'servicenetwork/sn-0a');
const SVC = arn(APP, 'service/svc-0a');
const LISTENER = `${SVC}/listener/listener-0a`;
const RULE_DEFAULT = `${LISTENER}/rule/rule-0default`;
const RULE_API = `${LISTENER}/rule/rule-0api`;
const TG = arn(APP, 'targetgroup/tg-0a');
const created = new Date('2025-01-01T00:00:00Z');

function lists(partial: Partial<LatticeLists> = {}): LatticeLists {
  return { serviceNetworks: [], services: [], targetGroups: [], resourceGateways: [], resourceConfigurations: [], failed: [], ...partial };
}

function inventory(account: string, partial: { lattice?: Partial<LatticeLists>; details?: Partial<LatticeDetails>; ec2?: Partial<AccountInventory['ec2']>; ram?: Partial<AccountInventory['ram']> }): AccountInventory {
  return {
    account,
    region: REGION,
    lattice: lists(partial.lattice),
    details: { ...emptyLatticeDetails(), ...partial.details },
    ram: { shares: [], principalAssociations: [], resourceAssociations: [], invitations: [], failed: [], ...partial.ram },
    ec2: { vpcs: [], subnets: [], securityGroups: [], vpcEndpoints: [], instances: [], failed: [], ...partial.ec2 },
    privateLink: emptyPrivateLink(),
  };
}

const meta = { $metadata: {} };

function appInventory(): AccountInventory {
  return inventory(APP, {
    lattice: {
      serviceNetworks: [{ arn: SN, id: 'sn-0a', name: 'shop' }],
      services: [{ arn: SVC, id: 'svc-0a', name: 'orders', status: 'ACTIVE', createdAt: created }],
      targetGroups: [{ arn: TG, id: 'tg-0a', name: 'orders-tg', status: 'ACTIVE', vpcIdentifier: 'vpc-0app', serviceArns: [SVC], port: 8080 }],
    },
    details: {
      services: new Map([[SVC, { ...meta, arn: SVC, name: 'orders', authType: 'AWS_IAM', status: 'ACTIVE' }]]),
      authPolicies: new Map([[SVC, { ...meta, state: 'Active', policy: '{"Statement":[{"Effect":"Allow"}]}' }]]),
      listeners: new Map([
        [
          SVC,
          [
            {
              summary: { arn: LISTENER, id: 'listener-0a', name: 'http', port: 80, protocol: 'HTTP' },
              detail: { ...meta, arn: LISTENER, defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: 'tg-0a', weight: 100 }] } } },
              rules: [
                { summary: { arn: RULE_DEFAULT, name: 'default', isDefault: true } },
                {
                  summary: { arn: RULE_API, name: 'api', isDefault: false, priority: 5 },
                  detail: { ...meta, arn: RULE_API, match: { httpMatch: { pathMatch: { match: { prefix: '/api' } } } }, action: { fixedResponse: { statusCode: 404 } } },
                },
              ],
            },
          ],
        ],
      ]),
      targets: new Map([[TG, [{ id: '10.0.0.5', port: 8080, status: 'HEALTHY' }]]]),
      tags: new Map([[SVC, { team: 'orders' }]]),
    },
    ec2: {
      vpcs: [{ VpcId: 'vpc-0app', OwnerId: APP, State: 'available', CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'Name', Value: 'app-vpc' }, { Key: 'env', Value: 'prod' }] }],
      vpcEndpoints: [{ VpcEndpointId: 'vpce-0a', VpcEndpointType: 'ServiceNetwork', VpcId: 'vpc-0app', OwnerId: APP, State: 'Available', ServiceNetworkArn: SN }],
    },
  });
}

function hubInventory(): AccountInventory {
  return inventory(HUB, {
    lattice: { serviceNetworks: [{ arn: SN, id: 'sn-0a', name: 'shop', numberOfAssociatedServices: 1 }] },
    details: {
      serviceNetworks: new Map([[SN, { ...meta, arn: SN, name: 'shop', authType: 'NONE', sharingConfig: { enabled: true } }]]),
      snServiceAssociations: [{ arn: arn(HUB, 'servicenetworkserviceassociation/snsa-0a'), serviceArn: SVC, serviceName: 'orders', serviceNetworkArn: SN, status: 'ACTIVE', createdBy: HUB }],
      snVpcAssociations: [{ arn: arn(APP, 'servicenetworkvpcassociation/snva-0a'), vpcId: 'vpc-0app', serviceNetworkArn: SN, status: 'CREATE_IN_PROGRESS', createdBy: APP }],
      tags: new Map([[SN, { team: 'network' }]]),
    },
    ram: {
      shares: [{ resourceShareArn: `arn:aws:ram:${REGION}:${HUB}:resource-share/rs-1`, name: 'shop-share', owningAccountId: HUB, status: 'ACTIVE', tags: [{ key: 'owner', value: 'network' }] }],
      principalAssociations: [{ resourceShareArn: `arn:aws:ram:${REGION}:${HUB}:resource-share/rs-1`, associatedEntity: APP, associationType: 'PRINCIPAL', status: 'ASSOCIATED' }],
      resourceAssociations: [{ resourceShareArn: `arn:aws:ram:${REGION}:${HUB}:resource-share/rs-1`, associatedEntity: SN, associationType: 'RESOURCE', status: 'ASSOCIATED' }],
    },
  });
}

describe('inventoryToTopology', () => {
  it('turns one account\'s answers into nodes with full descriptions and typed edges', () => {
    const t = inventoryToTopology(appInventory());
    const svc = t.nodes.find((n) => n.id === SVC)!;
    expect(svc).toMatchObject({ kind: 'service', account: APP, name: 'orders', status: 'ACTIVE', resourceId: 'svc-0a', tags: { team: 'orders' }, seenBy: [APP] });
    expect(svc.description).toMatchObject({ authType: 'AWS_IAM', createdAt: '2025-01-01T00:00:00.000Z' });
    expect(svc.description).not.toHaveProperty('$metadata');
    expect(svc.authPolicy).toEqual({ state: 'Active', policy: { Statement: [{ Effect: 'Allow' }] } });

    const vpc = t.nodes.find((n) => n.kind === 'vpc')!;
    expect(vpc).toMatchObject({ id: `arn:aws:ec2:${REGION}:${APP}:vpc/vpc-0app`, name: 'app-vpc', tags: { Name: 'app-vpc', env: 'prod' }, status: 'available' });

    const kinds = (k: string) => t.edges.filter((e) => e.kind === k).map((e) => [e.source, e.target, e.weight]);
    expect(kinds('forward')).toEqual([[LISTENER, TG, 100]]);
    expect(kinds('serviceListener')).toEqual([[SVC, LISTENER, undefined]]);
    expect(kinds('listenerRule')).toHaveLength(2);
    expect(kinds('targetGroupTarget')).toEqual([[TG, targetKey(TG, '10.0.0.5', 8080), undefined]]);
    expect(kinds('vpcEndpointServiceNetwork')).toEqual([[`arn:aws:ec2:${REGION}:${APP}:vpc-endpoint/vpce-0a`, SN, undefined]]);
    expect(kinds('targetGroupVpc')).toEqual([[TG, vpc.id, undefined]]);

    const detail = serviceDetail(t, SVC)!;
    expect(detail.listeners[0].rules.map((r) => [r.rule.name, r.match, r.action.type])).toEqual([
      ['api', 'path /api*', 'fixedResponse'],
      ['default', 'default', 'forward'],
    ]);
    expect(detail.targetGroups[0].targets.map((x) => x.status)).toEqual(['HEALTHY']);
  });

  it('links associations by ARN and stubs the far end until its owner is read', () => {
    const hub = inventoryToTopology(hubInventory());
    const svcStub = hub.nodes.find((n) => n.id === SVC)!;
    expect(svcStub).toMatchObject({ external: true, account: APP, name: 'orders' });
    const vpcStub = hub.nodes.find((n) => n.kind === 'vpc')!;
    expect(vpcStub).toMatchObject({ id: `arn:aws:ec2:${REGION}:${APP}:vpc/vpc-0app`, external: true });
    const snva = hub.edges.find((e) => e.kind === 'serviceNetworkVpc')!;
    expect(snva).toMatchObject({ id: arn(APP, 'servicenetworkvpcassociation/snva-0a'), source: SN, target: vpcStub.id, status: 'CREATE_IN_PROGRESS', account: APP });
    expect(hub.edges.find((e) => e.kind === 'sharePrincipal')).toMatchObject({ target: `arn:aws:iam::${APP}:root`, status: 'ASSOCIATED' });
    expect(hub.edges.find((e) => e.kind === 'shareResource')).toMatchObject({ target: SN });
    expect(hub.nodes.find((n) => n.kind === 'resourceShare')?.tags).toEqual({ owner: 'network' });

    const merged = mergeTopologies([hub, inventoryToTopology(appInventory())]);
    const svc = merged.nodes.find((n) => n.id === SVC)!;
    expect(svc.external).toBeUndefined();
    expect(svc.seenBy).toEqual([APP]);
    const vpc = merged.nodes.find((n) => n.kind === 'vpc')!;
    expect(vpc.name).toBe('app-vpc');
    const sn = merged.nodes.find((n) => n.id === SN)!;
    expect(sn).toMatchObject({ account: HUB, seenBy: [HUB, APP], tags: { team: 'network' } });
    expect(sn.description).toMatchObject({ authType: 'NONE', numberOfAssociatedServices: 1 });
    expect(merged.nodes.filter((n) => n.kind === 'serviceNetwork')).toHaveLength(1);
  });

  it('keeps only the edges whose both ends exist', () => {
    const t = inventoryToTopology(appInventory());
    const ids = new Set(t.nodes.map((n) => n.id));
    for (const e of t.edges) {
      expect(ids.has(e.source)).toBe(true);
      expect(ids.has(e.target)).toBe(true);
    }
  });
});
