// The session cookie: a next-auth JWT (encrypted with NEXTAUTH_SECRET) holding the user id and
// the session id. Over https it is a `__Host-` cookie (Secure, path /, no Domain).
import { decode } from 'next-auth/jwt';

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-trellis.session' : 'trellis.session';
}

export const SESSION_COOKIE_NAMES = [sessionCookieName(true), sessionCookieName(false)];

/** The session id inside a session cookie, or null when the cookie is missing, forged or unreadable. */
export async function sessionIdFromCookie(value: string | undefined, secret: string): Promise<string | null> {
  if (!value) return null;
  try {
    const token = await decode({ token: value, secret });
    return typeof token?.sid === 'string' ? token.sid : null;
  } catch {
    return null;
  }
}
