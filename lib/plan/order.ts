// Orders a plan's operations so each comes after what it depends on (Kahn's algorithm,
// stable: among ready operations the one computed first goes first), then numbers them.
import { PlanError } from './errors';
import type { PlanOperation } from './types';

export function orderOperations(ops: readonly PlanOperation[]): PlanOperation[] {
  const byId = new Map(ops.map((o) => [o.id, o]));
  const indegree = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const op of ops) {
    const deps = op.dependsOn.filter((d) => byId.has(d));
    indegree.set(op.id, deps.length);
    for (const d of deps) dependents.set(d, [...(dependents.get(d) ?? []), op.id]);
  }
  const position = new Map(ops.map((o, i) => [o.id, i]));
  // Deletes first among equals, so names and VPCs are freed before creates reuse them.
  const rank = (o: PlanOperation) => (o.action === 'delete' || o.action === 'disassociate' || o.action === 'deletePolicy' ? 0 : 1);
  const ready = ops.filter((o) => indegree.get(o.id) === 0);
  const sortReady = () => ready.sort((a, b) => rank(a) - rank(b) || position.get(a.id)! - position.get(b.id)!);
  sortReady();
  const out: PlanOperation[] = [];
  while (ready.length) {
    const op = ready.shift()!;
    out.push(op);
    let added = false;
    for (const d of dependents.get(op.id) ?? []) {
      const left = indegree.get(d)! - 1;
      indegree.set(d, left);
      if (left === 0) {
        ready.push(byId.get(d)!);
        added = true;
      }
    }
    if (added) sortReady();
  }
  if (out.length !== ops.length) {
    const stuck = ops.filter((o) => !out.includes(o)).map((o) => o.label);
    throw new PlanError(`The operations depend on each other in a circle: ${stuck.slice(0, 5).join(', ')}${stuck.length > 5 ? '…' : ''}.`);
  }
  const width = Math.max(3, String(out.length).length);
  const rename = new Map(out.map((o, i) => [o.id, `op-${String(i + 1).padStart(width, '0')}`]));
  return out.map((o) => ({ ...o, id: rename.get(o.id)!, dependsOn: o.dependsOn.filter((d) => rename.has(d)).map((d) => rename.get(d)!).sort() }));
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
