'use client';
// Follows an apply: reads the NDJSON progress stream from the journal cursor on, folding
// each entry into operation states, until the plan stops applying.
import { useCallback, useRef, useState } from 'react';
import type { OperationState, PlanOperation } from '@/lib/plan';

export interface JournalLine {
  type: 'journal';
  id: number;
  opId: string;
  event: string;
  message: string | null;
}

type Line = JournalLine | { type: 'tick'; cursor: number } | { type: 'end'; status: string; outcome: string | null; cursor: number } | { type: 'error'; message: string };

export function foldEntry(states: Record<string, OperationState>, messages: Record<string, string>, e: JournalLine, ops: ReadonlyMap<string, PlanOperation>): void {
  if (!(e.opId in states)) return;
  if (e.event === 'started') states[e.opId] = 'running';
  else if (e.event === 'called') states[e.opId] = ops.get(e.opId)?.waitFor ? 'waiting' : 'running';
  else if (e.event === 'succeeded' || e.event === 'adopted') states[e.opId] = 'succeeded';
  else if (e.event === 'failed') states[e.opId] = 'failed';
  else if (e.event === 'skipped') states[e.opId] = 'skipped';
  if (e.message && (e.event === 'failed' || e.event === 'skipped')) messages[e.opId] = e.message;
}

export function useApplyStream(planId: string, operations: PlanOperation[], initial: { states: Record<string, OperationState>; messages: Record<string, string> }) {
  const [states, setStates] = useState(initial.states);
  const [messages, setMessages] = useState(initial.messages);
  const [following, setFollowing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);
  const byId = useRef(new Map(operations.map((o) => [o.id, o])));

  const follow = useCallback(
    async (cursor: number): Promise<{ status: string; outcome: string | null } | null> => {
      if (busy.current) return null;
      busy.current = true;
      setFollowing(true);
      setError(null);
      let end: { status: string; outcome: string | null } | null = null;
      try {
        const res = await fetch(`/api/plans/${planId}/events?cursor=${cursor}`, { cache: 'no-store' });
        if (!res.ok || !res.body) throw new Error(`the progress stream answered HTTP ${res.status}`);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          const lines = buffer.split('\n');
          buffer = lines.pop() ?? '';
          const journal: JournalLine[] = [];
          for (const text of lines) {
            if (!text.trim()) continue;
            const line = JSON.parse(text) as Line;
            if (line.type === 'journal') journal.push(line);
            else if (line.type === 'end') end = { status: line.status, outcome: line.outcome };
            else if (line.type === 'error') setError(line.message);
          }
          if (journal.length) {
            setStates((s) => {
              const next = { ...s };
              const m: Record<string, string> = {};
              for (const e of journal) foldEntry(next, m, e, byId.current);
              if (Object.keys(m).length) setMessages((old) => ({ ...old, ...m }));
              return next;
            });
          }
        }
      } catch (err) {
        setError(`Lost the progress stream (${(err as Error).message}); the apply goes on. Reload to see where it is.`);
      } finally {
        busy.current = false;
        setFollowing(false);
      }
      return end;
    },
    [planId],
  );

  return { states, messages, following, error, follow, setStates, setMessages };
}
