// How each kind of operation reads in a plan, terraform style.
import type { OperationAction, PlanOperation } from '@/lib/plan/types';

export interface Look {
  symbol: string;
  word: string;
  /** Text colour of the symbol and the word. */
  tone: string;
  destructive: boolean;
}

const LOOKS: Record<OperationAction, Look> = {
  create: { symbol: '+', word: 'create', tone: 'text-emerald-700', destructive: false },
  associate: { symbol: '+', word: 'associate', tone: 'text-emerald-700', destructive: false },
  update: { symbol: '~', word: 'update in place', tone: 'text-amber-700', destructive: false },
  putPolicy: { symbol: '~', word: 'put policy', tone: 'text-violet-700', destructive: false },
  delete: { symbol: '−', word: 'destroy', tone: 'text-red-700', destructive: true },
  disassociate: { symbol: '−', word: 'disassociate', tone: 'text-red-700', destructive: true },
  deletePolicy: { symbol: '−', word: 'delete policy', tone: 'text-red-700', destructive: true },
};

export function lookOf(op: Pick<PlanOperation, 'action' | 'replacement'>): Look {
  const base = LOOKS[op.action];
  if (!op.replacement) return base;
  const deleting = base.destructive;
  return { symbol: '−/+', word: deleting ? 'replace: destroy' : 'replace: create', tone: 'text-rose-700', destructive: deleting };
}
