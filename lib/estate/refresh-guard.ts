// Refreshes of the estate, made safe to ask for often:
// - single flight: a refresh asked for while one runs joins it (its progress and its result),
//   instead of starting a second discovery of every account; one that must see what changed
//   before it was asked (`fresh`: after an apply) waits for the running one and starts the next,
//   which everyone asking meanwhile joins (at most one running and one waiting);
// - a per-user rate: one user starts at most one refresh per interval (joining is free); past
//   it, 429 with the wait (kept in memory, for refreshes run by this process's gate; refreshes
//   users ask for run as jobs, whose rate the database keeps across instances: refresh-jobs.ts);
// - a failed refresh (errors and nothing read) never becomes the current snapshot, and a partial
//   one keeps, for the accounts and regions that failed, what the last snapshot had.
import { DomainError } from '@/lib/errors';
import type { Topology, TopologyNode } from '@/lib/topology';

export class RefreshRateError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, `You started a refresh moments ago; try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'} (one refresh per user per interval).`, {}, { 'Retry-After': String(retryAfterSeconds) });
    this.name = 'RefreshRateError';
  }
}

export class RefreshFailedError extends Error {
  constructor(readonly topology: Topology) {
    const n = topology.errors.length;
    super(`The refresh could not read any account (${n} error${n === 1 ? '' : 's'}); the last snapshot stays on screen.`);
    this.name = 'RefreshFailedError';
  }
}

/**
 * Whether `err` is a RefreshFailedError, by name: the gate is shared on globalThis, so the
 * error may come from another bundle's copy of this module (Next.js builds instrumentation
 * and routes apart), where `instanceof` says no.
 */
export function isRefreshFailed(err: unknown): err is RefreshFailedError {
  return err instanceof RefreshFailedError || (err instanceof Error && err.name === 'RefreshFailedError' && typeof (err as Partial<RefreshFailedError>).topology === 'object');
}

export interface RefreshListeners<A, P> {
  onStart?: (accounts: A) => void;
  onProgress?: (progress: P) => void;
}

export interface RefreshTicket<R, A, P> {
  /** True when this request joined a refresh that was already running. */
  joined: boolean;
  /** Attach listeners (call at once, before awaiting anything) and wait for the result. */
  follow(listeners: RefreshListeners<A, P>): Promise<R>;
}

export interface RefreshGate<R, A, P> {
  /**
   * Joins the running refresh, or starts one for `user` (429 past the user's rate). `unmetered`:
   * the console's own first discovery, which no user asked for, is not held to a user's rate.
   */
  reserve(user: string, options?: { unmetered?: boolean; fresh?: boolean }): RefreshTicket<R, A, P>;
  /** True while a refresh runs or waits to run. */
  running(): boolean;
  /** Resolves when no refresh runs or waits (at once when none does); never rejects. */
  settled(): Promise<void>;
}

