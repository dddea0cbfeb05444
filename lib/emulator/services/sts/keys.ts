// Access keys as AWS makes them: a four-letter prefix (AKIA long-term, ASIA temporary) and
// sixteen base32 characters whose first 40 bits, shifted, carry the account id.
import { randomBytes } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

function base32Decode(text: string): Uint8Array | undefined {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const c of text) {
    const v = BASE32.indexOf(c);
    if (v < 0) return undefined;
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

/** The account an `AKIA…`/`ASIA…` key id encodes, or undefined when it encodes none. */
export function accountOfEncodedKey(accessKeyId: string): string | undefined {
  if (!/^(AKIA|ASIA)[A-Z2-7]{16}$/.test(accessKeyId)) return undefined;
  const bytes = base32Decode(accessKeyId.slice(4));
  if (!bytes || bytes.length < 6) return undefined;
  let z = 0n;
  for (let i = 0; i < 6; i++) z = (z << 8n) | BigInt(bytes[i]!);
  const account = (z & 0x7fffffffff80n) >> 7n;
  return account.toString().padStart(12, '0');
}

/** A fresh key id of `prefix` that encodes `account`. */
export function mintAccessKeyId(account: string, prefix: 'AKIA' | 'ASIA' = 'ASIA'): string {
  const bytes = randomBytes(10);
  const z = (BigInt(account) << 7n) | BigInt(bytes[5]! & 0x7f);
  for (let i = 5; i >= 0; i--) bytes[i] = Number((z >> BigInt((5 - i) * 8)) & 0xffn);
  return prefix + base32Encode(bytes);
}

export const isAccountId = (value: string) => /^\d{12}$/.test(value);
