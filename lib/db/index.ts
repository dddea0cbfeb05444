// lib/db: the only code that knows SQL. Everything else calls these repositories.
// See README.md in this folder for how to add tables and where audit events go.
import 'server-only';
import { sql } from 'drizzle-orm';
import { getDatabase, getDb, type Db } from './client';

export { getDb, getDatabase, openDatabase, closeDb, exclusively, EXCLUSIVE_SECTIONS, type Db, type OpenDatabase } from './client';
export { describeErrorForLog, isUniqueViolation } from './errors';
export { AUDIT_OUTCOMES, type AuditOutcome } from './schema';
export * from './repositories/users';
export * from './repositories/sessions';
export * from './repositories/api-tokens';
export * from './repositories/audit';
export * from './repositories/sign-in-failures';
export * from './repositories/topology';
export * from './repositories/design-authors';
export * from './repositories/estate-refreshes';

/**
 * Runs `work` in one transaction: a change and its audit event commit together or not at all.
 * Inside, pass `tx` to every repository call: PGlite has one connection, so a query made on
 * the outer database would wait for this transaction to end, which waits for the query.
 */
export async function inTransaction<T>(work: (tx: Db) => Promise<T>, db?: Db): Promise<T> {
  return (db ?? (await getDb())).transaction((tx) => work(tx as unknown as Db));
}

/** A round trip to the database, for the health check. */
export async function checkDatabase(): Promise<{ kind: 'pglite' | 'postgresql' }> {
  const open = await getDatabase();
  await open.db.execute(sql`select 1`);
  return { kind: open.kind };
}
