import { eq, inArray, like, or, sql } from 'drizzle-orm';
import { getDb, type Db } from '../client';
import { signInFailures, type SignInFailureRow } from '../schema';

export async function readSignInFailures(keys: string[], db?: Db): Promise<SignInFailureRow[]> {
  if (keys.length === 0) return [];
  return (db ?? (await getDb())).select().from(signInFailures).where(inArray(signInFailures.key, keys));
}

/**
 * Counts one more failure for each key, atomically. A key whose last failure is older than
 * `forgetAfterSeconds` starts again from one.
 */
export async function addSignInFailure(keys: string[], at: Date, forgetAfterSeconds: number, db?: Db): Promise<SignInFailureRow[]> {
  if (keys.length === 0) return [];
  const cutoff = new Date(at.getTime() - forgetAfterSeconds * 1000);
  const stale = sql`${signInFailures.lastFailureAt} < ${cutoff.toISOString()}::timestamptz`;
  return (db ?? (await getDb()))
    .insert(signInFailures)
    .values(keys.map((key) => ({ key, failures: 1, firstFailureAt: at, lastFailureAt: at })))
    .onConflictDoUpdate({
      target: signInFailures.key,
      set: {
        failures: sql`case when ${stale} then 1 else ${signInFailures.failures} + 1 end`,
        firstFailureAt: sql`case when ${stale} then excluded.first_failure_at else ${signInFailures.firstFailureAt} end`,
        lastFailureAt: sql`excluded.last_failure_at`,
      },
    })
    .returning();
}

export async function clearSignInFailures(keys: string[], db?: Db): Promise<void> {
  if (keys.length === 0) return;
  await (db ?? (await getDb())).delete(signInFailures).where(inArray(signInFailures.key, keys));
}

/** Forgets failures older than `before` (housekeeping at start-up). */
export async function deleteSignInFailuresBefore(before: Date, db?: Db): Promise<void> {
  await (db ?? (await getDb())).delete(signInFailures).where(sql`${signInFailures.lastFailureAt} < ${before.toISOString()}::timestamptz`);
}

export interface AttemptRule {
  key: string;
  /** Attempts that cost nothing. */
  free: number;
  /** The wait after `free` attempts doubles from `baseDelaySeconds` up to this. */
  maxDelaySeconds: number;
}

export type Reservation = { ok: true } | { ok: false; waitSeconds: number };

/**
 * Reserves one sign-in attempt on every key, or on none: in one statement that locks the keys'
 * rows, refuses when any key must still wait, and otherwise counts the attempt on all of them.
 * Parallel attempts queue on the row locks, so each sees the counts the previous one left.
 * (The rows are created first, empty, so that there is always a row to lock.)
 */
export async function reserveSignInAttempt(
  rules: AttemptRule[],
  at: Date,
  options: { forgetAfterSeconds: number; baseDelaySeconds: number },
  db?: Db,
): Promise<Reservation> {
  if (rules.length === 0) return { ok: true };
  const d = db ?? (await getDb());
  const sorted = [...rules].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const atIso = at.toISOString();
  const cutoff = new Date(at.getTime() - options.forgetAfterSeconds * 1000).toISOString();
  await d
    .insert(signInFailures)
    .values(sorted.map((r) => ({ key: r.key, failures: 0, firstFailureAt: at, lastFailureAt: at })))
    .onConflictDoNothing({ target: signInFailures.key });
  const ruleRows = sql.join(
    sorted.map((r) => sql`(${r.key}::text, ${Math.trunc(r.free)}::int, ${Math.trunc(r.maxDelaySeconds)}::int)`),
    sql`, `,
  );
  const result = (await d.execute(sql`
    with rules(key, free, max_delay) as (values ${ruleRows}),
    locked as (
      select f.key, f.failures, f.last_failure_at, r.free, r.max_delay,
             (f.last_failure_at < ${cutoff}::timestamptz) as stale
        from sign_in_failures f join rules r on r.key = f.key
       order by f.key
         for update of f
    ),
    waits as (
      select key,
             case when stale or failures < free then 0
                  else ceil(extract(epoch from (
                         last_failure_at
                         + make_interval(secs => least(${options.baseDelaySeconds}::float8 * power(2::float8, least(failures - free, 30)), max_delay))
                         - ${atIso}::timestamptz)))
             end as wait
        from locked
    ),
    refused as (select max(wait) as wait from waits where wait > 0),
    reserved as (
      update sign_in_failures f
         set failures = case when l.stale then 1 else f.failures + 1 end,
             first_failure_at = case when l.stale or f.failures = 0 then ${atIso}::timestamptz else f.first_failure_at end,
             last_failure_at = ${atIso}::timestamptz
        from locked l
       where f.key = l.key and not exists (select 1 from refused where wait is not null)
      returning f.key
    )
    select (select wait from refused)::int as wait, (select count(*) from reserved)::int as reserved
  `)) as unknown as { rows: { wait: number | null; reserved: number }[] };
  const row = result.rows[0];
  if (row && row.wait !== null && row.wait > 0) return { ok: false, waitSeconds: Number(row.wait) };
  return { ok: true };
}

/** Gives back a reserved attempt (the password was right): one less on each key, never below zero. */
export async function releaseSignInAttempt(keys: string[], db?: Db): Promise<void> {
  if (keys.length === 0) return;
  await (db ?? (await getDb()))
    .update(signInFailures)
    .set({ failures: sql`greatest(${signInFailures.failures} - 1, 0)` })
    .where(inArray(signInFailures.key, keys));
}

/** Clears every counter of one user name (exact key and every per-address key): an admin's action. */
export async function clearSignInFailuresFor(keys: { exact: string; prefix: string }, db?: Db): Promise<number> {
  const escaped = keys.prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await (db ?? (await getDb()))
    .delete(signInFailures)
    .where(or(eq(signInFailures.key, keys.exact), like(signInFailures.key, `${escaped}%`)))
    .returning({ key: signInFailures.key });
  return rows.length;
}
