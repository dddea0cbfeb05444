// The Inspect API as the browser calls it. Its wire types are the route's
// (app/api/topology/dto.ts); they are re-exported here for the components that read them.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChangesResponse, FirstViewEvent, RefreshEvent, SnapshotInfo, TopologyResponse } from '@/app/api/topology/dto';
import type { ResourceDetailsResponse } from '@/app/api/resources/[arn]/details/dto';
import { applyFirstViewEvent, emptyFirstView, partialTopology } from './first-view';
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

/**
 * The newest topology. On a console that has never discovered, the first discovery is read as
 * it goes and `onPartial` gets what has been read so far after each account; the answer is the
 * complete topology. `waitForAll` asks for the answer only (the page's `?first-view=all`).
 */
export async function fetchTopology(onPartial?: (partial: TopologyResponse) => void, { waitForAll = false } = {}): Promise<TopologyResponse> {
  const response = await fetch('/api/topology', { cache: 'no-store', headers: onPartial && !waitForAll ? { Accept: 'application/x-ndjson, application/json' } : {} });
  if (!onPartial || !response.ok || !response.body || !response.headers.get('content-type')?.includes('application/x-ndjson')) return json(response);
  let state = emptyFirstView();
  let complete: TopologyResponse | null = null;
  let failure: string | null = null;
  await readNdjson<FirstViewEvent>(response.body, (events) => {
    const before = state;
    for (const event of events) {
      state = applyFirstViewEvent(state, event);
      if (event.type === 'topology') complete = event.topology;
      else if (event.type === 'error') failure = event.message;
    }
    if (state !== before && !complete) onPartial(partialTopology(state));
  });
  if (complete) return complete;
  throw new ApiError(failure ?? 'The first discovery ended without a topology.', 502);
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
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: TOPOLOGY_QUERY_KEY,
    // A first discovery is drawn as it goes: each partial answer goes into the cache until the complete one replaces it.
    queryFn: () => fetchTopology((partial) => queryClient.setQueryData(TOPOLOGY_QUERY_KEY, partial), { waitForAll: waitsForAll() }),
    staleTime: Infinity,
    refetchOnMount,
  });
  // Read while a refresh ran (one a user or an apply started): read again once it lands, so a
  // page reached right after an apply shows what the apply made. One wait per answer read.
  useQuery({
    queryKey: [...TOPOLOGY_QUERY_KEY, 'landing', query.dataUpdatedAt],
    queryFn: async () => {
      await waitForRefreshes();
      await queryClient.invalidateQueries({ queryKey: TOPOLOGY_QUERY_KEY, exact: true });
      return true;
    },
    enabled: query.data?.refreshing === true,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  return query;
}

/** Waits (a bounded while, on the server) until no refresh runs; the answer says if one still does. */
async function waitForRefreshes(): Promise<{ refreshing: boolean }> {
  return json(await fetch('/api/topology/refresh', { cache: 'no-store' }));
}

/** `?first-view=all`: the first view waits for every account (how it was before; the benchmark compares). */
function waitsForAll(): boolean {
  return typeof window !== 'undefined' && new URLSearchParams(window.location.search).get('first-view') === 'all';
}

export const TOPOLOGY_QUERY_KEY = ['topology'] as const;

/** What the details panel reads live when a resource is opened (its access-log subscriptions). */
export async function fetchResourceDetails(arn: string): Promise<ResourceDetailsResponse> {
  return json(await fetch(`/api/resources/${encodeURIComponent(arn)}/details`, { cache: 'no-store' }));
}

/** The resource's live details, read once per opening (kept a minute, so going back and forth does not re-read). */
export function useResourceDetails(arn: string) {
  return useQuery({ queryKey: ['resource-details', arn], queryFn: () => fetchResourceDetails(arn), retry: false, staleTime: 60_000 });
}
