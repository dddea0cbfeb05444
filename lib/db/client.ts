import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { getDatabaseConfig } from '@/lib/config';
import { makeDirPrivate } from './private-dir';
import * as schema from './schema';

export type Schema = typeof schema;
/** A database or a transaction: repositories accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface OpenDatabase {
  db: Db;
  kind: 'pglite' | 'postgresql';
  /** Where the data lives, for messages: a directory, `memory://`, or the server's host/db. */
  location: string;
  close(): Promise<void>;
  /**
   * Runs `fn` while no other process on this database runs a section named `key` (an advisory
   * lock on PostgreSQL; PGlite has one process, so there it just runs). `fn` is told whether it
   * had to wait for another process's section to end first.
   */
  exclusive<T>(key: number, fn: (waited: boolean) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` with the payload of each NOTIFY on `channel` (from any process on the
   * database; PGlite's come from this one). Resolves once listening; the function it gives
   * stops. Notifications are a wake-up, not a record: a lost listening connection drops them.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
}

export interface OpenOptions {
  /** PostgreSQL URL; when absent, embedded PGlite. */
  url?: string | null;
  /** PGlite's data directory, or `memory://` for a throw-away database. */
  pgliteDir?: string;
  migrationsFolder?: string;
}

const defaultMigrationsFolder = () => path.join(process.cwd(), 'lib', 'db', 'migrations');
// Any constant shared by every instance: two consoles on one PostgreSQL never migrate at once.
const MIGRATION_LOCK_KEY = 7_370_015_417;

/** Opens a database and brings its schema up to date with the committed migrations. */
export async function openDatabase(options: OpenOptions): Promise<OpenDatabase> {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
  if (!fs.existsSync(path.join(migrationsFolder, 'meta', '_journal.json'))) {
    throw new Error(`Database migrations not found in ${migrationsFolder}; run Trellis from its repository root.`);
  }
  return options.url ? openPostgres(options.url, migrationsFolder) : openPglite(options.pgliteDir ?? 'memory://', migrationsFolder);
}

async function openPostgres(url: string, migrationsFolder: string): Promise<OpenDatabase> {
  const { Pool } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const pool = new Pool({ connectionString: url, max: 10 });
  pool.on('error', (err) => console.error(`trellis: database connection error: ${err.message}`));
  const client = await pool.connect().catch((err: Error) => {
    void pool.end();
    throw new Error(`Cannot connect to the PostgreSQL server in DATABASE_URL (${describeUrl(url)}): ${err.message}`);
  });
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migrate(drizzle(client, { schema }), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
  const exclusive = async <T>(key: number, fn: (waited: boolean) => Promise<T>): Promise<T> => {
    // A session lock, held on one connection for the whole section: its queries use the pool.
    const session = await pool.connect();
    try {
      const { rows } = await session.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [key]);
      const waited = !rows[0].locked;
      if (waited) await session.query('select pg_advisory_lock($1)', [key]);
      try {
        return await fn(waited);
      } finally {
        await session.query('select pg_advisory_unlock($1)', [key]).catch(() => undefined);
      }
    } finally {
      session.release();
    }
  };
  const listener = postgresListener(url);
  return {
    db: drizzle(pool, { schema }) as unknown as Db,
    kind: 'postgresql',
    location: describeUrl(url),
    close: async () => {
      await listener.close();
      await pool.end();
    },
    exclusive,
    listen: listener.listen,
  };
}

