// lib/auth's operations against a real database (both PGlite and PostgreSQL): users, roles,
// sessions, throttled sign-in, API tokens, single sign-on users and the audit they leave.
import { describe, expect } from 'vitest';
import { createToken, createUser, revokeToken, updateUser, type Actor } from '@/lib/auth/accounts';
import { authenticateApiToken, authenticateSession, INVALID_TOKEN_MESSAGE } from '@/lib/auth/authenticate';
import { ensureDemoUsers } from '@/lib/auth/demo';
import { RequestError } from '@/lib/auth/errors';
import { signInWithOidc } from '@/lib/auth/oidc';
import { resolveSession, startSession } from '@/lib/auth/sessions';
import { SIGN_IN_MESSAGES, signInWithPassword } from '@/lib/auth/sign-in';
import type { OidcConfig } from '@/lib/config';
import { findSessionWithUser, findUserByName, insertUser, listAuditEvents, listUsers, type OpenDatabase, type User } from '@/lib/db';
import { hashPassword } from '@/lib/auth/password';
import { databaseTargets, forbidProcessDatabase, useDatabaseTarget } from './testing';

forbidProcessDatabase();

const policy = { idleSeconds: 30 * 60, maxAgeSeconds: 12 * 3600 };
const cli: Actor = { id: null, name: 'cli:test' };

async function refusal(p: Promise<unknown>): Promise<RequestError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RequestError);
  return err as RequestError;
}

