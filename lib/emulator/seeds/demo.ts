// The demo estate: a network hub sharing two service networks through RAM, two application
// accounts with VPCs and eleven services, a data account exposing its database through a
// resource gateway, a PrivateLink endpoint service with its consumers and VPC endpoints of
// every type, and a partner with an invitation still pending. Everything the APIs can create
// goes through callOperation (so it obeys the same validation and rules as a client); EC2
// inventory (instances, which no API in the subset launches, and the VPCs they sit in), target
// health and lifecycle clocks go through the store helpers.
import { callOperationSync } from '../dispatch';
import type { ServiceName } from '../services/types';
import type { LocalContext } from '../services/types';
import { createInstance, createSecurityGroup, createSubnet, createVpc, zonesOf } from '../services/ec2/inventory';
import { DEMO_ACCOUNTS, DEMO_ORDERS_CALLER_ROLE_ARN, DEMO_ORGANIZATION, DEMO_ORGANIZATION_WITH_MEMBERS, DEMO_REGION, DEMO_SECRET_ACCESS_KEY, demoAccount } from '@/lib/demo';
import { setOrganization } from '../services/ram/index';
import { leaveDeleting, leaveFailed, leaveInProgress, setTargetHealth } from './helpers';
import { applyDemoIdentities } from './identities';

const region = DEMO_REGION;
const HUB = demoAccount('network-hub').id;
const STOREFRONT = demoAccount('storefront').id;
const PAYMENTS = demoAccount('payments').id;
const DATA = demoAccount('data-platform').id;
const PARTNER = demoAccount('analytics-partner').id;

type Output = Record<string, any>;

/** The auth policy every Lattice user meets first, for service `serviceArn`. */
export function ordersAuthPolicy(serviceArn: string, allowedRoleArn: string): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowCheckoutToReadAndPlaceOrders',
          Effect: 'Allow',
          Principal: { AWS: [allowedRoleArn] },
          Action: 'vpc-lattice-svcs:Invoke',
          Resource: `${serviceArn}/*`,
          Condition: {
            StringEquals: { 'vpc-lattice-svcs:RequestMethod': ['GET', 'POST'] },
            StringLike: { 'vpc-lattice-svcs:RequestPath': '/orders*' },
          },
        },
        {
          Sid: 'DenyEveryoneElse',
          Effect: 'Deny',
          Principal: '*',
          Action: 'vpc-lattice-svcs:Invoke',
          Resource: `${serviceArn}/*`,
          Condition: { StringNotLike: { 'aws:PrincipalArn': [allowedRoleArn] } },
        },
      ],
    },
  );
}

interface Vpc {
  vpcId: string;
  subnetIds: string[];
  clientsSg: string;
  appSg: string;
  instanceIds: string[];
  instanceIps: string[];
}

/** A VPC with a private subnet per zone, two security groups and some instances. */
function buildVpc(local: LocalContext, account: string, name: string, cidrPrefix: string, instances: string[]): Vpc {
  const vpc = createVpc(local.store, { account, region, cidrBlock: `${cidrPrefix}.0.0/16`, tags: { Name: name } });
  const vpcId = vpc.id as string;
  const subnetIds = zonesOf(region).slice(0, 3).map(
    (zone, i) =>
      createSubnet(local.store, { account, region, vpcId, cidrBlock: `${cidrPrefix}.${i * 16}.0/20`, availabilityZone: zone.name, tags: { Name: `${name}-private-${zone.name.slice(-1)}` } })
        .id as string,
  );
  const clientsSg = createSecurityGroup(local.store, { account, region, vpcId, groupName: `${name}-lattice-clients`, description: 'Workloads that call services through VPC Lattice' }).id as string;
  const appSg = createSecurityGroup(local.store, { account, region, vpcId, groupName: `${name}-app-servers`, description: 'Application servers behind VPC Lattice target groups' }).id as string;
  const created = instances.map((instanceName, i) =>
    createInstance(local.store, { account, region, subnetId: subnetIds[i % subnetIds.length]!, securityGroupIds: [appSg], instanceType: 't3.medium', tags: { Name: instanceName } }),
  );
  return { vpcId, subnetIds, clientsSg, appSg, instanceIds: created.map((r) => r.id as string), instanceIps: created.map((r) => r.PrivateIpAddress as string) };
}

