import { isResourceKind, statusClass, STATUS_CLASSES, type ResourceKind, type StatusClass } from './kinds';
import type { Topology, TopologyNode } from './types';

export interface TagFilter {
  key: string;
  /** Absent: the tag key is present with any value. */
  value?: string;
}

/** Every list is a set of allowed values; an empty or absent list allows everything. */
export interface TopologyFilter {
  accounts?: string[];
  regions?: string[];
  kinds?: ResourceKind[];
  statuses?: StatusClass[];
  tags?: TagFilter[];
}

export function isFilterEmpty(filter: TopologyFilter): boolean {
  return !filter.accounts?.length && !filter.regions?.length && !filter.kinds?.length && !filter.statuses?.length && !filter.tags?.length;
}

export function nodeMatchesFilter(node: TopologyNode, filter: TopologyFilter): boolean {
  // A shared resource belongs to each account that sees it, so filtering to a consumer keeps it.
  if (filter.accounts?.length && !filter.accounts.includes(node.account) && !node.seenBy.some((a) => filter.accounts!.includes(a))) return false;
  if (filter.regions?.length && !filter.regions.includes(node.region)) return false;
  if (filter.kinds?.length && !filter.kinds.includes(node.kind)) return false;
  if (filter.statuses?.length && !filter.statuses.includes(statusClass(node.status))) return false;
  if (filter.tags?.length) {
    // Tags narrow: every tag condition must hold.
    for (const tag of filter.tags) {
      if (!(tag.key in node.tags)) return false;
      if (tag.value !== undefined && node.tags[tag.key] !== tag.value) return false;
    }
  }
  return true;
}

/** The nodes that pass the filter and the edges whose both ends pass. Errors are kept: a filter never hides a failure. */
export function filterTopology(topology: Topology, filter: TopologyFilter): Topology {
  if (isFilterEmpty(filter)) return topology;
  const nodes = topology.nodes.filter((n) => nodeMatchesFilter(n, filter));
  const kept = new Set(nodes.map((n) => n.id));
  const edges = topology.edges.filter((e) => kept.has(e.source) && kept.has(e.target));
  return { ...topology, nodes, edges };
}

/** The values a filter can offer, read from the topology itself. */
export function filterFacets(nodes: readonly TopologyNode[]): {
  accounts: string[];
  regions: string[];
  kinds: ResourceKind[];
  statuses: StatusClass[];
  tagKeys: string[];
} {
  const accounts = new Set<string>();
  const regions = new Set<string>();
  const kinds = new Set<ResourceKind>();
  const statuses = new Set<StatusClass>();
  const tagKeys = new Set<string>();
  for (const n of nodes) {
    if (n.account) accounts.add(n.account);
    for (const a of n.seenBy) accounts.add(a);
    if (n.region) regions.add(n.region);
    kinds.add(n.kind);
    statuses.add(statusClass(n.status));
    for (const k of Object.keys(n.tags)) tagKeys.add(k);
  }
  return {
    accounts: [...accounts].sort(),
    regions: [...regions].sort(),
    kinds: [...kinds].sort(),
    statuses: STATUS_CLASSES.filter((s) => statuses.has(s)),
    tagKeys: [...tagKeys].sort(),
  };
}

/** Writes a filter into URL parameters (`account`, `region`, `kind`, `status`, `tag`), one per value. */
export function filterToSearchParams(filter: TopologyFilter, params = new URLSearchParams()): URLSearchParams {
  for (const key of ['account', 'region', 'kind', 'status', 'tag']) params.delete(key);
  for (const a of filter.accounts ?? []) params.append('account', a);
  for (const r of filter.regions ?? []) params.append('region', r);
  for (const k of filter.kinds ?? []) params.append('kind', k);
  for (const s of filter.statuses ?? []) params.append('status', s);
  for (const t of filter.tags ?? []) params.append('tag', t.value === undefined ? t.key : `${t.key}=${t.value}`);
  return params;
}

export class FilterError extends Error {}

/** Reads a filter from URL parameters; an unknown kind or status is an error naming the parameter. */
export function filterFromSearchParams(params: URLSearchParams): TopologyFilter {
  const filter: TopologyFilter = {};
  const accounts = params.getAll('account').filter(Boolean);
  for (const a of accounts) if (!/^\d{12}$/.test(a)) throw new FilterError(`account: "${a}" is not a 12-digit AWS account id`);
  if (accounts.length) filter.accounts = accounts;
  const regions = params.getAll('region').filter(Boolean);
  if (regions.length) filter.regions = regions;
  const kinds = params.getAll('kind').filter(Boolean);
  for (const k of kinds) if (!isResourceKind(k)) throw new FilterError(`kind: "${k}" is not a resource kind`);
  if (kinds.length) filter.kinds = kinds as ResourceKind[];
  const statuses = params.getAll('status').filter(Boolean);
  for (const s of statuses) if (!(STATUS_CLASSES as readonly string[]).includes(s)) throw new FilterError(`status: "${s}" must be one of ${STATUS_CLASSES.join(', ')}`);
  if (statuses.length) filter.statuses = statuses as StatusClass[];
  const tags = params.getAll('tag').filter(Boolean);
  if (tags.length) {
    filter.tags = tags.map((t) => {
      const eq = t.indexOf('=');
      return eq === -1 ? { key: t } : { key: t.slice(0, eq), value: t.slice(eq + 1) };
    });
  }
  return filter;
}
