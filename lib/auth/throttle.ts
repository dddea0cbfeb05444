// Slows down repeated failed sign-ins. Three counters, each reserved before the password is
// checked (lib/db reserveSignInAttempt, one statement), so parallel guesses cannot all slip
// through between a read and a write:
// - per (user name, address): the first few attempts cost nothing, then each doubles the wait,
//   up to a cap. This is what stops a guesser, and it never touches the owner elsewhere.
// - per address (may be a shared NAT): more free attempts, same doubling; stops one address
//   spraying many user names.
// - per user name from every address: a global rate that only slows (its wait is capped at a
//   few seconds), so nobody can lock a user, admin included, out from afar.
// A successful sign-in gives its reservation back. Admins can clear a user's counters.

export const THROTTLE = {
  /** Attempts allowed for one user name from one address before waiting starts. */
  freePerUserAddress: 5,
  /** Attempts allowed from one address (may be a shared NAT) before waiting starts. */
  freePerAddress: 20,
  /** Attempts allowed for one user name from all addresses before the global rate applies. */
  freePerUser: 10,
  /** The global per-user wait never exceeds this: it slows a distributed guesser, never locks out. */
  maxUserDelaySeconds: 5,
  baseDelaySeconds: 1,
  maxDelaySeconds: 15 * 60,
  /** A key with no attempt for this long starts from zero again. */
  forgetAfterSeconds: 60 * 60,
};

/** Seconds to wait after `failures` counted attempts, when `free` of them cost nothing. */
export function throttleDelaySeconds(failures: number, free: number, maxDelaySeconds = THROTTLE.maxDelaySeconds): number {
  if (failures < free) return 0;
  const exponent = Math.min(failures - free, 30);
  return Math.min(THROTTLE.baseDelaySeconds * 2 ** exponent, maxDelaySeconds);
}

export interface FailureCount {
  key: string;
  failures: number;
  lastFailureAt: Date;
}

/** One counter to reserve an attempt on: its key, its free attempts and its longest wait. */
export interface ThrottleRule {
  key: string;
  free: number;
  maxDelaySeconds: number;
}

const normalName = (name: string) => name.trim().toLowerCase();
export const userKey = (name: string) => `user:${normalName(name)}`;
export const addressKey = (address: string) => `address:${address}`;
export const userAddressKey = (name: string, address: string) => `user-address:${normalName(name)}|${address}`;
/** Every key of a user's counters starts with one of these (for an admin's "clear throttle"). */
export const userKeyPrefixes = (name: string) => ({ exact: userKey(name), prefix: `user-address:${normalName(name)}|` });

/** The counters one sign-in attempt reserves on. */
export function throttleRules(name: string, address: string | null): ThrottleRule[] {
  const rules: ThrottleRule[] = [{ key: userKey(name), free: THROTTLE.freePerUser, maxDelaySeconds: THROTTLE.maxUserDelaySeconds }];
  if (address) {
    rules.push({ key: userAddressKey(name, address), free: THROTTLE.freePerUserAddress, maxDelaySeconds: THROTTLE.maxDelaySeconds });
    rules.push({ key: addressKey(address), free: THROTTLE.freePerAddress, maxDelaySeconds: THROTTLE.maxDelaySeconds });
  }
  return rules;
}

function ruleFor(key: string): { free: number; maxDelaySeconds: number } {
  if (key.startsWith('address:')) return { free: THROTTLE.freePerAddress, maxDelaySeconds: THROTTLE.maxDelaySeconds };
  if (key.startsWith('user-address:')) return { free: THROTTLE.freePerUserAddress, maxDelaySeconds: THROTTLE.maxDelaySeconds };
  return { free: THROTTLE.freePerUser, maxDelaySeconds: THROTTLE.maxUserDelaySeconds };
}

/**
 * Seconds until another attempt is allowed for these keys (0: now). Keys that were forgotten
 * (no attempt for `forgetAfterSeconds`) do not count. The database applies the same rule when
 * it reserves an attempt; this is its reference for tests and messages.
 */
export function secondsUntilAllowed(counts: FailureCount[], now: Date): number {
  let wait = 0;
  for (const c of counts) {
    if (now.getTime() - c.lastFailureAt.getTime() > THROTTLE.forgetAfterSeconds * 1000) continue;
    const { free, maxDelaySeconds } = ruleFor(c.key);
    const delay = throttleDelaySeconds(c.failures, free, maxDelaySeconds);
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
