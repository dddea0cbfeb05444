// From the view graph to the layout problem: box sizes, columns, and links oriented so
// service networks read on the left and what attaches to them on the right.

import type { EdgeKind, ResourceKind, ViewEdge, ViewGraph, ViewNode } from '@/lib/topology';
import type { LayoutInput, LayoutLink } from './types';

export const NODE_WIDTH = 252;
export const NODE_HEIGHT = 68;
export const AGGREGATE_HEIGHT = 76;

/**
 * Column of each kind inside an account group. Endpoints and VPCs, few per account, stand
 * left of the many services, so lines into the group cross as few boxes as possible.
 */
const COLUMN: Partial<Record<ResourceKind, number>> = {
  serviceNetwork: 0,
  // Providers stand left, like service networks: their consumers' endpoints attach from the right.
  vpcEndpointService: 0,
  vpcEndpoint: 1,
  vpc: 2,
  // Callers stand left of the services they call.
  iamRole: 2,
  service: 3,
  resourceConfiguration: 4,
  resourceGateway: 5,
};

/** Edges whose API direction reads right-to-left in the picture. */
const REVERSED: ReadonlySet<EdgeKind> = new Set<EdgeKind>(['vpcEndpointServiceNetwork', 'vpcEndpointConnection', 'resourceGatewayResourceConfiguration']);

export function orientEdge(edge: Pick<ViewEdge, 'kind' | 'source' | 'target'>): { from: string; to: string } {
  return REVERSED.has(edge.kind) ? { from: edge.target, to: edge.source } : { from: edge.source, to: edge.target };
}

export function columnOf(node: ViewNode): number {
  const kind = node.kind === 'aggregate' ? node.aggregate!.kind : node.kind;
  return COLUMN[kind] ?? 6;
}

export function buildLayoutInput(view: ViewGraph, heights: ReadonlyMap<string, number>): LayoutInput {
  const byId = new Map(view.nodes.map((n) => [n.id, n]));
  // Boxes attached to the same service network sit together, which keeps their lines short.
  const firstNetwork = new Map<string, string>();
  for (const e of view.edges) {
    const { from, to } = orientEdge(e);
    const source = byId.get(from);
    if (source?.kind === 'serviceNetwork' && !firstNetwork.has(to)) firstNetwork.set(to, source.label.toLowerCase());
  }
  const boxes = view.nodes.map((n) => ({
    id: n.id,
    width: NODE_WIDTH,
    height: heights.get(n.id) ?? (n.kind === 'aggregate' ? AGGREGATE_HEIGHT : NODE_HEIGHT),
    group: n.account,
    column: columnOf(n),
    // Endpoint services share the providers' column, below the service networks.
    order: `${n.kind === 'vpcEndpointService' ? '~~' : (firstNetwork.get(n.id) ?? '~')}|${n.label.toLowerCase()}`,
    ...(n.node?.external ? { reference: true } : {}),
  }));
  const links: LayoutLink[] = view.edges.map((e) => ({ id: e.id, ...orientEdge(e) }));
  const snCount = new Map<string, number>();
  for (const n of view.nodes) if (n.kind === 'serviceNetwork') snCount.set(n.account, (snCount.get(n.account) ?? 0) + 1);
  const groups = view.accounts.map((id) => ({ id, rank: snCount.get(id) ?? 0 }));
  return { boxes, links, groups };
}

/** A short fingerprint of a layout problem: equal inputs reuse the cached layout. */
export function layoutKey(input: LayoutInput): string {
  let h = 2166136261;
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 16777619);
    }
  };
  for (const b of input.boxes) feed(`${b.id}|${b.height}|${b.group};`);
  for (const l of input.links) feed(`${l.from}>${l.to};`);
  // Accounts without boxes still get a frame.
  for (const g of input.groups) feed(`#${g.id};`);
  return `${input.boxes.length}-${input.links.length}-${(h >>> 0).toString(36)}`;
}
