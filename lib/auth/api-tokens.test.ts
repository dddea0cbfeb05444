import { describe, expect, it } from 'vitest';
import { bearerToken, generateApiToken, hashApiToken, looksLikeApiToken } from './api-tokens';

describe('API tokens', () => {
  it('generates distinct tokens with a recognisable prefix, stored as a SHA-256', () => {
    const a = generateApiToken();
    const b = generateApiToken();
    expect(a.token).not.toBe(b.token);
    expect(a.token).toMatch(/^trellis_[A-Za-z0-9_-]{43}$/);
    expect(looksLikeApiToken(a.token)).toBe(true);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).toBe(hashApiToken(a.token));
    expect(a.hash).not.toContain(a.token.slice(8));
    expect(a.prefix).toBe(a.token.slice(0, 14));
  });

  it('hashes a token to its SHA-256 (a known answer), and different tokens differently', () => {
    // Known answer: SHA-256 of "abc".
    expect(hashApiToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashApiToken('trellis_x')).not.toBe(hashApiToken('trellis_y'));
  });

  it('reads only the Bearer scheme', () => {
    expect(bearerToken('Bearer trellis_abc')).toBe('trellis_abc');
    expect(bearerToken('bearer   trellis_abc  ')).toBe('trellis_abc');
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeNull();
    expect(bearerToken('Bearer')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
    expect(bearerToken(null)).toBeNull();
  });

  it('rejects strings that cannot be tokens before any lookup', () => {
    expect(looksLikeApiToken('trellis_short')).toBe(false);
    expect(looksLikeApiToken(`other_${'a'.repeat(43)}`)).toBe(false);
    expect(looksLikeApiToken(`trellis_${'a'.repeat(42)}!`)).toBe(false);
  });
});
