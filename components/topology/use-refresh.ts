'use client';
// Refresh with live progress per account.

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { refreshTopology, TOPOLOGY_QUERY_KEY, type AccountProgressDto } from './api';

export function useRefresh() {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<Map<string, AccountProgressDto>>(new Map());
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    setRefreshing(true);
    setRefreshError(null);
    setProgress(new Map());
    try {
      await refreshTopology((event) => {
        if (event.type === 'start') setProgress(new Map(event.accounts.flatMap((a) => a.regions.map((r) => [`${a.id}|${r}`, { account: a.id, region: r, name: a.name, state: 'running' as const, calls: 0, attempts: 0, errors: 0 }]))));
        else if (event.type === 'progress') {
          const { type: _type, ...p } = event;
          setProgress((m) => new Map(m).set(`${p.account}|${p.region}`, p));
        } else if (event.type === 'error') setRefreshError(event.message);
      });
      await queryClient.invalidateQueries({ queryKey: TOPOLOGY_QUERY_KEY });
    } catch (err) {
      setRefreshError(err instanceof Error ? err.message : String(err));
    } finally {
      setRefreshing(false);
      setTimeout(() => setProgress(new Map()), 1500);
    }
  }, [queryClient]);

  return { progress, refreshing, refreshError, refresh };
}
