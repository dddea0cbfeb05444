// Text that PostgreSQL cannot store (NUL) or that is not Unicode (a lone UTF-16 surrogate) is
// refused where it enters: the JSON body, the path parameters and the query string, with a 400
// naming the field. Otherwise it reaches the database, fails there as a 500 half-way through
// an operation, and its parameters end up in the server log.
import { badRequest, type FieldProblem } from './errors';

export const SAFE_TEXT_RULE = 'text without NUL characters or unpaired UTF-16 surrogates';

const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isSafeText(value: string): boolean {
  return !UNSAFE.test(value);
}

/** The first field of a parsed JSON value holding unsafe text (a key or a string), or null. */
export function unsafeTextField(value: unknown, path: string[] = []): FieldProblem | null {
  const name = () => (path.length ? path.join('.') : '(body)');
  if (typeof value === 'string') return isSafeText(value) ? null : { path: name(), rule: SAFE_TEXT_RULE };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unsafeTextField(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (!isSafeText(key)) return { path: [...path, '(key)'].join('.') || '(key)', rule: SAFE_TEXT_RULE };
      const found = unsafeTextField(child, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** Throws a 400 naming the first field with unsafe text. `where` says what the fields are (body, path, query). */
export function refuseUnsafeText(value: unknown, where: 'body' | 'path' | 'query'): void {
  const problem = unsafeTextField(value);
  if (!problem) return;
  const field = where === 'body' ? problem.path : `${where === 'path' ? '(path) ' : '(query) '}${problem.path}`;
  throw badRequest(`Invalid input: ${field} must be ${SAFE_TEXT_RULE}.`, [{ path: field, rule: SAFE_TEXT_RULE }]);
}
