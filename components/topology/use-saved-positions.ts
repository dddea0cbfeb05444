'use client';
// Positions the user dragged boxes to, kept per user: saved in batches, reset on demand.

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import { clearPositions, fetchPositions, savePositions } from './api';

export function useSavedPositions() {
  const queryClient = useQueryClient();
  const positionsQuery = useQuery({ queryKey: ['topology', 'positions'], queryFn: fetchPositions, staleTime: Infinity });

  const [moved, setMoved] = useState<Record<string, { x: number; y: number }>>({});
  const savedPositions = useMemo(() => ({ ...(positionsQuery.data ?? {}), ...moved }), [positionsQuery.data, moved]);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pendingSave = useRef<Record<string, { x: number; y: number }>>({});
  const onMoveNode = useCallback((id: string, position: { x: number; y: number }) => {
    setMoved((m) => ({ ...m, [id]: position }));
    pendingSave.current[id] = position;
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => {
      const batch = pendingSave.current;
      pendingSave.current = {};
      void savePositions(batch).catch(() => undefined);
    }, 500);
  }, []);
  const resetLayout = useCallback(async () => {
    await clearPositions();
    setMoved({});
    await queryClient.invalidateQueries({ queryKey: ['topology', 'positions'] });
  }, [queryClient]);

  return { savedPositions, onMoveNode, resetLayout };
}
