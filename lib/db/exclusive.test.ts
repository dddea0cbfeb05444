// A section that runs on one console instance at a time: two pools on one PostgreSQL stand for
// two instances.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoUsers } from '@/lib/auth/demo';
import { EXCLUSIVE_SECTIONS, openDatabase, type OpenDatabase } from './client';
import { createScratchPostgres } from './testing';

const url = process.env.TEST_DATABASE_URL;
const KEY = 4242;

describe('exclusive sections', () => {
  it('just run on the embedded database (one process)', async () => {
    const db = await openDatabase({ pgliteDir: 'memory://' });
    expect(await db.exclusive(KEY, async (waited) => (waited ? 'waited' : 'ran'))).toBe('ran');
    await db.close();
  }, 120_000);

  describe.skipIf(!url && process.env.TRELLIS_TEST_PG === 'skip')('on PostgreSQL', () => {
    let scratch: { url: string; drop(): Promise<void> };
    let a: OpenDatabase;
    let b: OpenDatabase;
    beforeAll(async () => {
      if (!url) throw new Error('TEST_DATABASE_URL is not set (npm test sets it; TRELLIS_TEST_PG=skip skips this knowingly).');
      scratch = await createScratchPostgres(url);
      a = await openDatabase({ url: scratch.url });
      b = await openDatabase({ url: scratch.url });
    }, 60_000);
    afterAll(async () => {
      await a?.close();
      await b?.close();
      await scratch?.drop();
    });

    it('makes a second instance wait until the first one has finished, and says it waited', async () => {
      const order: string[] = [];
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let entered!: () => void;
      const inside = new Promise<void>((r) => (entered = r));
      const first = a.exclusive(KEY, async (waited) => {
        order.push(`a in (waited: ${waited})`);
        entered();
        await held;
        order.push('a out');
      });
      await inside;
      const second = b.exclusive(KEY, async (waited) => {
        order.push(`b in (waited: ${waited})`);
      });
      // The barrier: b's session is queued on the advisory lock.
      for (;;) {
        const result = (await a.db.execute(sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`)) as unknown as { rows: { n: number }[] };
        if (result.rows[0].n > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(order).toEqual(['a in (waited: false)']);
      release();
      await Promise.all([first, second]);
      expect(order).toEqual(['a in (waited: false)', 'a out', 'b in (waited: true)']);
      // Released: the next one runs at once.
      expect(await b.exclusive(KEY, async (waited) => waited)).toBe(false);
    });

    it('lets two instances starting together create the demo users once between them', async () => {
      const ensure = (d: OpenDatabase) => d.exclusive(EXCLUSIVE_SECTIONS.demoUsers, () => ensureDemoUsers(d.db));
      const [fromA, fromB] = await Promise.all([ensure(a), ensure(b)]);
      expect([...fromA, ...fromB].sort()).toEqual(['admin', 'approver', 'editor', 'viewer']);
      const result = (await a.db.execute(sql`select name, count(*)::int as n from users group by name order by name`)) as unknown as { rows: { name: string; n: number }[] };
      expect(result.rows).toEqual(['admin', 'approver', 'editor', 'viewer'].map((name) => ({ name, n: 1 })));
    }, 120_000);
  });
});
