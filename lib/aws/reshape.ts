// API answers → Topology nodes and edges, for one account in one region. Every node keeps
// the full description the API returned (summary and detail merged); resources seen only
// through a reference (an association naming a VPC in an account Trellis does not read)
// become `external` nodes that the merge replaces when the real one is read elsewhere.

import type { Tag as Ec2Tag } from '@aws-sdk/client-ec2';
import type { Tag as RamTag } from '@aws-sdk/client-ram';
import type { AccessLogSubscriptionSummary, RuleAction } from '@aws-sdk/client-vpc-lattice';
import {
  accountOfArn,
  accountPrincipalArn,
  ec2Arn,
  edgeKey,
  parseArn,
  targetKey,
  type DiscoveryError,
  type JsonObject,
  type ResourceKind,
  type Topology,
  type TopologyEdge,
  type TopologyNode,
} from '@/lib/topology';
import type { LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import type { Ec2Inventory } from './ec2';
import type { PrivateLinkInventory } from './privatelink';
import { parsePolicy, partitionOf, toJsonObject } from './json';
import { lambdaNodes, type LambdaInventory } from './lambda';
import type { LatticeDetails, LatticeLists } from './lattice';
import { logGroupNodes } from './logs';
import type { RamInventory } from './ram';

export interface AccountInventory {
  account: string;
  region: string;
  lattice: LatticeLists;
  details: LatticeDetails;
  ram: RamInventory;
  ec2: Ec2Inventory;
  privateLink: PrivateLinkInventory;
  /** The Region's Lambda functions (with the policies of those targets register). */
  lambda?: LambdaInventory;
  /** The Region's log groups. */
  logGroups?: LogGroup[];
}

/** Lattice resource types in ARNs → kinds, for stubs made from references. */
const ARN_KINDS: Record<string, ResourceKind> = {
  servicenetwork: 'serviceNetwork',
  service: 'service',
  targetgroup: 'targetGroup',
  resourcegateway: 'resourceGateway',
  resourceconfiguration: 'resourceConfiguration',
};

/** Kinds with no lifecycle in the API: listed means usable. */
const ALWAYS_ACTIVE = 'ACTIVE';

/** What every source adds to: the nodes and edges so far, and the helpers that keep them consistent. */
function topologyBuilder(inv: AccountInventory) {
  const { account: me, region } = inv;
  const partition = partitionOf(region);
  const nodes = new Map<string, TopologyNode>();
  const edges = new Map<string, TopologyEdge>();
  const d = inv.details;

  const put = (node: TopologyNode) => {
    const existing = nodes.get(node.id);
    // A real description beats a stub made from a reference.
    if (!existing || (existing.external && !node.external)) nodes.set(node.id, node);
  };
  const link = (edge: Omit<TopologyEdge, 'id'> & { id?: string }) => {
    const id = edge.id ?? edgeKey(edge.kind, edge.source, edge.target);
    if (!edges.has(id)) edges.set(id, { ...edge, id });
  };
  const stub = (id: string, kind: ResourceKind, owner: string, name: string, description: JsonObject = {}) => {
    if (nodes.has(id)) return;
    const arn = parseArn(id);
    put({ id, kind, account: owner, region: arn?.region || region, name, status: '', resourceId: arn?.resourceId, tags: {}, seenBy: [me], external: true, description });
  };
  const base = (id: string, kind: ResourceKind, name: string | undefined, status: string | undefined, description: JsonObject, extra: Partial<TopologyNode> = {}): TopologyNode => {
    const arn = parseArn(id);
    const node: TopologyNode = {
      id,
      kind,
      account: arn?.account || me,
      region: arn?.region || region,
      name: name || arn?.resourceId || id,
      status: status ?? ALWAYS_ACTIVE,
      tags: d.tags.get(id) ?? {},
      seenBy: [me],
      description,
      ...extra,
    };
    if (arn?.resourceId && node.resourceId === undefined) node.resourceId = arn.resourceId;
    return node;
  };
  const withPolicies = (node: TopologyNode) => {
    const auth = d.authPolicies.get(node.id);
    if (auth) node.authPolicy = { ...(auth.state ? { state: auth.state } : {}), policy: parsePolicy(auth.policy) };
    const resource = d.resourcePolicies.get(node.id);
    if (resource) node.resourcePolicy = parsePolicy(resource);
    return node;
  };

  // EC2 gives VPCs their ARNs (Lattice names VPCs by id): the EC2 source fills this first.
  const vpcArnById = new Map<string, string>();
  const vpcRef = (vpcId: string | undefined, owner: string | undefined): string | undefined => {
    if (!vpcId) return undefined;
    const known = vpcArnById.get(vpcId);
    if (known) return known;
    const id = owner ? ec2Arn(partition, region, owner, 'vpc', vpcId) : `vpc:${vpcId}`;
    if (!nodes.has(id)) put({ id, kind: 'vpc', account: owner ?? '', region, name: vpcId, status: '', resourceId: vpcId, tags: {}, seenBy: [me], external: true, description: { VpcId: vpcId } });
    return id;
  };
  const endpointArn = (owner: string, endpointId: string) => ec2Arn(partition, region, owner, 'vpc-endpoint', endpointId);
  return { me, region, partition, d, nodes, edges, put, link, stub, base, withPolicies, vpcRef, endpointArn, vpcArnById };
}

type TopologyBuilder = ReturnType<typeof topologyBuilder>;

/** EC2 first: Lattice names VPCs by id, and these give them their ARNs. */
function addEc2(b: TopologyBuilder, inv: AccountInventory): void {
  const { me, region, partition, put, link, vpcRef, endpointArn, vpcArnById } = b;
  for (const vpc of inv.ec2.vpcs) {
    const owner = vpc.OwnerId || me;
    const id = ec2Arn(partition, region, owner, 'vpc', vpc.VpcId!);
    vpcArnById.set(vpc.VpcId!, id);
    put({ id, kind: 'vpc', account: owner, region, name: nameTag(vpc.Tags) ?? vpc.VpcId!, status: vpc.State ?? '', resourceId: vpc.VpcId, tags: ec2Tags(vpc.Tags), seenBy: [me], description: toJsonObject(vpc) });
  }
  for (const subnet of inv.ec2.subnets) {
    const owner = subnet.OwnerId || me;
    const id = subnet.SubnetArn || ec2Arn(partition, region, owner, 'subnet', subnet.SubnetId!);
    const vpc = vpcRef(subnet.VpcId, owner);
    put({ id, kind: 'subnet', account: owner, region, name: nameTag(subnet.Tags) ?? subnet.SubnetId!, status: subnet.State ?? '', resourceId: subnet.SubnetId, parent: vpc, tags: ec2Tags(subnet.Tags), seenBy: [me], description: toJsonObject(subnet) });
    if (vpc) link({ kind: 'subnetVpc', source: id, target: vpc });
  }
  for (const sg of inv.ec2.securityGroups) {
    const owner = sg.OwnerId || me;
    const id = sg.SecurityGroupArn || ec2Arn(partition, region, owner, 'security-group', sg.GroupId!);
    const vpc = vpcRef(sg.VpcId, owner);
    put({ id, kind: 'securityGroup', account: owner, region, name: sg.GroupName ?? sg.GroupId!, status: ALWAYS_ACTIVE, resourceId: sg.GroupId, parent: vpc, tags: ec2Tags(sg.Tags), seenBy: [me], description: toJsonObject(sg) });
    if (vpc) link({ kind: 'securityGroupVpc', source: id, target: vpc });
  }
  for (const ep of inv.ec2.vpcEndpoints) {
    const owner = ep.OwnerId || me;
    const id = endpointArn(owner, ep.VpcEndpointId!);
    const vpc = vpcRef(ep.VpcId, owner);
    put({ id, kind: 'vpcEndpoint', account: owner, region, name: nameTag(ep.Tags) ?? ep.VpcEndpointId!, status: ep.State ?? '', resourceId: ep.VpcEndpointId, parent: vpc, tags: ec2Tags(ep.Tags), seenBy: [me], description: toJsonObject(ep) });
    if (vpc) link({ kind: 'vpcEndpointVpc', source: id, target: vpc });
    if (ep.ServiceNetworkArn) link({ kind: 'vpcEndpointServiceNetwork', source: id, target: ep.ServiceNetworkArn });
  }
}

/** Lattice: service networks, services, listeners and rules with their forwards, target groups and targets, gateways and resource configurations. */
function addLattice(b: TopologyBuilder, inv: AccountInventory): void {
  const { me, region, d, nodes, put, link, stub, base, withPolicies, vpcRef } = b;
  for (const sn of inv.lattice.serviceNetworks) {
    const id = sn.arn!;
    put(withPolicies(base(id, 'serviceNetwork', sn.name, ALWAYS_ACTIVE, { ...toJsonObject(sn), ...toJsonObject(d.serviceNetworks.get(id)) })));
  }
  for (const svc of inv.lattice.services) {
    const id = svc.arn!;
    const detail = d.services.get(id);
    put(withPolicies(base(id, 'service', svc.name, detail?.status ?? svc.status, { ...toJsonObject(svc), ...toJsonObject(detail) })));
  }

  const tgArnById = new Map<string, string>();
  for (const tg of inv.lattice.targetGroups) tgArnById.set(tg.id!, tg.arn!);
  const tgRef = (identifier: string | undefined) => (identifier ? (identifier.startsWith('arn:') ? identifier : tgArnById.get(identifier)) : undefined);
  const forwards = (source: string, action: RuleAction | undefined) => {
    for (const wtg of action?.forward?.targetGroups ?? []) {
      const target = tgRef(wtg.targetGroupIdentifier);
      if (!target) continue;
      const edge: Omit<TopologyEdge, 'id'> = { kind: 'forward', source, target };
      if (wtg.weight !== undefined) edge.weight = wtg.weight;
      link(edge);
    }
  };

  for (const [serviceArn, listeners] of d.listeners) {
    for (const l of listeners) {
      const id = l.summary.arn!;
      put(base(id, 'listener', l.summary.name, ALWAYS_ACTIVE, { ...toJsonObject(l.summary), ...toJsonObject(l.detail) }, { parent: serviceArn }));
      link({ kind: 'serviceListener', source: serviceArn, target: id });
      forwards(id, l.detail?.defaultAction);
      for (const r of l.rules) {
        const ruleId = r.summary.arn!;
        put(base(ruleId, 'rule', r.summary.name, ALWAYS_ACTIVE, { ...toJsonObject(r.summary), ...toJsonObject(r.detail) }, { parent: id }));
        link({ kind: 'listenerRule', source: id, target: ruleId });
        if (!r.summary.isDefault) forwards(ruleId, r.detail?.action);
      }
    }
  }

  for (const tg of inv.lattice.targetGroups) {
    const id = tg.arn!;
    const detail = d.targetGroups.get(id);
    put(base(id, 'targetGroup', tg.name, detail?.status ?? tg.status, { ...toJsonObject(tg), ...toJsonObject(detail) }));
    const vpc = vpcRef(tg.vpcIdentifier ?? detail?.config?.vpcIdentifier, accountOfArn(id));
    if (vpc) link({ kind: 'targetGroupVpc', source: id, target: vpc });
    for (const t of d.targets.get(id) ?? []) {
      const tid = targetKey(id, t.id!, t.port);
      put({ id: tid, kind: 'target', account: accountOfArn(id), region, name: t.port === undefined ? t.id! : `${t.id}:${t.port}`, status: t.status ?? '', resourceId: t.id, parent: id, tags: {}, seenBy: [me], description: toJsonObject(t) });
      link({ kind: 'targetGroupTarget', source: id, target: tid });
    }
  }

  const rgArnById = new Map<string, string>();
  for (const rg of inv.lattice.resourceGateways) {
    const id = rg.arn!;
    rgArnById.set(rg.id!, id);
    put(base(id, 'resourceGateway', rg.name, rg.status, toJsonObject(rg)));
    const vpc = vpcRef(rg.vpcIdentifier, accountOfArn(id));
    if (vpc) link({ kind: 'resourceGatewayVpc', source: id, target: vpc });
  }
  const rcArnById = new Map<string, string>();
  for (const rc of inv.lattice.resourceConfigurations) rcArnById.set(rc.id!, rc.arn!);
  for (const rc of inv.lattice.resourceConfigurations) {
    const id = rc.arn!;
    const detail = d.resourceConfigurations.get(id);
    put(withPolicies(base(id, 'resourceConfiguration', rc.name, detail?.status ?? rc.status, { ...toJsonObject(rc), ...toJsonObject(detail) })));
    const gatewayId = detail?.resourceGatewayId ?? rc.resourceGatewayId;
    if (gatewayId) {
      const gw = rgArnById.get(gatewayId) ?? sameAccountArn(id, 'resourcegateway', gatewayId);
      if (!nodes.has(gw)) stub(gw, 'resourceGateway', accountOfArn(gw), gatewayId);
      link({ kind: 'resourceGatewayResourceConfiguration', source: gw, target: id });
    }
    const groupId = detail?.resourceConfigurationGroupId ?? rc.resourceConfigurationGroupId;
    if (groupId) {
      const group = rcArnById.get(groupId) ?? sameAccountArn(id, 'resourceconfiguration', groupId);
      if (!nodes.has(group) && !rcArnById.has(groupId)) stub(group, 'resourceConfiguration', accountOfArn(group), groupId);
      link({ kind: 'resourceConfigurationChild', source: group, target: id });
    }
  }
}

/** Associations: edges keyed by the association's ARN; access-log subscriptions. */
function addAssociations(b: TopologyBuilder, inv: AccountInventory): void {
  const { me, region, d, nodes, put, link, stub, base, vpcRef, endpointArn } = b;
  for (const a of d.snServiceAssociations) {
    if (!a.serviceNetworkArn || !a.serviceArn) continue;
    if (!nodes.has(a.serviceArn)) stub(a.serviceArn, 'service', accountOfArn(a.serviceArn), a.serviceName ?? a.serviceId ?? a.serviceArn, { name: a.serviceName ?? null, id: a.serviceId ?? null, arn: a.serviceArn });
    if (!nodes.has(a.serviceNetworkArn)) stub(a.serviceNetworkArn, 'serviceNetwork', accountOfArn(a.serviceNetworkArn), a.serviceNetworkName ?? a.serviceNetworkArn);
    link(association(a.arn, 'serviceNetworkService', a.serviceNetworkArn, a.serviceArn, a.status, a.createdBy, a));
  }
  for (const a of d.snVpcAssociations) {
    if (!a.serviceNetworkArn || !a.vpcId) continue;
    const vpc = vpcRef(a.vpcId, a.createdBy)!;
    link(association(a.arn, 'serviceNetworkVpc', a.serviceNetworkArn, vpc, a.status, a.createdBy, a));
  }
  for (const a of d.snResourceAssociations) {
    if (!a.serviceNetworkArn || !a.resourceConfigurationArn) continue;
    if (!nodes.has(a.resourceConfigurationArn)) stub(a.resourceConfigurationArn, 'resourceConfiguration', accountOfArn(a.resourceConfigurationArn), a.resourceConfigurationName ?? a.resourceConfigurationArn);
    link(association(a.arn, 'serviceNetworkResourceConfiguration', a.serviceNetworkArn, a.resourceConfigurationArn, a.status, a.createdBy, a));
  }
  for (const a of d.snEndpointAssociations) {
    if (!a.vpcEndpointId || !a.serviceNetworkArn) continue;
    const owner = a.vpcEndpointOwnerId ?? '';
    const id = owner ? endpointArn(owner, a.vpcEndpointId) : `vpc-endpoint:${a.vpcEndpointId}`;
    if (!nodes.has(id)) {
      put({ id, kind: 'vpcEndpoint', account: owner, region, name: a.vpcEndpointId, status: a.state ?? '', resourceId: a.vpcEndpointId, tags: {}, seenBy: [me], external: true, description: { VpcEndpointId: a.vpcEndpointId, VpcEndpointType: 'ServiceNetwork', VpcId: a.vpcId ?? null, ServiceNetworkArn: a.serviceNetworkArn, State: a.state ?? null } });
    }
    const vpc = vpcRef(a.vpcId, owner || undefined);
    if (vpc) link({ kind: 'vpcEndpointVpc', source: id, target: vpc });
    link({ kind: 'vpcEndpointServiceNetwork', source: id, target: a.serviceNetworkArn, status: a.state });
  }
  for (const s of d.accessLogSubscriptions) {
    const { node, edge } = accessLogSubscriptionNode(s, me, region);
    put({ ...node, tags: d.tags.get(node.id) ?? {} });
    if (edge) link(edge);
  }
}

/** One access-log subscription as a node, and its link to what it logs (discovery and the later details pass share it). */
export function accessLogSubscriptionNode(s: AccessLogSubscriptionSummary, me: string, region: string): { node: TopologyNode; edge?: TopologyEdge } {
  const id = s.arn!;
  const arn = parseArn(id);
  const destination = s.destinationArn ?? '';
  // Named after where the logs go: `logs → /aws/vpclattice/orders`.
  const where = destination.split(':').slice(5).join(':').replace(/^log-group:/, '') || destination;
  const node: TopologyNode = {
    id,
    kind: 'accessLogSubscription',
    account: arn?.account || me,
    region: arn?.region || region,
    name: `logs → ${where}`,
    status: ALWAYS_ACTIVE,
    tags: {},
    seenBy: [me],
    description: toJsonObject(s),
  };
  if (s.resourceArn) node.parent = s.resourceArn;
  if (arn?.resourceId) node.resourceId = arn.resourceId;
  if (!s.resourceArn) return { node };
  return { node, edge: { id: edgeKey('accessLog', id, s.resourceArn), kind: 'accessLog', source: id, target: s.resourceArn } };
}

/** RAM: shares, their principals and resources, invitations. */
function addRam(b: TopologyBuilder, inv: AccountInventory): void {
  const { me, region, partition, nodes, put, link, stub } = b;
  for (const share of inv.ram.shares) {
    const id = share.resourceShareArn!;
    put({ id, kind: 'resourceShare', account: share.owningAccountId ?? accountOfArn(id), region, name: share.name ?? id, status: share.status ?? '', resourceId: parseArn(id)?.resourceId, tags: ramTags(share.tags), seenBy: [me], description: toJsonObject(share) });
  }
  for (const a of inv.ram.principalAssociations) {
    if (!a.resourceShareArn || !a.associatedEntity) continue;
    const principal = /^\d{12}$/.test(a.associatedEntity) ? accountPrincipalArn(partition, a.associatedEntity) : a.associatedEntity;
    if (!nodes.has(principal)) {
      const isAccount = /^\d{12}$/.test(a.associatedEntity);
      put({ id: principal, kind: 'principal', account: isAccount ? a.associatedEntity : accountOfArn(principal), region: '', name: a.associatedEntity, status: ALWAYS_ACTIVE, tags: {}, seenBy: [me], description: { principal: a.associatedEntity, external: a.external ?? null } });
    }
    link({ id: edgeKey('sharePrincipal', a.resourceShareArn, principal), kind: 'sharePrincipal', source: a.resourceShareArn, target: principal, status: a.status, description: toJsonObject(a) });
  }
  for (const a of inv.ram.resourceAssociations) {
    if (!a.resourceShareArn || !a.associatedEntity) continue;
    const target = a.associatedEntity;
    const kind = ARN_KINDS[parseArn(target)?.resourceType ?? ''];
    if (!nodes.has(target)) {
      if (!kind) continue;
      stub(target, kind, accountOfArn(target), parseArn(target)?.resourceId ?? target);
    }
    link({ kind: 'shareResource', source: a.resourceShareArn, target, status: a.status, description: toJsonObject(a) });
  }
  for (const inv2 of inv.ram.invitations) {
    const id = inv2.resourceShareInvitationArn!;
    put({ id, kind: 'resourceShareInvitation', account: inv2.receiverAccountId ?? me, region, name: inv2.resourceShareName ?? id, status: inv2.status ?? '', resourceId: parseArn(id)?.resourceId, tags: {}, seenBy: [me], description: toJsonObject(inv2) });
    if (inv2.resourceShareArn) {
      if (!nodes.has(inv2.resourceShareArn)) {
        put({ id: inv2.resourceShareArn, kind: 'resourceShare', account: inv2.senderAccountId ?? accountOfArn(inv2.resourceShareArn), region, name: inv2.resourceShareName ?? inv2.resourceShareArn, status: '', tags: {}, seenBy: [me], external: true, description: { resourceShareArn: inv2.resourceShareArn, name: inv2.resourceShareName ?? null } });
      }
      link({ kind: 'invitationShare', source: id, target: inv2.resourceShareArn, status: inv2.status });
    }
  }
}

/**
 * PrivateLink: the endpoint services this account owns (with their allowed principals), the
 * consumer endpoints connected to them from any account (the edge carries the connection's
 * state), and Resource endpoints to the resource configurations they reach.
 */
function addPrivateLink(b: TopologyBuilder, inv: AccountInventory): void {
  const { me, region, partition, nodes, put, link } = b;
  const pl = inv.privateLink;
  const serviceArn = (serviceId: string) => ec2Arn(partition, region, me, 'vpc-endpoint-service', serviceId);
  const serviceTypes = new Map<string, string>();
  for (const svc of pl.serviceConfigurations) {
    if (!svc.ServiceId) continue;
    const id = serviceArn(svc.ServiceId);
    const type = svc.ServiceType?.[0]?.ServiceType;
    if (type) serviceTypes.set(svc.ServiceId, type);
    const principals = pl.permissions.get(svc.ServiceId);
    const description = { ...toJsonObject(svc), ...(principals ? toJsonObject({ AllowedPrincipals: principals }) : {}) };
    put({ id, kind: 'vpcEndpointService', account: me, region, name: nameTag(svc.Tags) ?? svc.ServiceId, status: svc.ServiceState ?? '', resourceId: svc.ServiceId, tags: ec2Tags(svc.Tags), seenBy: [me], description });
  }
  for (const c of pl.connections) {
    if (!c.ServiceId || !c.VpcEndpointId) continue;
    const service = serviceArn(c.ServiceId);
    if (!nodes.has(service)) {
      put({ id: service, kind: 'vpcEndpointService', account: me, region, name: c.ServiceId, status: '', resourceId: c.ServiceId, tags: {}, seenBy: [me], external: true, description: { ServiceId: c.ServiceId } });
    }
    const owner = c.VpcEndpointOwner ?? '';
    // A cross-Region endpoint lives in its own Region.
    const endpoint = owner ? ec2Arn(partition, c.VpcEndpointRegion || region, owner, 'vpc-endpoint', c.VpcEndpointId) : `vpc-endpoint:${c.VpcEndpointId}`;
    if (!nodes.has(endpoint)) {
      // Endpoints of a Gateway Load Balancer service are GatewayLoadBalancer endpoints; of the others, Interface.
      const type = serviceTypes.get(c.ServiceId) === 'GatewayLoadBalancer' ? 'GatewayLoadBalancer' : 'Interface';
      const serviceName = pl.serviceConfigurations.find((s) => s.ServiceId === c.ServiceId)?.ServiceName;
      put({
        id: endpoint,
        kind: 'vpcEndpoint',
        account: owner,
        region: c.VpcEndpointRegion || region,
        name: c.VpcEndpointId,
        status: c.VpcEndpointState ?? '',
        resourceId: c.VpcEndpointId,
        tags: {},
        seenBy: [me],
        external: true,
        description: { VpcEndpointId: c.VpcEndpointId, VpcEndpointType: type, ServiceName: serviceName ?? null, State: c.VpcEndpointState ?? null, OwnerId: owner || null },
      });
    }
    const edge: TopologyEdge = { id: edgeKey('vpcEndpointConnection', endpoint, service), kind: 'vpcEndpointConnection', source: endpoint, target: service, description: toJsonObject(c) };
    if (c.VpcEndpointState) edge.status = c.VpcEndpointState;
    if (owner) edge.account = owner;
    link(edge);
  }
  for (const ep of inv.ec2.vpcEndpoints) {
    if (!ep.ResourceConfigurationArn || !ep.VpcEndpointId) continue;
    const id = b.endpointArn(ep.OwnerId || me, ep.VpcEndpointId);
    link({ kind: 'vpcEndpointResourceConfiguration', source: id, target: ep.ResourceConfigurationArn, status: ep.State });
  }
}

/**
 * Instances, and what each target points at: INSTANCE targets their instance, IP targets the
 * instance in the target group's VPC that holds the address, LAMBDA targets their function.
 * ALB targets name the load balancer by ARN; Trellis has no load-balancer kind, so the target's
 * own id is the reference.
 */
function addTargetResources(b: TopologyBuilder, inv: AccountInventory): void {
  const { me, region, partition, d, nodes, put, link, vpcRef } = b;
  const instanceArnById = new Map<string, string>();
  const instanceByVpcIp = new Map<string, string>();
  for (const i of inv.ec2.instances) {
    if (!i.InstanceId) continue;
    const owner = i.OwnerId || me;
    const id = ec2Arn(partition, region, owner, 'instance', i.InstanceId);
    instanceArnById.set(i.InstanceId, id);
    const ips = new Set([i.PrivateIpAddress, ...(i.NetworkInterfaces ?? []).flatMap((n) => (n.PrivateIpAddresses ?? []).map((p) => p.PrivateIpAddress))]);
    for (const ip of ips) if (ip && i.VpcId) instanceByVpcIp.set(`${i.VpcId}|${ip}`, id);
    const vpc = vpcRef(i.VpcId, owner);
    const node: TopologyNode = { id, kind: 'instance', account: owner, region, name: nameTag(i.Tags) ?? i.InstanceId, status: i.State?.Name ?? '', resourceId: i.InstanceId, tags: ec2Tags(i.Tags), seenBy: [me], description: toJsonObject(i) };
    if (vpc) node.parent = vpc;
    put(node);
  }
  for (const tg of inv.lattice.targetGroups) {
    const tgArn = tg.arn!;
    const detail = d.targetGroups.get(tgArn);
    const type = detail?.type ?? tg.type;
    const vpcId = tg.vpcIdentifier ?? detail?.config?.vpcIdentifier;
    const owner = accountOfArn(tgArn);
    for (const t of d.targets.get(tgArn) ?? []) {
      if (!t.id) continue;
      const source = targetKey(tgArn, t.id, t.port);
      let target: string | undefined;
      if (type === 'INSTANCE') {
        target = instanceArnById.get(t.id) ?? ec2Arn(partition, region, owner, 'instance', t.id);
        if (!nodes.has(target)) put({ id: target, kind: 'instance', account: owner, region, name: t.id, status: '', resourceId: t.id, tags: {}, seenBy: [me], external: true, description: { InstanceId: t.id } });
      } else if (type === 'IP') {
        target = vpcId ? instanceByVpcIp.get(`${vpcId}|${t.id}`) : undefined;
      } else if (type === 'LAMBDA') {
        target = t.id;
        if (!nodes.has(target)) {
          const arn = parseArn(target);
          const name = arn?.resource.split(':')[1] ?? target;
          put({ id: target, kind: 'lambdaFunction', account: arn?.account ?? owner, region: arn?.region || region, name, status: '', resourceId: name, tags: {}, seenBy: [me], external: true, description: { FunctionArn: target, FunctionName: name } });
        }
      }
      if (target) link({ kind: 'targetResource', source, target });
    }
  }
}

/** Lambda functions and log groups, linked from the targets and subscriptions that name them. */
function addFunctionsAndLogs(b: TopologyBuilder, inv: AccountInventory): void {
  const all = [...b.nodes.values()];
  const parts = [
    lambdaNodes(b.me, b.region, inv.lambda ?? { functions: [], policies: new Map(), failed: [] }, all.filter((n) => n.kind === 'target')),
    logGroupNodes(b.me, b.region, inv.logGroups ?? [], all.filter((n) => n.kind === 'accessLogSubscription')),
  ];
  for (const part of parts) {
    part.nodes.forEach(b.put);
    part.edges.forEach(b.link);
  }
}

/** Edges whose far end was never seen get a stub so the graph has no dangling ends. */
function stubDanglingEnds({ edges, nodes, stub }: TopologyBuilder): void {
  for (const e of edges.values()) {
    for (const end of [e.source, e.target]) {
      if (nodes.has(end)) continue;
      const kind = ARN_KINDS[parseArn(end)?.resourceType ?? ''];
      if (kind) stub(end, kind, accountOfArn(end), parseArn(end)?.resourceId ?? end);
    }
  }
}

export function inventoryToTopology(inv: AccountInventory, errors: DiscoveryError[] = []): Topology {
  const b = topologyBuilder(inv);
  for (const addSource of [addEc2, addLattice, addAssociations, addRam, addPrivateLink, addFunctionsAndLogs, addTargetResources]) addSource(b, inv);
  stubDanglingEnds(b);
  const { nodes, edges } = b;
  return {
    nodes: [...nodes.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
    edges: [...edges.values()].filter((e) => nodes.has(e.source) && nodes.has(e.target)).sort((a, b) => (a.id < b.id ? -1 : 1)),
    errors,
  };
}

function association(arn: string | undefined, kind: TopologyEdge['kind'], source: string, target: string, status: string | undefined, createdBy: string | undefined, summary: object): TopologyEdge {
  const edge: TopologyEdge = { id: arn ?? edgeKey(kind, source, target), kind, source, target, description: toJsonObject(summary) };
  if (status) edge.status = status;
  if (createdBy) edge.account = createdBy;
  return edge;
}

/** The ARN of a sibling resource known only by id: Lattice references resolve within one account. */
function sameAccountArn(arn: string, type: string, id: string): string {
  const p = parseArn(arn);
  return p ? `arn:${p.partition}:${p.service}:${p.region}:${p.account}:${type}/${id}` : id;
}

function nameTag(tags: Ec2Tag[] | undefined): string | undefined {
  return tags?.find((t) => t.Key === 'Name')?.Value || undefined;
}

function ec2Tags(tags: Ec2Tag[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).filter((t) => t.Key).map((t) => [t.Key!, t.Value ?? '']));
}

function ramTags(tags: RamTag[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).filter((t) => t.key).map((t) => [t.key!, t.value ?? '']));
}
