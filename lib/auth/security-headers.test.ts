import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { newNonce, pageContentSecurityPolicy } from './csp';
import { safeCallbackUrl, signInNotice } from './sign-in-messages';

const require = createRequire(import.meta.url);

describe('security headers', () => {
  const { common, nonPageCsp }: { common: { key: string; value: string }[]; nonPageCsp: string } = require('./security-headers.js');
  const get = (key: string) => common.find((h) => h.key === key)?.value;

  it('pages get a nonce CSP without unsafe-inline scripts or eval (issue 12, point 13)', () => {
    const csp = pageContentSecurityPolicy('bm9uY2U=', { dev: false, https: false });
    expect(csp).toContain("script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic';");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("base-uri 'none'");
    expect(pageContentSecurityPolicy('x', { dev: true, https: true })).toMatch(/'unsafe-eval'.*upgrade-insecure-requests/);
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
  });

  it('everything else runs nothing', () => {
    expect(nonPageCsp).toContain("default-src 'none'");
    expect(nonPageCsp).toContain("frame-ancestors 'none'");
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
