import 'server-only';
// Refreshes users ask for, run as `estate-refresh` jobs on whichever console instance takes
// them, their progress reaching the asker through the database:
// - the asker queues the refresh (or joins the one waiting, else the one running) and follows
//   its events: rows in `estate_refresh_events`, each committed with a NOTIFY that wakes the
//   followers (PostgreSQL's between processes, PGlite's within its one process);
// - the instance running it reports each event and renews a lease; a follower that finds the
//   lease lapsed (the instance died) ends the refresh as failed, which every follower then
//   reads as its error, and cancels the dead job so the next refresh runs at once.
import crypto from 'node:crypto';
import os from 'node:os';
import { describeAwsError, type AccountProgress } from '@/lib/aws';
import { getConfig } from '@/lib/config';
import {
  askEstateRefresh as askInDatabase,
  claimEstateRefresh,
  failLapsedEstateRefreshes,
  failWaitingEstateRefresh,
  listenForEstateRefreshes,
  readEstateRefresh,
  reportEstateRefresh,
  setEstateRefreshJob,
  underwayEstateRefresh,
  waitingEstateRefresh,
  type OpenDatabase,
  type TopologySnapshotInfo,
} from '@/lib/db';
import { jobQueue, type JobData, type JobInfo, type JobQueue } from '@/lib/jobs';
import type { DiscoveryError } from '@/lib/topology';
import type { EffectiveAccount } from './accounts';
import { estateRefreshGate } from './refresh';
import { isRefreshFailed, RefreshRateError, tell } from './refresh-guard';
import type { RefreshResult } from './snapshots';

/** An account as a refresh's first event lists it. */
export type RefreshAccount = Pick<EffectiveAccount, 'id' | 'name' | 'regions'>;
/** One account's progress as followers see it (its topology stays in the snapshot). */
export type RefreshProgress = Omit<AccountProgress, 'topology'>;

/** What a refresh reports, as stored and read back. */
type StoredEvent =
  | { type: 'start'; accounts: RefreshAccount[] }
  | ({ type: 'progress' } & RefreshProgress)
  | { type: 'done'; snapshot: Omit<TopologySnapshotInfo, 'takenAt'> & { takenAt: string }; errors: DiscoveryError[] }
  | { type: 'error'; message: string; errors: DiscoveryError[] };

/** A refresh that ended without a snapshot: `message` says why, `errors` what could not be read. */
export class EstateRefreshError extends Error {
  constructor(
    message: string,
    readonly errors: DiscoveryError[],
  ) {
    super(message);
    this.name = 'EstateRefreshError';
  }
}

export const RUNNER_STOPPED_MESSAGE = 'The console instance running this refresh stopped before it finished; the last snapshot stays on screen. Refresh again.';

export interface RefreshJobDeps {
  /** The database (a test's); the process's by default. */
  open?: OpenDatabase;
  /** The job queue (a test's); the process's by default. */
  queue?: JobQueue;
  /** Seconds a runner may go without reporting before it is taken to have died. */
  leaseSeconds?: number;
}

const leaseOf = (deps: RefreshJobDeps) => deps.leaseSeconds ?? getConfig().jobs.applyLeaseSeconds;

/** Ends refreshes whose runner died, and frees their jobs' slot in the queue. */
async function failLapsed(deps: RefreshJobDeps): Promise<void> {
  const event: StoredEvent = { type: 'error', message: RUNNER_STOPPED_MESSAGE, errors: [] };
  const jobs = await failLapsedEstateRefreshes(event, deps.open?.db);
  if (!jobs.length) return;
  const queue = deps.queue ?? (await jobQueue());
  for (const id of jobs) await queue.cancel('estate-refresh', id).catch((err: Error) => console.error(`trellis: could not cancel refresh job ${id}: ${err.message}`));
}

/**
 * Queues a refresh for `user`, or joins the one waiting (else the one running, unless `fresh`:
 * one asked for after a change must not be answered by a read that began before it). A user who
 * started one less than `minIntervalSeconds` ago (TRELLIS_REFRESH_MIN_SECONDS; kept in the
 * database, so across every console instance) may only join: 429 when there is nothing to join.
 * `unmetered`: asked for by the console itself (after an apply or an answered invitation), not
 * held to the user's rate and not counted in it.
 */
