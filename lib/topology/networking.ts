// The networking facts the details panel shows for VPC endpoints, endpoint services,
// instances and targets, read from their API descriptions and the edges around them.

import { statusClass } from './kinds';
import type { Json, JsonObject, Topology, TopologyNode } from './types';

const str = (v: Json | undefined): string | undefined => (typeof v === 'string' && v ? v : undefined);
const list = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);
const obj = (v: Json | undefined): JsonObject | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? v : undefined);

/** A reference by id, resolved to its node when the topology has it. */
export interface Ref {
  id: string;
  node?: TopologyNode;
}

function indexByResourceId(topology: Topology, kind: TopologyNode['kind']): Map<string, TopologyNode> {
  const out = new Map<string, TopologyNode>();
  for (const n of topology.nodes) if (n.kind === kind && n.resourceId) out.set(`${n.account}|${n.resourceId}`, n);
  return out;
}

export interface EndpointFacts {
  type: string;
  /** Interface, Gateway and GatewayLoadBalancer endpoints name the service they reach. */
  serviceName?: string;
  subnets: Ref[];
  securityGroups: Ref[];
  routeTables: string[];
  dnsNames: string[];
  privateDns?: boolean;
  /** The endpoint service it connects to, with the connection's state, when its owner is read. */
  connection?: { service: TopologyNode; state: string };
}

export function endpointFacts(topology: Topology, node: TopologyNode): EndpointFacts {
  const d = node.description;
  const subnets = indexByResourceId(topology, 'subnet');
  const groups = indexByResourceId(topology, 'securityGroup');
  const ref = (index: Map<string, TopologyNode>, id: string): Ref => ({ id, node: index.get(`${node.account}|${id}`) });
  const facts: EndpointFacts = {
    type: str(d.VpcEndpointType) ?? 'Unknown',
    subnets: list(d.SubnetIds).filter((s): s is string => typeof s === 'string').map((s) => ref(subnets, s)),
    securityGroups: list(d.Groups)
      .map((g) => str(obj(g)?.GroupId))
      .filter((g): g is string => !!g)
      .map((g) => ref(groups, g)),
    routeTables: list(d.RouteTableIds).filter((r): r is string => typeof r === 'string'),
    dnsNames: list(d.DnsEntries)
      .map((e) => str(obj(e)?.DnsName))
      .filter((n): n is string => !!n),
  };
  const serviceName = str(d.ServiceName);
  if (serviceName) facts.serviceName = serviceName;
  if (typeof d.PrivateDnsEnabled === 'boolean') facts.privateDns = d.PrivateDnsEnabled;
  const edge = topology.edges.find((e) => e.kind === 'vpcEndpointConnection' && e.source === node.id);
  const service = edge && topology.nodes.find((n) => n.id === edge.target);
  if (edge && service) facts.connection = { service, state: edge.status ?? '' };
  return facts;
}

/** The short name of what an endpoint reaches: `s3` for `com.amazonaws.us-east-1.s3`, the service id for an endpoint service. */
export function shortServiceName(serviceName: string): string {
  const vpce = serviceName.match(/\.(vpce-svc-[0-9a-z]+)$/);
  if (vpce) return vpce[1];
  const aws = serviceName.match(/^com\.amazonaws\.[a-z0-9-]+\.(.+)$/);
  return aws ? aws[1] : serviceName;
}

export interface EndpointConnection {
  endpoint: TopologyNode;
  /** The consumer account. */
  account: string;
  state: string;
}

export interface EndpointServiceFacts {
  serviceName?: string;
  types: string[];
  acceptanceRequired?: boolean;
  loadBalancers: string[];
  dnsNames: string[];
  privateDnsName?: string;
  /** Undefined when the permissions could not be read. */
  allowedPrincipals?: { principal: string; type?: string }[];
  /** Accepted first, then pending, then the rest. */
  connections: EndpointConnection[];
}

const STATE_ORDER = { active: 0, pending: 1, failed: 2, inactive: 3, unknown: 4 } as const;

