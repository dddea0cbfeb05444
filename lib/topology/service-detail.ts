// What an opened service shows: its listeners, their rules with the matches and actions,
// and the target groups they forward to with weights and target health.

import { statusClass, type StatusClass } from './kinds';
import type { Json, JsonObject, Topology, TopologyEdge, TopologyNode } from './types';

export interface ForwardTarget {
  targetGroup: string;
  name: string;
  weight?: number;
}

export type ActionSummary =
  | { type: 'forward'; targets: ForwardTarget[] }
  | { type: 'fixedResponse'; statusCode: number }
  | { type: 'none' };

export interface RuleDetail {
  rule: TopologyNode;
  priority?: number;
  isDefault: boolean;
  /** The match in words: `GET /api/* · x-env: prod`. */
  match: string;
  action: ActionSummary;
}

export interface ListenerDetail {
  listener: TopologyNode;
  defaultAction: ActionSummary;
  rules: RuleDetail[];
}

export interface TargetDetail {
  node: TopologyNode;
  status: string;
}

export interface TargetGroupDetail {
  targetGroup: TopologyNode;
  targets: TargetDetail[];
  health: Partial<Record<StatusClass, number>>;
}

export interface ServiceDetail {
  service: TopologyNode;
  listeners: ListenerDetail[];
  targetGroups: TargetGroupDetail[];
}

function asObject(v: Json | undefined): JsonObject | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}

/** Reads a Lattice RuleAction, naming target groups by the nodes the forward edges point at. */
export function summarizeAction(action: Json | undefined, forwardEdges: readonly TopologyEdge[], byId: ReadonlyMap<string, TopologyNode>): ActionSummary {
  const a = asObject(action);
  const fixed = asObject(a?.fixedResponse);
  if (fixed && typeof fixed.statusCode === 'number') return { type: 'fixedResponse', statusCode: fixed.statusCode };
  if (a?.forward || forwardEdges.length) {
    return {
      type: 'forward',
      targets: forwardEdges.map((e) => {
        const t: ForwardTarget = { targetGroup: e.target, name: byId.get(e.target)?.name ?? e.target };
        if (e.weight !== undefined) t.weight = e.weight;
        return t;
      }),
    };
  }
  return { type: 'none' };
}

/** A Lattice RuleMatch in words. */
export function describeMatch(match: Json | undefined): string {
  const http = asObject(asObject(match)?.httpMatch);
  if (!http) return 'any request';
  const parts: string[] = [];
  if (typeof http.method === 'string') parts.push(http.method);
  const path = asObject(http.pathMatch);
  const pathType = asObject(path?.match);
  if (pathType?.exact !== undefined) parts.push(`path = ${String(pathType.exact)}`);
  if (pathType?.prefix !== undefined) parts.push(`path ${String(pathType.prefix)}*`);
  const headers = Array.isArray(http.headerMatches) ? http.headerMatches : [];
  for (const h of headers) {
    const header = asObject(h);
    const m = asObject(header?.match);
    if (!header || !m) continue;
    const [op, value] = m.exact !== undefined ? ['=', m.exact] : m.prefix !== undefined ? ['^=', m.prefix] : ['~', m.contains];
    parts.push(`${String(header.name)} ${op} ${String(value)}`);
  }
  return parts.length ? parts.join(' · ') : 'any request';
}

export function serviceDetail(topology: Topology, serviceId: string): ServiceDetail | undefined {
  const byId = new Map(topology.nodes.map((n) => [n.id, n]));
  const service = byId.get(serviceId);
  if (!service || service.kind !== 'service') return undefined;

  const forwardsFrom = new Map<string, TopologyEdge[]>();
  for (const e of topology.edges) {
    if (e.kind !== 'forward') continue;
    const list = forwardsFrom.get(e.source);
    if (list) list.push(e);
    else forwardsFrom.set(e.source, [e]);
  }
  const children = (parent: string, kind: TopologyNode['kind']) => topology.nodes.filter((n) => n.parent === parent && n.kind === kind);

  const listeners: ListenerDetail[] = children(serviceId, 'listener')
    .sort((a, b) => Number(a.description.port ?? 0) - Number(b.description.port ?? 0) || a.name.localeCompare(b.name))
    .map((listener) => {
      const rules: RuleDetail[] = children(listener.id, 'rule')
        .map((rule) => {
          const isDefault = rule.description.isDefault === true;
          const priority = typeof rule.description.priority === 'number' ? rule.description.priority : undefined;
          const action = isDefault
            ? summarizeAction(listener.description.defaultAction, forwardsFrom.get(listener.id) ?? [], byId)
            : summarizeAction(rule.description.action, forwardsFrom.get(rule.id) ?? [], byId);
          const detail: RuleDetail = { rule, isDefault, match: isDefault ? 'default' : describeMatch(rule.description.match), action };
          if (priority !== undefined) detail.priority = priority;
          return detail;
        })
        // Rules run by priority; the default rule runs last.
        .sort((a, b) => Number(a.isDefault) - Number(b.isDefault) || (a.priority ?? 0) - (b.priority ?? 0));
      return { listener, defaultAction: summarizeAction(listener.description.defaultAction, forwardsFrom.get(listener.id) ?? [], byId), rules };
    });

  const targetGroups: TargetGroupDetail[] = topology.nodes
    .filter((n) => n.kind === 'targetGroup' && ((n.description.serviceArns as string[] | undefined) ?? []).includes(serviceId))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((targetGroup) => {
      const targets = children(targetGroup.id, 'target').map((node) => ({ node, status: node.status }));
      const health: Partial<Record<StatusClass, number>> = {};
      for (const t of targets) {
        const c = statusClass(t.status);
        health[c] = (health[c] ?? 0) + 1;
      }
      return { targetGroup, targets, health };
    });

  return { service, listeners, targetGroups };
}

export interface RelatedNode {
  edge: TopologyEdge;
  node: TopologyNode;
  /** 'out' when the edge starts at the node asked about. */
  direction: 'in' | 'out';
}

/** Every node one edge away, for the details panel's links. */
export function relatedNodes(topology: Topology, id: string): RelatedNode[] {
  const byId = new Map(topology.nodes.map((n) => [n.id, n]));
  const related: RelatedNode[] = [];
  for (const edge of topology.edges) {
    if (edge.source === id) {
      const node = byId.get(edge.target);
      if (node) related.push({ edge, node, direction: 'out' });
    } else if (edge.target === id) {
      const node = byId.get(edge.source);
      if (node) related.push({ edge, node, direction: 'in' });
    }
  }
  return related;
}
