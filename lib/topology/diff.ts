import type { DeferredKind, Json, Topology, TopologyEdge, TopologyNode } from './types';

export interface FieldChange {
  /** Dotted path into the node or edge: `status`, `tags.team`, `description.config.port`. */
  path: string;
  before?: Json;
  after?: Json;
}

export interface NodeChange {
  id: string;
  before: TopologyNode;
  after: TopologyNode;
  fields: FieldChange[];
}

export interface EdgeChange {
  id: string;
  before: TopologyEdge;
  after: TopologyEdge;
  fields: FieldChange[];
}

export interface TopologyDiff {
  addedNodes: TopologyNode[];
  removedNodes: TopologyNode[];
  changedNodes: NodeChange[];
  addedEdges: TopologyEdge[];
  removedEdges: TopologyEdge[];
  changedEdges: EdgeChange[];
  /**
   * Accounts whose discovery failed on one side: their resources are neither added nor
   * removed, because absence there means "not read", not "gone".
   */
  unreadAccounts: string[];
}

export interface DiffOptions {
  /** Paths to leave out of the comparison (checked on every path, nested ones included). */
  ignore?: (path: string) => boolean;
}

/** Fields that say who looked, not what exists. */
const NOT_STATE = new Set(['seenBy']);

/**
 * Compares two topologies keyed by id: what was added, removed and changed, field by
 * field. Used for "what changed since the last refresh" and, with a design on one side,
 * by the plan engine.
 */
export function diffTopologies(before: Topology, after: Topology, options: DiffOptions = {}): TopologyDiff {
  const ignore = options.ignore ?? (() => false);
  const unread = new Set<string>();
  for (const e of [...before.errors, ...after.errors]) if (!e.operation) unread.add(e.account);
  const isUnread = (account: string) => unread.has(account);
  // A kind one side left for later was not read there: its presence on the other side is no change.
  const deferred = new Set([...(before.deferred ?? []), ...(after.deferred ?? [])]);
  const notRead = (n: TopologyNode) => isUnread(n.account) || deferred.has(n.kind as DeferredKind);

  const beforeNodes = new Map(before.nodes.map((n) => [n.id, n]));
  const afterNodes = new Map(after.nodes.map((n) => [n.id, n]));
  const addedNodes: TopologyNode[] = [];
  const removedNodes: TopologyNode[] = [];
  const changedNodes: NodeChange[] = [];
  for (const [id, a] of afterNodes) {
    const b = beforeNodes.get(id);
    if (!b) {
      if (!notRead(a)) addedNodes.push(a);
      continue;
    }
    const fields = compareRecords(b as unknown as Record<string, Json>, a as unknown as Record<string, Json>, '', ignore);
    if (fields.length) changedNodes.push({ id, before: b, after: a, fields });
  }
  for (const [id, b] of beforeNodes) if (!afterNodes.has(id) && !notRead(b)) removedNodes.push(b);

  const endNotRead = (id: string) => {
    const n = afterNodes.get(id) ?? beforeNodes.get(id);
    return n ? notRead(n) : isUnread('');
  };
  const edgeUnread = (e: TopologyEdge) => isUnread(e.account ?? '') || endNotRead(e.source) || endNotRead(e.target);
  const beforeEdges = new Map(before.edges.map((e) => [e.id, e]));
  const afterEdges = new Map(after.edges.map((e) => [e.id, e]));
  const addedEdges: TopologyEdge[] = [];
  const removedEdges: TopologyEdge[] = [];
  const changedEdges: EdgeChange[] = [];
  for (const [id, a] of afterEdges) {
    const b = beforeEdges.get(id);
    if (!b) {
      if (!edgeUnread(a)) addedEdges.push(a);
      continue;
    }
    const fields = compareRecords(b as unknown as Record<string, Json>, a as unknown as Record<string, Json>, '', ignore);
    if (fields.length) changedEdges.push({ id, before: b, after: a, fields });
  }
  for (const [id, b] of beforeEdges) if (!afterEdges.has(id) && !edgeUnread(b)) removedEdges.push(b);

  return { addedNodes, removedNodes, changedNodes, addedEdges, removedEdges, changedEdges, unreadAccounts: [...unread].sort() };
}

function compareRecords(b: Record<string, Json | undefined>, a: Record<string, Json | undefined>, prefix: string, ignore: (path: string) => boolean): FieldChange[] {
  const changes: FieldChange[] = [];
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  for (const key of keys) {
    if (!prefix && NOT_STATE.has(key)) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (ignore(path)) continue;
    changes.push(...compareValues(b[key], a[key], path, ignore));
  }
  return changes;
}

function isPlainObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function compareValues(b: Json | undefined, a: Json | undefined, path: string, ignore: (path: string) => boolean): FieldChange[] {
  if (isPlainObject(b) && isPlainObject(a)) return compareRecords(b, a, path, ignore);
  if (jsonEqual(b, a)) return [];
  const change: FieldChange = { path };
  if (b !== undefined) change.before = b;
  if (a !== undefined) change.after = a;
  return [change];
}

export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => jsonEqual(a[k], (b as Record<string, Json>)[k]));
  }
  return false;
}

/** How a node or edge fared in a diff, for badges on the canvas. */
export type ChangeMark = 'added' | 'removed' | 'changed';

export function changeMarks(diff: TopologyDiff): Map<string, ChangeMark> {
  const marks = new Map<string, ChangeMark>();
  for (const n of diff.addedNodes) marks.set(n.id, 'added');
  for (const n of diff.removedNodes) marks.set(n.id, 'removed');
  for (const c of diff.changedNodes) marks.set(c.id, 'changed');
  for (const e of diff.addedEdges) marks.set(e.id, 'added');
  for (const e of diff.removedEdges) marks.set(e.id, 'removed');
  for (const c of diff.changedEdges) marks.set(c.id, 'changed');
  return marks;
}

export function diffIsEmpty(diff: TopologyDiff): boolean {
  return !diff.addedNodes.length && !diff.removedNodes.length && !diff.changedNodes.length && !diff.addedEdges.length && !diff.removedEdges.length && !diff.changedEdges.length;
}
