'use client';
// The designer's state: the document, its undo history, the selection, and autosave with
// version conflict detection. Edits come in as patches from the commands in
// lib/topology/design; React Flow only ever sees what is derived from the document.
import { useCallback, useEffect, useRef, useState } from 'react';
import { applyPatch, emptyHistory, recordPatch, redo as redoPatch, undo as undoPatch, type Design, type History, type Patch } from '@/lib/topology/design';
import { api } from './api';

export type SaveState = { kind: 'saved'; at: string } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'conflict'; message: string } | { kind: 'error'; message: string } | { kind: 'readonly' };

export interface DesignEditor {
  design: Design;
  version: number;
  history: History;
  save: SaveState;
  /** Applies a user's patch and records it for undo. */
  dispatch(patch: Patch): void;
  undo(): void;
  redo(): void;
  /** Saves now (before planning), resolving when the document on the server is this one. */
  flush(): Promise<boolean>;
  /** Drops local changes and loads the server's copy (after a conflict). */
  reload(): Promise<void>;
}

const AUTOSAVE_MS = 700;

export function useDesignEditor(id: string, initial: Design, initialVersion: number, updatedAt: string, editable: boolean): DesignEditor {
  const [design, setDesign] = useState(initial);
  const [history, setHistory] = useState<History>(emptyHistory);
  const [version, setVersion] = useState(initialVersion);
  const [save, setSave] = useState<SaveState>(editable ? { kind: 'saved', at: updatedAt } : { kind: 'readonly' });
  // What the async saver and the undo handlers read: the document and history as last rendered.
  const latest = useRef({ design, version, history, dirty: false, saving: null as Promise<boolean> | null, conflict: false });
  useEffect(() => {
    latest.current.design = design;
    latest.current.history = history;
  }, [design, history]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const persist = useCallback(async (): Promise<boolean> => {
    const state = latest.current;
    if (!editable || state.conflict) return false;
    if (state.saving) await state.saving;
    if (!state.dirty) return true;
    state.dirty = false;
    const doc = state.design;
    setSave({ kind: 'saving' });
    state.saving = (async () => {
      const r = await api<{ version: number; updatedAt: string }>('PUT', `/api/designs/${id}`, { document: doc, baseVersion: state.version });
      state.saving = null;
      if (r.ok) {
        state.version = r.data.version;
        setVersion(r.data.version);
        setSave(state.dirty ? { kind: 'dirty' } : { kind: 'saved', at: r.data.updatedAt });
        return true;
      }
      if (r.status === 409) {
        state.conflict = true;
        setSave({ kind: 'conflict', message: r.message });
      } else {
        state.dirty = true;
        setSave({ kind: 'error', message: r.message });
      }
      return false;
    })();
    return state.saving;
  }, [editable, id]);

  const schedule = useCallback(() => {
    latest.current.dirty = true;
    setSave((s) => (s.kind === 'conflict' ? s : { kind: 'dirty' }));
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void persist(), AUTOSAVE_MS);
  }, [persist]);

  const dispatch = useCallback(
    (patch: Patch) => {
      if (!editable || !patch.changes.length) return;
      setDesign((d) => applyPatch(d, patch));
      setHistory((h) => recordPatch(h, patch));
      schedule();
    },
    [editable, schedule],
  );

  const undo = useCallback(() => {
    if (!editable) return;
    const step = undoPatch(latest.current.design, latest.current.history);
    if (!step) return;
    setDesign(step.design);
    setHistory(step.history);
    schedule();
  }, [editable, schedule]);

  const redo = useCallback(() => {
    if (!editable) return;
    const step = redoPatch(latest.current.design, latest.current.history);
    if (!step) return;
    setDesign(step.design);
    setHistory(step.history);
    schedule();
  }, [editable, schedule]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    return persist();
  }, [persist]);

  const reload = useCallback(async () => {
    const r = await api<{ design: { document: Design; version: number; updatedAt: string } }>('GET', `/api/designs/${id}`);
    if (!r.ok) return setSave({ kind: 'error', message: r.message });
    latest.current.conflict = false;
    latest.current.dirty = false;
    latest.current.version = r.data.design.version;
    setDesign(r.data.design.document);
    setVersion(r.data.design.version);
    setHistory(emptyHistory());
    setSave({ kind: 'saved', at: r.data.design.updatedAt });
  }, [id]);

  // Save what is pending when the page goes away.
  useEffect(() => {
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (latest.current.dirty || latest.current.saving) {
        void persist();
        e.preventDefault();
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => window.removeEventListener('beforeunload', beforeUnload);
  }, [persist]);

  return { design, version, history, save, dispatch, undo, redo, flush, reload };
}
