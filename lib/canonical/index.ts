// Canonical JSON and a short hash over it: the one way Trellis tells two states apart (plan
// fingerprints, share fingerprint entries, client tokens, policy comparison, lattice-local's
// clientToken replays). A leaf: it imports nothing, so every layer may use it.

/** JSON text with sorted keys (undefined members left out, as JSON.stringify does): equal data, equal text. */
export function canonicalJson(value: unknown): string {
  return canonicalText(value) ?? 'undefined';
}

/**
 * What JSON.stringify would write for `value` with every object's keys sorted, written
 * directly (plans hash every resource of an estate, so no sorted copy is built first).
 * Undefined where JSON.stringify leaves the value out.
 */
function canonicalText(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return quoted(value);
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      return value === undefined || typeof value === 'function' || typeof value === 'symbol' ? undefined : JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (canonicalText(value[i]) ?? 'null');
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = sortedKeys(record);
  let out = '{';
  let first = true;
  for (const key of keys) {
    const text = canonicalText(record[key]);
    if (text === undefined) continue;
    out += `${first ? '' : ','}${quoted(key)}:${text}`;
    first = false;
  }
  return `${out}}`;
}

/** Characters JSON.stringify escapes (control characters, quote, backslash, surrogates). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as JSON text; most strings need no escape, so they skip JSON.stringify. */
function quoted(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/**
 * Keys in the order a sorted copy built with Object.fromEntries has them: sorted, except
 * that integer-like keys (array indices) come first in numeric order, as JavaScript orders
 * an object's own keys. Kept so every hash stays what it was.
 */
function sortedKeys(record: Record<string, unknown>): readonly string[] {
  // Objects of one kind have the same keys in the same order: their sorted list is found
  // among the last ones made rather than made again. The keys are read without a new list.
  let n = 0;
  for (const key in record) if (Object.hasOwn(record, key)) OWN_KEYS[n++] = key;
  search: for (let s = 0; s < SHAPES.length; s++) {
    const shape = SHAPES[s];
    if (shape.keys.length !== n) continue;
    for (let i = 0; i < n; i++) if (shape.keys[i] !== OWN_KEYS[i]) continue search;
    return shape.sorted;
  }
  const sorted = sortKeys(OWN_KEYS.slice(0, n));
  // Large objects are rare and would keep their keys here: not kept.
  if (n > 64) return sorted;
  SHAPES[nextShape] = { keys: OWN_KEYS.slice(0, n), sorted };
  nextShape = (nextShape + 1) % MAX_SHAPES;
  return sorted;
}

/** The own keys of the object sortedKeys reads (a scratch list, never shortened: shortening gives its room back). */
const OWN_KEYS: string[] = [];

/** Key lists in own order with their sorted order, for the last objects of distinct shapes. */
const SHAPES: { keys: readonly string[]; sorted: readonly string[] }[] = [];
const MAX_SHAPES = 32;
let nextShape = 0;

function sortKeys(keys: string[]): string[] {
  // Objects of specs have a handful of keys: sorted in place, as Array.prototype.sort would
  // (by UTF-16 code units), since sort allocates work space on every call.
  if (keys.length > 16) keys.sort();
  else {
    for (let i = 1; i < keys.length; i++) {
      const key = keys[i];
      let j = i - 1;
      for (; j >= 0 && keys[j] > key; j--) keys[j + 1] = keys[j];
      keys[j + 1] = key;
    }
  }
  let indices: string[] | undefined;
  for (const key of keys) if (isArrayIndex(key)) (indices ??= []).push(key);
  if (!indices) return keys;
  indices.sort((a, b) => Number(a) - Number(b));
  return [...indices, ...keys.filter((k) => !isArrayIndex(k))];
}

function isArrayIndex(key: string): boolean {
  const c = key.charCodeAt(0);
  if (c < 48 || c > 57) return false;
  const n = Number(key);
  return Number.isInteger(n) && n >= 0 && n < 4294967295 && String(n) === key;
}

/** cyrb53: a fast 53-bit string hash, plenty to tell states apart (not a security boundary). */
export function hash53(text: string, seed = 0): string {
  const h = new Hash53(seed);
  h.text(text);
  return h.digest();
}

/**
 * hash53(canonicalJson(value)), computed while walking `value` rather than over its text:
 * plans hash every resource of an estate, and the text would only be read once.
 */
export function canonicalHash(value: unknown, seed = 0): string {
  const h = new Hash53(seed);
  if (!h.value(value)) h.text('undefined');
  return h.digest();
}

/** The state of a cyrb53 hash fed piece by piece: the same digest as hash53 over the pieces joined. */
export class Hash53 {
  private h1: number;
  private h2: number;

  constructor(seed = 0) {
    this.h1 = 0xdeadbeef ^ seed;
    this.h2 = 0x41c6ce57 ^ seed;
  }

  /** Feeds the characters of `text`. */
  text(text: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  /** Feeds one character code. */
  char(ch: number): void {
    this.h1 = Math.imul(this.h1 ^ ch, 2654435761);
    this.h2 = Math.imul(this.h2 ^ ch, 1597334677);
  }

  /** Feeds the decimal digits of a safe non-negative integer (what JSON.stringify writes for it; -0 writes 0). */
  digits(n: number): void {
    if (n >= 10) this.digits(Math.floor(n / 10));
    this.char(48 + (n % 10));
  }

  /** Feeds a string as JSON text (quoted, escaped as JSON.stringify escapes it). */
  quoted(text: string): void {
    // Hashed while looking for a character to escape (few strings have one): then the text is
    // hashed again from the opening quote, as JSON.stringify writes it.
    const h1 = this.h1;
    const h2 = this.h2;
    let a = Math.imul(h1 ^ 34, 2654435761);
    let b = Math.imul(h2 ^ 34, 1597334677);
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch < 32 || ch === 34 || ch === 92 || (ch >= 0xd800 && ch <= 0xdfff)) {
        this.h1 = h1;
        this.h2 = h2;
        return this.text(JSON.stringify(text));
      }
      a = Math.imul(a ^ ch, 2654435761);
      b = Math.imul(b ^ ch, 1597334677);
    }
    this.h1 = Math.imul(a ^ 34, 2654435761);
    this.h2 = Math.imul(b ^ 34, 1597334677);
  }

  /** Feeds canonicalText(value); false (and nothing fed) where that is undefined. */
  value(value: unknown): boolean {
    if (value === null) {
      this.text('null');
      return true;
    }
    switch (typeof value) {
      case 'string':
        this.quoted(value);
        return true;
      case 'boolean':
        this.text(value ? 'true' : 'false');
        return true;
      case 'number':
        // Most numbers of a spec are small whole ones (ports, priorities, weights): their digits are fed without writing them out.
        if (Number.isSafeInteger(value) && value >= 0) this.digits(value);
        else this.text(JSON.stringify(value));
        return true;
      case 'object':
        break;
      default:
        if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return false;
        this.text(JSON.stringify(value));
        return true;
    }
    if (Array.isArray(value)) {
      this.char(91);
      for (let i = 0; i < value.length; i++) {
        if (i) this.char(44);
        if (!this.value(value[i])) this.text('null');
      }
      this.char(93);
      return true;
    }
    const record = value as Record<string, unknown>;
    this.char(123);
    let first = true;
    for (const key of sortedKeys(record)) {
      const member = record[key];
      if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
      if (!first) this.char(44);
      this.quoted(key);
      this.char(58);
      this.value(member);
      first = false;
    }
    this.char(125);
    return true;
  }

  digest(): string {
    let { h1, h2 } = this;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return base36(4294967296 * (2097151 & h2) + (h1 >>> 0));
  }
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Character codes of the digits of a base-36 number, last first (11 digits hold 2^53). */
const BASE36 = new Uint16Array(11);

/**
 * What `n.toString(36)` writes for a non-negative integer below 2^53, without the runtime's
 * general radix conversion, made as one string (a plan makes one per resource of an estate).
 */
function base36(n: number): string {
  let i = BASE36.length;
  do {
    const q = Math.floor(n / 36);
    BASE36[--i] = DIGITS.charCodeAt(n - q * 36);
    n = q;
  } while (n > 0);
  return String.fromCharCode.apply(null, BASE36.subarray(i) as unknown as number[]);
}

/**
 * True when a JSON text nests arrays and objects deeper than `limit` (strings skipped), checked
 * before JSON.parse so a hostile body cannot exhaust the stack. Used by the console's route
 * bodies and by lattice-local's protocols.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}
