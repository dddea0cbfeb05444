// Patches: the only way a design changes. Applying one returns a new document (the old one
// is untouched, so React can compare by reference); inverting one gives its undo.
import type { Design, DocumentChange, Patch } from './types';

export function applyPatch(design: Design, patch: Patch): Design {
  if (!patch.changes.length) return design;
  let records = design.records;
  let positions = design.positions;
  let shares = design.shares;
  for (const change of patch.changes) {
    if (change.collection === 'shares') {
      shares = change.after.length ? change.after.map((e) => structuredClone(e)) : undefined;
    } else if (change.collection === 'records') {
      if (records === design.records) records = { ...records };
      if (change.after) records[change.id] = change.after;
      else delete records[change.id];
    } else {
      if (positions === design.positions) positions = { ...positions };
      if (change.after) positions[change.id] = change.after;
      else delete positions[change.id];
    }
  }
  const next: Design = { ...design, records, positions };
  if (shares) next.shares = shares;
  else delete next.shares;
  return next;
}

function invertChange(change: DocumentChange): DocumentChange {
  if (change.collection === 'shares') return { collection: 'shares', before: change.after, after: change.before };
  if (change.collection === 'records') {
    const out: DocumentChange = { collection: 'records', id: change.id };
    if (change.after) out.before = change.after;
    if (change.before) out.after = change.before;
    return out;
  }
  const out: DocumentChange = { collection: 'positions', id: change.id };
  if (change.after) out.before = change.after;
  if (change.before) out.after = change.before;
  return out;
}

/** The patch that undoes `patch`: its changes reversed, each with before and after swapped. */
export function invertPatch(patch: Patch): Patch {
  return { label: patch.label, changes: [...patch.changes].reverse().map(invertChange) };
}

export interface History {
  /** Patches done, oldest first; the last is what undo reverts. */
  past: Patch[];
  /** Patches undone, the next redo last. */
  future: Patch[];
}

/** How many steps undo can go back. */
export const HISTORY_LIMIT = 200;

export function emptyHistory(): History {
  return { past: [], future: [] };
}

/** Records a user's patch: it becomes undoable, and what was undone can no longer be redone. */
export function recordPatch(history: History, patch: Patch): History {
  if (!patch.changes.length) return history;
  return { past: [...history.past, patch].slice(-HISTORY_LIMIT), future: [] };
}

/** Reverts the last patch: the new document and history, or null when there is nothing to undo. */
export function undo(design: Design, history: History): { design: Design; history: History; patch: Patch } | null {
  const last = history.past[history.past.length - 1];
  if (!last) return null;
  const inverse = invertPatch(last);
  return { design: applyPatch(design, inverse), history: { past: history.past.slice(0, -1), future: [...history.future, last] }, patch: inverse };
}

/** Applies the last undone patch again. */
export function redo(design: Design, history: History): { design: Design; history: History; patch: Patch } | null {
  const next = history.future[history.future.length - 1];
  if (!next) return null;
  return { design: applyPatch(design, next), history: { past: [...history.past, next], future: history.future.slice(0, -1) }, patch: next };
}
