// The Topology read once into the lookups access analysis needs: VPCs and services by id or
// ARN, each VPC's links to service networks (associations and service-network endpoints),
// each service's associations, the RAM shares of each network, organizations, and the
// listener → rule → target group → target structure. Built once per Topology and cached.
import { parseArn } from '@/lib/topology/arn';
import type { Json, JsonObject, Topology, TopologyEdge, TopologyNode } from '@/lib/topology/types';

export interface NetworkLink {
  kind: 'association' | 'endpoint';
  /** The association's edge id, or the endpoint node's id. */
  id: string;
  /** Edge ids on the canvas for this link (association edge; endpoint → VPC and endpoint → network). */
  edges: string[];
  /** Node ids on the canvas between VPC and network (the endpoint). */
  nodes: string[];
  serviceNetwork: string;
  status: string;
  securityGroups: string[];
}

export interface ServiceLink {
  id: string;
  serviceNetwork: string;
  status: string;
}

export interface ShareRecord {
  arn: string;
  name: string;
  status: string;
  /** Principals as RAM holds them (account ids, organization or OU ARNs) with the association status. */
  principals: { principal: string; status: string; external?: boolean; designed?: boolean }[];
}

export interface AccessModel {
  topology: Topology;
  byId: Map<string, TopologyNode>;
  vpcs: TopologyNode[];
  services: TopologyNode[];
  vpcLinks: Map<string, NetworkLink[]>;
  serviceLinks: Map<string, ServiceLink[]>;
  /** Shares (by resource ARN) that contain it. */
  sharesOf: Map<string, ShareRecord[]>;
  /** Invitations by `${shareArn}|${receiverAccount}`: their status. */
  invitations: Map<string, { arn: string; status: string }>;
  /** Organization id → member accounts (as far as the estate shows them). */
  orgMembers: Map<string, Set<string>>;
  /** Organization ARN → id. */
  orgIdOfArn: Map<string, string>;
  listenersOf: Map<string, TopologyNode[]>;
  rulesOf: Map<string, TopologyNode[]>;
  targetsOf: Map<string, TopologyNode[]>;
  /** Target groups by `${account}:${id}` and by ARN. */
  targetGroupByRef: Map<string, TopologyNode>;
  /** Edges by source. */
  edgesFrom: Map<string, TopologyEdge[]>;
  /** Policies' verdicts, cached by callers that know the context is the same. */
  memo: Map<string, unknown>;
}

const str = (v: Json | undefined): string | undefined => (typeof v === 'string' && v ? v : undefined);
const obj = (v: Json | undefined): JsonObject | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? v : undefined);

const cache = new WeakMap<Topology, AccessModel>();

