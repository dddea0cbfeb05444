// What the canvas draws, decided without React: which resources get a box, which
// associations get a line, and, past a node budget, which boxes fold into aggregates
// (per account and service network) so the canvas stays interactive at any estate size.

import { CANVAS_KINDS, statusClass, type EdgeKind, type ResourceKind, type StatusClass } from './kinds';
import type { Topology, TopologyEdge, TopologyNode } from './types';

/** The edge kinds drawn as lines between boxes. */
export const CANVAS_EDGE_KINDS: readonly EdgeKind[] = [
  'serviceNetworkService',
  'serviceNetworkVpc',
  'serviceNetworkResourceConfiguration',
  'vpcEndpointServiceNetwork',
  'vpcEndpointVpc',
  'vpcEndpointConnection',
  'vpcEndpointResourceConfiguration',
  'resourceGatewayResourceConfiguration',
  'resourceConfigurationChild',
];

/** Kinds that fold into aggregates when the canvas is over budget; service networks and gateways stay visible. */
const AGGREGATABLE: readonly ResourceKind[] = ['service', 'resourceConfiguration', 'vpc', 'vpcEndpoint', 'vpcEndpointService'];

export interface ViewAggregate {
  kind: ResourceKind;
  /** The service network the members are associated with, or undefined for those in none. */
  serviceNetwork?: string;
  members: string[];
  statusCounts: Partial<Record<StatusClass, number>>;
}

export interface ViewNode {
  id: string;
  kind: ResourceKind | 'aggregate';
  /** The account whose group the box sits in. */
  account: string;
  region: string;
  label: string;
  status: string;
  /** For a real resource, the Topology node it shows. */
  node?: TopologyNode;
  aggregate?: ViewAggregate;
}

export interface ViewEdge {
  id: string;
  kind: EdgeKind;
  source: string;
  target: string;
  status?: string;
  /** How many associations this line stands for (more than one between aggregates). */
  count: number;
  /** Account that made the association. */
  account?: string;
}

export interface ViewGraph {
  nodes: ViewNode[];
  edges: ViewEdge[];
  /** Accounts in display order: service-network owners first, then by id. */
  accounts: string[];
  /** True when some boxes were folded into aggregates. */
  aggregated: boolean;
  /** How many boxes the canvas would have drawn without aggregation. */
  fullNodeCount: number;
}

export interface ViewOptions {
  /** Above this many boxes, fold services, configurations, VPCs and endpoints into aggregates. */
  maxNodes?: number;
  /** Aggregate ids the user opened: their members are drawn one by one. */
  expanded?: ReadonlySet<string>;
  /** Draw default VPCs even when nothing in Lattice uses them. */
  showIdleDefaultVpcs?: boolean;
}

export const DEFAULT_MAX_VISIBLE_NODES = 1000;

/** Every VPC endpoint type is drawn (ServiceNetwork, Resource, Interface, Gateway, GatewayLoadBalancer): each is a way out of its VPC. */
export function isCanvasNode(node: TopologyNode): boolean {
  return CANVAS_KINDS.includes(node.kind);
}

export function aggregateId(account: string, kind: ResourceKind, serviceNetwork: string | undefined): string {
  return `aggregate:${account}:${kind}:${serviceNetwork ?? 'none'}`;
}

/** Edges that make a VPC part of the Lattice picture. */
const VPC_USES: ReadonlySet<EdgeKind> = new Set<EdgeKind>(['serviceNetworkVpc', 'vpcEndpointVpc', 'resourceGatewayVpc', 'targetGroupVpc']);

/**
 * VPCs that play no part in Lattice and are the account's default VPC (every account has
 * one per region) would only crowd the canvas; the others are drawn.
 */
export function idleDefaultVpcs(topology: Topology): Set<string> {
  const used = new Set<string>();
  for (const e of topology.edges) {
    if (!VPC_USES.has(e.kind)) continue;
    used.add(e.source);
    used.add(e.target);
  }
  return new Set(topology.nodes.filter((n) => n.kind === 'vpc' && n.description.IsDefault === true && !used.has(n.id)).map((n) => n.id));
}

