import type { DeferredKind, DiscoveryError, JsonObject, Topology, TopologyEdge, TopologyNode } from './types';

/**
 * Merges topologies discovered from several accounts into one. A resource shared across
 * accounts is seen by each of them: it appears once, described from its owner's view when
 * the owner was read, with every account that saw it in `seenBy`. Nodes known only from a
 * reference (`external`) give way to the real resource when one is seen.
 */
export function mergeTopologies(parts: readonly Topology[]): Topology {
  const nodes = new Map<string, TopologyNode>();
  const edges = new Map<string, TopologyEdge>();
  const errors: DiscoveryError[] = [];
  let discoveredAt: string | undefined;
  const deferred = new Set<DeferredKind>();

  for (const part of parts) {
    for (const node of part.nodes) {
      const existing = nodes.get(node.id);
      nodes.set(node.id, existing ? mergeNode(existing, node) : { ...node, seenBy: [...node.seenBy] });
    }
    for (const edge of part.edges) {
      const existing = edges.get(edge.id);
      edges.set(edge.id, existing ? mergeEdge(existing, edge) : edge);
    }
    errors.push(...part.errors);
    for (const kind of part.deferred ?? []) deferred.add(kind);
    if (part.discoveredAt && (!discoveredAt || part.discoveredAt > discoveredAt)) discoveredAt = part.discoveredAt;
  }

  resolveExternalVpcs(nodes, edges);

  const merged: Topology = {
    nodes: [...nodes.values()].sort(byId),
    edges: [...edges.values()].sort(byId),
    errors: dedupeErrors(errors),
  };
  if (discoveredAt) merged.discoveredAt = discoveredAt;
  if (deferred.size) merged.deferred = [...deferred].sort();
  return merged;
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Which of two views of one resource describes it best: a real one over a reference, the owner's over a consumer's. */
function rank(node: TopologyNode): number {
  if (node.external) return 0;
  return node.seenBy.includes(node.account) ? 2 : 1;
}

function mergeNode(a: TopologyNode, b: TopologyNode): TopologyNode {
  const [primary, secondary] = rank(b) > rank(a) ? [b, a] : [a, b];
  // Seeing a reference (an association naming a resource) is not seeing the resource:
  // only accounts whose own lists returned it count as its consumers.
  const seers = a.external && !b.external ? b.seenBy : b.external && !a.external ? a.seenBy : [...a.seenBy, ...b.seenBy];
  const seenBy = [...new Set(seers)].sort();
  const merged: TopologyNode = {
    ...secondary,
    ...primary,
    seenBy,
    // A consumer can list a shared resource but not read its tags or policies; keep what either saw.
    tags: Object.keys(primary.tags).length > 0 ? primary.tags : secondary.tags,
    description: mergeDescriptions(secondary.description, primary.description),
  };
  if (!primary.external || !secondary.external) delete merged.external;
  if (!merged.authPolicy && secondary.authPolicy) merged.authPolicy = secondary.authPolicy;
  if (merged.resourcePolicy === undefined && secondary.resourcePolicy !== undefined) merged.resourcePolicy = secondary.resourcePolicy;
  if (!merged.parent && secondary.parent) merged.parent = secondary.parent;
  return merged;
}

function mergeDescriptions(base: JsonObject, over: JsonObject): JsonObject {
  return { ...base, ...over };
}

function mergeEdge(a: TopologyEdge, b: TopologyEdge): TopologyEdge {
  // Both views name the same association; the one with more fields is the fuller answer.
  const size = (e: TopologyEdge) => Object.keys(e.description ?? {}).length + (e.status ? 1 : 0);
  const [primary, secondary] = size(b) > size(a) ? [b, a] : [a, b];
  return { ...secondary, ...primary };
}

/**
 * Lattice names VPCs by id only. When a part could not tell the VPC's owner it kept a
 * reference node under another key; point edges at the real VPC node if some account
 * described it.
 */
function resolveExternalVpcs(nodes: Map<string, TopologyNode>, edges: Map<string, TopologyEdge>): void {
  const realByVpcId = new Map<string, string>();
  for (const node of nodes.values()) {
    if (node.kind === 'vpc' && !node.external && node.resourceId) realByVpcId.set(node.resourceId, node.id);
  }
  const rewrites = new Map<string, string>();
  for (const node of nodes.values()) {
    if (node.kind !== 'vpc' || !node.external || !node.resourceId) continue;
    const real = realByVpcId.get(node.resourceId);
    if (real && real !== node.id) rewrites.set(node.id, real);
  }
  if (rewrites.size === 0) return;
  for (const from of rewrites.keys()) nodes.delete(from);
  for (const [id, edge] of edges) {
    const source = rewrites.get(edge.source) ?? edge.source;
    const target = rewrites.get(edge.target) ?? edge.target;
    if (source !== edge.source || target !== edge.target) edges.set(id, { ...edge, source, target });
  }
}

function dedupeErrors(errors: DiscoveryError[]): DiscoveryError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.account}|${e.region}|${e.operation ?? ''}|${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
