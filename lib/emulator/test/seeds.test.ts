// The seeds: the demo estate holds what the console's first screen promises, and the scale
// estate has the size it was asked for, within AWS's quotas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as L from '@aws-sdk/client-vpc-lattice';
import * as R from '@aws-sdk/client-ram';
import * as E from '@aws-sdk/client-ec2';
import * as S from '@aws-sdk/client-sts';
import { DEMO_ACCOUNTS, DEMO_ORDERS_CALLER_ROLE_ARN, demoAccount } from '@/lib/demo';
import { planScale, scaleAccountIds } from '../seeds/scale-plan';
import type { Clients } from '@/lib/testing/clients';
import { startHarness, type Harness } from '@/lib/testing/lattice-local';

const HUB = demoAccount('network-hub').id;
const STOREFRONT = demoAccount('storefront').id;
const PAYMENTS = demoAccount('payments').id;
const DATA = demoAccount('data-platform').id;
const PARTNER = demoAccount('analytics-partner').id;

async function all<T>(page: (nextToken?: string) => Promise<{ items?: T[]; nextToken?: string }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const res = await page(token);
    out.push(...(res.items ?? []));
    token = res.nextToken;
  } while (token);
  return out;
}

describe('the demo estate', () => {
  let h: Harness;
  const c: Record<string, Clients> = {};

  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
    for (const a of DEMO_ACCOUNTS) c[a.id] = h.clients(a.id);
  });
  afterAll(async () => h?.stop());

  it('answers every demo account with its keys, and AssumeRole into its console role', async () => {
    for (const a of DEMO_ACCOUNTS) {
      expect((await c[a.id]!.sts.send(new S.GetCallerIdentityCommand({}))).Account).toBe(a.id);
      const role = await c[HUB]!.sts.send(new S.AssumeRoleCommand({ RoleArn: `arn:aws:iam::${a.id}:role/${a.consoleRoleName}`, RoleSessionName: 'demo' }));
      expect(role.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${a.id}:assumed-role/${a.consoleRoleName}/demo`);
    }
    expect(DEMO_ACCOUNTS.some((a) => a.inOrganization) && DEMO_ACCOUNTS.some((a) => !a.inOrganization)).toBe(true);
  });

  it('has a hub with an AWS_IAM network (the orders auth policy) and a NONE network, both shared', async () => {
    const networks = await all((nextToken) => c[HUB]!.lattice.send(new L.ListServiceNetworksCommand({ nextToken })));
    const own = networks.filter((n) => n.arn!.includes(`:${HUB}:`));
    expect(own.map((n) => n.name).sort()).toEqual(['retail-services', 'shared-platform']);
    const retail = await c[HUB]!.lattice.send(new L.GetServiceNetworkCommand({ serviceNetworkIdentifier: own.find((n) => n.name === 'retail-services')!.id! }));
    expect(retail.authType).toBe('AWS_IAM');
    const platform = await c[HUB]!.lattice.send(new L.GetServiceNetworkCommand({ serviceNetworkIdentifier: own.find((n) => n.name === 'shared-platform')!.id! }));
    expect(platform.authType).toBe('NONE');
    const policy = JSON.parse((await c[HUB]!.lattice.send(new L.GetAuthPolicyCommand({ resourceIdentifier: retail.id! }))).policy!);
    const [allow, deny] = policy.Statement;
    expect(allow).toMatchObject({ Effect: 'Allow', Action: 'vpc-lattice-svcs:Invoke', Principal: { AWS: [DEMO_ORDERS_CALLER_ROLE_ARN] } });
    expect(allow.Resource).toMatch(/^arn:aws:vpc-lattice:us-east-1:\d{12}:service\/svc-[0-9a-z]{17}\/\*$/);
    expect(allow.Condition.StringEquals['vpc-lattice-svcs:RequestMethod']).toEqual(['GET', 'POST']);
    expect(allow.Condition.StringLike['vpc-lattice-svcs:RequestPath']).toBe('/orders*');
    expect(deny).toMatchObject({ Effect: 'Deny', Condition: { StringNotLike: { 'aws:PrincipalArn': [DEMO_ORDERS_CALLER_ROLE_ARN] } } });

    const shares = await c[HUB]!.ram.send(new R.GetResourceSharesCommand({ resourceOwner: 'SELF' }));
    expect(shares.resourceShares?.map((s) => s.name).sort()).toEqual(['retail-services', 'shared-platform']);
  });

  it('has one invitation accepted, one pending, and org members served without one', async () => {
    const payments = await c[PAYMENTS]!.ram.send(new R.GetResourceShareInvitationsCommand({}));
    expect(payments.resourceShareInvitations?.map((i) => i.status)).toEqual(['ACCEPTED']);
    const partner = await c[PARTNER]!.ram.send(new R.GetResourceShareInvitationsCommand({}));
    expect(partner.resourceShareInvitations?.map((i) => i.status)).toEqual(['PENDING']);
    expect((await c[STOREFRONT]!.ram.send(new R.GetResourceShareInvitationsCommand({}))).resourceShareInvitations ?? []).toEqual([]);
    const names = async (account: string) => (await all((nextToken) => c[account]!.lattice.send(new L.ListServiceNetworksCommand({ nextToken })))).map((n) => n.name).sort();
    expect(await names(STOREFRONT)).toEqual(['retail-services', 'shared-platform']);
    expect(await names(PAYMENTS)).toEqual(['retail-services']);
    expect(await names(DATA)).toEqual(['shared-platform']);
    expect(await names(PARTNER)).toEqual([]);
  });

  it('has at least ten services with HTTP and HTTPS listeners, rules of every match kind and a 90/10 canary', async () => {
    const services = [
      ...(await all((nextToken) => c[STOREFRONT]!.lattice.send(new L.ListServicesCommand({ nextToken })))).filter((s) => s.arn!.includes(`:${STOREFRONT}:`)),
      ...(await all((nextToken) => c[PAYMENTS]!.lattice.send(new L.ListServicesCommand({ nextToken })))).filter((s) => s.arn!.includes(`:${PAYMENTS}:`)),
    ];
    expect(services.length).toBeGreaterThanOrEqual(10);
    expect(services.map((s) => s.name)).toEqual(expect.arrayContaining(['orders', 'payments', 'checkout', 'catalog', 'auth', 'search', 'notifications']));
    expect(services.some((s) => s.status === 'CREATE_IN_PROGRESS')).toBe(true);

    const orders = services.find((s) => s.name === 'orders')!;
    const listeners = (await c[STOREFRONT]!.lattice.send(new L.ListListenersCommand({ serviceIdentifier: orders.id! }))).items!;
    expect(listeners.map((l) => l.protocol).sort()).toEqual(['HTTP', 'HTTPS']);
    const rules = [];
    for (const r of (await c[STOREFRONT]!.lattice.send(new L.ListRulesCommand({ serviceIdentifier: orders.id!, listenerIdentifier: listeners[0]!.id! }))).items!) {
      rules.push(await c[STOREFRONT]!.lattice.send(new L.GetRuleCommand({ serviceIdentifier: orders.id!, listenerIdentifier: listeners[0]!.id!, ruleIdentifier: r.id! })));
    }
    const matches = rules.map((r) => r.match?.httpMatch).filter(Boolean);
    expect(matches.some((m) => m!.pathMatch)).toBe(true);
    expect(matches.some((m) => m!.headerMatches?.length)).toBe(true);
    expect(matches.some((m) => m!.method)).toBe(true);
    const weights = rules.map((r) => r.action?.forward?.targetGroups?.map((t) => t.weight).sort((a, b) => b! - a!)).filter(Boolean);
    expect(weights).toContainEqual([90, 10]);
  });

  it('has target groups of every type, with registered targets and some unhealthy', async () => {
    const groups = [
      ...(await all((nextToken) => c[STOREFRONT]!.lattice.send(new L.ListTargetGroupsCommand({ nextToken })))),
      ...(await all((nextToken) => c[PAYMENTS]!.lattice.send(new L.ListTargetGroupsCommand({ nextToken })))),
    ];
    expect(new Set(groups.map((g) => g.type))).toEqual(new Set(['INSTANCE', 'IP', 'LAMBDA', 'ALB']));
    expect(groups.map((g) => g.status)).toEqual(expect.arrayContaining(['ACTIVE', 'CREATE_IN_PROGRESS', 'DELETE_IN_PROGRESS', 'CREATE_FAILED']));
    const health: string[] = [];
    for (const g of groups) {
      const owner = g.arn!.includes(`:${STOREFRONT}:`) ? STOREFRONT : PAYMENTS;
      health.push(...((await c[owner]!.lattice.send(new L.ListTargetsCommand({ targetGroupIdentifier: g.id! }))).items ?? []).map((t) => t.status!));
    }
    expect(health).toContain('HEALTHY');
    expect(health).toContain('UNHEALTHY');
  });

  it('has access-log subscriptions and auth policies', async () => {
    const networks = await all((nextToken) => c[HUB]!.lattice.send(new L.ListServiceNetworksCommand({ nextToken })));
    const logs = await c[HUB]!.lattice.send(new L.ListAccessLogSubscriptionsCommand({ resourceIdentifier: networks[0]!.id! }));
    expect(logs.items?.length).toBeGreaterThan(0);
    const orders = (await c[STOREFRONT]!.lattice.send(new L.ListServicesCommand({}))).items!.find((s) => s.name === 'orders')!;
    const policy = await c[STOREFRONT]!.lattice.send(new L.GetAuthPolicyCommand({ resourceIdentifier: orders.id! }));
    expect(JSON.parse(policy.policy!).Statement[0].Resource).toBe(`${orders.arn}/*`);
  });

  it('has a data account with a resource gateway and SINGLE, GROUP and CHILD resource configurations on a network', async () => {
    const gateways = await c[DATA]!.lattice.send(new L.ListResourceGatewaysCommand({}));
    expect(gateways.items?.map((g) => g.name)).toEqual(['orders-db-gateway']);
    const configs = await all((nextToken) => c[DATA]!.lattice.send(new L.ListResourceConfigurationsCommand({ nextToken })));
    expect(new Set(configs.map((r) => r.type))).toEqual(new Set(['SINGLE', 'GROUP', 'CHILD']));
    const single = configs.find((r) => r.type === 'SINGLE')!;
    const associations = await c[DATA]!.lattice.send(new L.ListServiceNetworkResourceAssociationsCommand({ resourceConfigurationIdentifier: single.id! }));
    expect(associations.items?.length).toBe(1);
  });

  it('has VPCs with subnets, security groups and instances, one reaching a second network through an endpoint', async () => {
    const vpcs = await c[STOREFRONT]!.ec2.send(new E.DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['storefront'] }] }));
    const vpcId = vpcs.Vpcs![0]!.VpcId!;
    const filter = [{ Name: 'vpc-id', Values: [vpcId] }];
    expect((await c[STOREFRONT]!.ec2.send(new E.DescribeSubnetsCommand({ Filters: filter }))).Subnets!.length).toBeGreaterThanOrEqual(3);
    expect((await c[STOREFRONT]!.ec2.send(new E.DescribeSecurityGroupsCommand({ Filters: filter }))).SecurityGroups!.length).toBeGreaterThanOrEqual(2);
    const instances = await c[STOREFRONT]!.ec2.send(new E.DescribeInstancesCommand({ Filters: filter }));
    expect(instances.Reservations!.flatMap((r) => r.Instances ?? []).length).toBeGreaterThanOrEqual(4);
    const endpoints = await c[STOREFRONT]!.ec2.send(new E.DescribeVpcEndpointsCommand({ Filters: filter }));
    expect(endpoints.VpcEndpoints?.map((e) => e.VpcEndpointType)).toEqual(['ServiceNetwork', 'Interface']);
    const snvas = await c[STOREFRONT]!.lattice.send(new L.ListServiceNetworkVpcAssociationsCommand({ vpcIdentifier: vpcId }));
    expect(snvas.items?.length).toBe(1);
    expect(endpoints.VpcEndpoints![0]!.ServiceNetworkArn).not.toBe(snvas.items![0]!.serviceNetworkArn);
  });

  it('has a PrivateLink endpoint service with one connection accepted and one pending, and endpoints of every type', async () => {
    const services = (await c[PAYMENTS]!.ec2.send(new E.DescribeVpcEndpointServiceConfigurationsCommand({}))).ServiceConfigurations!;
    expect(services.map((s) => [s.AcceptanceRequired, s.NetworkLoadBalancerArns![0]!.split(':')[5]!.split('/')[1], s.Tags])).toEqual([
      [true, 'net', [{ Key: 'Name', Value: 'ledger-export' }]],
    ]);
    const permissions = await c[PAYMENTS]!.ec2.send(new E.DescribeVpcEndpointServicePermissionsCommand({ ServiceId: services[0]!.ServiceId! }));
    expect(permissions.AllowedPrincipals!.map((p) => p.Principal)).toEqual([`arn:aws:iam::${STOREFRONT}:root`, `arn:aws:iam::${DATA}:root`]);
    const connections = (await c[PAYMENTS]!.ec2.send(new E.DescribeVpcEndpointConnectionsCommand({}))).VpcEndpointConnections!;
    expect(connections.map((x) => [x.VpcEndpointOwner, x.VpcEndpointState])).toEqual([[STOREFRONT, 'available'], [DATA, 'pendingAcceptance']]);
    const types = async (account: string) => (await c[account]!.ec2.send(new E.DescribeVpcEndpointsCommand({}))).VpcEndpoints!.map((e) => [e.VpcEndpointType, e.ServiceName ?? e.ResourceConfigurationArn?.split('/')[0] ?? e.ServiceNetworkArn?.split('/')[0], e.State]);
    expect(await types(PAYMENTS)).toEqual([
      ['Gateway', 'com.amazonaws.us-east-1.s3', 'available'],
      ['Interface', 'com.amazonaws.us-east-1.secretsmanager', 'available'],
    ]);
    expect(await types(STOREFRONT)).toEqual([
      ['ServiceNetwork', expect.stringMatching(/:servicenetwork$/), 'available'],
      ['Interface', services[0]!.ServiceName, 'available'],
    ]);
    expect(await types(DATA)).toEqual([
      ['Interface', services[0]!.ServiceName, 'pendingAcceptance'],
      ['Resource', expect.stringMatching(/:resourceconfiguration$/), 'available'],
    ]);
  });
});

describe('the empty estate', () => {
  it('has no resources and no organization: the demo organization comes with the demo seed only', async () => {
    const h = await startHarness({ seed: 'empty' });
    try {
      const hub = h.clients(HUB);
      expect((await hub.lattice.send(new L.ListServiceNetworksCommand({}))).items).toEqual([]);
      expect((await hub.ram.send(new R.GetResourceSharesCommand({ resourceOwner: 'SELF' }))).resourceShares).toEqual([]);
      const refused = await hub.ram.send(new R.EnableSharingWithAwsOrganizationCommand({})).catch((e: Error) => e);
      expect((refused as Error).name).toBe('OperationNotPermittedException');
      expect((refused as Error).message).toContain('not a member of an organization');
    } finally {
      await h.stop();
    }
  });
});

describe('the scale estate', () => {
  it('refuses sizes beyond the quotas, naming the flag', () => {
    expect(() => planScale(3, 10_000)).toThrow(/--services 10000 needs at least 6 accounts/);
    expect(() => planScale(20, 10_001)).toThrow(/--services must be/);
    expect(() => planScale(1, 10)).toThrow(/--accounts/);
    const plan = planScale(20, 10_000);
    expect(plan.servicesPerAccount.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(plan.serviceNetworks).toBe(20);
  });

  it('builds the estate it was asked for, shared with every account', async () => {
    const h = await startHarness({ seed: 'scale', seedOptions: { accounts: 3, services: 40 } });
    try {
      const [hub, app1, app2] = scaleAccountIds(3).map((a) => h.clients(a));
      const ownServices = async (c: Clients, account: string) =>
        (await all((nextToken) => c.lattice.send(new L.ListServicesCommand({ nextToken })))).filter((s) => s.arn!.includes(`:${account}:`)).length;
      expect((await ownServices(app1!, scaleAccountIds(3)[1]!)) + (await ownServices(app2!, scaleAccountIds(3)[2]!))).toBe(40);
      const networks = await hub!.lattice.send(new L.ListServiceNetworksCommand({}));
      expect(networks.items).toHaveLength(1);
      const shared = await app2!.lattice.send(new L.ListServiceNetworksCommand({}));
      expect(shared.items?.map((n) => n.arn)).toEqual(networks.items?.map((n) => n.arn));
      expect(networks.items![0]!.numberOfAssociatedServices).toBe(40);
    } finally {
      await h.stop();
    }
  });
});
