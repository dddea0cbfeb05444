// Managing users and API tokens: what the admin pages, the API and the CLI all call. Each
// operation validates its input with the shared schemas, changes the database and records
// an audit event in the same transaction; a refused operation is audited as a failure.
import {
  countEnabledAdmins,
  endSessionsOfUser,
  findApiToken,
  findApiTokensByName,
  findUserByName,
  inTransaction,
  insertApiToken,
  insertUser,
  isUniqueViolation,
  listApiTokens,
  listUsers,
  recordAudit,
  revokeApiToken,
  updateUser as updateUserRow,
  type ApiToken,
  type Db,
  type User,
  type UserPatch,
  type UserWithActivity,
} from '@/lib/db';
import { generateApiToken } from './api-tokens';
import { badRequest, conflict, notFound, parseInput, RequestError } from './errors';
import { hashPassword } from './password';
import { checkPasswordPolicy } from './password-policy';
import { normalizeRoles } from './roles';
import { createTokenSchema, createUserSchema, updateUserSchema, RULES } from './schemas';

export interface Actor {
  /** The user's id; null for the CLI or the system. */
  id: string | null;
  name: string;
  /** The session the request came from, kept open when a user changes their own password. */
  sessionId?: string;
  address?: string | null;
}

/** Runs an operation; if it is refused, audits the refusal (with the rule broken) and rethrows. */
async function auditRefusal<T>(actor: Actor, action: string, target: string | null, work: () => Promise<T>, db?: Db): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof RequestError) {
      await recordAudit(
        { actor, action, target, outcome: 'failure', details: err.fields?.length ? { status: err.status, fields: err.fields } : { status: err.status, error: err.message }, address: actor.address },
        db,
      );
    }
    throw err;
  }
}

const targetOf = (input: unknown, key: string): string | null => {
  const value = (input as Record<string, unknown> | null)?.[key];
  return typeof value === 'string' ? value.slice(0, 128) : null;
};

export async function createUser(input: unknown, actor: Actor, db?: Db): Promise<User> {
  return auditRefusal(actor, 'user.create', targetOf(input, 'name'), async () => {
    const data = parseInput(createUserSchema, input);
    const roles = normalizeRoles(data.roles);
    checkPasswordPolicy(data.password, { userName: data.name, roles });
    const passwordHash = await hashPassword(data.password);
    try {
      return await inTransaction(async (tx) => {
        const user = await insertUser({ name: data.name, displayName: data.displayName || null, passwordHash, roles }, tx);
        await recordAudit({ actor, action: 'user.create', target: user.name, outcome: 'success', details: { roles }, address: actor.address }, tx);
        return user;
      }, db);
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict(`A user named "${data.name}" already exists.`, [{ path: 'name', rule: 'not already taken' }]);
      throw err;
    }
  }, db);
}

export async function getUsers(db?: Db): Promise<UserWithActivity[]> {
  return listUsers(new Date(), db);
}

async function existingUser(name: string, db?: Db): Promise<User> {
  const user = await findUserByName(name, db);
  if (!user) throw notFound(`No user is named "${name}".`);
  return user;
}

/**
 * Changes a user: display name, password, roles, disabled, or ends their sessions. Refuses to
 * leave Trellis without an enabled admin, and an admin cannot disable themselves.
 */
export async function updateUser(name: string, input: unknown, actor: Actor, db?: Db): Promise<User> {
  return auditRefusal(actor, 'user.update', name, async () => {
    const data = parseInput(updateUserSchema, input);
    if (Object.keys(data).length === 0) throw badRequest('Nothing to change: give at least one field.', [{ path: '(body)', rule: 'at least one of displayName, password, roles, disabled, endSessions' }]);
    const user = await existingUser(name, db);
    const roles = data.roles ? normalizeRoles(data.roles) : undefined;

    const losesAdmin = (roles && user.roles.includes('admin') && !roles.includes('admin')) || (data.disabled === true && user.roles.includes('admin'));
    if (data.disabled === true && user.id === actor.id) throw conflict('You cannot disable your own account.', [{ path: 'disabled', rule: 'not your own account' }]);
    if (losesAdmin && !user.disabledAt && (await countEnabledAdmins(user.id, db)) === 0) {
      throw conflict(`${user.name} is the only enabled admin; make another user admin first.`, [{ path: data.roles ? 'roles' : 'disabled', rule: 'Trellis keeps at least one enabled admin' }]);
    }
    if (data.password && user.source !== 'local') {
      throw conflict(`${user.name} signs in with single sign-on and has no password here.`, [{ path: 'password', rule: 'only for local users' }]);
    }
    if (data.password) checkPasswordPolicy(data.password, { userName: user.name, roles: roles ?? user.roles });
    const passwordHash = data.password ? await hashPassword(data.password) : undefined;

    return inTransaction(async (tx) => {
      const now = new Date();
      const patch: UserPatch = {};
      const events: { action: string; details: Record<string, unknown> }[] = [];
      if (data.displayName !== undefined && (data.displayName || null) !== user.displayName) {
        patch.displayName = data.displayName || null;
        events.push({ action: 'user.rename', details: { from: user.displayName, to: patch.displayName } });
      }
      if (roles && roles.join() !== user.roles.join()) {
        patch.roles = roles;
        events.push({ action: 'user.roles', details: { from: user.roles, to: roles } });
      }
      if (data.disabled === true && !user.disabledAt) {
        patch.disabledAt = now;
        events.push({ action: 'user.disable', details: {} });
      }
      if (data.disabled === false && user.disabledAt) {
        patch.disabledAt = null;
        events.push({ action: 'user.enable', details: {} });
      }
      if (passwordHash) {
        patch.passwordHash = passwordHash;
        events.push({ action: 'user.password', details: {} });
      }
      const updated = Object.keys(patch).length ? await updateUserRow(user.id, patch, tx) : user;

      // Disabling, a new password or an explicit request ends the user's sessions at once.
      if (patch.disabledAt || passwordHash || data.endSessions) {
        const reason = patch.disabledAt ? 'user disabled' : passwordHash ? 'password changed' : 'ended by an admin';
        // A user changing their own password keeps the session they did it from.
        const keep = user.id === actor.id && !patch.disabledAt && !data.endSessions ? actor.sessionId : undefined;
        const ended = await endSessionsOfUser(user.id, { reason, at: now, exceptId: keep }, tx);
        if (data.endSessions) events.push({ action: 'user.end-sessions', details: { ended } });
        else events[events.length - 1].details.sessionsEnded = ended;
      }
      for (const e of events) {
        await recordAudit({ actor, action: e.action, target: user.name, outcome: 'success', details: e.details, address: actor.address }, tx);
      }
      return updated!;
    }, db);
  }, db);
}

