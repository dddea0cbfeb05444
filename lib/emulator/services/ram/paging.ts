// RAM pagination: maxResults 1–500 (the model checks the range), an opaque nextToken bound
// to the operation and its filters, so a token cannot be forged or replayed elsewhere.
import { createHash } from 'node:crypto';
import { invalidNextToken } from './errors';

/** Page size when a RAM call gives no maxResults (the model's maximum). */
export const RAM_DEFAULT_PAGE_SIZE = 500;

function fingerprint(scope: string): string {
  return createHash('sha256').update(scope).digest('base64url').slice(0, 16);
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/**
 * One page of `items` (already filtered and in stable order). `scope` names the operation,
 * the caller and the filters; a token minted for another scope is refused.
 */
export function paginate<T>(items: readonly T[], input: { maxResults?: number; nextToken?: string }, scope: string): Page<T> {
  const size = input.maxResults ?? RAM_DEFAULT_PAGE_SIZE;
  const print = fingerprint(scope);
  let start = 0;
  if (input.nextToken !== undefined) {
    let decoded: { o?: unknown; f?: unknown };
    try {
      decoded = JSON.parse(Buffer.from(input.nextToken, 'base64url').toString('utf8'));
    } catch {
      throw invalidNextToken();
    }
    if (typeof decoded?.o !== 'number' || !Number.isInteger(decoded.o) || decoded.o < 0 || decoded.f !== print) throw invalidNextToken();
    start = decoded.o;
  }
  const end = start + size;
  const page = items.slice(start, end);
  return end < items.length ? { items: page, nextToken: Buffer.from(JSON.stringify({ o: end, f: print })).toString('base64url') } : { items: page };
}
