// Cross-site request forgery defence for route handlers (next-auth protects only its own
// routes, and Next.js only server actions): a state-changing request that authenticates with
// the session cookie must come from the console's own origin.

import { getConfig } from '@/lib/config';
import { parseTrustedProxies, resolveClientAddress, type TrustedProxies } from './client-address';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isMutating(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Null when the request comes from the console's own pages; otherwise why it is refused.
 * Accepted: an Origin whose scheme, host and port equal the configured public URL's
 * (NEXTAUTH_URL), or, without Origin, `Sec-Fetch-Site: same-origin` (set by the browser,
 * never by a page). `Host` and `X-Forwarded-Host` are never consulted: a client sets them.
 * `Origin: null` is refused.
 */
export function originProblem(headers: Headers, publicUrl: string): string | null {
  const origin = headers.get('origin');
  if (!origin) {
    if (headers.get('sec-fetch-site') === 'same-origin') return null;
    return 'Cross-site request refused: the Origin header is missing. Send requests from the console, or authenticate with an API token.';
  }
  if (origin === 'null') return 'Cross-site request refused: Origin is "null".';
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return 'Cross-site request refused: the Origin header is not a URL.';
  }
  let expected: string | null = null;
  try {
    expected = new URL(publicUrl).origin;
  } catch {
    // a bad public URL is reported by the configuration check
  }
  if (expected !== null && parsed.origin === expected && origin.replace(/\/$/, '') === expected) return null;
  return `Cross-site request refused: Origin ${origin} is not this console (${expected ?? 'no public URL configured'}).`;
}

/**
 * The client's address for throttling and audit: the connection's own address, or, behind a
 * configured trusted proxy (TRELLIS_TRUSTED_PROXIES), the first untrusted X-Forwarded-For hop
 * from the right. See client-address.ts.
 */
export function clientAddress(headers: Headers | Record<string, string | string[] | undefined>): string | null {
  return resolveClientAddress(headers, configuredTrustedProxies());
}

let cachedProxies: { source: readonly string[]; parsed: TrustedProxies } | null = null;
function configuredTrustedProxies(): TrustedProxies {
  let source: readonly string[] = [];
  try {
    source = getConfig().trustedProxies;
  } catch {
    // no valid configuration (a unit test): no proxy is trusted
  }
  if (cachedProxies?.source !== source) cachedProxies = { source, parsed: parseTrustedProxies(source) };
  return cachedProxies.parsed;
}
