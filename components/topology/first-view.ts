// The first view of a console that has never discovered: the accounts read so far, merged,
// while the others are still being read. Pure: the stream's events in, a partial answer out.
import { mergeTopologies, type Topology } from '@/lib/topology';
import type { ConfiguredAccountDto, FirstViewEvent, TopologyResponse } from '@/app/api/topology/dto';

export interface FirstViewState {
  accounts: ConfiguredAccountDto[];
  /** What each account and region read, by `account|region`. */
  parts: Map<string, Topology>;
}

export const emptyFirstView = (): FirstViewState => ({ accounts: [], parts: new Map() });

/** The state after one event (a new object when it changed; the same one otherwise). */
export function applyFirstViewEvent(state: FirstViewState, event: FirstViewEvent): FirstViewState {
  if (event.type === 'start') return { ...state, accounts: event.accounts };
  if (event.type === 'account') return { ...state, parts: new Map(state.parts).set(`${event.account}|${event.region}`, event.topology) };
  return state;
}

/**
 * What has been read so far, as the page's answer: the parts merged (an account seen from
 * another keeps its place once its owner arrives), edges only between resources present, and
 * in `reading` the accounts with a region still to come.
 */
export function partialTopology(state: FirstViewState): TopologyResponse {
  const merged = mergeTopologies([...state.parts.values()]);
  const ids = new Set(merged.nodes.map((n) => n.id));
  const reading = state.accounts.filter((a) => a.regions.some((r) => !state.parts.has(`${a.id}|${r}`))).map((a) => a.id);
  return {
    nodes: merged.nodes,
    edges: merged.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
    errors: merged.errors,
    discoveredAt: null,
    snapshot: null,
    accounts: state.accounts,
    // Not a snapshot's read state: `reading` says what is still to come.
    read: { state: 'current' },
    // The stream this came from ends with the complete answer: nothing else to wait for.
    refreshing: false,
    reading,
  };
}
