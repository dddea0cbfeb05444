// Security headers for every response, required by next.config.js (CommonJS, so it loads
// before TypeScript does). The CSP allows what Next.js and React Flow need: inline scripts
// for Next's streaming bootstrap (no nonces, so pages can stay cacheable), inline styles for
// React Flow's positioning, blob: workers for the layout engine, and eval only in development.
// Next.js evaluates these when it builds (`next build`), so NEXTAUTH_URL must already be the
// public URL then for the https-only headers (HSTS, upgrade-insecure-requests) to be sent.
const isDev = process.env.NODE_ENV === 'development';
const isHttps = (process.env.NEXTAUTH_URL || '').startsWith('https://');

const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${isDev ? ' ws: wss:' : ''}`,
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  ...(isHttps ? ['upgrade-insecure-requests'] : []),
].join('; ');

module.exports = [
  { key: 'Content-Security-Policy', value: csp },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
  ...(isHttps ? [{ key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }] : []),
];
