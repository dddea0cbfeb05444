// Issue 12, point 9: nothing secret reaches the log; NUL and lone surrogates are refused with a
// 400 naming the field; a design and its audit record are written together or not at all.
import { afterEach, describe, expect, vi } from 'vitest';
import { errorResponse } from '@/lib/auth/guards';
import { readJsonLimited } from '@/lib/auth/body-limit';
import { RequestError } from '@/lib/auth/errors';
import { SAFE_TEXT_RULE } from '@/lib/auth/text-safety';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { createDesign, duplicateDesign, renameDesignAs } from '@/lib/plan/designs';
import { insertUser, listAuditEvents } from '@/lib/db';
import { listDesignRows } from './repositories/designs';
import { describeErrorForLog } from './errors';
import { databaseTargets, forbidProcessDatabase, useDatabaseTarget } from './testing';

forbidProcessDatabase();
const HASH = 'scrypt$32768$8$3$c2VjcmV0LXNhbHQ$c2VjcmV0LWtleS1zZWNyZXQta2V5LXNlY3JldC1rZXk';

async function refusal(p: Promise<unknown>): Promise<unknown> {
  return p.then(() => null, (e: unknown) => e);
}

describe.each(databaseTargets())('log safety and text input on $name', (target) => {
  const { db, itOn } = useDatabaseTarget(target);
  afterEach(() => vi.restoreAllMocks());

  itOn('a failed query is logged with its code and message, never its parameters (the password hash)', async () => {
    const err = await refusal(insertUser({ name: 'mallory', displayName: 'Mal\u0000lory', roles: ['viewer'], passwordHash: HASH }, db()));
    expect(err).toBeInstanceOf(Error);
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    const res = errorResponse(err);
    expect(res.status).toBe(500);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/database error/);
    expect(logged[0]).not.toContain(HASH);
    expect(logged[0]).not.toContain('c2VjcmV0');
    expect(describeErrorForLog(err)).not.toContain(HASH);
  });

  itOn('NUL and lone surrogates in a JSON body are a 400 naming the field, before any query', async () => {
    const body = (v: unknown) => new Request('http://localhost/api/users', { method: 'POST', body: JSON.stringify(v) });
    for (const [input, field] of [
      [{ name: 'mallory', displayName: 'Mal\u0000lory', password: 'long enough', roles: ['viewer'] }, 'displayName'],
      [{ name: 'd', document: { records: { a: { name: 'x\uD800' } } } }, 'document.records.a.name'],
      [{ name: 'd\uDC00' }, 'name'],
    ] as const) {
      const err = await refusal(readJsonLimited(body(input), 1024 * 1024));
      expect(err).toBeInstanceOf(RequestError);
      expect((err as RequestError).status).toBe(400);
      expect((err as RequestError).fields).toEqual([{ path: field, rule: SAFE_TEXT_RULE }]);
    }
    // A pair is fine.
    expect(await readJsonLimited(body({ name: 'ok \uD83D\uDE00' }), 1024)).toEqual({ name: 'ok 😀' });
  });

  itOn('a sign-in name with NUL never reaches the database', async () => {
    const result = await signInWithPassword({ name: 'ad\u0000min', password: 'x', address: '192.0.2.1' }, new Date(), db());
    expect(result).toEqual({ ok: false, message: 'Wrong user name or password.' });
  });

  itOn('a design whose audit record cannot be written is not created (one transaction)', async () => {
    const actor = { id: null, name: 'alice' };
    const input = { name: 'lone \uD800 surrogate', start: 'empty' as const, account: '111111111111', region: 'us-east-1' };
    expect(await refusal(createDesign(input, actor, db()))).toBeInstanceOf(Error);
    expect(await listDesignRows(db())).toEqual([]);

    const ok = await createDesign({ ...input, name: 'fine' }, actor, db());
    expect(await refusal(duplicateDesign(ok.id, 'copy \uD800', actor, db()))).toBeInstanceOf(Error);
    expect(await refusal(renameDesignAs(ok.id, 'renamed \uD800', actor, db()))).toBeInstanceOf(Error);
    const rows = await listDesignRows(db());
    expect(rows.map((r) => [r.name, r.version])).toEqual([['fine', 1]]);
    const events = (await listAuditEvents({}, db())).events.map((e) => e.action);
    expect(events).toEqual(['design.create']);
  });
});
