// A decision drawn on the canvas: which boxes and lines the request travels, and the link that
// stopped it. Ids from the engine (Topology node and edge ids) are mapped to what the canvas
// draws: a listener or rule to its service's box, a member to its aggregate, an association
// to its line. A link that does not exist (no association) becomes a red dashed line of its own.
import { canvasAnchor, type Topology, type ViewGraph } from '@/lib/topology';
import type { AccessDecision } from '@/lib/access/types';

export type Mark = 'path' | 'failed';

export interface AccessHighlight {
  nodes: Map<string, Mark>;
  edges: Map<string, Mark>;
  /** A line the canvas does not have: the missing link, from the caller to where it could not go. */
  missing?: { id: string; source: string; target: string; label: string };
}

function resolveIds(decision: AccessDecision, vpc: string | undefined, service: string | undefined) {
  const path = new Set<string>([...(decision.path?.nodes ?? []), ...(decision.path?.edges ?? [])]);
  for (const s of decision.steps) if (s.resource && s.result !== 'fail') path.add(s.resource);
  if (vpc) path.add(vpc);
  if (service) path.add(service);
  const failed = new Set<string>();
  if (decision.path?.failed) failed.add(decision.path.failed);
  for (const s of decision.steps) if (s.result === 'fail' && s.resource) failed.add(s.resource);
  return { path, failed };
}

export function highlightOf(decision: AccessDecision, topology: Topology, view: ViewGraph, ends: { vpc?: string; service?: string }): AccessHighlight {
  const nodeIds = new Set(topology.nodes.map((n) => n.id));
  const topoEdges = new Map(topology.edges.map((e) => [e.id, e]));
  const viewNodes = new Set(view.nodes.map((n) => n.id));
  const viewEdges = new Set(view.edges.map((e) => e.id));
  const memberOf = new Map<string, string>();
  for (const n of view.nodes) for (const m of n.aggregate?.members ?? []) memberOf.set(m, n.id);
  const box = (id: string): string | undefined => {
    const anchor = canvasAnchor(topology, id) ?? id;
    if (viewNodes.has(anchor)) return anchor;
    return memberOf.get(anchor);
  };
  const line = (id: string): string | undefined => {
    if (viewEdges.has(id)) return id;
    const e = topoEdges.get(id);
    if (!e) return undefined;
    const s = box(e.source);
    const t = box(e.target);
    if (!s || !t) return undefined;
    const folded = `${e.kind}:${s}->${t}`;
    return viewEdges.has(folded) ? folded : undefined;
  };

  const vpcNode = ends.vpc ? topology.nodes.find((n) => n.kind === 'vpc' && (n.id === ends.vpc || n.resourceId === ends.vpc))?.id : undefined;
  const svcNode = ends.service ? topology.nodes.find((n) => n.kind === 'service' && (n.id === ends.service || n.resourceId === ends.service))?.id : undefined;
  const { path, failed } = resolveIds(decision, vpcNode, svcNode);
  // Unreachable: the first two consecutive nodes of the path that no edge of the path joins are
  // the missing link (the engine names the last link it could check as the failing resource).
  let gap: [string, string] | undefined;
  if (!decision.reachable && decision.path) {
    const chain = decision.path.nodes.filter((id) => nodeIds.has(id));
    const joined = (a: string, b: string) =>
      decision.path!.edges.some((id) => {
        const e = topoEdges.get(id);
        return !!e && ((e.source === a && e.target === b) || (e.source === b && e.target === a));
      });
    for (let i = 0; i + 1 < chain.length && !gap; i++) if (!joined(chain[i], chain[i + 1])) gap = [chain[i], chain[i + 1]];
    if (gap) for (const id of [...failed]) if (topoEdges.has(id)) {
      failed.delete(id);
      path.add(id);
    }
  }
  const out: AccessHighlight = { nodes: new Map(), edges: new Map() };
  const mark = (id: string, m: Mark) => {
    if (topoEdges.has(id) || viewEdges.has(id)) {
      const l = line(id);
      if (l && out.edges.get(l) !== 'failed') out.edges.set(l, m);
      // An association's ends are on the path too.
      const e = topoEdges.get(id);
      if (e && m === 'path') for (const end of [e.source, e.target]) mark(end, 'path');
      return !!l;
    }
    if (nodeIds.has(id)) {
      const b = box(id);
      if (b && out.nodes.get(b) !== 'failed') out.nodes.set(b, m);
      return !!b;
    }
    return false;
  };
  for (const id of path) mark(id, 'path');
  let drewFailedLine = false;
  for (const id of failed) {
    const isLine = topoEdges.has(id) || viewEdges.has(id);
    if (mark(id, 'failed') && isLine) drewFailedLine = true;
  }
  const step = decision.steps.find((x) => x.result === 'fail');
  if (gap) {
    const s = box(gap[0]);
    const t = box(gap[1]);
    if (s && t && s !== t) {
      out.nodes.set(t, 'failed');
      const name = (id: string) => topology.nodes.find((n) => n.id === id)?.name ?? id.split('/').pop() ?? id;
      out.missing = { id: 'access:missing', source: s, target: t, label: `no association: ${name(gap[1])} is not in ${name(gap[0])}` };
      return out;
    }
  }
  // Unreachable and no existing line to blame: draw the missing one, caller to service.
  if (!decision.reachable && !drewFailedLine) {
    const s = vpcNode ? box(vpcNode) : undefined;
    const failedBox = [...failed].map((id) => (nodeIds.has(id) ? box(id) : undefined)).find((b) => b && b !== s);
    const t = failedBox ?? (svcNode ? box(svcNode) : undefined);
    if (s && t && s !== t) {
      out.missing = { id: 'access:missing', source: s, target: t, label: shortReason(step?.detail) };
    }
  }
  return out;
}

function shortReason(detail: string | undefined): string {
  if (!detail) return 'no path';
  const first = detail.split(/[.;:]/)[0] ?? detail;
  return first.length > 48 ? `${first.slice(0, 45)}…` : first;
}