export function endpointServiceFacts(topology: Topology, node: TopologyNode): EndpointServiceFacts {
  const d = node.description;
  const byId = new Map(topology.nodes.map((n) => [n.id, n]));
  const connections: EndpointConnection[] = [];
  for (const e of topology.edges) {
    if (e.kind !== 'vpcEndpointConnection' || e.target !== node.id) continue;
    const endpoint = byId.get(e.source);
    if (endpoint) connections.push({ endpoint, account: e.account ?? endpoint.account, state: e.status ?? '' });
  }
  connections.sort((a, b) => STATE_ORDER[statusClass(a.state)] - STATE_ORDER[statusClass(b.state)] || a.endpoint.name.localeCompare(b.endpoint.name));
  const facts: EndpointServiceFacts = {
    types: list(d.ServiceType)
      .map((t) => str(obj(t)?.ServiceType))
      .filter((t): t is string => !!t),
    loadBalancers: [...list(d.NetworkLoadBalancerArns), ...list(d.GatewayLoadBalancerArns)].filter((a): a is string => typeof a === 'string'),
    dnsNames: list(d.BaseEndpointDnsNames).filter((n): n is string => typeof n === 'string'),
    connections,
  };
  const serviceName = str(d.ServiceName);
  if (serviceName) facts.serviceName = serviceName;
  if (typeof d.AcceptanceRequired === 'boolean') facts.acceptanceRequired = d.AcceptanceRequired;
  const privateDnsName = str(d.PrivateDnsName);
  if (privateDnsName) facts.privateDnsName = privateDnsName;
  if (Array.isArray(d.AllowedPrincipals)) {
    facts.allowedPrincipals = d.AllowedPrincipals.map(obj)
      .filter((p): p is JsonObject => !!p && !!str(p.Principal))
      .map((p) => ({ principal: str(p.Principal)!, ...(str(p.PrincipalType) ? { type: str(p.PrincipalType) } : {}) }));
  }
  return facts;
}

/** The account a principal ARN (or `*`) names, for showing the account's name beside it. */
export function principalAccount(principal: string): string | undefined {
  return principal.match(/^arn:[^:]+:iam::(\d{12}):/)?.[1];
}

export interface InstanceFacts {
  state: string;
  type?: string;
  privateIp?: string;
  subnet?: Ref;
  securityGroups: Ref[];
}

export function instanceFacts(topology: Topology, node: TopologyNode): InstanceFacts {
  const d = node.description;
  const subnets = indexByResourceId(topology, 'subnet');
  const groups = indexByResourceId(topology, 'securityGroup');
  const facts: InstanceFacts = {
    state: str(obj(d.State)?.Name) ?? node.status,
    securityGroups: list(d.SecurityGroups)
      .map((g) => str(obj(g)?.GroupId))
      .filter((g): g is string => !!g)
      .map((id) => ({ id, node: groups.get(`${node.account}|${id}`) })),
  };
  const type = str(d.InstanceType);
  if (type) facts.type = type;
  const ip = str(d.PrivateIpAddress);
  if (ip) facts.privateIp = ip;
  const subnet = str(d.SubnetId);
  if (subnet) facts.subnet = { id: subnet, node: subnets.get(`${node.account}|${subnet}`) };
  return facts;
}

export interface TargetPointsAt {
  /** The target group's type: INSTANCE, IP, LAMBDA or ALB. */
  type: string;
  /** What the target names: an instance id, an IP address, a function ARN, a load balancer ARN. */
  reference: string;
  /** The resource it points at, when the topology holds it. */
  node?: TopologyNode;
}

export function targetPointsAt(topology: Topology, target: TopologyNode): TargetPointsAt {
  const group = target.parent ? topology.nodes.find((n) => n.id === target.parent) : undefined;
  const type = str(group?.description.type) ?? '';
  const reference = str(target.description.id) ?? target.resourceId ?? target.name;
  const edge = topology.edges.find((e) => e.kind === 'targetResource' && e.source === target.id);
  const node = edge ? topology.nodes.find((n) => n.id === edge.target) : undefined;
  return node ? { type, reference, node } : { type, reference };
}