export type TokenStatus = 'active' | 'expired' | 'revoked';

export function tokenStatus(token: Pick<ApiToken, 'revokedAt' | 'expiresAt'>, now: Date): TokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** Every token, newest first, with its status now. */
export async function getTokens(db?: Db): Promise<(ApiToken & { status: TokenStatus })[]> {
  const now = new Date();
  return (await listApiTokens(db)).map((t) => ({ ...t, status: tokenStatus(t, now) }));
}

/** Creates a token for a user. The secret is in the result only: it is never stored or shown again. */
export async function createToken(input: unknown, actor: Actor, db?: Db): Promise<{ token: ApiToken; secret: string }> {
  const target = `${targetOf(input, 'user') ?? '?'}/${targetOf(input, 'name') ?? '?'}`;
  return auditRefusal(actor, 'token.create', target, async () => {
    const data = parseInput(createTokenSchema, input);
    const user = await findUserByName(data.user, db);
    if (!user) throw badRequest(`No user is named "${data.user}".`, [{ path: 'user', rule: 'an existing user' }]);
    if (user.disabledAt) throw conflict(`${user.name} is disabled; enable the user before giving them a token.`, [{ path: 'user', rule: 'an enabled user' }]);
    const { token: secret, hash, prefix } = generateApiToken();
    const expiresAt = new Date(Date.now() + data.expiresInDays * 86_400_000);
    try {
      const row = await inTransaction(async (tx) => {
        const inserted = await insertApiToken({ userId: user.id, name: data.name, tokenHash: hash, prefix, createdBy: actor.name, expiresAt, scope: data.scope }, tx);
        await recordAudit(
          { actor, action: 'token.create', target: `${user.name}/${data.name}`, outcome: 'success', details: { tokenId: inserted.id, prefix, expiresAt: expiresAt.toISOString(), scope: data.scope }, address: actor.address },
          tx,
        );
        return inserted;
      }, db);
      return { token: (await findApiToken(row.id, db))!, secret };
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict(`${user.name} already has a token named "${data.name}".`, [{ path: 'name', rule: 'not already used by another token of this user' }]);
      throw err;
    }
  }, db);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Revokes a token by id, or by label when exactly one token has it. */
export async function revokeToken(idOrName: string, actor: Actor, db?: Db): Promise<ApiToken> {
  return auditRefusal(actor, 'token.revoke', idOrName, async () => {
    let token: ApiToken | null;
    if (UUID.test(idOrName)) token = await findApiToken(idOrName.toLowerCase(), db);
    else {
      const matches = await findApiTokensByName(idOrName, db);
      if (matches.length > 1) {
        throw conflict(`${matches.length} tokens are named "${idOrName}" (users ${matches.map((m) => m.userName).join(', ')}); revoke one by its id.`, [
          { path: 'token', rule: 'an id, or a label only one token has' },
        ]);
      }
      token = matches[0] ?? null;
    }
    if (!token) throw notFound(`No API token has the id or label "${idOrName}".`);
    if (token.revokedAt) throw conflict(`Token "${token.name}" of ${token.userName} was already revoked on ${token.revokedAt.toISOString()}.`);
    const found = token;
    return inTransaction(async (tx) => {
      const revoked = (await revokeApiToken(found.id, new Date(), tx))!;
      await recordAudit({ actor, action: 'token.revoke', target: `${found.userName}/${found.name}`, outcome: 'success', details: { tokenId: found.id, prefix: found.prefix }, address: actor.address }, tx);
      return revoked;
    }, db);
  }, db);
}

export { RULES };
