// Runs before pages render. It tells the page which path was asked for, so that a visitor
// sent to the sign-in page comes back to it afterwards, and gives each page view a fresh
// CSP nonce (lib/auth/csp.ts; Next.js reads it from the request's Content-Security-Policy
// header and puts it on its scripts). It authorizes nothing: every page, route handler and
// server action checks the session and role itself.
import { NextResponse, type NextRequest } from 'next/server';
import { newNonce, pageContentSecurityPolicy } from '@/lib/auth/csp';

export const REQUESTED_PATH_HEADER = 'x-trellis-path';

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const csp = pageContentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === 'development', https: (process.env.NEXTAUTH_URL ?? '').startsWith('https://') });
  const headers = new Headers(request.headers);
  headers.set(REQUESTED_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  headers.set('x-nonce', nonce);
  headers.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  // Pages only: not the API, Next's own files, or static assets.
  matcher: ['/((?!api/|_next/|favicon\\.ico|.*\\.[a-z0-9]+$).*)'],
};
