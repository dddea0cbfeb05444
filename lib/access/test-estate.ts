// A small estate for the access tests: a hub account owning two service networks, an
// application account with the orders service (the recipe's auth policy), accounts that reach
// the network through an accepted invitation, a pending invitation and the organization.
import type { IdentityPolicy, Json, Topology, TopologyEdge, TopologyNode } from '@/lib/topology/types';

export const HUB = '111111111111';
export const APP = '222222222222';
export const OTHER = '333333333333';
export const DATA = '444444444444';
export const PARTNER = '555555555555';
export const ORG = 'o-trellis0test';
const R = 'us-east-1';
const lat = (account: string, res: string) => `arn:aws:vpc-lattice:${R}:${account}:${res}`;
const ec2 = (account: string, res: string) => `arn:aws:ec2:${R}:${account}:${res}`;

export const ROLE = `arn:aws:iam::${APP}:role/ProductServiceRole`;
export const SESSION = `arn:aws:sts::${APP}:assumed-role/ProductServiceRole/i-0abc`;
export const OTHER_ROLE = `arn:aws:iam::${APP}:role/ReportingRole`;

export const X = {
  retail: lat(HUB, 'servicenetwork/sn-0retail000000001'),
  platform: lat(HUB, 'servicenetwork/sn-0platform0000001'),
  orders: lat(APP, 'service/svc-0orders0000000001'),
  search: lat(APP, 'service/svc-0search0000000001'),
  listener80: lat(APP, 'service/svc-0orders0000000001/listener/listener-0http0000000001'),
  listener443: lat(APP, 'service/svc-0orders0000000001/listener/listener-0https000000001'),
  searchListener: lat(APP, 'service/svc-0search0000000001/listener/listener-0search000000001'),
  ruleDefault: lat(APP, 'service/svc-0orders0000000001/listener/listener-0http0000000001/rule/rule-0default000000001'),
  ruleCanary: lat(APP, 'service/svc-0orders0000000001/listener/listener-0http0000000001/rule/rule-0canary0000000001'),
  ruleDeletes: lat(APP, 'service/svc-0orders0000000001/listener/listener-0http0000000001/rule/rule-0deletes000000001'),
  tgStable: lat(APP, 'targetgroup/tg-0stable0000000001'),
  tgCanary: lat(APP, 'targetgroup/tg-0canary0000000001'),
  tgSearch: lat(APP, 'targetgroup/tg-0search0000000001'),
  searchFunction: `arn:aws:lambda:${R}:${APP}:function:search-fn`,
  appVpc: ec2(APP, 'vpc/vpc-0app0000000000001'),
  lonelyVpc: ec2(APP, 'vpc/vpc-0lonely00000000001'),
  otherVpc: ec2(OTHER, 'vpc/vpc-0other0000000001'),
  partnerVpc: ec2(PARTNER, 'vpc/vpc-0partner00000001'),
  dataVpc: ec2(DATA, 'vpc/vpc-0data00000000001'),
  endpoint: ec2(APP, 'vpc-endpoint/vpce-0platform000000001'),
  appAssoc: lat(APP, 'servicenetworkvpcassociation/snva-0app0000000000001'),
  otherAssoc: lat(OTHER, 'servicenetworkvpcassociation/snva-0other00000000001'),
  partnerAssoc: lat(PARTNER, 'servicenetworkvpcassociation/snva-0partner000000001'),
  dataAssoc: lat(DATA, 'servicenetworkvpcassociation/snva-0data000000000001'),
  ordersAssoc: lat(APP, 'servicenetworkserviceassociation/snsa-0orders00000000001'),
  searchAssoc: lat(APP, 'servicenetworkserviceassociation/snsa-0search00000000001'),
  searchPlatformAssoc: lat(APP, 'servicenetworkserviceassociation/snsa-0searchplat000001'),
  retailShare: `arn:aws:ram:${R}:${HUB}:resource-share/retail-0000`,
  platformShare: `arn:aws:ram:${R}:${HUB}:resource-share/platform-0000`,
  otherInvitation: `arn:aws:ram:${R}:${HUB}:resource-share-invitation/inv-other`,
  partnerInvitation: `arn:aws:ram:${R}:${HUB}:resource-share-invitation/inv-partner`,
};

/** The auth policy of the recipe (auth-policies.html, and the demo estate's orders service). */
export function recipePolicy(serviceArn = X.orders, role = ROLE): Json {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowProductServiceToReadAndPlaceOrders',
        Effect: 'Allow',
        Principal: { AWS: [role] },
        Action: 'vpc-lattice-svcs:Invoke',
        Resource: `${serviceArn}/*`,
        Condition: { StringEquals: { 'vpc-lattice-svcs:RequestMethod': ['GET', 'POST'] }, StringLike: { 'vpc-lattice-svcs:RequestPath': '/orders*' } },
      },
      { Sid: 'DenyEveryoneElse', Effect: 'Deny', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: `${serviceArn}/*`, Condition: { StringNotLike: { 'aws:PrincipalArn': [role] } } },
    ],
  };
}

