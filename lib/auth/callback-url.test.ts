// Issue 12, point 6: no open redirect after sign-in.
import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './sign-in-messages';

const base = 'https://trellis.example.com';
/** Where a browser would go, reading the answer the way it reads a Location (it drops tabs and newlines). */
const browserTarget = (value: string) => new URL(value.replace(/[\t\n\r]/g, ''), base);

describe('callbackUrl after sign-in', () => {
  it('refuses "/%09/evil.example/" and its relatives: the browser stays on the console', () => {
    const attacks = [
      decodeURIComponent('/%09/evil.example/'),
      '/\t/evil.example/',
      '/\n/evil.example',
      '\t//evil.example',
      '/\r\n/evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      '//evil.example',
      'https://evil.example/',
      'http://trellis.example.com/',
      'https://trellis.example.com:8443/',
      'javascript:alert(1)',
      '/\u0000/evil.example',
      ' //evil.example',
    ];
    for (const attack of attacks) {
      const answer = safeCallbackUrl(attack, base);
      expect(browserTarget(answer).origin, attack).toBe(base);
      expect(answer.startsWith('/') && !answer.startsWith('//'), attack).toBe(true);
    }
    expect(safeCallbackUrl(decodeURIComponent('/%09/evil.example/'), base)).toBe('/');
  });

  it('keeps paths on this console, with their query and fragment', () => {
    expect(safeCallbackUrl('/audit?action=user.create', base)).toBe('/audit?action=user.create');
    expect(safeCallbackUrl('/designs/abc#canvas', base)).toBe('/designs/abc#canvas');
    expect(safeCallbackUrl('https://trellis.example.com/plans?x=1', base)).toBe('/plans?x=1');
    expect(safeCallbackUrl('plans', base)).toBe('/plans');
  });
});
