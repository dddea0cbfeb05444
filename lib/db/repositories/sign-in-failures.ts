import { inArray, sql } from 'drizzle-orm';
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
