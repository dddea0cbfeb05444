import { describe, expect } from 'vitest';
import {
  addSignInFailure,
  clearSignInFailures,
  countEnabledAdmins,
  deleteSessionsEndedBefore,
  endSession,
  endSessionsOfUser,
  findApiToken,
  findApiTokenByHash,
  findApiTokensByName,
  findSessionWithUser,
  findUserByName,
  findUserWithPasswordHash,
  inTransaction,
  insertApiToken,
  insertSession,
  insertUser,
  isUniqueViolation,
  listApiTokens,
  listAuditEvents,
  listAuditFacets,
  listUsers,
  openDatabase,
  readSignInFailures,
  recordAudit,
  revokeApiToken,
  updateUser,
  type OpenDatabase,
} from '@/lib/db';
import { databaseTargets, forbidProcessDatabase, useDatabaseTarget } from './testing';

forbidProcessDatabase();

describe.each(databaseTargets())('repositories on $name', (target) => {
  const { db, database, itOn } = useDatabaseTarget(target);

  itOn('opens with every table the migrations create, and migrating again changes nothing', async () => {
    expect(database().kind).toBe(target.name);
    const before = await listUsers(new Date(), db());
    expect(before).toEqual([]);
    if (target.name === 'pglite') {
      // A second open of the same data directory runs the migrator again: it must be a no-op.
      const dir = `${process.env.TMPDIR ?? '/tmp'}/trellis-migrate-${process.pid}-${Date.now()}`;
      const first = await openDatabase({ pgliteDir: dir });
      await insertUser({ name: 'kept', roles: ['viewer'] }, first.db);
      await first.close();
      const second = await openDatabase({ pgliteDir: dir });
      expect((await findUserByName('kept', second.db))?.roles).toEqual(['viewer']);
      await second.close();
    }
  });

  itOn('stores users with several roles and refuses a taken name', async () => {
    const alice = await insertUser({ name: 'alice', displayName: 'Alice', passwordHash: 'scrypt$x', roles: ['editor', 'approver'] }, db());
    expect(alice).toMatchObject({ name: 'alice', displayName: 'Alice', roles: ['editor', 'approver'], source: 'local', hasPassword: true, disabledAt: null });
    expect(alice).not.toHaveProperty('passwordHash');
    expect((await findUserWithPasswordHash('alice', db()))?.passwordHash).toBe('scrypt$x');

    const duplicate = await insertUser({ name: 'alice', roles: ['viewer'] }, db()).catch((e: unknown) => e);
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect((await listUsers(new Date(), db())).map((u) => u.name)).toEqual(['alice']);
  });

  itOn('updates a user and counts enabled admins', async () => {
    const a = await insertUser({ name: 'root1', roles: ['admin'] }, db());
    const b = await insertUser({ name: 'root2', roles: ['admin', 'viewer'] }, db());
    await insertUser({ name: 'plain', roles: ['viewer'] }, db());
    expect(await countEnabledAdmins(null, db())).toBe(2);
    expect(await countEnabledAdmins(a.id, db())).toBe(1);
    const disabled = await updateUser(b.id, { disabledAt: new Date() }, db());
    expect(disabled?.disabledAt).toBeInstanceOf(Date);
    expect(await countEnabledAdmins(a.id, db())).toBe(0);
    const renamed = await updateUser(a.id, { displayName: 'Root', roles: ['viewer'] }, db());
    expect(renamed).toMatchObject({ displayName: 'Root', roles: ['viewer'] });
    expect(await updateUser('00000000-0000-0000-0000-000000000000', { displayName: 'x' }, db())).toBeNull();
  });

  itOn('keeps sessions, ends one or all of a user\'s, and lists active ones per user', async () => {
    const user = await insertUser({ name: 'sam', roles: ['viewer'] }, db());
    const now = new Date('2026-03-01T10:00:00Z');
    const later = new Date('2026-03-01T22:00:00Z');
    for (const id of ['s1', 's2', 's3']) await insertSession({ id, userId: user.id, provider: 'credentials', createdAt: now, expiresAt: later, address: '10.0.0.1' }, db());

    const found = await findSessionWithUser('s1', db());
    expect(found?.user.name).toBe('sam');
    expect(found?.session).toMatchObject({ id: 's1', endedAt: null, address: '10.0.0.1' });
    expect(found?.session.expiresAt.toISOString()).toBe(later.toISOString());
    expect((await listUsers(now, db()))[0].activeSessions).toBe(3);

    expect(await endSession('s1', 'signed out', now, db())).toBe(true);
    expect(await endSession('s1', 'signed out', now, db())).toBe(false);
    expect(await endSessionsOfUser(user.id, { reason: 'password changed', at: now, exceptId: 's3' }, db())).toBe(1);
    expect((await findSessionWithUser('s2', db()))?.session.endReason).toBe('password changed');
    expect((await findSessionWithUser('s3', db()))?.session.endedAt).toBeNull();
    expect((await listUsers(now, db()))[0].activeSessions).toBe(1);

    expect(await deleteSessionsEndedBefore(new Date('2026-03-02T00:00:00Z'), db())).toBe(3);
    expect(await findSessionWithUser('s3', db())).toBeNull();
  });

  itOn('finds tokens by hash, by id and by label, and revokes them', async () => {
    const u1 = await insertUser({ name: 'ci', roles: ['editor'] }, db());
    const u2 = await insertUser({ name: 'ops', roles: ['viewer'] }, db());
    const t1 = await insertApiToken({ userId: u1.id, name: 'deploy', tokenHash: 'h1', prefix: 'trellis_aaaaaa', createdBy: 'admin' }, db());
    await insertApiToken({ userId: u2.id, name: 'deploy', tokenHash: 'h2', prefix: 'trellis_bbbbbb', createdBy: 'admin' }, db());

    const sameLabel = await insertApiToken({ userId: u1.id, name: 'deploy', tokenHash: 'h3', prefix: 'p', createdBy: 'admin' }, db()).catch((e: unknown) => e);
    expect(isUniqueViolation(sameLabel)).toBe(true);

    expect((await findApiTokenByHash('h1', db()))?.user.name).toBe('ci');
    expect(await findApiTokenByHash('nope', db())).toBeNull();
    expect((await findApiTokensByName('deploy', db())).map((t) => t.userName).sort()).toEqual(['ci', 'ops']);
    const listed = await listApiTokens(db());
    expect(listed).toHaveLength(2);
    expect(listed[0]).not.toHaveProperty('tokenHash');

    const revoked = await revokeApiToken(t1.id, new Date('2026-03-01T00:00:00Z'), db());
    expect(revoked?.revokedAt?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect((await findApiToken(t1.id, db()))?.revokedAt).not.toBeNull();
  });

  itOn('records audit events and lists them newest first, filtered and paged', async () => {
    const base = Date.parse('2026-04-01T00:00:00Z');
    for (let i = 0; i < 7; i++) {
      await recordAudit(
        { actor: i % 2 ? 'alice' : { id: null, name: 'bob' }, action: i < 3 ? 'user.create' : 'token.revoke', target: `t${i}`, outcome: i === 6 ? 'failure' : 'success', details: { i }, at: new Date(base + i * 60_000) },
        db(),
      );
    }
    const all = await listAuditEvents({}, db());
    expect(all.events.map((e) => e.target)).toEqual(['t6', 't5', 't4', 't3', 't2', 't1', 't0']);
    expect(all.events[0]).toMatchObject({ actor: 'bob', outcome: 'failure', details: { i: 6 } });
    expect(all.nextBeforeId).toBeNull();

    expect((await listAuditEvents({ actor: 'alice' }, db())).events.map((e) => e.target)).toEqual(['t5', 't3', 't1']);
    expect((await listAuditEvents({ action: 'user.create', actor: 'bob' }, db())).events.map((e) => e.target)).toEqual(['t2', 't0']);
    expect((await listAuditEvents({ outcome: 'failure' }, db())).events.map((e) => e.target)).toEqual(['t6']);
    const window = await listAuditEvents({ from: new Date(base + 2 * 60_000), to: new Date(base + 4 * 60_000) }, db());
    expect(window.events.map((e) => e.target)).toEqual(['t4', 't3', 't2']);

    const page1 = await listAuditEvents({ limit: 3 }, db());
    expect(page1.events.map((e) => e.target)).toEqual(['t6', 't5', 't4']);
    const page2 = await listAuditEvents({ limit: 3, beforeId: page1.nextBeforeId! }, db());
    expect(page2.events.map((e) => e.target)).toEqual(['t3', 't2', 't1']);
    const page3 = await listAuditEvents({ limit: 3, beforeId: page2.nextBeforeId! }, db());
    expect(page3).toEqual({ events: [expect.objectContaining({ target: 't0' })], nextBeforeId: null });

    expect(await listAuditFacets(db())).toEqual({ actors: ['alice', 'bob'], actions: ['token.revoke', 'user.create'] });
  });

  itOn('rolls an audit event back with the change it belongs to', async () => {
    await expect(
      inTransaction(async (tx) => {
        await insertUser({ name: 'ghost', roles: ['viewer'] }, tx);
        await recordAudit({ actor: 'system', action: 'user.create', target: 'ghost', outcome: 'success' }, tx);
        throw new Error('abort');
      }, db()),
    ).rejects.toThrow('abort');
    expect(await findUserByName('ghost', db())).toBeNull();
    expect((await listAuditEvents({}, db())).events).toEqual([]);
  });

  itOn('counts sign-in failures per key and forgets old ones', async () => {
    const t0 = new Date('2026-05-01T12:00:00Z');
    await addSignInFailure(['user:eve', 'address:10.0.0.9'], t0, 3600, db());
    const rows = await addSignInFailure(['user:eve', 'address:10.0.0.9'], new Date(t0.getTime() + 1000), 3600, db());
    expect(rows.map((r) => [r.key, r.failures]).sort()).toEqual([
      ['address:10.0.0.9', 2],
      ['user:eve', 2],
    ]);
    // Two hours later the count starts again from one.
    const [fresh] = await addSignInFailure(['user:eve'], new Date(t0.getTime() + 2 * 3600_000), 3600, db());
    expect(fresh.failures).toBe(1);
    expect(fresh.firstFailureAt.toISOString()).toBe(new Date(t0.getTime() + 2 * 3600_000).toISOString());

    await clearSignInFailures(['user:eve'], db());
    expect((await readSignInFailures(['user:eve', 'address:10.0.0.9'], db())).map((r) => r.key)).toEqual(['address:10.0.0.9']);
  });

  itOn('counts concurrent failures without losing any', async () => {
    const at = new Date('2026-05-01T12:00:00Z');
    await Promise.all(Array.from({ length: 8 }, () => addSignInFailure(['user:burst'], at, 3600, db())));
    expect((await readSignInFailures(['user:burst'], db()))[0].failures).toBe(8);
  });
});
