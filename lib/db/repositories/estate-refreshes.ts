// Refreshes of the estate run as jobs: who asked, which instance runs it (with a lease), and
// the events it reports, in order, for whoever follows it from any instance. Each event
// commits with a NOTIFY carrying only the refresh's id: followers wake and read the rows.
import { and, asc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { getDatabase, getDb, type Db, type OpenDatabase } from '../client';
import { estateRefreshes, estateRefreshEvents, type EstateRefreshRow, type EstateRefreshState } from '../schema';

export type { EstateRefreshRow, EstateRefreshState };

/** The channel whose notifications say "refresh <payload> has news". */
export const ESTATE_REFRESH_CHANNEL = 'trellis_estate_refresh';

/** Finished refreshes are kept this long (their events are read by followers only while they run). */
const FINISHED_KEPT_MS = 24 * 3600_000;

export interface EstateRefreshEvent {
  seq: number;
  event: Record<string, unknown>;
  at: Date;
}

const notify = (d: Db, id: string) => d.execute(sql`select pg_notify(${ESTATE_REFRESH_CHANNEL}, ${id})`);

async function appendEvent(d: Db, id: string, event: Record<string, unknown>): Promise<void> {
  await d.insert(estateRefreshEvents).values({
    refreshId: id,
    seq: sql`(select coalesce(max(${estateRefreshEvents.seq}), 0) + 1 from ${estateRefreshEvents} where ${estateRefreshEvents.refreshId} = ${id})`,
    event,
  });
  await notify(d, id);
}

/**
 * Ends, as failed with `event`, every running refresh whose instance let its lease lapse
 * (the database's clock decides, the same for every instance). Returns their jobs' ids.
 */
export async function failLapsedEstateRefreshes(event: Record<string, unknown>, db?: Db): Promise<string[]> {
  const d = db ?? (await getDb());
  return d.transaction(async (tx) => {
    const lapsed = await tx
      .update(estateRefreshes)
      .set({ state: 'failed', finishedAt: sql`now()` })
      .where(and(eq(estateRefreshes.state, 'running'), lt(estateRefreshes.leaseUntil, sql`now()`)))
      .returning({ id: estateRefreshes.id, jobId: estateRefreshes.jobId });
    for (const row of lapsed) await appendEvent(tx as unknown as Db, row.id, event);
    return lapsed.flatMap((r) => (r.jobId ? [r.jobId] : []));
  });
}

/**
 * The refresh a request for one joins: the waiting one, else the running one unless `fresh`
 * (a request that must see what changed before it: the running read may have missed it). With
 * nothing to join, a new waiting one, unless `askedBy` started one less than
 * `minIntervalSeconds` ago (the per-user rate, kept here so that it holds across console
 * instances, timed by the database's clock); then how many seconds they must wait.
 * `unmetered`: asked for by the console itself, neither held to the rate nor counted in it.
 */
export async function askEstateRefresh(
  input: { askedBy: string; fresh?: boolean; unmetered?: boolean; minIntervalSeconds?: number },
  db?: Db,
): Promise<{ id: string; joined: boolean } | { waitSeconds: number }> {
  const d = db ?? (await getDb());
  const waitSeconds = input.unmetered || !input.minIntervalSeconds ? 0 : await rateWait(d, input.askedBy, input.minIntervalSeconds);
  for (let attempt = 0; attempt < 3; attempt++) {
    const unfinished = await d
      .select({ id: estateRefreshes.id, state: estateRefreshes.state })
      .from(estateRefreshes)
      .where(inArray(estateRefreshes.state, ['waiting', 'running']));
    const join = unfinished.find((r) => r.state === 'waiting') ?? (input.fresh && !waitSeconds ? undefined : unfinished[0]);
    if (join) return { id: join.id, joined: true };
    if (waitSeconds) return { waitSeconds };
    // Another instance may insert the waiting one first: the unique index refuses ours, and we join it.
    const [made] = await d.insert(estateRefreshes).values({ askedBy: input.askedBy, state: 'waiting', metered: !input.unmetered }).onConflictDoNothing().returning({ id: estateRefreshes.id });
    if (made) {
      await d.delete(estateRefreshes).where(and(inArray(estateRefreshes.state, ['done', 'failed']), lt(estateRefreshes.askedAt, new Date(Date.now() - FINISHED_KEPT_MS))));
      return { id: made.id, joined: false };
    }
  }
  throw new Error('Could not queue a refresh: refreshes kept starting and ending meanwhile.');
}

/** Whole seconds before `user` may start another refresh (0: now), from the last one they started. */
async function rateWait(d: Db, user: string, minIntervalSeconds: number): Promise<number> {
  const [row] = await d
    .select({ left: sql<string | null>`ceil(extract(epoch from (max(${estateRefreshes.askedAt}) + make_interval(secs => ${minIntervalSeconds}) - now())))` })
    .from(estateRefreshes)
    .where(and(eq(estateRefreshes.askedBy, user), eq(estateRefreshes.metered, true)));
  const left = Number(row?.left ?? 0);
  return left > 0 ? left : 0;
}

/** The refresh whose end brings the newest snapshot: the waiting one, else the running one whose lease holds. */
export async function underwayEstateRefresh(db?: Db): Promise<string | null> {
  const d = db ?? (await getDb());
  const rows = await d
    .select({ id: estateRefreshes.id, state: estateRefreshes.state })
    .from(estateRefreshes)
    .where(and(inArray(estateRefreshes.state, ['waiting', 'running']), sql`(${estateRefreshes.leaseUntil} is null or ${estateRefreshes.leaseUntil} >= now())`));
  return (rows.find((r) => r.state === 'waiting') ?? rows[0])?.id ?? null;
}

/** Records the job queued to run refresh `id`. */
export async function setEstateRefreshJob(id: string, jobId: string, db?: Db): Promise<void> {
  const d = db ?? (await getDb());
  await d.update(estateRefreshes).set({ jobId }).where(and(eq(estateRefreshes.id, id), sql`${estateRefreshes.jobId} is null`));
}

/**
 * Takes the waiting refresh for `runner`, with a lease of `leaseSeconds`; with no waiting one
 * and `startOne`, starts a running one for `askedBy` (a scheduled refresh nobody asked for).
 * Null when there is nothing to run (another job already ran what this one was queued for).
 */
export async function claimEstateRefresh(input: { runner: string; jobId: string; leaseSeconds: number; askedBy: string; startOne: boolean }, db?: Db): Promise<EstateRefreshRow | null> {
  const d = db ?? (await getDb());
  const lease = sql`now() + make_interval(secs => ${input.leaseSeconds})`;
  const [taken] = await d
    .update(estateRefreshes)
    .set({ state: 'running', runner: input.runner, jobId: input.jobId, leaseUntil: lease })
    .where(eq(estateRefreshes.state, 'waiting'))
    .returning();
  if (taken || !input.startOne) {
    if (taken) await notify(d, taken.id);
    return taken ?? null;
  }
  const [made] = await d.insert(estateRefreshes).values({ askedBy: input.askedBy, state: 'running', runner: input.runner, jobId: input.jobId, leaseUntil: lease }).onConflictDoNothing().returning();
  return made ?? null;
}

/**
 * Appends an event to refresh `id` as its runner, renewing the lease; `end` finishes it.
 * False when the refresh is no longer this runner's (its lease lapsed and it was failed).
 */
export async function reportEstateRefresh(input: { id: string; runner: string; leaseSeconds: number; event?: Record<string, unknown>; end?: 'done' | 'failed' }, db?: Db): Promise<boolean> {
  const d = db ?? (await getDb());
  return d.transaction(async (tx) => {
    const [mine] = await tx
      .update(estateRefreshes)
      .set(input.end ? { state: input.end, finishedAt: sql`now()` } : { leaseUntil: sql`now() + make_interval(secs => ${input.leaseSeconds})` })
      .where(and(eq(estateRefreshes.id, input.id), eq(estateRefreshes.state, 'running'), eq(estateRefreshes.runner, input.runner)))
      .returning({ id: estateRefreshes.id });
    if (!mine) return false;
    if (input.event) await appendEvent(tx as unknown as Db, input.id, input.event);
    return true;
  });
}

/** Refresh `id` as a follower sees it: its state, whether its runner's lease lapsed, and its events after `afterSeq`. */
export async function readEstateRefresh(id: string, afterSeq: number, db?: Db): Promise<{ state: EstateRefreshState; lapsed: boolean; events: EstateRefreshEvent[] } | null> {
  const d = db ?? (await getDb());
  const [row] = await d
    .select({ state: estateRefreshes.state, lapsed: sql<boolean>`coalesce(${estateRefreshes.leaseUntil} < now(), false)` })
    .from(estateRefreshes)
    .where(eq(estateRefreshes.id, id));
  if (!row) return null;
  const events = await d
    .select({ seq: estateRefreshEvents.seq, event: estateRefreshEvents.event, at: estateRefreshEvents.at })
    .from(estateRefreshEvents)
    .where(and(eq(estateRefreshEvents.refreshId, id), gt(estateRefreshEvents.seq, afterSeq)))
    .orderBy(asc(estateRefreshEvents.seq));
  return { state: row.state, lapsed: row.lapsed === true || (row.lapsed as unknown) === 't', events };
}

/** Calls `onNews` with the id of each refresh that reported something, from any instance. */
export async function listenForEstateRefreshes(onNews: (refreshId: string) => void, open?: OpenDatabase): Promise<() => Promise<void>> {
  return (open ?? (await getDatabase())).listen(ESTATE_REFRESH_CHANNEL, onNews);
}

/** The refresh waiting to run, if any. */
export async function waitingEstateRefresh(db?: Db): Promise<EstateRefreshRow | null> {
  const d = db ?? (await getDb());
  const [row] = await d.select().from(estateRefreshes).where(eq(estateRefreshes.state, 'waiting'));
  return row ?? null;
}

/** Ends waiting refresh `id` as failed with `event` (no job will run it). */
export async function failWaitingEstateRefresh(id: string, event: Record<string, unknown>, db?: Db): Promise<void> {
  const d = db ?? (await getDb());
  await d.transaction(async (tx) => {
    const [row] = await tx
      .update(estateRefreshes)
      .set({ state: 'failed', finishedAt: sql`now()` })
      .where(and(eq(estateRefreshes.id, id), eq(estateRefreshes.state, 'waiting')))
      .returning({ id: estateRefreshes.id });
    if (row) await appendEvent(tx as unknown as Db, id, event);
  });
}
