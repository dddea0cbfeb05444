import { and, arrayContains, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Role } from '@/lib/auth/roles';
import { getDb, type Db } from '../client';
import { sessions, users, type UserRow } from '../schema';

/** A user as the rest of Trellis sees one: never with its password hash. */
export type User = Omit<UserRow, 'passwordHash'> & { hasPassword: boolean };

const toUser = ({ passwordHash, ...rest }: UserRow): User => ({ ...rest, hasPassword: passwordHash !== null });

export interface NewUser {
  name: string;
  displayName?: string | null;
  passwordHash?: string | null;
  roles: Role[];
  source?: 'local' | 'oidc';
  oidcSubject?: string | null;
}

/** Inserts a user; a taken name fails with a unique violation (see isUniqueViolation). */
export async function insertUser(input: NewUser, db?: Db): Promise<User> {
  const [row] = await (db ?? (await getDb()))
    .insert(users)
    .values({
      name: input.name,
      displayName: input.displayName ?? null,
      passwordHash: input.passwordHash ?? null,
      roles: input.roles,
      source: input.source ?? 'local',
      oidcSubject: input.oidcSubject ?? null,
    })
    .returning();
  return toUser(row);
}

export async function findUserByName(name: string, db?: Db): Promise<User | null> {
  const [row] = await (db ?? (await getDb())).select().from(users).where(eq(users.name, name));
  return row ? toUser(row) : null;
}

export async function findUserById(id: string, db?: Db): Promise<User | null> {
  const [row] = await (db ?? (await getDb())).select().from(users).where(eq(users.id, id));
  return row ? toUser(row) : null;
}

export async function findUserByOidcSubject(subject: string, db?: Db): Promise<User | null> {
  const [row] = await (db ?? (await getDb())).select().from(users).where(eq(users.oidcSubject, subject));
  return row ? toUser(row) : null;
}

/** The user and the hash to check a password against; only sign-in reads this. */
export async function findUserWithPasswordHash(name: string, db?: Db): Promise<{ user: User; passwordHash: string | null } | null> {
  const [row] = await (db ?? (await getDb())).select().from(users).where(eq(users.name, name));
  return row ? { user: toUser(row), passwordHash: row.passwordHash } : null;
}

export interface UserWithActivity extends User {
  activeSessions: number;
}

/** Every user, by name, with how many sessions each has open now. */
export async function listUsers(now: Date, db?: Db): Promise<UserWithActivity[]> {
  const database = db ?? (await getDb());
  const rows = await database.select().from(users).orderBy(asc(users.name));
  const counts = await database
    .select({ userId: sessions.userId, n: sql<number>`count(*)::int` })
    .from(sessions)
    .where(and(isNull(sessions.endedAt), gt(sessions.expiresAt, now)))
    .groupBy(sessions.userId);
  const byUser = new Map(counts.map((c) => [c.userId, Number(c.n)]));
  return rows.map((r) => ({ ...toUser(r), activeSessions: byUser.get(r.id) ?? 0 }));
}

export interface UserPatch {
  displayName?: string | null;
  passwordHash?: string | null;
  roles?: Role[];
  disabledAt?: Date | null;
  lastSignInAt?: Date;
  oidcSubject?: string | null;
}

export async function updateUser(id: string, patch: UserPatch, db?: Db): Promise<User | null> {
  const [row] = await (db ?? (await getDb()))
    .update(users)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(users.id, id))
    .returning();
  return row ? toUser(row) : null;
}

/** Enabled admins other than `exceptId`: an admin change must never leave none. */
export async function countEnabledAdmins(exceptId: string | null, db?: Db): Promise<number> {
  const conditions = [arrayContains(users.roles, ['admin']), isNull(users.disabledAt)];
  if (exceptId) conditions.push(sql`${users.id} <> ${exceptId}`);
  const [row] = await (db ?? (await getDb()))
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(...conditions));
  return Number(row.n);
}