export function createRefreshGate<R, A, P>(options: {
  /** Runs one refresh, started by `user`. */
  run: (listeners: Required<RefreshListeners<A, P>>, user: string) => Promise<R>;
  minIntervalMs: number;
  now?: () => number;
}): RefreshGate<R, A, P> {
  const now = options.now ?? Date.now;
  const rate = refreshRate();
  interface Flight {
    promise: Promise<R>;
    listeners: Set<RefreshListeners<A, P>>;
    accounts?: { value: A };
    /** Progress so far: one who joins late sees what the others saw (a first view draws the accounts already read). */
    progress: P[];
  }
  let flight: Flight | null = null;
  /** The refresh that starts when the running one ends (asked for with `fresh`). */
  let next: Flight | null = null;

  const meter = (user: string, unmetered: boolean) => {
    if (unmetered) return;
    const t = now();
    const wait = rate.wait(user, options.minIntervalMs, t);
    if (wait !== null) throw new RefreshRateError(wait);
    rate.started(user, t);
  };

  /** A flight whose discovery begins once `after` settles (at once when it is null). */
  const launch = (user: string, after: Promise<unknown> | null): Flight => {
    const listeners = new Set<RefreshListeners<A, P>>();
    const current: Flight = { listeners, progress: [], promise: Promise.resolve() as unknown as Promise<R> };
    const run = () => {
      flight = current;
      if (next === current) next = null;
      return options.run(
        {
          onStart: (accounts) => {
            current.accounts = { value: accounts };
            for (const l of listeners) tell(() => l.onStart?.(accounts));
          },
          onProgress: (p) => {
            current.progress.push(p);
            for (const l of listeners) tell(() => l.onProgress?.(p));
          },
        },
        user,
      );
    };
    current.promise = (after ? after.then(run, run) : run()).finally(() => {
      if (flight === current) flight = null;
    });
    return current;
  };

  return {
    running: () => flight !== null || next !== null,
    async settled() {
      while (flight || next) await (next ?? flight)!.promise.catch(() => undefined);
    },
    reserve(user, { unmetered = false, fresh = false } = {}) {
      let joined = true;
      let mine = flight ?? next;
      if (!mine) {
        meter(user, unmetered);
        joined = false;
        mine = flight = launch(user, null);
      } else if (fresh && flight && !next) {
        meter(user, unmetered);
        joined = false;
        mine = next = launch(user, flight.promise);
      } else if (fresh && next) {
        mine = next;
      }
      const ticketFlight = mine;
      return {
        joined,
        follow(listeners) {
          ticketFlight.listeners.add(listeners);
          if (ticketFlight.accounts) tell(() => listeners.onStart?.(ticketFlight.accounts!.value));
          for (const p of ticketFlight.progress) tell(() => listeners.onProgress?.(p));
          return ticketFlight.promise.finally(() => ticketFlight.listeners.delete(listeners));
        },
      };
    },
  };
}

/**
 * Each user's last refresh start, for the per-user rate (TRELLIS_REFRESH_MIN_SECONDS): `wait` is
 * the whole seconds left before `user` may start another at `t`, or null when they may.
 */
export function refreshRate() {
  const lastStart = new Map<string, number>();
  return {
    wait(user: string, minIntervalMs: number, t: number): number | null {
      const last = lastStart.get(user);
      return last !== undefined && t - last < minIntervalMs ? Math.max(1, Math.ceil((last + minIntervalMs - t) / 1000)) : null;
    },
    started(user: string, t: number): void {
      lastStart.set(user, t);
    },
  };
}

/** A listener that fails (its request went away mid-stream) never stops the refresh the others follow. */
export function tell(call: () => void): void {
  try {
    call();
  } catch {
    // that follower is gone; the refresh goes on
  }
}

const cellKey = (account: string, region: string) => `${account}|${region}`;

/**
 * What a refresh stores: null when it failed outright (errors and no resource read) and a
 * previous snapshot exists; otherwise its topology, where each account (or account and
 * region) that failed keeps the resources the previous snapshot had there.
 */
export function topologyToKeep(previous: Topology | null, next: Topology): Topology | null {
  if (next.errors.length === 0) return next;
  if (next.nodes.length === 0 && previous && previous.nodes.length > 0) return null;
  if (!previous) return next;
  const failedAccounts = new Set(next.errors.filter((e) => !e.region).map((e) => e.account));
  const failedCells = new Set(next.errors.filter((e) => e.region).map((e) => cellKey(e.account, e.region)));
  const failed = (n: TopologyNode) => failedAccounts.has(n.account) || failedCells.has(cellKey(n.account, n.region));
  const have = new Set(next.nodes.map((n) => n.id));
  const carried = previous.nodes.filter((n) => failed(n) && !have.has(n.id));
  if (!carried.length) return next;
  const nodes = [...next.nodes, ...carried];
  const ids = new Set(nodes.map((n) => n.id));
  const carriedIds = new Set(carried.map((n) => n.id));
  const haveEdge = new Set(next.edges.map((e) => e.id));
  const edges = [...next.edges, ...previous.edges.filter((e) => !haveEdge.has(e.id) && (carriedIds.has(e.source) || carriedIds.has(e.target)) && ids.has(e.source) && ids.has(e.target))];
  return { ...next, nodes, edges };
}
