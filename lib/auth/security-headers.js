// Security headers for every response, required by next.config.js (CommonJS, so it loads
// before TypeScript does). Pages get their Content-Security-Policy, with a per-request nonce,
// from proxy.ts (lib/auth/csp.ts); everything else (API answers, Next's files) gets a policy
// that runs nothing, below.
// Next.js evaluates these when it builds (`next build`), so NEXTAUTH_URL must already be the
// public URL then for the https-only headers (HSTS) to be sent.
const isHttps = (process.env.NEXTAUTH_URL || '').startsWith('https://');

/** For responses that are not pages: nothing may run or be framed. */
const nonPageCsp = ["default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"].join('; ');

const common = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
  ...(isHttps ? [{ key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }] : []),
];

module.exports = { common, nonPageCsp };
