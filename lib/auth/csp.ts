// The pages' Content-Security-Policy, with a fresh nonce per request (proxy.ts makes one and
// Next.js puts it on every script it renders). No 'unsafe-inline' for scripts: an injected
// <script> or event handler does not run. 'strict-dynamic' lets the nonce'd scripts load the
// app's chunks. Styles keep 'unsafe-inline': React Flow positions boxes with style attributes,
// which a nonce cannot cover. Eval only in development (React's dev tooling).
export function pageContentSecurityPolicy(nonce: string, options: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${options.dev ? ' ws: wss:' : ''}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** 128 random bits, base64: unguessable, fresh per request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
