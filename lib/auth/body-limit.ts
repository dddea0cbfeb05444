// Request bodies are bounded before they are parsed: a Content-Length over the limit is refused
// at once, and a body without one is read only up to the limit (the rest is never buffered).
// Beyond it: 413. JSON nested deeper than MAX_JSON_DEPTH is a 400 before JSON.parse sees it.
//
// Limits per route (documented in lib/auth/README.md):
//   sign-in (next-auth's POST routes)   64 KB, fixed
//   designs: create, save               TRELLIS_MAX_DESIGN_BODY_KB (2 MB)
//   every other JSON route              TRELLIS_MAX_BODY_KB (256 KB)
import { getConfig } from '@/lib/config';
import { jsonDepthExceeds } from '@/lib/canonical';
import { badRequest, RequestError } from './errors';
import { refuseUnsafeText } from './text-safety';

export const SIGN_IN_BODY_BYTES = 64 * 1024;
export const MAX_JSON_DEPTH = 64;

export type BodyLimit = 'default' | 'design' | number;

export function bodyLimitBytes(limit: BodyLimit = 'default'): number {
  if (typeof limit === 'number') return limit;
  const { limits } = getConfig();
  return limit === 'design' ? limits.designBodyBytes : limits.bodyBytes;
}

function describeBytes(n: number): string {
  return n >= 1024 * 1024 && n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`;
}

export function tooLarge(maxBytes: number): RequestError {
  return new RequestError(413, `The request body is larger than this route accepts (${describeBytes(maxBytes)}).`, [
    { path: '(body)', rule: `at most ${describeBytes(maxBytes)}` },
  ]);
}

/** The body as text, refusing (413) past `maxBytes` without reading further. */
export async function readBodyText(req: Request, maxBytes: number): Promise<string> {
  const declared = req.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}

/** Parses a bounded JSON body: 413 past the limit, 400 naming the body when empty, not JSON, or too deep. */
export async function readJsonLimited(req: Request, limit: BodyLimit = 'default'): Promise<unknown> {
  const text = await readBodyText(req, bodyLimitBytes(limit));
  if (!text.trim()) throw badRequest('The request body is empty; send a JSON object.', [{ path: '(body)', rule: 'a JSON object' }]);
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
    throw badRequest(`The request body nests deeper than ${MAX_JSON_DEPTH} levels.`, [{ path: '(body)', rule: `JSON nested at most ${MAX_JSON_DEPTH} levels deep` }]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON.', [{ path: '(body)', rule: 'valid JSON' }]);
  }
  refuseUnsafeText(value, 'body');
  return value;
}
