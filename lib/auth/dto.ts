// What the API says about users and tokens: never a password hash or a token's hash.
import type { ApiToken, User } from '@/lib/db';
import { tokenStatus } from './accounts';

export function toUserDto(user: User & { activeSessions?: number }) {
  return {
    id: user.id,
    name: user.name,
    displayName: user.displayName,
    roles: user.roles,
    source: user.source,
    disabled: user.disabledAt !== null,
    disabledAt: user.disabledAt?.toISOString() ?? null,
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    ...(user.activeSessions !== undefined ? { activeSessions: user.activeSessions } : {}),
  };
}

export function toTokenDto(token: ApiToken) {
  return {
    id: token.id,
    name: token.name,
    user: token.userName,
    prefix: token.prefix,
    createdBy: token.createdBy,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
    scope: token.scope,
    status: tokenStatus(token, new Date()),
  };
}
