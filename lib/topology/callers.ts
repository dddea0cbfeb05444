// Callers on the canvas: the IAM roles auth policies name, each in its account's group, with a
// line to every service it may call. An account's callers fold into one "N callers" box
// (folded by default past a handful) and open again on demand.

import { statusClass } from './kinds';
import type { Topology, TopologyNode } from './types';
import type { ViewEdge, ViewGraph, ViewNode } from './view';

/** Past this many callers in one account, they start folded. */
export const CALLERS_FOLDED_PAST = 6;

export interface CallerFolds {
  /** Accounts whose callers the user folded. */
  folded?: ReadonlySet<string>;
  /** Accounts whose callers the user opened (overrides folding by count). */
  opened?: ReadonlySet<string>;
}

/** The id of an account's folded callers box. */
export function callersGroupId(account: string): string {
  return `callers:${account}`;
}

export function isCallersGroup(id: string): boolean {
  return id.startsWith('callers:');
}

export function accountOfCallersGroup(id: string): string {
  return id.slice('callers:'.length);
}

/** Adds the callers of `topology` to a view built from it: role boxes (or folded groups) and `callerService` lines. */
export function addCallers(view: ViewGraph, topology: Topology, folds: CallerFolds = {}): ViewGraph {
  const onCanvas = new Map<string, string>();
  for (const n of view.nodes) {
    onCanvas.set(n.id, n.id);
    for (const m of n.aggregate?.members ?? []) onCanvas.set(m, n.id);
  }
  const roles = new Map(topology.nodes.filter((n) => n.kind === 'iamRole').map((n) => [n.id, n]));
  const calls = topology.edges.filter((e) => e.kind === 'callerService' && roles.has(e.source) && onCanvas.has(e.target));
  if (!calls.length) return view;

  const byAccount = new Map<string, TopologyNode[]>();
  for (const id of new Set(calls.map((e) => e.source))) {
    const role = roles.get(id)!;
    const list = byAccount.get(role.account) ?? [];
    list.push(role);
    byAccount.set(role.account, list);
  }
  const placement = new Map<string, string>();
  const nodes: ViewNode[] = [];
  for (const [account, list] of byAccount) {
    const folded = folds.folded?.has(account) || (list.length > CALLERS_FOLDED_PAST && !folds.opened?.has(account));
    if (!folded) {
      for (const role of list.sort((a, b) => a.name.localeCompare(b.name))) {
        placement.set(role.id, role.id);
        nodes.push({ id: role.id, kind: 'iamRole', account, region: role.region, label: role.name, status: role.status, node: role });
      }
      continue;
    }
    const id = callersGroupId(account);
    const statusCounts: Partial<Record<ReturnType<typeof statusClass>, number>> = {};
    for (const role of list) {
      placement.set(role.id, id);
      const sc = statusClass(role.status);
      statusCounts[sc] = (statusCounts[sc] ?? 0) + 1;
    }
    nodes.push({ id, kind: 'aggregate', account, region: '', label: `${list.length} caller${list.length === 1 ? '' : 's'}`, status: 'ACTIVE', aggregate: { kind: 'iamRole', members: list.map((r) => r.id), statusCounts } });
  }

  const edges = new Map<string, ViewEdge>();
  for (const e of calls) {
    const source = placement.get(e.source)!;
    const target = onCanvas.get(e.target)!;
    const id = source === e.source && target === e.target ? e.id : `callerService:${source}->${target}`;
    const existing = edges.get(id);
    if (existing) existing.count += 1;
    else edges.set(id, { id, kind: 'callerService', source, target, count: 1 });
  }
  const accounts = [...view.accounts];
  for (const a of byAccount.keys()) if (!accounts.includes(a)) accounts.splice(a === '' ? accounts.length : accounts.filter((x) => x !== '').length, 0, a);
  return { ...view, nodes: [...view.nodes, ...nodes], edges: [...view.edges, ...edges.values()], accounts, fullNodeCount: view.fullNodeCount + placement.size };
}
