import 'server-only';
// next-auth v4 wiring: local users (Credentials) and, when configured, an OIDC provider. The
// JWT carries only the user id and a session id; lib/auth/sessions.ts decides on every request
// whether that session still holds.
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getConfig } from '@/lib/config';
import { describeErrorForLog, endSession, findUserById, findUserByOidcSubject, recordAudit } from '@/lib/db';
import { clientAddress } from './origin';
import { OIDC_PROVIDER_ID, oidcProvider, signInWithOidc } from './oidc';
import { sessionCookieName } from './session-cookie';
import { resolveSession, startSession } from './sessions';
import { passwordQueue } from './password-queue';
import { signInWithPassword } from './sign-in';
import { safeCallbackUrl } from './sign-in-messages';

/** Thrown when a cookie's session has ended; next-auth then clears the cookie. */
class SessionEndedError extends Error {
  constructor(reason: string) {
    super(`session ${reason}`);
    this.name = 'SessionEndedError';
  }
}

let cached: NextAuthOptions | null = null;

export function getAuthOptions(): NextAuthOptions {
  if (cached) return cached;
  const config = getConfig();
  const policy = config.session;

  const credentials = CredentialsProvider({
    id: 'credentials',
    name: 'User name and password',
    credentials: { username: { label: 'User name', type: 'text' }, password: { label: 'Password', type: 'password' } },
    async authorize(input, req) {
      const headers = (req?.headers ?? {}) as Record<string, string>;
      const result = await signInWithPassword({
        name: String(input?.username ?? ''),
        password: String(input?.password ?? ''),
        address: clientAddress(headers),
      }, new Date(), undefined, { queue: passwordQueue({ concurrency: config.limits.passwordChecks, maxWaiting: 64 }) });
      // next-auth hands this message to the sign-in form (signIn(..., { redirect: false }).error).
      if (!result.ok) throw new Error(result.message);
      return { id: result.user.id, name: result.user.name, address: clientAddress(headers), userAgent: headers['user-agent'] ?? null };
    },
  });

  cached = {
    secret: config.secret,
    useSecureCookies: config.secureCookies,
    session: { strategy: 'jwt', maxAge: policy.maxAgeSeconds },
    jwt: { maxAge: policy.maxAgeSeconds },
    cookies: {
      sessionToken: {
        name: sessionCookieName(config.secureCookies),
        options: { httpOnly: true, sameSite: 'lax', path: '/', secure: config.secureCookies },
      },
    },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers: config.oidc ? [credentials, oidcProvider(config.oidc)] : [credentials],
    callbacks: {
      // Only ever back to this console (resolved against the public URL, control characters refused).
      async redirect({ url }) {
        return new URL(safeCallbackUrl(url, config.publicUrl), config.publicUrl).toString();
      },
      async signIn({ account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const result = await signInWithOidc((profile ?? {}) as Record<string, unknown>, config.oidc!);
        return result.ok ? true : `/sign-in?error=${result.code}`;
      },
      async jwt({ token, user, account, trigger }) {
        if (trigger === 'signIn' && user && account) {
          const dbUser = account.provider === OIDC_PROVIDER_ID ? await findUserByOidcSubject(account.providerAccountId) : await findUserById(user.id);
          if (!dbUser) throw new Error('signed-in user not found');
          const extra = user as { address?: string | null; userAgent?: string | null };
          const sid = await startSession(dbUser, { provider: account.provider, address: extra.address, userAgent: extra.userAgent }, policy);
          return { sub: dbUser.id, name: dbUser.name, sid };
        }
        // Every later read of the cookie through next-auth (its session endpoint): still valid?
        const result = typeof token.sid === 'string' ? await resolveSession(token.sid, policy) : ({ ok: false, reason: 'unknown' } as const);
        if (!result.ok) throw new SessionEndedError(result.reason);
        return token;
      },
      async session({ session, token }) {
        return { expires: session.expires, user: { name: typeof token.name === 'string' ? token.name : null } };
      },
    },
    events: {
      async signOut({ token }) {
        const sid = typeof token?.sid === 'string' ? token.sid : null;
        if (!sid) return;
        const ended = await endSession(sid, 'signed out', new Date());
        if (ended) {
          const user = typeof token.sub === 'string' ? await findUserById(token.sub) : null;
          await recordAudit({ actor: user ?? String(token.name ?? 'unknown'), action: 'auth.sign-out', target: user?.name ?? null, outcome: 'success' });
        }
      },
    },
    logger: {
      error(code, metadata) {
        const err = (metadata as { error?: unknown })?.error ?? metadata;
        if (err instanceof Error && err.name === 'SessionEndedError') return;
        console.error(`trellis: sign-in error ${code}: ${err instanceof Error ? describeErrorForLog(err) : 'see the audit log'}`);
      },
      warn(code) {
        console.warn(`trellis: sign-in warning ${code}`);
      },
      debug() {},
    },
  };
  return cached;
}
