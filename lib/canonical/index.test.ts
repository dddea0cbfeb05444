import { describe, expect, it } from 'vitest';
import { canonicalHash, canonicalJson, Hash53, hash53 } from './index';

const values: unknown[] = [
  null,
  undefined,
  0,
  -0,
  7,
  80,
  2 ** 31,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 1,
  1e21,
  -3,
  1.5,
  NaN,
  Infinity,
  true,
  false,
  '',
  'plain',
  'quote " and \\ backslash',
  'control \u0001 and line\nbreak',
  'lone \ud800 surrogate and paired \ud83d\ude00',
  [],
  [1, undefined, () => 1, 'a', null],
  {},
  { b: 1, a: 2, c: undefined, d: () => 1 },
  { '10': 'ten', '2': 'two', b: 'b', a: 'a', '01': 'not an index' },
  { spec: { name: 'svc', defaultAction: { forward: { targetGroups: [{ weight: 100, targetGroupIdentifier: 'targetGroup:1:us-east-1:tg' }] } } }, tags: { team: 't1' } },
  { nested: [{ z: [{ y: 1, x: [null, {}] }] }], 'key "quoted"': '\u2028' },
];

describe('canonicalHash', () => {
  it('is hash53 over the canonical JSON text, for every kind of value', () => {
    for (const value of values) expect(canonicalHash(value)).toBe(hash53(canonicalJson(value)));
  });

  it('takes a seed as hash53 does', () => {
    expect(canonicalHash({ a: 1 }, 7)).toBe(hash53(canonicalJson({ a: 1 }), 7));
    expect(canonicalHash({ a: 1 }, 7)).not.toBe(canonicalHash({ a: 1 }));
  });
});

describe('Hash53', () => {
  it('fed piece by piece gives the digest of the pieces joined', () => {
    const h = new Hash53();
    h.text('{"a":');
    h.quoted('b "c"');
    h.char(125);
    expect(h.digest()).toBe(hash53(`{"a":${JSON.stringify('b "c"')}}`));
  });
});

describe('hash53', () => {
  it('gives the digests it always gave (fingerprints stored with plans are compared with new ones)', () => {
    expect(hash53('')).toBe('wvjl67o803');
    expect(hash53('a')).toBe('262p94epp1d');
    expect(hash53('{"spec":{},"tags":null}')).toBe('1n44d34ot9w');
    expect(hash53('x'.repeat(1000))).toBe('21ded0ooxff');
    expect(hash53('quote " é \ud83d\ude00')).toBe('2gfgzw6ao95');
    expect(canonicalHash('quote " é \ud83d\ude00')).toBe(hash53(JSON.stringify('quote " é \ud83d\ude00')));
  });
});
