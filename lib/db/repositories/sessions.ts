import { and, eq, isNull, lt, ne, or } from 'drizzle-orm';
import { getDb, type Db } from '../client';
import { sessions, users, type SessionRow } from '../schema';
import type { User } from './users';

export interface NewSession {
  id: string;
  userId: string;
  provider: string;
  address?: string | null;
  userAgent?: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export async function insertSession(input: NewSession, db?: Db): Promise<SessionRow> {
  const [row] = await (db ?? (await getDb()))
    .insert(sessions)
    .values({ ...input, lastSeenAt: input.createdAt })
    .returning();
  return row;
}

/** The session and its user, whatever their state: the caller decides if it is still valid. */
export async function findSessionWithUser(id: string, db?: Db): Promise<{ session: SessionRow; user: User } | null> {
  const [row] = await (db ?? (await getDb()))
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  if (!row) return null;
  const { passwordHash, ...user } = row.user;
  return { session: row.session, user: { ...user, hasPassword: passwordHash !== null } };
}

export async function touchSession(id: string, at: Date, db?: Db): Promise<void> {
  await (db ?? (await getDb())).update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

/** Ends one session; false when it had already ended. */
export async function endSession(id: string, reason: string, at: Date, db?: Db): Promise<boolean> {
  const rows = await (db ?? (await getDb()))
    .update(sessions)
    .set({ endedAt: at, endReason: reason })
    .where(and(eq(sessions.id, id), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

/** Ends every open session of a user, but `exceptId`; returns how many it ended. */
export async function endSessionsOfUser(
  userId: string,
  { reason, at, exceptId }: { reason: string; at: Date; exceptId?: string },
  db?: Db,
): Promise<number> {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.endedAt)];
  if (exceptId) conditions.push(ne(sessions.id, exceptId));
  const rows = await (db ?? (await getDb()))
    .update(sessions)
    .set({ endedAt: at, endReason: reason })
    .where(and(...conditions))
    .returning({ id: sessions.id });
  return rows.length;
}

/** Removes sessions that ended or expired before `before`; they can no longer matter. */
export async function deleteSessionsEndedBefore(before: Date, db?: Db): Promise<number> {
  const rows = await (db ?? (await getDb()))
    .delete(sessions)
    .where(or(lt(sessions.endedAt, before), lt(sessions.expiresAt, before)))
    .returning({ id: sessions.id });
  return rows.length;
}