function node(n: Partial<TopologyNode> & Pick<TopologyNode, 'id' | 'kind' | 'account' | 'name'>): TopologyNode {
  return { region: R, status: 'ACTIVE', tags: {}, seenBy: [n.account], description: {}, ...n };
}
const edge = (e: Partial<TopologyEdge> & Pick<TopologyEdge, 'kind' | 'source' | 'target'>): TopologyEdge => ({ id: `${e.kind}:${e.source}->${e.target}`, ...e });
const fwd = (...groups: [string, number][]) => ({ forward: { targetGroups: groups.map(([tg, weight]) => ({ targetGroupIdentifier: tg.slice(tg.lastIndexOf('/') + 1), weight })) } });
const target = (tg: string, ip: string, status: string, reasonCode?: string) =>
  node({ id: `${tg}#target/${ip}:8080`, kind: 'target', account: APP, name: `${ip}:8080`, status, parent: tg, description: { id: ip, port: 8080, status, ...(reasonCode ? { reasonCode } : {}) } });

export function estate(): Topology {
  const nodes: TopologyNode[] = [
    node({ id: X.retail, kind: 'serviceNetwork', account: HUB, name: 'retail', resourceId: 'sn-0retail000000001', seenBy: [HUB, APP, OTHER], description: { authType: 'NONE' } }),
    node({ id: X.platform, kind: 'serviceNetwork', account: HUB, name: 'platform', resourceId: 'sn-0platform0000001', seenBy: [HUB, APP, DATA], description: { authType: 'NONE' } }),
    node({ id: X.orders, kind: 'service', account: APP, name: 'orders', resourceId: 'svc-0orders0000000001', tags: { env: 'prod' }, description: { authType: 'AWS_IAM' }, authPolicy: { state: 'Active', policy: recipePolicy() } }),
    node({ id: X.search, kind: 'service', account: APP, name: 'search', resourceId: 'svc-0search0000000001', description: { authType: 'NONE' } }),
    node({ id: X.listener80, kind: 'listener', account: APP, name: 'http-80', parent: X.orders, description: { protocol: 'HTTP', port: 80, defaultAction: fwd([X.tgStable, 90], [X.tgCanary, 10]) } }),
    node({ id: X.listener443, kind: 'listener', account: APP, name: 'https-443', parent: X.orders, description: { protocol: 'HTTPS', port: 443, defaultAction: fwd([X.tgStable, 100]) } }),
    node({ id: X.ruleDefault, kind: 'rule', account: APP, name: 'default', parent: X.listener80, description: { isDefault: true } }),
    node({
      id: X.ruleCanary,
      kind: 'rule',
      account: APP,
      name: 'canary-by-header',
      parent: X.listener80,
      description: { isDefault: false, priority: 10, match: { httpMatch: { headerMatches: [{ name: 'x-canary', match: { exact: 'true' } }] } }, action: fwd([X.tgCanary, 100]) },
    }),
    node({
      id: X.ruleDeletes,
      kind: 'rule',
      account: APP,
      name: 'block-deletes',
      parent: X.listener80,
      description: { isDefault: false, priority: 30, match: { httpMatch: { method: 'DELETE', pathMatch: { match: { prefix: '/orders' } } } }, action: { fixedResponse: { statusCode: 405 } } },
    }),
    node({ id: X.searchListener, kind: 'listener', account: APP, name: 'http-80', parent: X.search, description: { protocol: 'HTTP', port: 80, defaultAction: fwd([X.tgSearch, 100]) } }),
    node({ id: X.tgStable, kind: 'targetGroup', account: APP, name: 'orders-stable', resourceId: 'tg-0stable0000000001' }),
    node({ id: X.tgCanary, kind: 'targetGroup', account: APP, name: 'orders-canary', resourceId: 'tg-0canary0000000001' }),
    node({ id: X.tgSearch, kind: 'targetGroup', account: APP, name: 'search-fn', resourceId: 'tg-0search0000000001', description: { type: 'LAMBDA' } }),
    target(X.tgStable, '10.0.1.10', 'HEALTHY'),
    target(X.tgStable, '10.0.1.11', 'UNHEALTHY'),
    target(X.tgCanary, '10.0.2.10', 'HEALTHY'),
    node({ id: `${X.tgSearch}#target/fn`, kind: 'target', account: APP, name: 'fn', status: 'UNAVAILABLE', parent: X.tgSearch, description: { id: 'fn', status: 'UNAVAILABLE', reasonCode: 'HealthCheckDisabled' } }),
    node({ id: X.appVpc, kind: 'vpc', account: APP, name: 'app', resourceId: 'vpc-0app0000000000001', status: 'available' }),
    node({ id: X.lonelyVpc, kind: 'vpc', account: APP, name: 'lonely', resourceId: 'vpc-0lonely00000000001', status: 'available' }),
    node({ id: X.otherVpc, kind: 'vpc', account: OTHER, name: 'other', resourceId: 'vpc-0other0000000001', status: 'available' }),
    node({ id: X.partnerVpc, kind: 'vpc', account: PARTNER, name: 'partner', resourceId: 'vpc-0partner00000001', status: 'available' }),
    node({ id: X.dataVpc, kind: 'vpc', account: DATA, name: 'data', resourceId: 'vpc-0data00000000001', status: 'available' }),
    node({ id: X.endpoint, kind: 'vpcEndpoint', account: APP, name: 'app-to-platform', parent: X.appVpc, status: 'Available', description: { VpcEndpointType: 'ServiceNetwork', VpcId: 'vpc-0app0000000000001', ServiceNetworkArn: X.platform, Groups: [{ GroupId: 'sg-0clients' }] } }),
    node({ id: X.retailShare, kind: 'resourceShare', account: HUB, name: 'retail-services' }),
    node({ id: X.platformShare, kind: 'resourceShare', account: HUB, name: 'shared-platform' }),
    node({ id: `arn:aws:iam::${APP}:root`, kind: 'principal', account: APP, name: APP, region: '', description: { principal: APP, external: false } }),
    node({ id: `arn:aws:iam::${OTHER}:root`, kind: 'principal', account: OTHER, name: OTHER, region: '', description: { principal: OTHER, external: true } }),
    node({ id: `arn:aws:iam::${PARTNER}:root`, kind: 'principal', account: PARTNER, name: PARTNER, region: '', description: { principal: PARTNER, external: true } }),
    node({ id: `arn:aws:organizations::${HUB}:organization/${ORG}`, kind: 'principal', account: HUB, name: ORG, region: '', description: { principal: `arn:aws:organizations::${HUB}:organization/${ORG}`, external: false } }),
    node({ id: X.otherInvitation, kind: 'resourceShareInvitation', account: OTHER, name: 'retail-services', status: 'ACCEPTED', description: { resourceShareArn: X.retailShare, receiverAccountId: OTHER, senderAccountId: HUB } }),
    node({ id: X.partnerInvitation, kind: 'resourceShareInvitation', account: PARTNER, name: 'retail-services', status: 'PENDING', description: { resourceShareArn: X.retailShare, receiverAccountId: PARTNER, senderAccountId: HUB } }),
  ];
  const edges: TopologyEdge[] = [
    edge({ id: X.appAssoc, kind: 'serviceNetworkVpc', source: X.retail, target: X.appVpc, status: 'ACTIVE', account: APP, description: { securityGroupIds: ['sg-0clients'] } }),
    edge({ id: X.otherAssoc, kind: 'serviceNetworkVpc', source: X.retail, target: X.otherVpc, status: 'ACTIVE', account: OTHER }),
    edge({ id: X.partnerAssoc, kind: 'serviceNetworkVpc', source: X.retail, target: X.partnerVpc, status: 'ACTIVE', account: PARTNER }),
    edge({ id: X.dataAssoc, kind: 'serviceNetworkVpc', source: X.platform, target: X.dataVpc, status: 'ACTIVE', account: DATA }),
    edge({ id: X.ordersAssoc, kind: 'serviceNetworkService', source: X.retail, target: X.orders, status: 'ACTIVE', account: APP }),
    edge({ id: X.searchAssoc, kind: 'serviceNetworkService', source: X.retail, target: X.search, status: 'ACTIVE', account: APP }),
    edge({ id: X.searchPlatformAssoc, kind: 'serviceNetworkService', source: X.platform, target: X.search, status: 'ACTIVE', account: APP }),
    edge({ kind: 'vpcEndpointVpc', source: X.endpoint, target: X.appVpc }),
    edge({ kind: 'vpcEndpointServiceNetwork', source: X.endpoint, target: X.platform, status: 'Available' }),
    edge({ kind: 'serviceListener', source: X.orders, target: X.listener80 }),
    edge({ kind: 'serviceListener', source: X.orders, target: X.listener443 }),
    edge({ kind: 'serviceListener', source: X.search, target: X.searchListener }),
    edge({ kind: 'listenerRule', source: X.listener80, target: X.ruleDefault }),
    edge({ kind: 'listenerRule', source: X.listener80, target: X.ruleCanary }),
    edge({ kind: 'listenerRule', source: X.listener80, target: X.ruleDeletes }),
    edge({ kind: 'forward', source: X.listener80, target: X.tgStable, weight: 90 }),
    edge({ kind: 'forward', source: X.listener80, target: X.tgCanary, weight: 10 }),
    edge({ kind: 'forward', source: X.ruleCanary, target: X.tgCanary, weight: 100 }),
    edge({ kind: 'forward', source: X.listener443, target: X.tgStable, weight: 100 }),
    edge({ kind: 'forward', source: X.searchListener, target: X.tgSearch, weight: 100 }),
    edge({ kind: 'shareResource', source: X.retailShare, target: X.retail, status: 'ASSOCIATED' }),
    edge({ kind: 'shareResource', source: X.platformShare, target: X.platform, status: 'ASSOCIATED' }),
    edge({ kind: 'sharePrincipal', source: X.retailShare, target: `arn:aws:iam::${APP}:root`, status: 'ASSOCIATED', description: { external: false } }),
    edge({ kind: 'sharePrincipal', source: X.retailShare, target: `arn:aws:iam::${OTHER}:root`, status: 'ASSOCIATED', description: { external: true } }),
    edge({ kind: 'sharePrincipal', source: X.retailShare, target: `arn:aws:iam::${PARTNER}:root`, status: 'ASSOCIATING', description: { external: true } }),
    edge({ kind: 'sharePrincipal', source: X.platformShare, target: `arn:aws:organizations::${HUB}:organization/${ORG}`, status: 'ASSOCIATED', description: { external: false } }),
    edge({ kind: 'invitationShare', source: X.otherInvitation, target: X.retailShare, status: 'ACCEPTED' }),
    edge({ kind: 'invitationShare', source: X.partnerInvitation, target: X.retailShare, status: 'PENDING' }),
  ];
  return { nodes, edges, errors: [] };
}

