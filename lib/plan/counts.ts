// The headline counts of a plan, one definition for the plan page, the plans list and the
// apply confirmation, and the number of resources a plan touches, which is what the
// designer's "N changes from live" counts from the other side.
import type { PlanOperation, PlanSummary } from './types';

export interface HeadlineCounts {
  add: number;
  change: number;
  replace: number;
  destroy: number;
}

export function headlineCounts(s: PlanSummary): HeadlineCounts {
  return {
    add: s.create + s.associate + (s.addPolicy ?? 0),
    change: s.update + s.putPolicy,
    replace: s.replace,
    destroy: s.delete + s.disassociate + s.deletePolicy,
  };
}

/** Resources (natural keys) the operations create, change, replace or remove. */
export function changedResources(ops: readonly Pick<PlanOperation, 'key'>[]): number {
  return new Set(ops.map((o) => o.key)).size;
}
