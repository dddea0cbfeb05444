/** True when a query failed on a unique constraint (PostgreSQL code 23505), under either driver. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint: name } = e as { code?: string; constraint?: string };
    if (code === '23505') return !constraint || name === undefined || name === constraint;
  }
  return false;
}

/**
 * An error as the server log may show it: for a failed query, the driver's code and message
 * (never the query's parameters: they may hold a password hash or a token); for anything
 * else, its name, message and stack frames.
 */
export function describeErrorForLog(err: unknown): string {
  const frames = (e: unknown) => {
    const stack = (e as { stack?: unknown })?.stack;
    if (typeof stack !== 'string') return '';
    const at = stack.indexOf('\n    at ');
    return at >= 0 ? stack.slice(at) : '';
  };
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if ('params' in e && 'query' in e) {
      const cause = (e as { cause?: { code?: unknown; message?: unknown } }).cause;
      const code = typeof cause?.code === 'string' ? cause.code : 'unknown';
      const message = typeof cause?.message === 'string' ? cause.message : 'the query failed';
      return `database error ${code}: ${message}${frames(e)}`;
    }
  }
  if (err instanceof Error) return `${err.name}: ${err.message}${frames(err)}`;
  return String(err);
}
