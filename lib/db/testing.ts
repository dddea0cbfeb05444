// Test support for the DB suite: the same tests run against embedded PGlite and a real
// PostgreSQL server (TEST_DATABASE_URL, started by `npm test`). Without that URL the
// PostgreSQL half fails loudly, unless TRELLIS_TEST_PG=skip says to skip it on purpose.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, it } from 'vitest';
import { openDatabase, type Db, type OpenDatabase } from './client';
import { createScratchPostgres } from './scratch';

export { createScratchPostgres };

export interface DatabaseTarget {
  name: 'pglite' | 'postgresql';
  skip: boolean;
  open(): Promise<OpenDatabase>;
}

export function databaseTargets(): DatabaseTarget[] {
  const url = process.env.TEST_DATABASE_URL;
  return [
    { name: 'pglite', skip: false, open: () => openDatabase({ pgliteDir: 'memory://' }) },
    {
      name: 'postgresql',
      skip: !url && process.env.TRELLIS_TEST_PG === 'skip',
      open: async () => {
        if (!url) {
          throw new Error(
            'TEST_DATABASE_URL is not set, so the PostgreSQL half of the DB suite cannot run. `npm test` starts a server and sets it; ' +
              'to run these tests by hand, point it at a PostgreSQL server where the user may create databases, or set TRELLIS_TEST_PG=skip to skip them knowingly.',
          );
        }
        return openScratchPostgres(url);
      },
    },
  ];
}

/** A new, empty database on the server in `url`, dropped again on close. */
async function openScratchPostgres(url: string): Promise<OpenDatabase> {
  const scratch = await createScratchPostgres(url);
  const open = await openDatabase({ url: scratch.url });
  return {
    ...open,
    close: async () => {
      await open.close();
      await scratch.drop();
    },
  };
}

/** Empties every table, so each test starts from nothing. */
export async function emptyAllTables(open: OpenDatabase): Promise<void> {
  const result = (await open.db.execute(sql`select tablename from pg_tables where schemaname = 'public'`)) as unknown as { rows: { tablename: string }[] };
  const names = result.rows.map((r) => `"${r.tablename}"`);
  if (names.length) await open.db.execute(sql.raw(`truncate ${names.join(', ')} restart identity cascade`));
}

/**
 * Makes any use of the process-wide database (getDb()) fail: a test must use the database it
 * opened, or it would quietly write to a data directory.
 */
export function forbidProcessDatabase(): void {
  const holder = globalThis as typeof globalThis & { __trellisDb?: Promise<OpenDatabase> };
  const refusal = Promise.reject(new Error('a test used getDb(); pass the test database explicitly'));
  refusal.catch(() => undefined);
  holder.__trellisDb = refusal;
}

/**
 * Opens `target` for the enclosing describe block, empties every table before each test and
 * closes it afterwards. `itOn` skips the tests when the target is skipped on purpose.
 */
export function useDatabaseTarget(target: DatabaseTarget) {
  let open: OpenDatabase | undefined;
  beforeAll(async () => {
    if (!target.skip) open = await target.open();
  });
  afterAll(async () => {
    await open?.close();
  });
  beforeEach(async () => {
    if (open) await emptyAllTables(open);
  });
  return { db: (): Db => open!.db, database: (): OpenDatabase => open!, itOn: target.skip ? it.skip : it };
}
