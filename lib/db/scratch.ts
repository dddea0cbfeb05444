// A throw-away database on a PostgreSQL server, for tests that start other processes on it
// (console instances, job workers). No test framework here: vitest suites and Playwright
// specs both use it.
import crypto from 'node:crypto';

/**
 * A new database on the server in `url`, for tests that start other processes on it (they
 * are given its URL); `drop` removes it, closing what still uses it.
 */
export async function createScratchPostgres(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const { Client } = await import('pg');
  const name = `trellis_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.toString(),
    async drop() {
      const dropper = new Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