export function buildView(topology: Topology, options: ViewOptions = {}): ViewGraph {
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_VISIBLE_NODES;
  const expanded = options.expanded ?? new Set<string>();
  const idle = options.showIdleDefaultVpcs ? new Set<string>() : idleDefaultVpcs(topology);
  const canvasNodes = topology.nodes.filter((n) => isCanvasNode(n) && !idle.has(n.id));
  const byId = new Map(canvasNodes.map((n) => [n.id, n]));
  const canvasEdges = topology.edges.filter((e) => CANVAS_EDGE_KINDS.includes(e.kind) && byId.has(e.source) && byId.has(e.target));

  const accounts = orderAccounts(canvasNodes);
  const aggregated = canvasNodes.length > maxNodes;

  // Each box's id on the canvas: itself, or the aggregate it folds into.
  const placement = new Map<string, string>();
  const aggregates = new Map<string, ViewNode>();
  if (aggregated) {
    const primary = primaryServiceNetworks(canvasEdges, byId);
    for (const node of canvasNodes) {
      if (!AGGREGATABLE.includes(node.kind)) continue;
      const sn = primary.get(node.id);
      const id = aggregateId(node.account, node.kind, sn);
      if (expanded.has(id)) continue;
      placement.set(node.id, id);
      let agg = aggregates.get(id);
      if (!agg) {
        agg = {
          id,
          kind: 'aggregate',
          account: node.account,
          region: node.region,
          label: '',
          status: '',
          aggregate: { kind: node.kind, serviceNetwork: sn, members: [], statusCounts: {} },
        };
        aggregates.set(id, agg);
      }
      agg.aggregate!.members.push(node.id);
      const sc = statusClass(node.status);
      agg.aggregate!.statusCounts[sc] = (agg.aggregate!.statusCounts[sc] ?? 0) + 1;
    }
  }

  const nodes: ViewNode[] = [];
  for (const node of canvasNodes) {
    if (placement.has(node.id)) continue;
    nodes.push({ id: node.id, kind: node.kind, account: node.account, region: node.region, label: node.name, status: node.status, node });
  }
  for (const agg of aggregates.values()) {
    const a = agg.aggregate!;
    const failed = a.statusCounts.failed ?? 0;
    const pending = a.statusCounts.pending ?? 0;
    agg.status = failed ? 'FAILED' : pending ? 'IN_PROGRESS' : 'ACTIVE';
    const snName = a.serviceNetwork ? byId.get(a.serviceNetwork)?.name ?? a.serviceNetwork : undefined;
    agg.label = `${a.members.length} ${pluralKind(a.kind, a.members.length)}${snName ? ` in ${snName}` : ''}`;
    nodes.push(agg);
  }

  const edges = new Map<string, ViewEdge>();
  for (const e of canvasEdges) {
    const source = placement.get(e.source) ?? e.source;
    const target = placement.get(e.target) ?? e.target;
    if (source === target) continue;
    if (source === e.source && target === e.target) {
      edges.set(e.id, viewEdge(e, source, target));
      continue;
    }
    const id = `${e.kind}:${source}->${target}`;
    const existing = edges.get(id);
    if (existing) {
      existing.count += 1;
      if (statusClass(e.status) === 'failed') existing.status = e.status;
    } else {
      edges.set(id, { ...viewEdge(e, source, target), id });
    }
  }

  return { nodes, edges: [...edges.values()], accounts, aggregated, fullNodeCount: canvasNodes.length };
}

function viewEdge(e: TopologyEdge, source: string, target: string): ViewEdge {
  const v: ViewEdge = { id: e.id, kind: e.kind, source, target, count: 1 };
  if (e.status) v.status = e.status;
  if (e.account) v.account = e.account;
  return v;
}

const NOUNS: Partial<Record<ResourceKind, [string, string]>> = {
  service: ['service', 'services'],
  resourceConfiguration: ['resource configuration', 'resource configurations'],
  vpc: ['VPC', 'VPCs'],
  vpcEndpoint: ['VPC endpoint', 'VPC endpoints'],
  vpcEndpointService: ['endpoint service', 'endpoint services'],
};

function pluralKind(kind: ResourceKind, count: number): string {
  const [one, many] = NOUNS[kind] ?? [kind, `${kind}s`];
  return count === 1 ? one : many;
}

/** The service network each service, configuration, VPC or endpoint is drawn under: the first by name among those it is associated with. */
function primaryServiceNetworks(edges: readonly TopologyEdge[], byId: Map<string, TopologyNode>): Map<string, string> {
  const candidates = new Map<string, string[]>();
  const add = (member: string, sn: string) => {
    const list = candidates.get(member);
    if (list) list.push(sn);
    else candidates.set(member, [sn]);
  };
  for (const e of edges) {
    if (e.kind === 'serviceNetworkService' || e.kind === 'serviceNetworkVpc' || e.kind === 'serviceNetworkResourceConfiguration') add(e.target, e.source);
    if (e.kind === 'vpcEndpointServiceNetwork') add(e.source, e.target);
  }
  const primary = new Map<string, string>();
  const name = (id: string) => byId.get(id)?.name ?? id;
  for (const [member, sns] of candidates) {
    sns.sort((a, b) => name(a).localeCompare(name(b)) || (a < b ? -1 : 1));
    primary.set(member, sns[0]);
  }
  return primary;
}

/** Accounts that own service networks come first (they are the hubs), then the rest by id; '' (unknown owner) last. */
export function orderAccounts(nodes: readonly TopologyNode[]): string[] {
  const snCount = new Map<string, number>();
  const all = new Set<string>();
  for (const n of nodes) {
    all.add(n.account);
    if (n.kind === 'serviceNetwork') snCount.set(n.account, (snCount.get(n.account) ?? 0) + 1);
  }
  return [...all].sort((a, b) => {
    if (a === '' || b === '') return a === '' ? 1 : -1;
    return (snCount.get(b) ?? 0) - (snCount.get(a) ?? 0) || (a < b ? -1 : 1);
  });
}

/** The box on the canvas that shows a node: itself, or for a listener, rule, target group or target, its service. */
export function canvasAnchor(topology: Topology, id: string): string | undefined {
  const byId = new Map(topology.nodes.map((n) => [n.id, n]));
  let node = byId.get(id);
  const seen = new Set<string>();
  while (node && !isCanvasNode(node)) {
    if (seen.has(node.id)) return undefined;
    seen.add(node.id);
    if (node.kind === 'targetGroup') {
      const svc = (node.description.serviceArns as string[] | undefined)?.[0];
      node = svc ? byId.get(svc) : undefined;
      continue;
    }
    node = node.parent ? byId.get(node.parent) : undefined;
  }
  return node?.id;
}
