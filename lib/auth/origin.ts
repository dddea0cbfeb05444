// Cross-site request forgery defence for route handlers (next-auth protects only its own
// routes, and Next.js only server actions): a state-changing request that authenticates with
// the session cookie must come from the console's own origin.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isMutating(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Null when the request comes from the console's own pages; otherwise why it is refused.
 * Accepted: an Origin equal to the public URL's origin or to the origin the request was sent
 * to (its Host), or, without Origin, `Sec-Fetch-Site: same-origin`. `Origin: null` is refused.
 */
export function originProblem(headers: Headers, publicUrl: string): string | null {
  const origin = headers.get('origin');
  if (!origin) {
    if (headers.get('sec-fetch-site') === 'same-origin') return null;
    return 'Cross-site request refused: the Origin header is missing. Send requests from the console, or authenticate with an API token.';
  }
  if (origin === 'null') return 'Cross-site request refused: Origin is "null".';
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return 'Cross-site request refused: the Origin header is not a URL.';
  }
  try {
    if (new URL(publicUrl).origin === origin) return null;
  } catch {
    // a bad public URL is reported by the configuration check
  }
  const host = headers.get('x-forwarded-host')?.split(',')[0].trim() || headers.get('host');
  if (host && originHost === host) return null;
  return `Cross-site request refused: Origin ${origin} is not this console.`;
}

/**
 * The client's address for throttling and audit: the last X-Forwarded-For hop (the one the
 * nearest proxy, or Next.js itself, added), else X-Real-IP.
 */
export function clientAddress(headers: Headers | Record<string, string | string[] | undefined>): string | null {
  const get = (name: string): string | null => {
    if (headers instanceof Headers) return headers.get(name);
    const value = headers[name];
    return Array.isArray(value) ? value.join(',') : (value ?? null);
  };
  const forwarded = get('x-forwarded-for');
  const last = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).pop();
  const address = last || get('x-real-ip')?.trim() || null;
  return address ? address.replace(/^::ffff:/, '').slice(0, 64) : null;
}
