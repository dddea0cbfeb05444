// When each operation of an apply started and finished, read from its journal: what the
// plan page shows as a live duration while an operation runs and a fixed one once it is done.
export interface OperationTiming {
  startedAt?: string;
  finishedAt?: string;
}

const FINISHED = new Set(['succeeded', 'adopted', 'failed', 'skipped']);

/** Folds journal entries (in order) into per-operation timings; a resumed operation keeps its first start. */
export function foldTimings(timings: Record<string, OperationTiming>, entries: readonly { opId: string; event: string; at: string | Date }[]): Record<string, OperationTiming> {
  const next = { ...timings };
  for (const e of entries) {
    if (e.opId === '*') continue;
    const at = typeof e.at === 'string' ? e.at : e.at.toISOString();
    const t = { ...(next[e.opId] ?? {}) };
    if (e.event === 'started') {
      t.startedAt ??= at;
      delete t.finishedAt;
    } else if (FINISHED.has(e.event)) t.finishedAt = at;
    next[e.opId] = t;
  }
  return next;
}

/** Milliseconds an operation took, or has taken by `now` while it runs; undefined before it starts. */
export function durationMs(t: OperationTiming | undefined, now: number): number | undefined {
  if (!t?.startedAt) return undefined;
  const end = t.finishedAt ? Date.parse(t.finishedAt) : now;
  return Math.max(0, end - Date.parse(t.startedAt));
}

/** "0.4 s", "12 s", "2 min 05 s". */
export function formatDuration(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}
