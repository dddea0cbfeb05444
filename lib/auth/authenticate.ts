// Who is calling: from the session id inside the session cookie, or from an API token.
// Both are checked against the database on every request.
import { findApiTokenByHash, touchApiToken, type Db, type User } from '@/lib/db';
import { hashApiToken, looksLikeApiToken } from './api-tokens';
import type { Role } from './roles';
import { resolveSession, SESSION_END_MESSAGES, type SessionPolicy } from './sessions';

export interface SignedInUser {
  id: string;
  name: string;
  displayName: string | null;
  roles: Role[];
  source: 'local' | 'oidc';
  via: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
  /** For a token: `read-only` tokens may only read (GET/HEAD), whatever the user's roles. */
  tokenScope?: 'full' | 'read-only';
}

export type Authentication = { ok: true; user: SignedInUser } | { ok: false; message: string };

const toSignedIn = (user: User, extra: Pick<SignedInUser, 'via' | 'sessionId' | 'tokenId' | 'tokenScope'>): SignedInUser => ({
  id: user.id,
  name: user.name,
  displayName: user.displayName,
  roles: user.roles,
  source: user.source,
  ...extra,
});

export async function authenticateSession(sessionId: string | null | undefined, policy: SessionPolicy, now = new Date(), db?: Db): Promise<Authentication> {
  if (!sessionId) return { ok: false, message: SESSION_END_MESSAGES.unknown };
  const result = await resolveSession(sessionId, policy, now, db);
  if (!result.ok) return { ok: false, message: SESSION_END_MESSAGES[result.reason] };
  return { ok: true, user: toSignedIn(result.user, { via: 'session', sessionId }) };
}

export const INVALID_TOKEN_MESSAGE = 'The API token is invalid, expired or revoked.';
const TOUCH_EVERY_MS = 60_000;

export async function authenticateApiToken(token: string, now = new Date(), db?: Db): Promise<Authentication> {
  if (!looksLikeApiToken(token)) return { ok: false, message: INVALID_TOKEN_MESSAGE };
  const found = await findApiTokenByHash(hashApiToken(token), db);
  if (!found || found.token.revokedAt || (found.token.expiresAt && found.token.expiresAt <= now)) return { ok: false, message: INVALID_TOKEN_MESSAGE };
  if (found.user.disabledAt) return { ok: false, message: 'The API token belongs to a disabled user.' };
  if (!found.token.lastUsedAt || now.getTime() - found.token.lastUsedAt.getTime() >= TOUCH_EVERY_MS) await touchApiToken(found.token.id, now, db);
  return { ok: true, user: toSignedIn(found.user, { via: 'token', tokenId: found.token.id, tokenScope: found.token.scope }) };
}
