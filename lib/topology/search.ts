import { CANVAS_KINDS } from './kinds';
import type { TopologyNode } from './types';

export type SearchField = 'name' | 'id' | 'arn' | 'tag';

export interface SearchHit {
  node: TopologyNode;
  field: SearchField;
  /** What matched, for display: the name, the id, the ARN or `key=value`. */
  matched: string;
  /** Higher is better: exact before prefix before substring; names before ids before ARNs before tags. */
  score: number;
}

const FIELD_WEIGHT: Record<SearchField, number> = { name: 4, id: 3, arn: 2, tag: 1 };

function matchScore(haystack: string, needle: string): number {
  const h = haystack.toLowerCase();
  if (h === needle) return 3;
  if (h.startsWith(needle)) return 2;
  if (h.includes(needle)) return 1;
  return 0;
}

/**
 * Finds nodes by name, resource id (or service name, private IP), ARN or tag (`key`, `value` or `key=value`),
 * case-insensitively, best match first (canvas boxes before the resources inside them).
 * Ties keep a stable order (by name, then id).
 */
export function searchTopology(nodes: readonly TopologyNode[], query: string, limit = 50): SearchHit[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [];
  const hits: SearchHit[] = [];
  for (const node of nodes) {
    let best: SearchHit | undefined;
    const consider = (field: SearchField, value: string | undefined) => {
      if (!value) return;
      const m = matchScore(value, needle);
      if (m === 0) return;
      // Boxes on the canvas before what lives inside them or beside them.
      const score = m * 100 + FIELD_WEIGHT[field] * 10 + (CANVAS_KINDS.includes(node.kind) ? 5 : 0) + (node.external ? 0 : 1);
      if (!best || score > best.score) best = { node, field, matched: value, score };
    };
    consider('name', node.name);
    consider('id', node.resourceId);
    consider('arn', node.id);
    // Endpoints and endpoint services are also found by their service name, instances by their private address.
    for (const extra of [node.description.ServiceName, node.description.PrivateIpAddress]) if (typeof extra === 'string') consider('id', extra);
    for (const [key, value] of Object.entries(node.tags)) {
      consider('tag', `${key}=${value}`);
      consider('tag', key);
      consider('tag', value);
    }
    if (best) {
      if (best.field === 'tag') {
        const pair = Object.entries(node.tags).find(([k, v]) => [k, v, `${k}=${v}`].some((x) => x.toLowerCase().includes(needle)));
        if (pair) best.matched = `${pair[0]}=${pair[1]}`;
      }
      hits.push(best);
    }
  }
  hits.sort((a, b) => b.score - a.score || a.node.name.localeCompare(b.node.name) || (a.node.id < b.node.id ? -1 : 1));
  return hits.slice(0, limit);
}
