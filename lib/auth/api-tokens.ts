// API tokens: 32 random bytes behind a recognisable prefix. They carry enough entropy that a
// plain SHA-256 is a safe way to store them (no slow hash needed), and lookup is by that hash.
import crypto from 'node:crypto';

export const TOKEN_PREFIX = 'trellis_';
const TOKEN_PATTERN = /^trellis_[A-Za-z0-9_-]{43}$/;

export function hashApiToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new token, the hash to store and the prefix to show in lists. The token itself is shown once. */
export function generateApiToken(): { token: string; hash: string; prefix: string } {
  const token = TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
  return { token, hash: hashApiToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6) };
}

export function looksLikeApiToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** The token in `Authorization: Bearer <token>`, or null when the header is absent or another scheme. */
export function bearerToken(authorization: string | null | undefined): string | null {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match ? match[1] : null;
}
