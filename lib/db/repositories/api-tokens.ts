import { desc, eq } from 'drizzle-orm';
import { getDb, type Db } from '../client';
import { apiTokens, users, type ApiTokenRow } from '../schema';
import type { User } from './users';

/** A token as lists show it: never its hash. */
export type ApiToken = Omit<ApiTokenRow, 'tokenHash'> & { userName: string };

export interface NewApiToken {
  userId: string;
  name: string;
  tokenHash: string;
  prefix: string;
  createdBy: string;
  expiresAt?: Date | null;
  /** Default `full`. */
  scope?: 'full' | 'read-only';
}

export async function insertApiToken(input: NewApiToken, db?: Db): Promise<ApiTokenRow> {
  const [row] = await (db ?? (await getDb())).insert(apiTokens).values(input).returning();
  return row;
}

const listed = {
  id: apiTokens.id,
  userId: apiTokens.userId,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  createdBy: apiTokens.createdBy,
  createdAt: apiTokens.createdAt,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
  scope: apiTokens.scope,
  userName: users.name,
};

/** Every token, newest first, with its user's name. */
export async function listApiTokens(db?: Db): Promise<ApiToken[]> {
  return (db ?? (await getDb())).select(listed).from(apiTokens).innerJoin(users, eq(users.id, apiTokens.userId)).orderBy(desc(apiTokens.createdAt));
}

export async function findApiToken(id: string, db?: Db): Promise<ApiToken | null> {
  const [row] = await (db ?? (await getDb())).select(listed).from(apiTokens).innerJoin(users, eq(users.id, apiTokens.userId)).where(eq(apiTokens.id, id));
  return row ?? null;
}

export async function findApiTokensByName(name: string, db?: Db): Promise<ApiToken[]> {
  return (db ?? (await getDb())).select(listed).from(apiTokens).innerJoin(users, eq(users.id, apiTokens.userId)).where(eq(apiTokens.name, name));
}

/** The token with this hash and its user, whatever their state: the caller checks validity. */
export async function findApiTokenByHash(tokenHash: string, db?: Db): Promise<{ token: ApiTokenRow; user: User } | null> {
  const [row] = await (db ?? (await getDb()))
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, tokenHash));
  if (!row) return null;
  const { passwordHash, ...user } = row.user;
  return { token: row.token, user: { ...user, hasPassword: passwordHash !== null } };
}

export async function revokeApiToken(id: string, at: Date, db?: Db): Promise<ApiToken | null> {
  const database = db ?? (await getDb());
  await database.update(apiTokens).set({ revokedAt: at }).where(eq(apiTokens.id, id));
  return findApiToken(id, database);
}

export async function touchApiToken(id: string, at: Date, db?: Db): Promise<void> {
  await (db ?? (await getDb())).update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}