/** Small edits for the decision table. Each returns the topology it was given. */
export const edit = {
  node(t: Topology, id: string, f: (n: TopologyNode) => void): Topology {
    const n = t.nodes.find((x) => x.id === id);
    if (!n) throw new Error(`no node ${id}`);
    f(n);
    return t;
  },
  edge(t: Topology, id: string, f: (e: TopologyEdge) => void): Topology {
    const e = t.edges.find((x) => x.id === id);
    if (!e) throw new Error(`no edge ${id}`);
    f(e);
    return t;
  },
  policy(t: Topology, id: string, policy: Json | undefined, authType = 'AWS_IAM'): Topology {
    return edit.node(t, id, (n) => {
      n.description.authType = authType;
      if (policy === undefined) delete n.authPolicy;
      else n.authPolicy = { state: authType === 'AWS_IAM' ? 'Active' : 'Inactive', policy };
    });
  },
  /** Adds (or replaces) an IAM role with these identity policies; `undefined` = listed but not read. */
  role(t: Topology, arn: string, policies: IdentityPolicy[] | undefined, extra: Partial<TopologyNode> = {}): Topology {
    const account = arn.split(':')[4]!;
    t.nodes = t.nodes.filter((n) => n.id !== arn);
    t.nodes.push(node({ id: arn, kind: 'iamRole', account, region: '', name: arn.slice(arn.lastIndexOf('/') + 1), ...(policies ? { identityPolicies: policies } : {}), ...extra }));
    return t;
  },
  /** Points the search service's Lambda target at a function with this policy (`undefined` = not read, null = none). */
  lambdaPolicy(t: Topology, policy: Json | undefined): Topology {
    t.nodes.push(node({ id: X.searchFunction, kind: 'lambdaFunction', account: APP, name: 'search-fn', status: 'Active', ...(policy === undefined ? {} : { resourcePolicy: policy }) }));
    t.edges.push(edge({ kind: 'targetResource', source: `${X.tgSearch}#target/fn`, target: X.searchFunction }));
    return t;
  },
  removeEdge(t: Topology, id: string): Topology {
    t.edges = t.edges.filter((e) => e.id !== id);
    return t;
  },
};

/** A one-statement Allow policy on the orders service with the given extra fields. */
export function allowWith(extra: Record<string, Json>, base: Record<string, Json> = {}): Json {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: `${X.orders}/*`, ...base, ...extra }] };
}

/** An inline identity policy of one statement. */
export function inlinePolicy(name: string, ...statements: Record<string, Json>[]): IdentityPolicy {
  return { name, kind: 'inline', policy: { Version: '2012-10-17', Statement: statements } };
}

/** A Lambda function policy as AddPermission writes it. */
export function functionPolicy(...statements: Record<string, Json>[]): Json {
  return { Version: '2012-10-17', Id: 'default', Statement: statements };
}