export function accessModel(topology: Topology): AccessModel {
  const hit = cache.get(topology);
  if (hit) return hit;
  const model = buildModel(topology);
  cache.set(topology, model);
  return model;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const GONE = new Set(['DISASSOCIATED', 'DELETED', 'FAILED', 'REJECTED', 'EXPIRED']);

function buildModel(topology: Topology): AccessModel {
  const byId = new Map<string, TopologyNode>();
  for (const n of topology.nodes) byId.set(n.id, n);
  const edgesFrom = new Map<string, TopologyEdge[]>();
  for (const e of topology.edges) push(edgesFrom, e.source, e);

  const vpcs = topology.nodes.filter((n) => n.kind === 'vpc');
  const services = topology.nodes.filter((n) => n.kind === 'service');
  const vpcLinks = new Map<string, NetworkLink[]>();
  const serviceLinks = new Map<string, ServiceLink[]>();
  const vpcByVpcId = new Map<string, string>();
  for (const v of vpcs) {
    const id = v.resourceId ?? parseArn(v.id)?.resourceId ?? v.id.replace(/^vpc:/, '');
    vpcByVpcId.set(`${v.account}:${id}`, v.id);
    if (!vpcByVpcId.has(id)) vpcByVpcId.set(id, v.id);
  }

  const endpointVpc = new Map<string, string>();
  const endpointNetwork = new Map<string, TopologyEdge>();
  const endpointVpcEdge = new Map<string, string>();
  const sharePrincipals = new Map<string, ShareRecord['principals']>();
  const shareResources = new Map<string, string[]>();
  for (const e of topology.edges) {
    switch (e.kind) {
      case 'serviceNetworkVpc': {
        const sgs = Array.isArray(e.description?.securityGroupIds) ? (e.description!.securityGroupIds as Json[]).filter((x): x is string => typeof x === 'string') : [];
        push(vpcLinks, e.target, { kind: 'association', id: e.id, edges: [e.id], nodes: [], serviceNetwork: e.source, status: e.status ?? str(e.description?.status) ?? '', securityGroups: sgs });
        break;
      }
      case 'serviceNetworkService':
        push(serviceLinks, e.target, { id: e.id, serviceNetwork: e.source, status: e.status ?? str(e.description?.status) ?? '' });
        break;
      case 'vpcEndpointVpc':
        endpointVpc.set(e.source, e.target);
        endpointVpcEdge.set(e.source, e.id);
        break;
      case 'vpcEndpointServiceNetwork':
        endpointNetwork.set(e.source, e);
        break;
      case 'shareResource':
        if (!GONE.has(e.status ?? '')) push(shareResources, e.source, e.target);
        break;
      case 'sharePrincipal': {
        const p = byId.get(e.target);
        const raw = str(p?.description.principal) ?? e.target;
        const principal = /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(raw)?.[1] ?? raw;
        const ext = e.description?.external ?? p?.description.external;
        push(sharePrincipals, e.source, { principal, status: e.status ?? '', external: typeof ext === 'boolean' ? ext : undefined, ...(e.description?.designed === true ? { designed: true } : {}) });
        break;
      }
    }
  }
  for (const n of topology.nodes) {
    if (n.kind !== 'vpcEndpoint') continue;
    const type = str(n.description.VpcEndpointType);
    const snEdge = endpointNetwork.get(n.id);
    const sn = snEdge?.target ?? str(n.description.ServiceNetworkArn);
    if ((type && type !== 'ServiceNetwork') || !sn) continue;
    const vpc = endpointVpc.get(n.id) ?? n.parent ?? vpcByVpcId.get(`${n.account}:${str(n.description.VpcId) ?? ''}`);
    if (!vpc) continue;
    const groups = (Array.isArray(n.description.Groups) ? n.description.Groups : []).map((g) => str(obj(g)?.GroupId)).filter((g): g is string => !!g);
    const edges = [endpointVpcEdge.get(n.id), snEdge?.id].filter((x): x is string => !!x);
    push(vpcLinks, vpc, { kind: 'endpoint', id: n.id, edges, nodes: [n.id], serviceNetwork: sn, status: n.status || str(n.description.State) || '', securityGroups: groups });
  }

  const sharesOf = new Map<string, ShareRecord[]>();
  const orgIdOfArn = new Map<string, string>();
  const orgMembers = new Map<string, Set<string>>();
  const member = (org: string, account: string) => {
    const set = orgMembers.get(org) ?? new Set<string>();
    set.add(account);
    orgMembers.set(org, set);
  };
  for (const n of topology.nodes) {
    if (n.kind !== 'resourceShare') continue;
    const record: ShareRecord = { arn: n.id, name: n.name, status: n.status, principals: sharePrincipals.get(n.id) ?? [] };
    for (const r of shareResources.get(n.id) ?? []) push(sharesOf, r, record);
    for (const p of record.principals) {
      const org = /^arn:aws[a-z-]*:organizations::(\d{12}):organization\/(o-[a-z0-9]+)$/.exec(p.principal);
      if (org) {
        orgIdOfArn.set(p.principal, org[2]!);
        member(org[2]!, org[1]!);
        // Accounts that see a resource shared only through the organization are members.
        for (const r of shareResources.get(n.id) ?? []) for (const a of byId.get(r)?.seenBy ?? []) member(org[2]!, a);
      }
    }
  }
  // Account principals that RAM marks as inside the owner's organization.
  for (const shares of sharesOf.values()) {
    for (const s of shares) {
      const owner = parseArn(s.arn)?.account ?? '';
      const orgOfOwner = [...orgMembers.entries()].find(([, m]) => m.has(owner))?.[0];
      if (!orgOfOwner) continue;
      for (const p of s.principals) if (/^\d{12}$/.test(p.principal) && p.external === false) member(orgOfOwner, p.principal);
    }
  }
  const invitations = new Map<string, { arn: string; status: string }>();
  for (const n of topology.nodes) {
    if (n.kind !== 'resourceShareInvitation') continue;
    const share = str(n.description.resourceShareArn);
    const receiver = str(n.description.receiverAccountId) ?? n.account;
    if (share) invitations.set(`${share}|${receiver}`, { arn: n.id, status: n.status });
  }

  const listenersOf = new Map<string, TopologyNode[]>();
  const rulesOf = new Map<string, TopologyNode[]>();
  const targetsOf = new Map<string, TopologyNode[]>();
  const targetGroupByRef = new Map<string, TopologyNode>();
  for (const n of topology.nodes) {
    if (n.kind === 'listener' && n.parent) push(listenersOf, n.parent, n);
    else if (n.kind === 'rule' && n.parent) push(rulesOf, n.parent, n);
    else if (n.kind === 'target' && n.parent) push(targetsOf, n.parent, n);
    else if (n.kind === 'targetGroup') {
      targetGroupByRef.set(n.id, n);
      const rid = n.resourceId ?? parseArn(n.id)?.resourceId;
      if (rid) targetGroupByRef.set(`${n.account}:${rid}`, n);
    }
  }
  return { topology, byId, vpcs, services, vpcLinks, serviceLinks, sharesOf, invitations, orgMembers, orgIdOfArn, listenersOf, rulesOf, targetsOf, targetGroupByRef, edgesFrom, memo: new Map() };
}

/** Finds a VPC by ARN, `vpc-…` id or Trellis's `vpc:ID` key. */
export function findVpc(model: AccessModel, ref: string): TopologyNode | undefined {
  const direct = model.byId.get(ref);
  if (direct?.kind === 'vpc') return direct;
  const id = ref.startsWith('arn:') ? (parseArn(ref)?.resourceId ?? ref) : ref.replace(/^vpc:/, '');
  return model.byId.get(`vpc:${id}`) ?? model.vpcs.find((v) => v.resourceId === id || v.id.endsWith(`/${id}`));
}

/** Finds a service by ARN or `svc-…` id (or a design record id). */
export function findService(model: AccessModel, ref: string): TopologyNode | undefined {
  const direct = model.byId.get(ref);
  if (direct?.kind === 'service') return direct;
  return model.services.find((s) => s.resourceId === ref || s.id.endsWith(`/${ref}`));
}

export function edgeId(model: AccessModel, kind: TopologyEdge['kind'], source: string, target: string): string | undefined {
  const list = model.edgesFrom.get(source);
  if (!list) return undefined;
  for (const e of list) if (e.kind === kind && e.target === target) return e.id;
  return undefined;
}

export function shortId(id: string): string {
  const p = parseArn(id);
  return p ? p.resourceId : id.replace(/^vpc:/, '');
}

/** A node's name with its id, for sentences: `orders (svc-0abc)`. */
export function label(node: TopologyNode | undefined, fallback: string): string {
  if (!node) return shortId(fallback);
  let text = labels.get(node);
  if (text === undefined) {
    const id = node.resourceId ?? shortId(node.id);
    text = node.name && node.name !== id ? `${node.name} (${id})` : id;
    labels.set(node, text);
  }
  return text;
}
const labels = new WeakMap<TopologyNode, string>();
