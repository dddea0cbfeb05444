// What the console and its discovery process say to each other (discovery-process.ts,
// discovery-child.ts), over Node's IPC channel. A topology crosses in pieces of a few
// thousand nodes, so neither side ever parses or serialises one message of tens of megabytes.

import type { DeferredKind, DiscoveryError, Topology, TopologyEdge, TopologyNode } from '@/lib/topology';
import type { CallStats } from './calls';
import type { RoleCredentialsEntry } from './clients';
import type { AccountProgress, AccountResult, DiscoveryTarget } from './discover';
import type { MinimumCalls } from './minimum';

export type TopologyPiece = { nodes: TopologyNode[] } | { edges: TopologyEdge[] } | { errors: DiscoveryError[] } | { end: { discoveredAt?: string; deferred?: DeferredKind[] } };

/** Items per piece: a few hundred kilobytes of JSON, parsed in milliseconds. */
const PIECE_ITEMS = 1000;

export function* topologyPieces(topology: Topology, size = PIECE_ITEMS): Generator<TopologyPiece> {
  for (let i = 0; i < topology.nodes.length; i += size) yield { nodes: topology.nodes.slice(i, i + size) };
  for (let i = 0; i < topology.edges.length; i += size) yield { edges: topology.edges.slice(i, i + size) };
  for (let i = 0; i < topology.errors.length; i += size) yield { errors: topology.errors.slice(i, i + size) };
  const end: { discoveredAt?: string; deferred?: DeferredKind[] } = {};
  if (topology.discoveredAt !== undefined) end.discoveredAt = topology.discoveredAt;
  if (topology.deferred !== undefined) end.deferred = topology.deferred;
  yield { end };
}

/** Puts pieces back together; `add` returns the topology with its last piece. */
export function topologyAssembler(): { add(piece: TopologyPiece): Topology | undefined } {
  const topology: Topology = { nodes: [], edges: [], errors: [] };
  return {
    add(piece) {
      if ('nodes' in piece) for (const n of piece.nodes) topology.nodes.push(n);
      else if ('edges' in piece) for (const e of piece.edges) topology.edges.push(e);
      else if ('errors' in piece) for (const e of piece.errors) topology.errors.push(e);
      else {
        if (piece.end.discoveredAt !== undefined) topology.discoveredAt = piece.end.discoveredAt;
        if (piece.end.deferred !== undefined) topology.deferred = piece.end.deferred;
        return topology;
      }
      return undefined;
    },
  };
}

/** What the discovery process runs: a discovery of the estate, or the pass that reads what a first view deferred. */
export type DiscoveryJob =
  | { kind: 'estate'; targets: DiscoveryTarget[]; options: { depth?: 'full' | 'graph'; concurrency?: number; parallelAccounts?: number; maxAttempts?: number; tags?: boolean } }
  | { kind: 'deferred'; targets: DiscoveryTarget[]; options: { concurrency?: number; parallelAccounts?: number; maxAttempts?: number } };

/** The discovery process's own memory, sampled while it ran. */
export interface DiscoveryProcessMemory {
  pid: number;
  peakRss: number;
  peakHeapUsed: number;
  /** When it sent its result. */
  rss: number;
  heapUsed: number;
}

/** An account's result without its topology (that arrived with its `done` progress and in the merged topology). */
export type AccountSummary = Omit<AccountResult, 'topology'>;

export interface JobSummary {
  stats: CallStats;
  durationMs: number;
  /** Estate jobs only. */
  minimum?: MinimumCalls;
  accounts?: AccountSummary[];
  memory: DiscoveryProcessMemory;
}

/** An error as thrown in the discovery process, with the fields describeAwsError reads. */
export interface WireError {
  name?: string;
  message?: string;
  code?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

export type ToChild = { type: 'start'; job: DiscoveryJob; roles: RoleCredentialsEntry[]; withTopology: boolean } | { type: 'topology'; piece: TopologyPiece };

export type FromChild =
  | { type: 'progress'; progress: AccountProgress }
  | { type: 'roles'; roles: RoleCredentialsEntry[] }
  | { type: 'topology'; piece: TopologyPiece }
  | { type: 'result'; summary: JobSummary }
  | { type: 'failed'; error: WireError };

export function toWireError(err: unknown): WireError {
  if (typeof err !== 'object' || err === null) return { message: String(err) };
  const e = err as WireError;
  const out: WireError = {};
  for (const key of ['name', 'message', 'code', 'Code'] as const) if (typeof e[key] === 'string') out[key] = e[key];
  if (e.$metadata) out.$metadata = { httpStatusCode: e.$metadata.httpStatusCode, attempts: e.$metadata.attempts };
  return out;
}

export function fromWireError(w: WireError): Error {
  return Object.assign(new Error(w.message ?? 'unknown error'), w);
}
