// @ts-check
const securityHeaders = require('./lib/auth/security-headers.js');

/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  poweredByHeader: false,
  // forbidden(): a signed-in user without the role gets a 403 page naming it, not a 404.
  experimental: { authInterrupts: true },
  // Lets two servers (a test run and a dev session) build side by side.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // PGlite ships WASM and data files that the bundler must not rewrite; pg and pg-boss load
  // the PostgreSQL driver at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'pg-boss'],
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders.common },
      // Pages get theirs, with a nonce, from proxy.ts.
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: securityHeaders.nonPageCsp }] },
    ];
  },
};
