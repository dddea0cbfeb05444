// Every SDK call discovery makes goes through `call`: it waits its turn in the account's
// pool and is counted, both as a call and as HTTP attempts (retries included).

import type { Pool } from './pool';

export interface CallStats {
  /** Calls as the code made them. */
  calls: number;
  /** HTTP requests sent, retries included (the SDK's `$metadata.attempts`). */
  attempts: number;
  /** Calls that ended in an error after their retries (expected answers such as "no policy" included). */
  failures: number;
  byOperation: Record<string, number>;
}

export function emptyStats(): CallStats {
  return { calls: 0, attempts: 0, failures: 0, byOperation: {} };
}

export function addStats(into: CallStats, from: CallStats): CallStats {
  into.calls += from.calls;
  into.attempts += from.attempts;
  into.failures += from.failures;
  for (const [op, n] of Object.entries(from.byOperation)) into.byOperation[op] = (into.byOperation[op] ?? 0) + n;
  return into;
}

export interface CallContext {
  account: string;
  region: string;
  pool: Pool;
  stats: CallStats;
  signal?: AbortSignal;
  /** Called after every finished call (progress reporting). */
  onCall?: () => void;
}

interface WithMetadata {
  $metadata?: { attempts?: number };
}

export async function call<T>(ctx: CallContext, operation: string, send: () => Promise<T>): Promise<T> {
  return ctx.pool.run(async () => {
    if (ctx.signal?.aborted) throw Object.assign(new Error('discovery was cancelled'), { name: 'AbortError' });
    ctx.stats.calls += 1;
    ctx.stats.byOperation[operation] = (ctx.stats.byOperation[operation] ?? 0) + 1;
    try {
      const out = await send();
      ctx.stats.attempts += (out as WithMetadata).$metadata?.attempts ?? 1;
      return out;
    } catch (err) {
      ctx.stats.attempts += (err as WithMetadata).$metadata?.attempts ?? 1;
      ctx.stats.failures += 1;
      throw err;
    } finally {
      ctx.onCall?.();
    }
  });
}

/**
 * Reads every page of a list: `page(token)` makes one call and returns its items and the
 * next token. Stops on a missing or repeated token.
 */
export async function allPages<T>(page: (token: string | undefined) => Promise<{ items: T[] | undefined; next: string | undefined }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  const seen = new Set<string>();
  do {
    const { items, next } = await page(token);
    if (items) out.push(...items);
    if (next && seen.has(next)) break;
    if (next) seen.add(next);
    token = next || undefined;
  } while (token);
  return out;
}