export function applyDemoSeed(local: LocalContext): void {
  const call = (account: string, service: ServiceName, operation: string, input: Record<string, unknown> = {}): Output =>
    callOperationSync(local, { service, operation, account, region, input });
  const lattice = (account: string, operation: string, input: Record<string, unknown> = {}) => call(account, 'vpc-lattice', operation, input);
  const ram = (account: string, operation: string, input: Record<string, unknown> = {}) => call(account, 'ram', operation, input);

  // ---- Inventory: VPCs, subnets, security groups, instances.
  const storefrontVpc = buildVpc(local, STOREFRONT, 'storefront', '10.1', ['orders-app-1', 'orders-app-2', 'orders-app-3', 'orders-canary-1', 'catalog-app-1', 'catalog-app-2']);
  const paymentsVpc = buildVpc(local, PAYMENTS, 'payments', '10.2', ['ledger-app-1', 'ledger-app-2', 'payments-app-1', 'payments-app-2']);
  const dataVpc = buildVpc(local, DATA, 'data-platform', '10.3', []);

  // ---- IAM roles, Lambda functions and log groups the rest refers to (seeds/identities.ts).
  applyDemoIdentities(local);

  // ---- The organization (lattice-local has none of its own), managed from the hub.
  local.store.transaction(() => setOrganization(local.store, DEMO_ORGANIZATION_WITH_MEMBERS));
  ram(HUB, 'EnableSharingWithAwsOrganization');

  // ---- The hub: two service networks, one AWS_IAM and one NONE.
  const retail = lattice(HUB, 'CreateServiceNetwork', { name: 'retail-services', authType: 'AWS_IAM', tags: { environment: 'production', owner: 'network-team' } });
  const platform = lattice(HUB, 'CreateServiceNetwork', { name: 'shared-platform', authType: 'NONE', tags: { environment: 'production', owner: 'network-team' } });
  lattice(HUB, 'CreateAccessLogSubscription', { resourceIdentifier: retail.arn, destinationArn: `arn:aws:logs:${region}:${HUB}:log-group:/aws/vpclattice/retail-services`, serviceNetworkLogType: 'SERVICE' });
  lattice(HUB, 'CreateAccessLogSubscription', { resourceIdentifier: platform.arn, destinationArn: `arn:aws:s3:::network-hub-lattice-logs-${HUB}` });

  // retail-services: storefront (member: at once), payments (outside: invitation, accepted
  // below), analytics-partner (outside: invitation left pending).
  const retailShare = ram(HUB, 'CreateResourceShare', {
    name: 'retail-services',
    resourceArns: [retail.arn],
    principals: [STOREFRONT, PAYMENTS, PARTNER],
    tags: [{ key: 'owner', value: 'network-team' }],
  });
  // shared-platform: the whole organization.
  ram(HUB, 'CreateResourceShare', { name: 'shared-platform', resourceArns: [platform.arn], principals: [DEMO_ORGANIZATION.arn], tags: [{ key: 'owner', value: 'network-team' }] });

  const invitation = ram(PAYMENTS, 'GetResourceShareInvitations', { resourceShareArns: [retailShare.resourceShare.resourceShareArn] }).resourceShareInvitations[0];
  ram(PAYMENTS, 'AcceptResourceShareInvitation', { resourceShareInvitationArn: invitation.resourceShareInvitationArn });

  // ---- Storefront: six services.
  const sf = STOREFRONT;
  const instanceTg = (account: string, name: string, vpc: Vpc, port: number, healthPath: string) =>
    lattice(account, 'CreateTargetGroup', {
      name,
      type: 'INSTANCE',
      config: {
        port,
        protocol: 'HTTP',
        protocolVersion: 'HTTP1',
        vpcIdentifier: vpc.vpcId,
        healthCheck: { enabled: true, protocol: 'HTTP', path: healthPath, healthCheckIntervalSeconds: 30, healthyThresholdCount: 3, unhealthyThresholdCount: 2, matcher: { httpCode: '200-299' } },
      },
      tags: { service: name.split('-')[0]! },
    });
  const ipTg = (account: string, name: string, vpc: Vpc, port: number) =>
    lattice(account, 'CreateTargetGroup', { name, type: 'IP', config: { port, protocol: 'HTTPS', ipAddressType: 'IPV4', vpcIdentifier: vpc.vpcId, healthCheck: { enabled: true, path: '/healthz' } } });
  const lambdaTg = (account: string, name: string) => lattice(account, 'CreateTargetGroup', { name, type: 'LAMBDA', config: { lambdaEventStructureVersion: 'V2' } });
  const albTg = (account: string, name: string, vpc: Vpc) => lattice(account, 'CreateTargetGroup', { name, type: 'ALB', config: { port: 443, protocol: 'HTTPS', vpcIdentifier: vpc.vpcId } });
  const forward = (...groups: [Output, number][]) => ({ forward: { targetGroups: groups.map(([tg, weight]) => ({ targetGroupIdentifier: tg.id, weight })) } });
  const service = (account: string, name: string, authType: 'AWS_IAM' | 'NONE', tags: Record<string, string>) => lattice(account, 'CreateService', { name, authType, tags });
  const listeners = (account: string, svc: Output, action: Record<string, unknown>) => ({
    http: lattice(account, 'CreateListener', { serviceIdentifier: svc.id, name: 'http-80', protocol: 'HTTP', port: 80, defaultAction: action }),
    https: lattice(account, 'CreateListener', { serviceIdentifier: svc.id, name: 'https-443', protocol: 'HTTPS', port: 443, defaultAction: action }),
  });
  const rule = (account: string, svc: Output, listener: Output, name: string, priority: number, match: Record<string, unknown>, action: Record<string, unknown>) =>
    lattice(account, 'CreateRule', { serviceIdentifier: svc.id, listenerIdentifier: listener.id, name, priority, match: { httpMatch: match }, action });
  const register = (account: string, tg: Output, targets: { id: string; port?: number }[]) => lattice(account, 'RegisterTargets', { targetGroupIdentifier: tg.id, targets });
  const lambdaArn = (account: string, fn: string) => `arn:aws:lambda:${region}:${account}:function:${fn}`;
  const albArn = (account: string, name: string, suffix: string) => `arn:aws:elasticloadbalancing:${region}:${account}:loadbalancer/app/${name}/${suffix}`;

  // orders: HTTP and HTTPS, the canonical auth policy, a 90/10 canary, path/header/method rules.
  const orders = service(sf, 'orders', 'AWS_IAM', { team: 'orders', tier: 'critical' });
  const ordersStable = instanceTg(sf, 'orders-stable', storefrontVpc, 8080, '/health');
  const ordersCanary = instanceTg(sf, 'orders-canary', storefrontVpc, 8080, '/health');
  register(sf, ordersStable, storefrontVpc.instanceIds.slice(0, 3).map((id) => ({ id, port: 8080 })));
  register(sf, ordersCanary, [{ id: storefrontVpc.instanceIds[3]!, port: 8080 }]);
  const ordersListeners = listeners(sf, orders, forward([ordersStable, 90], [ordersCanary, 10]));
  for (const listener of [ordersListeners.http, ordersListeners.https]) {
    rule(sf, orders, listener, 'canary-by-header', 10, { headerMatches: [{ name: 'x-canary', match: { exact: 'true' }, caseSensitive: false }] }, forward([ordersCanary, 100]));
    rule(sf, orders, listener, 'v2-weighted', 20, { pathMatch: { match: { prefix: '/orders/v2' }, caseSensitive: true } }, forward([ordersStable, 90], [ordersCanary, 10]));
    rule(sf, orders, listener, 'block-deletes', 30, { method: 'DELETE', pathMatch: { match: { prefix: '/orders' } } }, { fixedResponse: { statusCode: 405 } });
  }
  lattice(sf, 'PutAuthPolicy', { resourceIdentifier: orders.id, policy: ordersAuthPolicy(orders.arn, DEMO_ORDERS_CALLER_ROLE_ARN) });
  lattice(sf, 'CreateAccessLogSubscription', { resourceIdentifier: orders.arn, destinationArn: `arn:aws:logs:${region}:${sf}:log-group:/aws/vpclattice/orders` });

  // checkout: behind an ALB.
  const checkout = service(sf, 'checkout', 'AWS_IAM', { team: 'checkout', tier: 'critical' });
  const checkoutAlb = albTg(sf, 'checkout-alb', storefrontVpc);
  register(sf, checkoutAlb, [{ id: albArn(sf, 'checkout-internal', '50dc6c495c0c9188'), port: 443 }]);
  const checkoutListeners = listeners(sf, checkout, forward([checkoutAlb, 100]));
  rule(sf, checkout, checkoutListeners.https, 'payments-callback', 10, { method: 'POST', pathMatch: { match: { exact: '/checkout/callback' } } }, forward([checkoutAlb, 100]));
  lattice(sf, 'PutAuthPolicy', {
    resourceIdentifier: checkout.id,
    policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: `${checkout.arn}/*`, Condition: { StringEquals: { 'aws:PrincipalOrgID': DEMO_ORGANIZATION.id } } }] }),
  });

  // catalog: IP targets, one of them failing its health checks.
  const catalog = service(sf, 'catalog', 'NONE', { team: 'catalog' });
  const catalogIps = ipTg(sf, 'catalog-pods', storefrontVpc, 443);
  register(sf, catalogIps, storefrontVpc.instanceIps.slice(4).map((id) => ({ id, port: 443 })).concat([{ id: '10.1.32.77', port: 443 }]));
  const catalogListeners = listeners(sf, catalog, forward([catalogIps, 100]));
  rule(sf, catalog, catalogListeners.http, 'images-not-here', 10, { pathMatch: { match: { prefix: '/images' } } }, { fixedResponse: { statusCode: 404 } });

  // search, cart, reviews: Lambda functions.
  const searchTg = lambdaTg(sf, 'search-fn');
  register(sf, searchTg, [{ id: lambdaArn(sf, 'search-query') }]);
  const search = service(sf, 'search', 'NONE', { team: 'discovery' });
  listeners(sf, search, forward([searchTg, 100]));
  const cartTg = lambdaTg(sf, 'cart-fn');
  register(sf, cartTg, [{ id: lambdaArn(sf, 'cart-api') }]);
  const cart = service(sf, 'cart', 'NONE', { team: 'checkout' });
  const cartListeners = listeners(sf, cart, forward([cartTg, 100]));
  rule(sf, cart, cartListeners.https, 'cart-writes', 10, { method: 'PUT', headerMatches: [{ name: 'content-type', match: { prefix: 'application/json' } }] }, forward([cartTg, 100]));
  const reviewsTg = lambdaTg(sf, 'reviews-fn');
  register(sf, reviewsTg, [{ id: lambdaArn(sf, 'reviews-api') }]);
  const reviews = service(sf, 'reviews', 'NONE', { team: 'discovery' });
  listeners(sf, reviews, forward([reviewsTg, 100]));

  // ---- Payments: five services, one still being created.
  const pm = PAYMENTS;
  const payments = service(pm, 'payments', 'AWS_IAM', { team: 'payments', tier: 'critical', pci: 'true' });
  const paymentsIps = ipTg(pm, 'payments-api', paymentsVpc, 443);
  register(pm, paymentsIps, paymentsVpc.instanceIps.slice(2).map((id) => ({ id, port: 443 })));
  const paymentsListeners = listeners(pm, payments, forward([paymentsIps, 100]));
  rule(pm, payments, paymentsListeners.https, 'refunds-path', 10, { method: 'POST', pathMatch: { match: { prefix: '/payments/refunds' } } }, forward([paymentsIps, 100]));
  lattice(pm, 'PutAuthPolicy', {
    resourceIdentifier: payments.id,
    policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${STOREFRONT}:role/checkout-service`] }, Action: 'vpc-lattice-svcs:Invoke', Resource: `${payments.arn}/*` }] }),
  });
  lattice(pm, 'CreateAccessLogSubscription', { resourceIdentifier: payments.arn, destinationArn: `arn:aws:firehose:${region}:${pm}:deliverystream/lattice-payments-logs` });

  const authTg = lambdaTg(pm, 'auth-fn');
  register(pm, authTg, [{ id: lambdaArn(pm, 'auth-token-issuer') }]);
  const auth = service(pm, 'auth', 'NONE', { team: 'identity' });
  const authListeners = listeners(pm, auth, forward([authTg, 100]));
  rule(pm, auth, authListeners.https, 'token-endpoint', 10, { method: 'POST', pathMatch: { match: { exact: '/oauth2/token' } } }, forward([authTg, 100]));

  const notificationsTg = lambdaTg(pm, 'notifications-fn');
  register(pm, notificationsTg, [{ id: lambdaArn(pm, 'notifications-sender') }]);
  const notifications = service(pm, 'notifications', 'NONE', { team: 'messaging' });
  listeners(pm, notifications, forward([notificationsTg, 100]));

  const ledgerTg = instanceTg(pm, 'ledger-instances', paymentsVpc, 9090, '/ready');
  register(pm, ledgerTg, paymentsVpc.instanceIds.slice(0, 2).map((id) => ({ id, port: 9090 })));
  const ledger = service(pm, 'ledger', 'AWS_IAM', { team: 'payments' });
  listeners(pm, ledger, forward([ledgerTg, 100]));

  const fraud = service(pm, 'fraud-check', 'NONE', { team: 'risk' });

  // ---- Associations: services and VPCs with the shared service networks.
  for (const [account, svc] of [[sf, orders], [sf, checkout], [sf, catalog], [sf, search], [sf, cart], [sf, reviews], [pm, payments], [pm, auth], [pm, ledger], [pm, notifications]] as const) {
    lattice(account, 'CreateServiceNetworkServiceAssociation', { serviceIdentifier: svc.id, serviceNetworkIdentifier: retail.arn });
  }
  // Search is also offered on the platform network (shared with the whole organization).
  lattice(sf, 'CreateServiceNetworkServiceAssociation', { serviceIdentifier: search.id, serviceNetworkIdentifier: platform.arn });
  lattice(sf, 'CreateServiceNetworkVpcAssociation', { serviceNetworkIdentifier: retail.arn, vpcIdentifier: storefrontVpc.vpcId, securityGroupIds: [storefrontVpc.clientsSg] });
  const paymentsSnva = lattice(pm, 'CreateServiceNetworkVpcAssociation', { serviceNetworkIdentifier: retail.arn, vpcIdentifier: paymentsVpc.vpcId, securityGroupIds: [paymentsVpc.clientsSg] });
  // The storefront VPC reaches the second network through a service-network VPC endpoint.
  call(sf, 'ec2', 'CreateVpcEndpoint', {
    VpcEndpointType: 'ServiceNetwork',
    VpcId: storefrontVpc.vpcId,
    ServiceNetworkArn: platform.arn,
    SubnetIds: storefrontVpc.subnetIds.slice(0, 2),
    SecurityGroupIds: [storefrontVpc.clientsSg],
    TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: [{ Key: 'Name', Value: 'storefront-to-shared-platform' }] }],
  });

  // The retail network's auth policy: the same rule, on the orders service through the network.
  lattice(HUB, 'PutAuthPolicy', { resourceIdentifier: retail.id, policy: ordersAuthPolicy(orders.arn, DEMO_ORDERS_CALLER_ROLE_ARN) });

  // ---- Data platform: a resource gateway and the database behind it.
  const gateway = lattice(DATA, 'CreateResourceGateway', { name: 'orders-db-gateway', vpcIdentifier: dataVpc.vpcId, subnetIds: dataVpc.subnetIds, securityGroupIds: [dataVpc.appSg], ipAddressType: 'IPV4' });
  const ordersDb = lattice(DATA, 'CreateResourceConfiguration', {
    name: 'orders-db',
    type: 'SINGLE',
    resourceGatewayIdentifier: gateway.id,
    protocol: 'TCP',
    portRanges: ['5432'],
    resourceConfigurationDefinition: { dnsResource: { domainName: 'orders-db.cluster-c9akciq32.us-east-1.rds.amazonaws.com', ipAddressType: 'IPV4' } },
    tags: { engine: 'aurora-postgresql' },
  });
  const analytics = lattice(DATA, 'CreateResourceConfiguration', { name: 'analytics-cluster', type: 'GROUP', resourceGatewayIdentifier: gateway.id, protocol: 'TCP', portRanges: ['5439'] });
  lattice(DATA, 'CreateResourceConfiguration', {
    name: 'analytics-writer',
    type: 'CHILD',
    resourceConfigurationGroupIdentifier: analytics.id,
    resourceConfigurationDefinition: { ipResource: { ipAddress: '10.3.0.20' } },
  });
  lattice(DATA, 'CreateResourceConfiguration', {
    name: 'analytics-reader',
    type: 'CHILD',
    resourceConfigurationGroupIdentifier: analytics.id,
    resourceConfigurationDefinition: { ipResource: { ipAddress: '10.3.16.21' } },
  });
  lattice(DATA, 'CreateServiceNetworkResourceAssociation', { resourceConfigurationIdentifier: ordersDb.id, serviceNetworkIdentifier: platform.arn });
  lattice(DATA, 'CreateServiceNetworkResourceAssociation', { resourceConfigurationIdentifier: analytics.id, serviceNetworkIdentifier: platform.arn });
  lattice(DATA, 'CreateAccessLogSubscription', { resourceIdentifier: ordersDb.arn, destinationArn: `arn:aws:logs:${region}:${DATA}:log-group:/aws/vpclattice/orders-db` });

  // ---- Health and lifecycles the APIs do not set: a few unhealthy targets, a few resources
  // still being created.
  setTargetHealth(local, ordersStable.arn, storefrontVpc.instanceIds[2]!, 'UNHEALTHY', 'HealthCheckFailed');
  setTargetHealth(local, catalogIps.arn, '10.1.32.77', 'UNHEALTHY', 'Timeout');
  setTargetHealth(local, ledgerTg.arn, paymentsVpc.instanceIds[1]!, 'DRAINING');
  const refundsTg = lambdaTg(pm, 'refunds-fn');
  leaveInProgress(local, fraud.arn);
  leaveInProgress(local, refundsTg.arn);
  leaveInProgress(local, paymentsSnva.arn);
  // And two that stay visible after those finish: a deletion under way, a failed create.
  const retiredTg = lambdaTg(sf, 'reviews-legacy-fn');
  leaveDeleting(local, retiredTg.arn);
  const replayTg = lambdaTg(pm, 'ledger-replay-fn');
  leaveFailed(local, replayTg.arn, 'CREATE_FAILED', 'LambdaFunctionNotFound', 'The Lambda function ledger-replay could not be found.');

  // ---- Something for "Can it call?" to explain: the recipe's order-service, whose auth policy
  // lets the ProductServiceRole GET and POST /orders and denies DELETE to everyone, called
  // from a product VPC that reaches the platform network but not the retail one.
  const productVpc = buildVpc(local, sf, 'product', '10.4', ['product-app-1', 'product-app-2']);
  const orderService = service(sf, 'order-service', 'AWS_IAM', { team: 'orders', recipe: 'order-service' });
  const orderServiceTg = instanceTg(sf, 'order-service-fleet', productVpc, 8080, '/health');
  register(sf, orderServiceTg, productVpc.instanceIds.map((id) => ({ id, port: 8080 })));
  lattice(sf, 'CreateListener', { serviceIdentifier: orderService.id, name: 'http-80', protocol: 'HTTP', port: 80, defaultAction: forward([orderServiceTg, 100]) });
  lattice(sf, 'PutAuthPolicy', { resourceIdentifier: orderService.id, policy: orderServiceAuthPolicy(orderService.arn, DEMO_PRODUCT_SERVICE_ROLE_ARN) });
  lattice(sf, 'CreateServiceNetworkServiceAssociation', { serviceIdentifier: orderService.id, serviceNetworkIdentifier: platform.arn });
  lattice(sf, 'CreateServiceNetworkVpcAssociation', { serviceNetworkIdentifier: platform.arn, vpcIdentifier: productVpc.vpcId, securityGroupIds: [productVpc.clientsSg] });

  const reportingVpc = buildVpc(local, DATA, 'reporting', '10.5', []);
  applyDemoEndpoints(call, { storefrontVpc, paymentsVpc, dataVpc, reportingVpc, ordersDbArn: ordersDb.arn });
}

const tagged = (resourceType: string, name: string) => [{ ResourceType: resourceType, Tags: [{ Key: 'Name', Value: name }] }];

/** The Network Load Balancer in front of the payments ledger export (lattice-local has no ELB; the ARN is what EC2 stores). */
export const DEMO_LEDGER_EXPORT_NLB_ARN = `arn:aws:elasticloadbalancing:${region}:${PAYMENTS}:loadbalancer/net/ledger-export-nlb/3f2a9c7d51e08b64`;

/**
 * VPC endpoints of every other type: a PrivateLink endpoint service the payments account runs
 * behind a Network Load Balancer, reached from storefront (connection accepted) and from the
 * data platform (connection still pending acceptance); a Gateway endpoint for S3 and an Interface
 * endpoint for Secrets Manager in the payments VPC; and a Resource endpoint from the data
 * platform's reporting VPC to its orders database.
 */
function applyDemoEndpoints(
  call: (account: string, service: ServiceName, operation: string, input?: Record<string, unknown>) => Output,
  vpcs: { storefrontVpc: Vpc; paymentsVpc: Vpc; dataVpc: Vpc; reportingVpc: Vpc; ordersDbArn: string },
): void {
  const ec2 = (account: string, operation: string, input: Record<string, unknown>) => call(account, 'ec2', operation, input);
  const ledgerExport = ec2(PAYMENTS, 'CreateVpcEndpointServiceConfiguration', {
    NetworkLoadBalancerArns: [DEMO_LEDGER_EXPORT_NLB_ARN],
    AcceptanceRequired: true,
    TagSpecifications: tagged('vpc-endpoint-service', 'ledger-export'),
  }).ServiceConfiguration;
  ec2(PAYMENTS, 'ModifyVpcEndpointServicePermissions', {
    ServiceId: ledgerExport.ServiceId,
    AddAllowedPrincipals: [`arn:aws:iam::${STOREFRONT}:root`, `arn:aws:iam::${DATA}:root`],
  });
  const fromStorefront = ec2(STOREFRONT, 'CreateVpcEndpoint', {
    VpcEndpointType: 'Interface',
    VpcId: vpcs.storefrontVpc.vpcId,
    ServiceName: ledgerExport.ServiceName,
    SubnetIds: vpcs.storefrontVpc.subnetIds.slice(0, 2),
    SecurityGroupIds: [vpcs.storefrontVpc.clientsSg],
    TagSpecifications: tagged('vpc-endpoint', 'storefront-to-ledger-export'),
  }).VpcEndpoint;
  ec2(DATA, 'CreateVpcEndpoint', {
    VpcEndpointType: 'Interface',
    VpcId: vpcs.dataVpc.vpcId,
    ServiceName: ledgerExport.ServiceName,
    SubnetIds: vpcs.dataVpc.subnetIds.slice(0, 2),
    SecurityGroupIds: [vpcs.dataVpc.clientsSg],
    TagSpecifications: tagged('vpc-endpoint', 'data-platform-to-ledger-export'),
  });
  // Storefront's connection is accepted; the data platform's waits for payments.
  ec2(PAYMENTS, 'AcceptVpcEndpointConnections', { ServiceId: ledgerExport.ServiceId, VpcEndpointIds: [fromStorefront.VpcEndpointId] });

  ec2(PAYMENTS, 'CreateVpcEndpoint', {
    VpcEndpointType: 'Gateway',
    VpcId: vpcs.paymentsVpc.vpcId,
    ServiceName: `com.amazonaws.${region}.s3`,
    TagSpecifications: tagged('vpc-endpoint', 'payments-s3'),
  });
  ec2(PAYMENTS, 'CreateVpcEndpoint', {
    VpcEndpointType: 'Interface',
    VpcId: vpcs.paymentsVpc.vpcId,
    ServiceName: `com.amazonaws.${region}.secretsmanager`,
    SubnetIds: vpcs.paymentsVpc.subnetIds,
    SecurityGroupIds: [vpcs.paymentsVpc.clientsSg],
    TagSpecifications: tagged('vpc-endpoint', 'payments-secretsmanager'),
  });

  // The data platform's reporting VPC reaches the orders database through a Resource endpoint.
  ec2(DATA, 'CreateVpcEndpoint', {
    VpcEndpointType: 'Resource',
    VpcId: vpcs.reportingVpc.vpcId,
    ResourceConfigurationArn: vpcs.ordersDbArn,
    SubnetIds: vpcs.reportingVpc.subnetIds.slice(0, 2),
    SecurityGroupIds: [vpcs.reportingVpc.clientsSg],
    TagSpecifications: tagged('vpc-endpoint', 'reporting-to-orders-db'),
  });
}

/** The role the recipe's order-service policy allows (a workload in the storefront account). */
export const DEMO_PRODUCT_SERVICE_ROLE_ARN = `arn:aws:iam::${STOREFRONT}:role/ProductServiceRole`;

/** The recipe's policy: the role may GET and POST /orders…, DELETE is denied to everyone, nobody else is allowed. */
export function orderServiceAuthPolicy(serviceArn: string, roleArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowProductServiceReadAndCreate',
        Effect: 'Allow',
        Principal: { AWS: [roleArn] },
        Action: 'vpc-lattice-svcs:Invoke',
        Resource: `${serviceArn}/*`,
        Condition: { StringEquals: { 'vpc-lattice-svcs:RequestMethod': ['GET', 'POST'] }, StringLike: { 'vpc-lattice-svcs:RequestPath': '/orders*' } },
      },
      { Sid: 'DenyDeletes', Effect: 'Deny', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: `${serviceArn}/*`, Condition: { StringEquals: { 'vpc-lattice-svcs:RequestMethod': 'DELETE' } } },
    ],
  });
}

/** The accounts, their roles and keys, as `npm run local -- --seed demo` prints them. */
export function describeDemoAccounts(): string {
  const lines = [`Demo estate (${DEMO_REGION}, organization ${DEMO_ORGANIZATION.id}); secret access key "${DEMO_SECRET_ACCESS_KEY}" for every account:`];
  for (const a of DEMO_ACCOUNTS) {
    lines.push(`  ${a.id}  ${a.name.padEnd(18)} ${a.role.padEnd(12)} ${a.inOrganization ? 'in organization ' : 'outside org     '} access key ${a.id}  role ${a.consoleRoleName}`);
  }
  return lines.join('\n');
}
