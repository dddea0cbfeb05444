// Sessions: the cookie carries only a session id; the database says whether it is still
// valid. That is what lets sign-out, an admin disabling a user, the idle timeout and the
// absolute lifetime take effect on the very next request.
import crypto from 'node:crypto';
import {
  endSession,
  findSessionWithUser,
  insertSession,
  touchSession,
  updateUser,
  inTransaction,
  type Db,
  type User,
} from '@/lib/db';

export interface SessionPolicy {
  idleSeconds: number;
  maxAgeSeconds: number;
}

/** Activity is written at most this often, so a busy page does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

export type SessionVerdict = { ok: true } | { ok: false; reason: 'unknown' | 'ended' | 'expired' | 'idle' | 'disabled' };

/** Whether a session may still be used at `now`. Pure, so the rules are tested without a clock. */
export function judgeSession(
  session: { endedAt: Date | null; expiresAt: Date; lastSeenAt: Date } | null,
  user: { disabledAt: Date | null } | null,
  now: Date,
  policy: SessionPolicy,
): SessionVerdict {
  if (!session || !user) return { ok: false, reason: 'unknown' };
  if (session.endedAt) return { ok: false, reason: 'ended' };
  if (user.disabledAt) return { ok: false, reason: 'disabled' };
  if (now.getTime() >= session.expiresAt.getTime()) return { ok: false, reason: 'expired' };
  if (now.getTime() - session.lastSeenAt.getTime() >= policy.idleSeconds * 1000) return { ok: false, reason: 'idle' };
  return { ok: true };
}

export const SESSION_END_MESSAGES: Record<Exclude<SessionVerdict, { ok: true }>['reason'], string> = {
  unknown: 'Sign in first.',
  ended: 'Your session has ended. Sign in again.',
  expired: 'Your session reached its maximum lifetime. Sign in again.',
  idle: 'Your session timed out after a period of inactivity. Sign in again.',
  disabled: 'This account is disabled.',
};

export interface SessionMeta {
  provider: string;
  address?: string | null;
  userAgent?: string | null;
}

/** Opens a new session (a new id at every sign-in) and notes the sign-in on the user. */
export async function startSession(user: User, meta: SessionMeta, policy: SessionPolicy, now = new Date(), db?: Db): Promise<string> {
  const id = crypto.randomBytes(32).toString('base64url');
  await inTransaction(async (tx) => {
    await insertSession(
      {
        id,
        userId: user.id,
        provider: meta.provider,
        address: meta.address ?? null,
        userAgent: meta.userAgent?.slice(0, 512) ?? null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + policy.maxAgeSeconds * 1000),
      },
      tx,
    );
    await updateUser(user.id, { lastSignInAt: now }, tx);
  }, db);
  return id;
}

/**
 * The user behind a session id when the session is still valid, after noting the activity.
 * A session found idle is ended, so it stays ended even if the policy is relaxed later.
 */
export async function resolveSession(
  sessionId: string,
  policy: SessionPolicy,
  now = new Date(),
  db?: Db,
): Promise<{ ok: true; user: User } | { ok: false; reason: Exclude<SessionVerdict, { ok: true }>['reason'] }> {
  const found = await findSessionWithUser(sessionId, db);
  const verdict = judgeSession(found?.session ?? null, found?.user ?? null, now, policy);
  if (!verdict.ok) {
    if (found && !found.session.endedAt && (verdict.reason === 'idle' || verdict.reason === 'expired')) {
      await endSession(sessionId, verdict.reason === 'idle' ? 'idle timeout' : 'maximum lifetime', now, db);
    }
    return verdict;
  }
  if (now.getTime() - found!.session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await touchSession(sessionId, now, db);
  return { ok: true, user: found!.user };
}
