// Injected faults for tests and benchmarks: latency (fixed plus jitter), a throttle per
// account per operation, and a share of internal errors. Set by flags, environment or
// POST /_local/faults.

export interface FaultConfig {
  /** Added to every request, in milliseconds. */
  latencyMs?: number;
  /** Up to this many more milliseconds, uniformly at random. */
  jitterMs?: number;
  /** Requests per second allowed per account per operation; 0 or absent = unlimited. */
  throttleRps?: number;
  /** Share of requests (0–1) answered with an internal error. */
  errorRate?: number;
}

export type FaultDecision = { kind: 'pass' } | { kind: 'throttle'; retryAfterSeconds: number } | { kind: 'error' };

export interface FaultInjector {
  /** Waits for the configured latency. */
  delay(): Promise<void>;
  /** Decides the fate of one request (consumes a throttle token when it passes). */
  decide(account: string, operationKey: string): FaultDecision;
  reset(): void;
}

/** Checks a fault configuration from JSON or flags; throws a message naming the bad field. */
export function parseFaultConfig(input: Record<string, unknown>): FaultConfig & { activationDelayMs?: number } {
  const out: FaultConfig & { activationDelayMs?: number } = {};
  const numberField = (name: string, min: number, max: number) => {
    const raw = input[name];
    if (raw === undefined || raw === null || raw === '') return undefined;
    const value = typeof raw === 'string' ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      throw new Error(`${name} must be a number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    }
    return value;
  };
  const known = ['latencyMs', 'jitterMs', 'throttleRps', 'errorRate', 'activationDelayMs'];
  for (const key of Object.keys(input)) {
    if (!known.includes(key)) throw new Error(`unknown fault setting "${key}" (known: ${known.join(', ')})`);
  }
  const latencyMs = numberField('latencyMs', 0, 600_000);
  const jitterMs = numberField('jitterMs', 0, 600_000);
  const throttleRps = numberField('throttleRps', 0, 1_000_000);
  const errorRate = numberField('errorRate', 0, 1);
  const activationDelayMs = numberField('activationDelayMs', 0, 86_400_000);
  if (latencyMs !== undefined) out.latencyMs = latencyMs;
  if (jitterMs !== undefined) out.jitterMs = jitterMs;
  if (throttleRps !== undefined) out.throttleRps = throttleRps;
  if (errorRate !== undefined) out.errorRate = errorRate;
  if (activationDelayMs !== undefined) out.activationDelayMs = activationDelayMs;
  return out;
}

export function createFaultInjector(config: () => FaultConfig, random: () => number = Math.random): FaultInjector {
  // Token buckets: capacity = rate (one second of burst), refilled continuously.
  const buckets = new Map<string, { tokens: number; at: number; rate: number }>();
  return {
    async delay() {
      const { latencyMs = 0, jitterMs = 0 } = config();
      const ms = latencyMs + (jitterMs > 0 ? random() * jitterMs : 0);
      if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
    },
    decide(account, operationKey) {
      const { throttleRps = 0, errorRate = 0 } = config();
      if (throttleRps > 0) {
        const key = `${account}/${operationKey}`;
        const now = performance.now();
        let bucket = buckets.get(key);
        if (!bucket || bucket.rate !== throttleRps) {
          bucket = { tokens: throttleRps, at: now, rate: throttleRps };
          buckets.set(key, bucket);
        }
        bucket.tokens = Math.min(throttleRps, bucket.tokens + ((now - bucket.at) / 1000) * throttleRps);
        bucket.at = now;
        if (bucket.tokens < 1) {
          return { kind: 'throttle', retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / throttleRps)) };
        }
        bucket.tokens -= 1;
      }
      if (errorRate > 0 && random() < errorRate) return { kind: 'error' };
      return { kind: 'pass' };
    },
    reset() {
      buckets.clear();
    },
  };
}

/**
 * Held accounts, a barrier for tests and benchmarks: a request signed as a held account waits,
 * answered only once the hold is lifted (POST /_local/holds with a list without it).
 */
export interface AccountHolds {
  /** Resolves at once for an account not held; otherwise when its hold is lifted. */
  wait(account: string): Promise<void>;
  /** Holds exactly these accounts; the requests of the others waiting go on. */
  set(accounts: readonly string[]): void;
  held(): string[];
  /** Requests waiting now. */
  waiting(): number;
}

export function parseHeldAccounts(input: unknown): string[] {
  const accounts = (input as { accounts?: unknown } | null)?.accounts;
  if (!Array.isArray(accounts) || !accounts.every((a) => typeof a === 'string' && /^\d{12}$/.test(a))) throw new Error('accounts must be a list of 12-digit account IDs');
  return accounts as string[];
}

export function createAccountHolds(): AccountHolds {
  let held = new Set<string>();
  const waiters = new Map<string, Array<() => void>>();
  return {
    wait(account) {
      if (!held.has(account)) return Promise.resolve();
      return new Promise((resolve) => waiters.set(account, [...(waiters.get(account) ?? []), resolve]));
    },
    set(accounts) {
      held = new Set(accounts);
      for (const [account, list] of waiters) {
        if (held.has(account)) continue;
        waiters.delete(account);
        for (const release of list) release();
      }
    },
    held: () => [...held],
    waiting: () => [...waiters.values()].reduce((n, l) => n + l.length, 0),
  };
}
