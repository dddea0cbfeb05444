// The Inspect API as the browser calls it. Its wire types are the route's
// (app/api/topology/dto.ts); they are re-exported here for the components that read them.
import { useQuery } from '@tanstack/react-query';
import type { ChangesResponse, RefreshEvent, SnapshotInfo, TopologyResponse } from '@/app/api/topology/dto';
import { readNdjson } from '@/components/ui/ndjson';

export type { AccountProgressDto, ChangesResponse, ConfiguredAccountDto, ReadStateDto, RefreshEvent, SnapshotInfo, TopologyResponse } from '@/app/api/topology/dto';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function json<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!response.ok) throw new ApiError(body?.error?.message ?? `The console answered HTTP ${response.status}.`, response.status);
  return body as T;
}

export async function fetchTopology(): Promise<TopologyResponse> {
  return json(await fetch('/api/topology', { cache: 'no-store' }));
}

export async function fetchSnapshots(): Promise<SnapshotInfo[]> {
  return (await json<{ snapshots: SnapshotInfo[] }>(await fetch('/api/topology/snapshots', { cache: 'no-store' }))).snapshots;
}

export async function fetchChanges(from: string, to: string): Promise<ChangesResponse> {
  return json(await fetch(`/api/topology/changes?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, { cache: 'no-store' }));
}

export async function fetchPositions(): Promise<Record<string, { x: number; y: number }>> {
  return (await json<{ positions: Record<string, { x: number; y: number }> }>(await fetch('/api/topology/positions', { cache: 'no-store' }))).positions;
}

export async function savePositions(positions: Record<string, { x: number; y: number }>): Promise<void> {
  await json(await fetch('/api/topology/positions', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ positions }) }));
}

export async function clearPositions(): Promise<void> {
  await json(await fetch('/api/topology/positions', { method: 'DELETE' }));
}

/** Starts a discovery and reads its progress line by line (NDJSON) until it ends. */
export async function refreshTopology(onEvent: (event: RefreshEvent) => void, signal?: AbortSignal): Promise<void> {
  const response = await fetch('/api/topology/refresh', { method: 'POST', signal });
  if (!response.ok || !response.body) {
    await json(response);
    throw new ApiError(`The console answered HTTP ${response.status}.`, response.status);
  }
  await readNdjson<RefreshEvent>(response.body, (events) => events.forEach(onEvent));
}

/**
 * The newest topology, through the page's query cache: every component that shows it reads it
 * here. `refetchOnMount: 'always'` reads it again on each visit (a page reached after an apply
 * must show the estate the apply left, not the one cached before it).
 */
export function useTopology({ refetchOnMount = false }: { refetchOnMount?: boolean | 'always' } = {}) {
  return useQuery({ queryKey: TOPOLOGY_QUERY_KEY, queryFn: fetchTopology, staleTime: Infinity, refetchOnMount });
}

export const TOPOLOGY_QUERY_KEY = ['topology'] as const;
