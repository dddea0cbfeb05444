'use client';
// Follows an apply: reads the NDJSON progress stream from the journal cursor on, folding
// each entry into operation states, until the plan stops applying.
import { useCallback, useRef, useState } from 'react';
import { foldJournalEntry, foldTimings, type OperationState, type OperationTiming, type PlanOperation } from '@/lib/plan';
import { readNdjson } from '@/components/ui/ndjson';

export interface JournalLine {
  type: 'journal';
  id: number;
  opId: string;
  event: string;
  message: string | null;
  at: string;
}

type Line = JournalLine | { type: 'tick'; cursor: number } | { type: 'end'; status: string; outcome: string | null; cursor: number } | { type: 'error'; message: string };

export function useApplyStream(planId: string, operations: PlanOperation[], initial: { states: Record<string, OperationState>; messages: Record<string, string>; timings: Record<string, OperationTiming> }) {
  const [states, setStates] = useState(initial.states);
  const [timings, setTimings] = useState(initial.timings);
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
        await readNdjson<Line>(res.body, (lines) => {
          const journal: JournalLine[] = [];
          for (const line of lines) {
            if (line.type === 'journal') journal.push(line);
            else if (line.type === 'end') end = { status: line.status, outcome: line.outcome };
            else if (line.type === 'error') setError(line.message);
          }
          if (journal.length) {
            setTimings((t) => foldTimings(t, journal));
            setStates((s) => {
              const next = { ...s };
              const m: Record<string, string> = {};
              for (const e of journal) foldJournalEntry(next, m, e, byId.current);
              if (Object.keys(m).length) setMessages((old) => ({ ...old, ...m }));
              return next;
            });
          }
        });
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

  return { states, messages, timings, following, error, follow, setStates, setMessages, setTimings };
}