describe.each(databaseTargets())('auth services on $name', (target) => {
  const { db, itOn } = useDatabaseTarget(target);

  async function admin(): Promise<{ user: User; actor: Actor }> {
    const user = await insertUser({ name: 'boss', roles: ['admin'], passwordHash: await hashPassword('boss-password') }, db());
    return { user, actor: { id: user.id, name: user.name } };
  }

  itOn('creates a user, and refuses bad input naming each field and rule without changing anything', async () => {
    const created = await createUser({ name: 'carol', displayName: 'Carol', password: 'correct horse', roles: ['approver', 'editor', 'editor'] }, cli, db());
    expect(created).toMatchObject({ name: 'carol', roles: ['editor', 'approver'], hasPassword: true });

    const bad = await refusal(createUser({ name: 'Carol!', password: 'short', roles: ['root'], colour: 'red' }, cli, db()));
    expect(bad.status).toBe(400);
    expect(bad.fields).toEqual([
      { path: 'name', rule: expect.stringContaining('starting with a letter') },
      { path: 'password', rule: '8–256 characters' },
      { path: 'roles.0', rule: 'one of viewer, editor, approver, admin' },
      { path: 'colour', rule: 'not a field of this request' },
    ]);
    const missing = await refusal(createUser({ name: 'dave' }, cli, db()));
    expect(missing.fields).toEqual([
      { path: 'password', rule: 'required' },
      { path: 'roles', rule: 'required' },
    ]);
    const taken = await refusal(createUser({ name: 'carol', password: 'another one', roles: ['viewer'] }, cli, db()));
    expect(taken).toMatchObject({ status: 409, fields: [{ path: 'name', rule: 'not already taken' }] });

    expect((await listUsers(new Date(), db())).map((u) => u.name)).toEqual(['carol']);
    const audit = (await listAuditEvents({ action: 'user.create' }, db())).events;
    expect(audit.map((e) => [e.target, e.outcome, e.actor])).toEqual([
      ['carol', 'failure', 'cli:test'],
      ['dave', 'failure', 'cli:test'],
      ['Carol!', 'failure', 'cli:test'],
      ['carol', 'success', 'cli:test'],
    ]);
    expect(JSON.stringify(audit)).not.toContain('correct horse');
  });

  itOn('refuses a common password, and a short one for an admin, naming the field and rule (issue 12, point 13)', async () => {
    const common = await refusal(createUser({ name: 'dave', password: 'Password123', roles: ['viewer'] }, cli, db()));
    expect(common.status).toBe(400);
    expect(common.fields).toEqual([{ path: 'password', rule: 'not a commonly used password' }]);
    const shortAdmin = await refusal(createUser({ name: 'dave', password: 'tulip-lamp7', roles: ['admin'] }, cli, db()));
    expect(shortAdmin.fields).toEqual([{ path: 'password', rule: 'at least 12 characters for an admin' }]);
    await createUser({ name: 'dave', password: 'tulip-lamp7', roles: ['editor'] }, cli, db());
    const promoted = await refusal(updateUser('dave', { password: 'tulip-lamp8', roles: ['admin'] }, cli, db()));
    expect(promoted.fields).toEqual([{ path: 'password', rule: 'at least 12 characters for an admin' }]);
    expect((await listUsers(new Date(), db())).map((u) => u.name)).toEqual(['dave']);
  });

  itOn('never leaves Trellis without an enabled admin, and an admin cannot disable themselves', async () => {
    const { user, actor } = await admin();
    const selfDisable = await refusal(updateUser('boss', { disabled: true }, actor, db()));
    expect(selfDisable).toMatchObject({ status: 409, message: 'You cannot disable your own account.' });
    const demote = await refusal(updateUser('boss', { roles: ['viewer'] }, cli, db()));
    expect(demote).toMatchObject({ status: 409, fields: [{ path: 'roles', rule: 'Trellis keeps at least one enabled admin' }] });
    expect((await findUserByName('boss', db()))?.roles).toEqual(['admin']);

    await createUser({ name: 'second', password: 'password-2-long', roles: ['admin'] }, actor, db());
    const demoted = await updateUser('boss', { roles: ['viewer', 'editor'] }, cli, db());
    expect(demoted.roles).toEqual(['viewer', 'editor']);
    expect(user.id).toBe(demoted.id);
    const missingUser = await refusal(updateUser('nobody', { disabled: true }, cli, db()));
    expect(missingUser.status).toBe(404);
    const empty = await refusal(updateUser('second', {}, cli, db()));
    expect(empty.status).toBe(400);
  });

  itOn('ends every session of a disabled user at once, and lets them back after enabling', async () => {
    const { actor } = await admin();
    const target = await createUser({ name: 'erin', password: 'erin-password', roles: ['editor'] }, actor, db());
    const sid = await startSession(target, { provider: 'credentials' }, policy, new Date(), db());
    expect((await authenticateSession(sid, policy, new Date(), db())).ok).toBe(true);

    await updateUser('erin', { disabled: true }, actor, db());
    const after = await authenticateSession(sid, policy, new Date(), db());
    expect(after).toEqual({ ok: false, message: 'Your session has ended. Sign in again.' });
    expect((await findSessionWithUser(sid, db()))?.session.endReason).toBe('user disabled');
    expect(await signInWithPassword({ name: 'erin', password: 'erin-password' }, new Date(), db())).toEqual({ ok: false, message: SIGN_IN_MESSAGES.disabled });

    await updateUser('erin', { disabled: false }, actor, db());
    expect((await signInWithPassword({ name: 'erin', password: 'erin-password' }, new Date(), db())).ok).toBe(true);
    const actions = (await listAuditEvents({ actor: 'boss' }, db())).events.map((e) => e.action);
    expect(actions).toEqual(['user.enable', 'user.disable', 'user.create']);
  });

  itOn('a new password ends the user\'s other sessions but keeps the one it was changed from', async () => {
    const { user } = await admin();
    const current = await startSession(user, { provider: 'credentials' }, policy, new Date(), db());
    const other = await startSession(user, { provider: 'credentials' }, policy, new Date(), db());
    await updateUser('boss', { password: 'a brand new one' }, { id: user.id, name: user.name, sessionId: current }, db());
    expect((await authenticateSession(current, policy, new Date(), db())).ok).toBe(true);
    expect((await authenticateSession(other, policy, new Date(), db())).ok).toBe(false);
    expect((await signInWithPassword({ name: 'boss', password: 'a brand new one' }, new Date(), db())).ok).toBe(true);

    await updateUser('boss', { endSessions: true }, { id: user.id, name: user.name, sessionId: current }, db());
    expect((await authenticateSession(current, policy, new Date(), db())).ok).toBe(false);
  });

  itOn('ends a session after the idle timeout and after its absolute lifetime', async () => {
    const { user } = await admin();
    const t0 = new Date('2026-06-01T08:00:00Z');
    const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
    const sid = await startSession(user, { provider: 'credentials' }, policy, t0, db());
    // Active every 20 minutes: the idle timeout (30) never strikes.
    for (let m = 20; m <= 12 * 60 - 20; m += 20) expect((await resolveSession(sid, policy, minutes(m), db())).ok).toBe(true);
    // The absolute lifetime (12 h) does, however active the session.
    expect(await resolveSession(sid, policy, minutes(12 * 60), db())).toEqual({ ok: false, reason: 'expired' });
    expect((await findSessionWithUser(sid, db()))?.session.endReason).toBe('maximum lifetime');

    const idle = await startSession(user, { provider: 'credentials' }, policy, t0, db());
    expect((await resolveSession(idle, policy, minutes(29), db())).ok).toBe(true);
    expect(await resolveSession(idle, policy, minutes(29 + 31), db())).toEqual({ ok: false, reason: 'idle' });
    // Once ended for idleness it stays ended.
    expect(await resolveSession(idle, policy, minutes(61), db())).toEqual({ ok: false, reason: 'ended' });
    expect(await resolveSession('no-such-session', policy, t0, db())).toEqual({ ok: false, reason: 'unknown' });
  });

  itOn('signs in with the right password only, saying the same for a wrong name and a wrong password', async () => {
    await admin();
    const ok = await signInWithPassword({ name: ' BOSS ', password: 'boss-password', address: '10.1.1.1' }, new Date(), db());
    expect(ok.ok && ok.user.name).toBe('boss');
    expect(await signInWithPassword({ name: 'boss', password: 'wrong', address: '10.1.1.1' }, new Date(), db())).toEqual({ ok: false, message: 'Wrong user name or password.' });
    expect(await signInWithPassword({ name: 'ghost', password: 'whatever', address: '10.1.1.1' }, new Date(), db())).toEqual({ ok: false, message: 'Wrong user name or password.' });
    expect(await signInWithPassword({ name: '', password: '' }, new Date(), db())).toEqual({ ok: false, message: SIGN_IN_MESSAGES.missing });
    const events = (await listAuditEvents({ action: 'auth.sign-in' }, db())).events;
    expect(events.map((e) => [e.actor, e.outcome, e.address])).toEqual([
      ['ghost', 'failure', '10.1.1.1'],
      ['boss', 'failure', '10.1.1.1'],
      ['boss', 'success', '10.1.1.1'],
    ]);
  });

  itOn('slows down repeated failures for one user from one address, then lets the right password through after the wait', async () => {
    await admin();
    const t0 = new Date('2026-07-01T00:00:00Z');
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    const from = '10.0.0.1';
    for (let i = 0; i < 5; i++) {
      expect((await signInWithPassword({ name: 'boss', password: `guess-${i}`, address: from }, at(i), db())).ok).toBe(false);
    }
    // Five failures from there: the next attempt from there, even with the right password, must wait.
    const throttled = await signInWithPassword({ name: 'boss', password: 'boss-password', address: from }, at(4.5), db());
    expect(throttled).toEqual({ ok: false, message: 'Too many failed sign-ins. Try again in 1 second.' });
    expect((await signInWithPassword({ name: 'boss', password: 'boss-password', address: from }, at(7), db())).ok).toBe(true);

    // Success forgets the failures from that address: five more are free again.
    for (let i = 0; i < 4; i++) await signInWithPassword({ name: 'boss', password: 'nope', address: from }, at(10 + i), db());
    expect((await signInWithPassword({ name: 'boss', password: 'boss-password', address: from }, at(15), db())).ok).toBe(true);

    // Each further failure doubles the wait.
    for (let i = 0; i < 8; i++) await signInWithPassword({ name: 'boss', password: 'nope', address: from }, at(100 + i * 1000), db());
    const wait = await signInWithPassword({ name: 'boss', password: 'boss-password', address: from }, at(100 + 7 * 1000 + 1), db());
    // Eight failures: 2^(8-5) = 8 s after the last one, 1 s of which has passed.
    expect(wait).toEqual({ ok: false, message: 'Too many failed sign-ins. Try again in 7 seconds.' });
    const denied = (await listAuditEvents({ outcome: 'denied' }, db())).events;
    expect(denied[0].details).toMatchObject({ reason: 'throttled', waitSeconds: 7 });
  });

  itOn('slows down one address trying many user names', async () => {
    await admin();
    const t0 = new Date('2026-07-02T00:00:00Z');
    for (let i = 0; i < 20; i++) await signInWithPassword({ name: `user${i}`, password: 'x', address: '203.0.113.7' }, new Date(t0.getTime() + i), db());
    const fromThere = await signInWithPassword({ name: 'boss', password: 'boss-password', address: '203.0.113.7' }, new Date(t0.getTime() + 100), db());
    expect(fromThere.ok).toBe(false);
    const fromElsewhere = await signInWithPassword({ name: 'boss', password: 'boss-password', address: '198.51.100.1' }, new Date(t0.getTime() + 100), db());
    expect(fromElsewhere.ok).toBe(true);
  });

  itOn('creates API tokens shown once, authenticates with them, and stops when revoked', async () => {
    const { actor } = await admin();
    await createUser({ name: 'robot', password: 'robot-password', roles: ['editor'] }, actor, db());
    const { token, secret } = await createToken({ user: 'robot', name: 'ci deploy' }, actor, db());
    expect(secret).toMatch(/^trellis_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ userName: 'robot', name: 'ci deploy', prefix: secret.slice(0, 14), revokedAt: null });
    expect(JSON.stringify(await listAuditEvents({}, db()))).not.toContain(secret);

    const auth = await authenticateApiToken(secret, new Date(), db());
    expect(auth).toMatchObject({ ok: true, user: { name: 'robot', roles: ['editor'], via: 'token' } });
    expect(await authenticateApiToken(secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A'), new Date(), db())).toEqual({ ok: false, message: INVALID_TOKEN_MESSAGE });
    expect(await authenticateApiToken('not-a-token', new Date(), db())).toEqual({ ok: false, message: INVALID_TOKEN_MESSAGE });

    const dup = await refusal(createToken({ user: 'robot', name: 'ci deploy' }, actor, db()));
    expect(dup).toMatchObject({ status: 409, fields: [{ path: 'name', rule: 'not already used by another token of this user' }] });
    const noUser = await refusal(createToken({ user: 'nobody', name: 'x' }, actor, db()));
    expect(noUser).toMatchObject({ status: 400, fields: [{ path: 'user', rule: 'an existing user' }] });

    const revoked = await revokeToken('ci deploy', actor, db());
    expect(revoked.revokedAt).not.toBeNull();
    expect(await authenticateApiToken(secret, new Date(), db())).toEqual({ ok: false, message: INVALID_TOKEN_MESSAGE });
    expect((await refusal(revokeToken(token.id, actor, db()))).status).toBe(409);
    expect((await refusal(revokeToken('no such label', actor, db()))).status).toBe(404);
  });

  itOn('tokens expire in 90 days unless told otherwise, and a read-only token says so when it authenticates (issue 12, point 13)', async () => {
    const { actor } = await admin();
    await createUser({ name: 'robot', password: 'robot-password', roles: ['editor'] }, actor, db());
    const before = Date.now();
    const { token, secret } = await createToken({ user: 'robot', name: 'reader', scope: 'read-only' }, actor, db());
    expect(token.scope).toBe('read-only');
    expect(token.expiresAt!.getTime() - before).toBeGreaterThanOrEqual(90 * 86_400_000 - 1000);
    expect(token.expiresAt!.getTime() - before).toBeLessThanOrEqual(90 * 86_400_000 + 60_000);
    const auth = await authenticateApiToken(secret, new Date(), db());
    expect(auth.ok && auth.user.tokenScope).toBe('read-only');
    const full = await createToken({ user: 'robot', name: 'deployer', expiresInDays: 7 }, actor, db());
    expect(full.token.scope).toBe('full');
    const bad = await refusal(createToken({ user: 'robot', name: 'x', scope: 'admin' }, actor, db()));
    expect(bad.fields).toEqual([{ path: 'scope', rule: "full (the user's roles) or read-only (GET requests only)" }]);
  });

  itOn('refuses tokens that expired or whose user is disabled, and revokes by id when labels clash', async () => {
    const { actor } = await admin();
    await createUser({ name: 'bot-a', password: 'password-a', roles: ['viewer'] }, actor, db());
    await createUser({ name: 'bot-b', password: 'password-b', roles: ['viewer'] }, actor, db());
    const a = await createToken({ user: 'bot-a', name: 'nightly', expiresInDays: 1 }, actor, db());
    const b = await createToken({ user: 'bot-b', name: 'nightly' }, actor, db());
    expect((await authenticateApiToken(a.secret, new Date(Date.now() + 2 * 86_400_000), db())).ok).toBe(false);

    const ambiguous = await refusal(revokeToken('nightly', actor, db()));
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.message).toContain('revoke one by its id');
    await revokeToken(a.token.id, actor, db());

    await updateUser('bot-b', { disabled: true }, actor, db());
    expect(await authenticateApiToken(b.secret, new Date(), db())).toEqual({ ok: false, message: 'The API token belongs to a disabled user.' });
    const forDisabled = await refusal(createToken({ user: 'bot-b', name: 'another' }, actor, db()));
    expect(forDisabled.status).toBe(409);
  });

  itOn('turns a single sign-on identity into a user whose roles follow the group claim', async () => {
    await admin();
    await insertUser({ name: 'frank', roles: ['viewer'], passwordHash: 'scrypt$local' }, db());
    const config: OidcConfig = {
      issuer: 'https://idp.example.com',
      clientId: 'trellis',
      clientSecret: 'secret',
      name: 'SSO',
      scope: 'openid',
      roleClaim: 'groups',
      roleMap: { 'net-admins': ['admin'], network: ['editor', 'approver'], '*': ['viewer'] },
    };
    const first = await signInWithOidc({ sub: 'idp|123', preferred_username: 'Frank', name: 'Frank Idp', groups: ['network'] }, config, db());
    // "frank" is a local user: the provider's Frank gets a distinct name, never that account.
    expect(first.ok && first.user).toMatchObject({ source: 'oidc', roles: ['viewer', 'editor', 'approver'], displayName: 'Frank Idp' });
    const name = first.ok ? first.user.name : '';
    expect(name).toMatch(/^frank-[0-9a-f]{6}$/);
    expect((await findUserByName('frank', db()))?.source).toBe('local');

    const again = await signInWithOidc({ sub: 'idp|123', preferred_username: 'frank', groups: 'net-admins' }, config, db());
    expect(again.ok && again.user).toMatchObject({ name, roles: ['viewer', 'admin'] });

    await updateUser(name, { disabled: true }, cli, db());
    expect(await signInWithOidc({ sub: 'idp|123', groups: [] }, config, db())).toEqual({ ok: false, code: 'AccountDisabled' });
    expect(await signInWithOidc({ preferred_username: 'nosub' }, config, db())).toEqual({ ok: false, code: 'NoSubject' });

    // Without a map, roles are an admin's to give, and a sign-in leaves them alone.
    const manual = { ...config, roleMap: null };
    const g = await signInWithOidc({ sub: 'idp|456', email: 'grace@example.com' }, manual, db());
    expect(g.ok && g.user).toMatchObject({ name: 'grace', roles: [] });
    await updateUser('grace', { roles: ['editor'] }, cli, db());
    const g2 = await signInWithOidc({ sub: 'idp|456', email: 'grace@example.com', groups: ['net-admins'] }, manual, db());
    expect(g2.ok && g2.user.roles).toEqual(['editor']);
    const setPassword = await refusal(updateUser('grace', { password: 'not for sso' }, cli, db()));
    expect(setPassword.fields).toEqual([{ path: 'password', rule: 'only for local users' }]);
  });

  itOn('creates the demo users once, and never overwrites them', async () => {
    expect(await ensureDemoUsers(db())).toEqual(['viewer', 'editor', 'approver', 'admin']);
    expect((await listUsers(new Date(), db())).map((u) => [u.name, u.roles])).toEqual([
      ['admin', ['admin']],
      ['approver', ['approver']],
      ['editor', ['editor']],
      ['viewer', ['viewer']],
    ]);
    expect((await signInWithPassword({ name: 'editor', password: 'trellis' }, new Date(), db())).ok).toBe(true);
    await updateUser('viewer', { roles: ['viewer', 'approver'] }, cli, db());
    expect(await ensureDemoUsers(db())).toEqual([]);
    expect((await findUserByName('viewer', db()))?.roles).toEqual(['viewer', 'approver']);
  });
});
