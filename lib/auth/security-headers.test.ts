import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { safeCallbackUrl, signInNotice } from './sign-in-messages';

const require = createRequire(import.meta.url);

describe('security headers', () => {
  const headers: { key: string; value: string }[] = require('./security-headers.js');
  const get = (key: string) => headers.find((h) => h.key === key)?.value;

  it('sends a CSP that forbids framing, plugins and foreign scripts but lets Next.js and React Flow run', () => {
    const csp = get('Content-Security-Policy')!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'unsafe-inline'(;|$)/); // no eval outside development
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("base-uri 'none'");
  });

  it('sends nosniff, a referrer policy and no framing', () => {
    expect(get('X-Content-Type-Options')).toBe('nosniff');
    expect(get('X-Frame-Options')).toBe('DENY');
    expect(get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
  });
});

describe('sign-in page inputs', () => {
  it('only returns to paths on this console', () => {
    const base = 'https://trellis.example.com';
    expect(safeCallbackUrl('/admin/users?x=1', base)).toBe('/admin/users?x=1');
    expect(safeCallbackUrl('https://trellis.example.com/audit', base)).toBe('/audit');
    for (const evil of ['//evil.example', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) expect(safeCallbackUrl(evil, base)).toBe('/');
    expect(safeCallbackUrl(undefined, base)).toBe('/');
  });

  it('says known errors in words and never echoes text from the URL', () => {
    expect(signInNotice({ error: 'AccountDisabled' })).toMatch(/disabled/);
    expect(signInNotice({ error: 'Visit evil.example to reset your password' })).toBe('Sign-in failed. Try again.');
    expect(signInNotice({ reason: 'ended' })).toBe('Your session has ended. Sign in again.');
    expect(signInNotice({})).toBeNull();
  });
});
