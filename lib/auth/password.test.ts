import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and refuses others', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = [await hashPassword('same'), await hashPassword('same')];
    expect(a).not.toBe(b);
    expect(await verifyPassword('same', a)).toBe(true);
    expect(await verifyPassword('same', b)).toBe(true);
  });

  it('treats equivalent Unicode spellings as the same password', async () => {
    const composed = 'caf\u00e9-pass';
    const decomposed = 'cafe\u0301-pass';
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });

  it('reads the parameters from the stored hash, so they can be raised later', async () => {
    const hash = await hashPassword('p');
    const [, , r, p, salt, key] = hash.split('$');
    expect(await verifyPassword('p', ['scrypt', 32768, r, p, salt, key].join('$'))).toBe(true);
    expect(await verifyPassword('p', ['scrypt', 16384, r, p, salt, key].join('$'))).toBe(false);
  });

  it('never matches a malformed or foreign hash', async () => {
    for (const stored of ['', 'plain', 'scrypt$1$2$3', 'bcrypt$x$y$z$a$b', 'scrypt$abc$8$1$c2FsdA$a2V5', 'scrypt$2097152$8$1$c2FsdA$a2V5']) {
      expect(await verifyPassword('p', stored)).toBe(false);
    }
  });
});
