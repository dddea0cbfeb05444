// Orders a plan's operations so each comes after what it depends on (Kahn's algorithm,
// stable: among ready operations the one computed first goes first), then numbers them.
import { PlanError } from './errors';
import type { PlanOperation } from './types';

export function orderOperations(ops: readonly PlanOperation[]): PlanOperation[] {
  // Operations by position (ids are unique: each names one call on one key).
  const byId = new Map<string, number>();
  for (let i = 0; i < ops.length; i++) byId.set(ops[i].id, i);
  const indegree = new Int32Array(ops.length);
  const dependents: number[][] = ops.map(() => []);
  for (let i = 0; i < ops.length; i++) {
    for (const d of ops[i].dependsOn) {
      const j = byId.get(d);
      if (j === undefined) continue;
      indegree[i]++;
      dependents[j].push(i);
    }
  }
  // Deletes first among equals, so names and VPCs are freed before creates reuse them.
  const rank = (o: PlanOperation) => (o.action === 'delete' || o.action === 'disassociate' || o.action === 'deletePolicy' ? 0 : 1);
  // Ready operations by (rank, position): a binary heap yields them in the order a sorted list would.
  const priority = (i: number) => rank(ops[i]) * ops.length + i;
  const ready = new ReadyHeap(priority);
  for (let i = 0; i < ops.length; i++) if (indegree[i] === 0) ready.push(i);
  const out: PlanOperation[] = [];
  while (ready.size) {
    const i = ready.pop();
    out.push(ops[i]);
    for (const d of dependents[i]) if (--indegree[d] === 0) ready.push(d);
  }
  if (out.length !== ops.length) {
    const placed = new Set(out);
    const stuck = ops.filter((o) => !placed.has(o)).map((o) => o.label);
    throw new PlanError(`The operations depend on each other in a circle: ${stuck.slice(0, 5).join(', ')}${stuck.length > 5 ? '…' : ''}.`);
  }
  const width = Math.max(3, String(out.length).length);
  const rename = new Map(out.map((o, i) => [o.id, `op-${String(i + 1).padStart(width, '0')}`]));
  return out.map((o) => ({ ...o, id: rename.get(o.id)!, dependsOn: o.dependsOn.filter((d) => rename.has(d)).map((d) => rename.get(d)!).sort() }));
}

/** A min-heap of operation positions by a priority that is unique per position. */
class ReadyHeap {
  private readonly items: number[] = [];
  constructor(private readonly priority: (i: number) => number) {}

  get size(): number {
    return this.items.length;
  }

  push(i: number): void {
    const { items, priority } = this;
    let at = items.length;
    items.push(i);
    const p = priority(i);
    while (at > 0) {
      const up = (at - 1) >> 1;
      if (priority(items[up]) <= p) break;
      items[at] = items[up];
      at = up;
    }
    items[at] = i;
  }

  pop(): number {
    const { items, priority } = this;
    const top = items[0];
    const last = items.pop()!;
    if (items.length) {
      const p = priority(last);
      let at = 0;
      for (;;) {
        const l = 2 * at + 1;
        if (l >= items.length) break;
        const r = l + 1;
        const child = r < items.length && priority(items[r]) < priority(items[l]) ? r : l;
        if (priority(items[child]) >= p) break;
        items[at] = items[child];
        at = child;
      }
      items[at] = last;
    }
    return top;
  }
}

/** Operations in waves: each wave depends only on earlier ones (for display and concurrency). */
export function waves(ops: readonly PlanOperation[]): PlanOperation[][] {
  const level = new Map<string, number>();
  const out: PlanOperation[][] = [];
  for (const op of ops) {
    const l = op.dependsOn.reduce((m, d) => Math.max(m, (level.get(d) ?? -1) + 1), 0);
    level.set(op.id, l);
    (out[l] ??= []).push(op);
  }
  return out;
}