/** One connection per database for every LISTEN of the process, opened on first use. */
function postgresListener(url: string) {
  type Client = import('pg').Client;
  const subscribers = new Map<string, Set<(payload: string) => void>>();
  let connection: Promise<Client> | null = null;
  const connect = () => {
    connection ??= (async () => {
      const { Client } = await import('pg');
      const client = new Client({ connectionString: url, application_name: 'trellis-listen' });
      client.on('notification', (n) => {
        for (const fn of subscribers.get(n.channel) ?? []) fn(n.payload ?? '');
      });
      client.on('error', (err) => {
        // Listeners fall back to reading on their own; the next listen connects again.
        console.error(`trellis: database listening connection lost: ${err.message}`);
        connection = null;
        subscribers.clear();
        void client.end().catch(() => undefined);
      });
      await client.connect();
      return client;
    })();
    connection.catch(() => (connection = null));
    return connection;
  };
  const quote = (channel: string) => `"${channel.replace(/"/g, '""')}"`;
  return {
    async listen(channel: string, onNotify: (payload: string) => void) {
      const client = await connect();
      let set = subscribers.get(channel);
      if (!set) {
        subscribers.set(channel, (set = new Set()));
        await client.query(`listen ${quote(channel)}`);
      }
      set.add(onNotify);
      return async () => {
        set.delete(onNotify);
      };
    },
    async close() {
      const open = connection;
      connection = null;
      if (open) await (await open).end().catch(() => undefined);
    },
  };
}

async function openPglite(dir: string, migrationsFolder: string): Promise<OpenDatabase> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const inMemory = dir.startsWith('memory://');
  let releaseLock = () => {};
  if (!inMemory) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    makeDirPrivate(dir);
    releaseLock = lockDataDir(dir);
  }
  try {
    const client = await PGlite.create(inMemory ? undefined : dir);
    // Again once PGlite has created or opened its files: nobody else may read or change them.
    if (!inMemory) makeDirPrivate(dir);
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder });
    return {
      db: db as unknown as Db,
      kind: 'pglite',
      location: inMemory ? 'memory://' : dir,
      exclusive: (_key, fn) => fn(false),
      listen: async (channel, onNotify) => {
        const stop = await client.listen(channel, onNotify);
        return () => stop();
      },
      close: async () => {
        await client.close();
        releaseLock();
      },
    };
  } catch (err) {
    releaseLock();
    throw err;
  }
}

/**
 * PGlite is single-connection: a second process opening the same directory would corrupt it.
 * A pid file makes the second one stop with a message instead.
 */
function lockDataDir(dir: string): () => void {
  const lockFile = path.join(dir, 'trellis.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      const release = () => {
        try {
          if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(lockFile, 'utf8'));
      if (holder === process.pid) return () => {};
      if (holder > 0 && processIsAlive(holder)) {
        throw new Error(
          `The embedded database in ${dir} is in use by process ${holder} (a running console?). ` +
            'Stop it first, or use the console\'s admin pages, or set DATABASE_URL to share a PostgreSQL server.',
        );
      }
      fs.unlinkSync(lockFile); // left by a process that is gone
    }
  }
  throw new Error(`Cannot lock the embedded database in ${dir}`);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'an unparsable URL';
  }
}

// One database per process, shared by every bundle Next.js builds (route handlers, pages and
// instrumentation each get their own module instances, but one globalThis).
const holder = globalThis as typeof globalThis & { __trellisDb?: Promise<OpenDatabase> };

/**
 * The console's database, opened on first use (never at import: `next build` imports modules
 * without a data directory) and migrated before it is handed out.
 */
export function getDatabase(): Promise<OpenDatabase> {
  if (!holder.__trellisDb) {
    holder.__trellisDb = (async () => {
      const config = getDatabaseConfig();
      return openDatabase({ url: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'db') });
    })();
    holder.__trellisDb.catch(() => {
      holder.__trellisDb = undefined; // let the next request retry and report the error again
    });
  }
  return holder.__trellisDb;
}

/** Keys of the sections `exclusive` runs across console instances. */
export const EXCLUSIVE_SECTIONS = { estateRefresh: 7_370_015_418, demoUsers: 7_370_015_419 } as const;

/** Runs `fn` as the only one of its kind across every console instance on the database (see OpenDatabase.exclusive). */
export async function exclusively<T>(key: number, fn: (waited: boolean) => Promise<T>): Promise<T> {
  return (await getDatabase()).exclusive(key, fn);
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/** Closes the process's database (the CLI does this before it exits). */
export async function closeDb(): Promise<void> {
  const open = holder.__trellisDb;
  holder.__trellisDb = undefined;
  if (open) await (await open).close();
}
