// The fewest calls the data needs: one per page of each list at its largest page size,
// plus one per detail that no summary carries. Discovery reports it beside the calls it
// made, so a regression (a call per item where a page would do, a retry storm) shows.

export interface MinimumCalls {
  total: number;
  byOperation: Record<string, number>;
}

/** Everything the formula needs, counted from what one account's discovery read. */
export interface CallNeeds {
  assumeRole: boolean;
  lists: Record<string, { items: number; pageSize: number }>;
  /** Detail calls that are always one per resource (GetService, ListTagsForResource…). */
  perResource: Record<string, number>;
  /** Per-resource lists: how many items each one returned. */
  perResourceLists: Record<string, { items: number[]; pageSize: number }>;
}

function pages(items: number, pageSize: number): number {
  return Math.max(1, Math.ceil(items / pageSize));
}

export function minimumCalls(needs: CallNeeds): MinimumCalls {
  const byOperation: Record<string, number> = {};
  const add = (op: string, n: number) => {
    if (n > 0) byOperation[op] = (byOperation[op] ?? 0) + n;
  };
  if (needs.assumeRole) add('AssumeRole', 1);
  for (const [op, { items, pageSize }] of Object.entries(needs.lists)) add(op, pages(items, pageSize));
  for (const [op, n] of Object.entries(needs.perResource)) add(op, n);
  for (const [op, { items, pageSize }] of Object.entries(needs.perResourceLists)) add(op, items.reduce((sum, n) => sum + pages(n, pageSize), 0));
  const total = Object.values(byOperation).reduce((a, b) => a + b, 0);
  return { total, byOperation };
}

export function addMinimum(into: MinimumCalls, from: MinimumCalls): MinimumCalls {
  into.total += from.total;
  for (const [op, n] of Object.entries(from.byOperation)) into.byOperation[op] = (into.byOperation[op] ?? 0) + n;
  return into;
}