export async function askEstateRefresh(user: string, deps: RefreshJobDeps & { minIntervalSeconds?: number; fresh?: boolean; unmetered?: boolean } = {}): Promise<{ id: string; joined: boolean }> {
  await failLapsed(deps);
  const asked = await askInDatabase({ askedBy: user, fresh: deps.fresh, unmetered: deps.unmetered, minIntervalSeconds: deps.minIntervalSeconds ?? getConfig().limits.refreshMinSeconds }, deps.open?.db);
  if ('waitSeconds' in asked) throw new RefreshRateError(asked.waitSeconds);
  if (asked.joined) return asked;
  await queueRefreshJob({ user, refreshId: asked.id }, deps);
  return asked;
}

/**
 * Whether a newer snapshot is on its way: a refresh waits or runs (as a job on any instance, or
 * in this process's gate, e.g. a first discovery).
 */
export async function estateRefreshUnderway(deps: RefreshJobDeps = {}): Promise<boolean> {
  return estateRefreshGate().running() || (await underwayEstateRefresh(deps.open?.db)) !== null;
}

/**
 * Waits until no refresh waits or runs, or `maxMs` passed; true when one still does. What a page
 * that read the estate while a refresh was under way waits for before it reads it again.
 */
export async function waitForEstateRefreshes(maxMs: number, deps: RefreshJobDeps = {}): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeUp = new Promise<'time'>((resolve) => (timer = setTimeout(() => resolve('time'), maxMs)));
  try {
    for (;;) {
      const id = await underwayEstateRefresh(deps.open?.db);
      const gate = estateRefreshGate();
      if (!id && !gate.running()) return false;
      // Its end (or failure: the snapshot on screen stays, with what the read state says).
      const ended = Promise.all([id ? followEstateRefresh(id, {}, deps).catch(() => undefined) : undefined, gate.settled()]);
      if ((await Promise.race([ended, timeUp])) === 'time') return true;
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Queues the job of waiting refresh `refreshId`; a job already queued takes the waiting one instead. */
async function queueRefreshJob(data: JobData['estate-refresh'], deps: RefreshJobDeps): Promise<void> {
  try {
    const jobId = await (deps.queue ?? (await jobQueue())).send('estate-refresh', data);
    if (jobId) await setEstateRefreshJob(data.refreshId!, jobId, deps.open?.db);
  } catch (err) {
    // No job will run it: end it, so that it is not joined forever.
    const message = `The refresh could not be queued: ${describeAwsError(err).message}`;
    await failWaitingEstateRefresh(data.refreshId!, { type: 'error', message, errors: [] } satisfies StoredEvent, deps.open?.db).catch(() => undefined);
    throw err;
  }
}

/**
 * Queues again the job of a refresh left waiting (the embedded database's queue lives in the
 * process, so a restart loses it; on PostgreSQL the queue already holds it and this adds nothing).
 */
export async function requeueWaitingRefresh(deps: RefreshJobDeps = {}): Promise<void> {
  const waiting = await waitingEstateRefresh(deps.open?.db);
  if (waiting) await (deps.queue ?? (await jobQueue())).send('estate-refresh', { user: waiting.askedBy, refreshId: waiting.id });
}

export interface RefreshFollowers {
  onStart?: (accounts: RefreshAccount[]) => void;
  onProgress?: (progress: RefreshProgress) => void;
}

/**
 * Follows refresh `id`, wherever it runs, from its first event: resolves with its snapshot,
 * or rejects with EstateRefreshError (its error, or its runner's death once the lease lapsed).
 */
export async function followEstateRefresh(id: string, followers: RefreshFollowers, deps: RefreshJobDeps = {}): Promise<{ snapshot: TopologySnapshotInfo; errors: DiscoveryError[] }> {
  let news = true;
  let wake: (() => void) | undefined;
  const poke = () => {
    news = true;
    wake?.();
  };
  const stopListening = await listenForEstateRefreshes((refreshId) => refreshId === id && poke(), deps.open).catch((err: Error) => {
    console.error(`trellis: cannot listen for refresh progress (${err.message}); reading it every few seconds`);
    return async () => {};
  });
  // Notifications carry progress; this reading also sees a runner's lease lapse, and covers a lost listening connection.
  const timer = setInterval(poke, Math.min(2000, (leaseOf(deps) * 1000) / 2));
  let seq = 0;
  try {
    for (;;) {
      news = false;
      const read = await readEstateRefresh(id, seq, deps.open?.db);
      if (!read) throw new EstateRefreshError('The refresh is no longer known; refresh again.', []);
      for (const { seq: s, event } of read.events) {
        seq = s;
        const e = event as StoredEvent;
        if (e.type === 'start') tell(() => followers.onStart?.(e.accounts));
        else if (e.type === 'progress') {
          const { type: _type, ...progress } = e;
          tell(() => followers.onProgress?.(progress));
        } else if (e.type === 'done') return { snapshot: { ...e.snapshot, takenAt: new Date(e.snapshot.takenAt) }, errors: e.errors };
        else if (e.type === 'error') throw new EstateRefreshError(e.message, e.errors);
      }
      // Ended without its last event (it cannot be read back): say so rather than wait.
      if (read.state === 'done' || read.state === 'failed') throw new EstateRefreshError('The refresh ended, but its result could not be read; refresh again.', []);
      if (read.state === 'running' && read.lapsed) {
        await failLapsed(deps);
        continue;
      }
      if (!news) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    clearInterval(timer);
    await stopListening().catch(() => undefined);
  }
}

const runnerName = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;

/**
 * The `estate-refresh` job: takes the waiting refresh (or, for the schedule, starts one), runs
 * it through the process's refresh gate and reports its events, renewing its lease, until it
 * ends. Resolves with what happened, or null when another job already ran what this one was
 * queued for; never rejects for a refresh that failed (that is reported as its error).
 */
export async function runEstateRefreshJob(data: JobData['estate-refresh'], job: JobInfo, deps: RefreshJobDeps = {}): Promise<{ result: RefreshResult } | { error: unknown } | null> {
  const leaseSeconds = leaseOf(deps);
  const claim = () => claimEstateRefresh({ runner: runnerName, jobId: job.id, leaseSeconds, askedBy: data.user, startOne: !data.refreshId }, deps.open?.db);
  let row = await claim();
  if (!row && !data.refreshId) {
    await failLapsed(deps);
    row = await claim();
  }
  // Another job already ran the refresh this one was queued for.
  if (!row && data.refreshId) return null;
  // Without a row (a scheduled refresh while one is still running elsewhere) it runs unfollowed.
  const refreshId = row?.id;
  console.log(`trellis: refreshing the estate${refreshId ? ` (refresh ${refreshId}, asked by ${row!.askedBy})` : ' (scheduled; followed by nobody)'}`);
  let reporting: Promise<boolean> = Promise.resolve(refreshId !== undefined);
  const report = (event?: StoredEvent, end?: 'done' | 'failed') =>
    (reporting = reporting.then(async (mine) => {
      if (!mine) return false;
      try {
        const still = await reportEstateRefresh({ id: refreshId!, runner: runnerName, leaseSeconds, event, end }, deps.open?.db);
        if (!still) console.error(`trellis: refresh ${refreshId} was taken to have stopped (its lease lapsed); its progress is no longer reported`);
        return still;
      } catch (err) {
        console.error(`trellis: could not report the progress of refresh ${refreshId}: ${describeAwsError(err).message}`);
        return true;
      }
    }));
  const renew = setInterval(() => void report(), (leaseSeconds * 1000) / 3);
  renew.unref();
  try {
    const result = await estateRefreshGate()
      // A read already running in this process (a first discovery) began before this was asked for.
      .reserve(row?.askedBy ?? data.user, { unmetered: true, fresh: true })
      .follow({
        onStart: (accounts) => void report({ type: 'start', accounts: accounts.map(({ id, name, regions }) => ({ id, name, regions })) }),
        onProgress: ({ topology: _topology, ...progress }) => void report({ type: 'progress', ...progress }),
      });
    const { takenAt, ...snapshot } = result.snapshot;
    await report({ type: 'done', snapshot: { ...snapshot, takenAt: takenAt.toISOString() }, errors: result.topology.errors }, 'done');
    return { result };
  } catch (err) {
    const message = isRefreshFailed(err) ? err.message : describeAwsError(err).message;
    await report({ type: 'error', message, errors: isRefreshFailed(err) ? err.topology.errors : [] }, 'failed');
    return { error: err };
  } finally {
    clearInterval(renew);
    await reporting;
  }
}
