// Password sign-in: throttled per user name and per address, audited, and written so that a
// wrong name and a wrong password look the same from outside (same message, same work).
import {
  addSignInFailure,
  clearSignInFailures,
  readSignInFailures,
  recordAudit,
  findUserWithPasswordHash,
  type Db,
  type User,
} from '@/lib/db';
import { decoyHash, verifyPassword } from './password';
import { addressKey, describeWait, secondsUntilAllowed, THROTTLE, userKey } from './throttle';

export const SIGN_IN_MESSAGES = {
  missing: 'Enter your user name and password.',
  wrong: 'Wrong user name or password.',
  disabled: 'This account is disabled. Ask an admin to enable it.',
  throttled: (seconds: number) => `Too many failed sign-ins. Try again in ${describeWait(seconds)}.`,
};

export type SignInResult = { ok: true; user: User } | { ok: false; message: string };

export async function signInWithPassword(
  input: { name: string; password: string; address?: string | null },
  now = new Date(),
  db?: Db,
): Promise<SignInResult> {
  const name = input.name.trim().toLowerCase();
  const address = input.address ?? null;
  if (!name || !input.password) return { ok: false, message: SIGN_IN_MESSAGES.missing };

  const keys = [userKey(name), ...(address ? [addressKey(address)] : [])];
  const wait = secondsUntilAllowed(await readSignInFailures(keys, db), now);
  if (wait > 0) {
    await recordAudit({ actor: name, action: 'auth.sign-in', target: name, outcome: 'denied', details: { reason: 'throttled', waitSeconds: wait }, address, at: now }, db);
    return { ok: false, message: SIGN_IN_MESSAGES.throttled(wait) };
  }

  const found = await findUserWithPasswordHash(name, db);
  let matches = false;
  if (found?.passwordHash) matches = await verifyPassword(input.password, found.passwordHash);
  else await verifyPassword(input.password, await decoyHash());

  if (!found || !matches) {
    await addSignInFailure(keys, now, THROTTLE.forgetAfterSeconds, db);
    await recordAudit({ actor: name, action: 'auth.sign-in', target: name, outcome: 'failure', details: { reason: 'wrong user name or password' }, address, at: now }, db);
    return { ok: false, message: SIGN_IN_MESSAGES.wrong };
  }
  if (found.user.disabledAt) {
    await recordAudit({ actor: found.user, action: 'auth.sign-in', target: name, outcome: 'denied', details: { reason: 'account disabled' }, address, at: now }, db);
    return { ok: false, message: SIGN_IN_MESSAGES.disabled };
  }
  await clearSignInFailures([userKey(name)], db);
  await recordAudit({ actor: found.user, action: 'auth.sign-in', target: name, outcome: 'success', details: { method: 'password' }, address, at: now }, db);
  return { ok: true, user: found.user };
}
