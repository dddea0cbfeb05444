// Slows down repeated failed sign-ins, per user name and per client address. The first few
// failures cost nothing; after that each one doubles the wait before the next attempt, up to
// a cap. Counts live in the database (lib/db), so they hold across restarts and instances.

export const THROTTLE = {
  /** Failures allowed for one user name before waiting starts. */
  freePerUser: 5,
  /** Failures allowed from one address (may be a shared NAT) before waiting starts. */
  freePerAddress: 20,
  baseDelaySeconds: 1,
  maxDelaySeconds: 15 * 60,
  /** A key with no failure for this long starts from zero again. */
  forgetAfterSeconds: 60 * 60,
};

/** Seconds to wait after `failures` failures, when `free` of them cost nothing. */
export function throttleDelaySeconds(failures: number, free: number): number {
  if (failures < free) return 0;
  const exponent = Math.min(failures - free, 30);
  return Math.min(THROTTLE.baseDelaySeconds * 2 ** exponent, THROTTLE.maxDelaySeconds);
}

export interface FailureCount {
  key: string;
  failures: number;
  lastFailureAt: Date;
}

export const userKey = (name: string) => `user:${name.trim().toLowerCase()}`;
export const addressKey = (address: string) => `address:${address}`;

/**
 * Seconds until another attempt is allowed for these keys (0: now). Keys that were forgotten
 * (no failure for `forgetAfterSeconds`) do not count.
 */
export function secondsUntilAllowed(counts: FailureCount[], now: Date): number {
  let wait = 0;
  for (const c of counts) {
    if (now.getTime() - c.lastFailureAt.getTime() > THROTTLE.forgetAfterSeconds * 1000) continue;
    const free = c.key.startsWith('address:') ? THROTTLE.freePerAddress : THROTTLE.freePerUser;
    const delay = throttleDelaySeconds(c.failures, free);
    const until = c.lastFailureAt.getTime() + delay * 1000;
    wait = Math.max(wait, Math.ceil((until - now.getTime()) / 1000));
  }
  return wait;
}

export function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
