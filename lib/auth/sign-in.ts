// Password sign-in: throttled per (user name, address), per address and, only slowing, per
// user name; audited; and written so that a wrong name and a wrong password look the same
// from outside (same message, same work). The attempt is reserved on the throttle counters
// before the password is checked, so parallel guesses cannot all be evaluated.
import {
  clearSignInFailures,
  findUserWithPasswordHash,
  recordAudit,
  releaseSignInAttempt,
  reserveSignInAttempt,
  type Db,
  type User,
} from '@/lib/db';
import { decoyHash, verifyPassword } from './password';
import { passwordQueue, PasswordQueueFullError, type PasswordQueue } from './password-queue';
import { isSafeText } from './text-safety';
import { describeWait, THROTTLE, throttleRules, userAddressKey } from './throttle';

export const SIGN_IN_MESSAGES = {
  missing: 'Enter your user name and password.',
  wrong: 'Wrong user name or password.',
  disabled: 'This account is disabled. Ask an admin to enable it.',
  busy: 'Too many sign-ins are being checked right now. Try again in a moment.',
  throttled: (seconds: number) => `Too many failed sign-ins. Try again in ${describeWait(seconds)}.`,
};

export type SignInResult = { ok: true; user: User } | { ok: false; message: string };

export interface SignInDeps {
  /** Checks a password against a stored hash (tests inject one that waits on a barrier). */
  verify?: (password: string, hash: string) => Promise<boolean>;
  /** The queue in front of password checks; by default the process's. */
  queue?: PasswordQueue;
}

export const DEFAULT_PASSWORD_QUEUE = { concurrency: 2, maxWaiting: 64 };

export async function signInWithPassword(
  input: { name: string; password: string; address?: string | null },
  now = new Date(),
  db?: Db,
  deps: SignInDeps = {},
): Promise<SignInResult> {
  const name = input.name.trim().toLowerCase();
  const address = input.address ?? null;
  if (!name || !input.password) return { ok: false, message: SIGN_IN_MESSAGES.missing };
  // A name no user can have (NUL, a lone surrogate) never reaches the database.
  if (!isSafeText(name)) return { ok: false, message: SIGN_IN_MESSAGES.wrong };

  const rules = throttleRules(name, address);
  const reservation = await reserveSignInAttempt(rules, now, { forgetAfterSeconds: THROTTLE.forgetAfterSeconds, baseDelaySeconds: THROTTLE.baseDelaySeconds }, db);
  if (!reservation.ok) {
    const wait = reservation.waitSeconds;
    await recordAudit({ actor: name, action: 'auth.sign-in', target: name, outcome: 'denied', details: { reason: 'throttled', waitSeconds: wait }, address, at: now }, db);
    return { ok: false, message: SIGN_IN_MESSAGES.throttled(wait) };
  }

  const verify = deps.verify ?? verifyPassword;
  const queue = deps.queue ?? passwordQueue(DEFAULT_PASSWORD_QUEUE);
  const found = await findUserWithPasswordHash(name, db);
  let matches = false;
  try {
    if (found?.passwordHash) {
      const hash = found.passwordHash;
      matches = await queue.run(() => verify(input.password, hash));
    } else {
      const decoy = await decoyHash();
      await queue.run(() => verify(input.password, decoy));
    }
  } catch (err) {
    if (!(err instanceof PasswordQueueFullError)) throw err;
    // Not checked at all: give the attempt back, so a busy server does not count against anyone.
    await releaseSignInAttempt(rules.map((r) => r.key), db);
    await recordAudit({ actor: name, action: 'auth.sign-in', target: name, outcome: 'denied', details: { reason: 'busy' }, address, at: now }, db);
    return { ok: false, message: SIGN_IN_MESSAGES.busy };
  }

  if (!found || !matches) {
    await recordAudit({ actor: name, action: 'auth.sign-in', target: name, outcome: 'failure', details: { reason: 'wrong user name or password' }, address, at: now }, db);
    return { ok: false, message: SIGN_IN_MESSAGES.wrong };
  }
  // The right password: the reserved attempt was not a failure. The (user, address) counter
  // starts again; the others get their one back.
  const pair = address ? userAddressKey(name, address) : null;
  await releaseSignInAttempt(rules.map((r) => r.key).filter((k) => k !== pair), db);
  if (pair) await clearSignInFailures([pair], db);
  if (found.user.disabledAt) {
    await recordAudit({ actor: found.user, action: 'auth.sign-in', target: name, outcome: 'denied', details: { reason: 'account disabled' }, address, at: now }, db);
    return { ok: false, message: SIGN_IN_MESSAGES.disabled };
  }
  await recordAudit({ actor: found.user, action: 'auth.sign-in', target: name, outcome: 'success', details: { method: 'password' }, address, at: now }, db);
  return { ok: true, user: found.user };
}
