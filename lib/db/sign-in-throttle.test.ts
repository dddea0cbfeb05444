// Issue 12, points 1, 2 and 4: the sign-in throttle reserves an attempt before the password is
// checked, never locks the owner out from afar, can be cleared by an admin, and password checks
// go through a bounded queue. Concurrency is driven by barriers, never by timing.
import { describe, expect } from 'vitest';
import { clearUserThrottle } from '@/lib/auth/throttle-admin';
import { hashPassword } from '@/lib/auth/password';
import { createPasswordQueue } from '@/lib/auth/password-queue';
import { SIGN_IN_MESSAGES, signInWithPassword, type SignInResult } from '@/lib/auth/sign-in';
import { THROTTLE } from '@/lib/auth/throttle';
import { insertUser, listAuditEvents } from '@/lib/db';
import { databaseTargets, forbidProcessDatabase, useDatabaseTarget } from './testing';

forbidProcessDatabase();

/** A verifier that holds every call until `release()`; `entered` counts the calls. */
function blockingVerifier(answer: (password: string) => boolean) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const state = { entered: 0, release, verify: async (password: string) => {
    state.entered++;
    state.onEnter?.();
    await gate;
    return answer(password);
  }, onEnter: undefined as undefined | (() => void) };
  return state;
}

describe.each(databaseTargets())('sign-in throttle on $name', (target) => {
  const { db, itOn } = useDatabaseTarget(target);
  const t0 = new Date('2026-08-01T00:00:00Z');
  const at = (s: number) => new Date(t0.getTime() + s * 1000);

  itOn('40 parallel wrong passwords for one user from one address: exactly 5 are checked, 35 throttled', async () => {
    await insertUser({ name: 'boss', roles: ['admin'], passwordHash: await hashPassword('boss-password') }, db());
    const verifier = blockingVerifier(() => false);
    const queue = createPasswordQueue({ concurrency: 100, maxWaiting: 100 });
    let settled = 0;
    const maybeRelease = () => {
      if (verifier.entered + settled === 40) verifier.release();
    };
    verifier.onEnter = maybeRelease;
    const attempts = Array.from({ length: 40 }, (_, i) =>
      signInWithPassword({ name: 'boss', password: `guess-${i}`, address: '203.0.113.7' }, t0, db(), { verify: verifier.verify, queue }).then((r) => {
        settled++;
        maybeRelease();
        return r;
      }),
    );
    const results: SignInResult[] = await Promise.all(attempts);
    expect(verifier.entered).toBe(THROTTLE.freePerUserAddress);
    expect(results.filter((r) => !r.ok && r.message === SIGN_IN_MESSAGES.wrong)).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.message.startsWith('Too many failed sign-ins'))).toHaveLength(35);
  });

  itOn('an attacker elsewhere cannot keep the owner (an admin) out: they wait seconds at most, then sign in', async () => {
    await insertUser({ name: 'boss', roles: ['admin'], passwordHash: await hashPassword('boss-password') }, db());
    const verify = async (password: string) => password === 'boss-password';
    // One guess every 15 minutes from one address, for five hours: today this locked boss out.
    for (let i = 0; i < 20; i++) await signInWithPassword({ name: 'boss', password: `guess-${i}`, address: '203.0.113.7' }, at(i * 900), db(), { verify });
    const owner = await signInWithPassword({ name: 'boss', password: 'boss-password', address: '198.51.100.1' }, at(19 * 900 + 1), db(), { verify });
    if (!owner.ok) expect(owner.message).toMatch(/Try again in [1-5] seconds?\./);
    expect((await signInWithPassword({ name: 'boss', password: 'boss-password', address: '198.51.100.1' }, at(19 * 900 + 1 + THROTTLE.maxUserDelaySeconds), db(), { verify })).ok).toBe(true);
    // The guesser's own address, though, waits the full doubling.
    const guesser = await signInWithPassword({ name: 'boss', password: 'boss-password', address: '203.0.113.7' }, at(19 * 900 + 10), db(), { verify });
    expect(guesser).toEqual({ ok: false, message: 'Too many failed sign-ins. Try again in 15 minutes.' });

    // A fast guesser from many addresses: the owner is slowed by the global per-user rate, never longer than its cap.
    for (let i = 0; i < 60; i++) await signInWithPassword({ name: 'boss', password: `spray-${i}`, address: `10.0.${i}.1` }, at(20_000 + i * 0.1), db(), { verify });
    const slowed = await signInWithPassword({ name: 'boss', password: 'boss-password', address: '198.51.100.1' }, at(20_006), db(), { verify });
    if (!slowed.ok) expect(slowed.message).toMatch(/Try again in [1-5] seconds?\./);
    expect((await signInWithPassword({ name: 'boss', password: 'boss-password', address: '198.51.100.1' }, at(20_006 + THROTTLE.maxUserDelaySeconds), db(), { verify })).ok).toBe(true);
  });

  itOn('an admin clears a user\'s throttle, audited', async () => {
    await insertUser({ name: 'boss', roles: ['admin'], passwordHash: await hashPassword('boss-password') }, db());
    const verify = async (password: string) => password === 'boss-password';
    for (let i = 0; i < 8; i++) await signInWithPassword({ name: 'boss', password: 'nope', address: '198.51.100.1' }, at(i), db(), { verify });
    const refused = await signInWithPassword({ name: 'boss', password: 'boss-password', address: '198.51.100.1' }, at(8), db(), { verify });
    expect(refused.ok).toBe(false);
    const cleared = await clearUserThrottle('boss', { id: null, name: 'cli:test' }, db());
    expect(cleared).toEqual({ user: 'boss', cleared: 2 });
    expect((await signInWithPassword({ name: 'boss', password: 'boss-password', address: '198.51.100.1' }, at(8), db(), { verify })).ok).toBe(true);
    const events = (await listAuditEvents({ action: 'user.throttle-clear' }, db())).events;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: 'cli:test', target: 'boss', outcome: 'success' });
  });

  itOn('password checks run at most `concurrency` at once; beyond the waiting room a sign-in is told to retry', async () => {
    for (const n of ['u0', 'u1']) await insertUser({ name: n, roles: ['viewer'], passwordHash: 'scrypt$1$1$1$x$y' }, db());
    const verifier = blockingVerifier(() => false);
    const queue = createPasswordQueue({ concurrency: 2, maxWaiting: 3 });
    let settled = 0;
    let peak = 0;
    const maybeRelease = () => {
      peak = Math.max(peak, queue.stats().running);
      // Two checking, three waiting, eleven refused at once: then let them go.
      if (verifier.entered === 2 && settled === 11 && queue.stats().waiting === 3) verifier.release();
    };
    verifier.onEnter = maybeRelease;
    const attempts = Array.from({ length: 16 }, (_, i) =>
      signInWithPassword({ name: `u${i % 2}`, password: 'x', address: `192.0.2.${i}` }, t0, db(), { verify: verifier.verify, queue }).then((r) => {
        settled++;
        maybeRelease();
        return r;
      }),
    );
    const results = await Promise.all(attempts);
    expect(peak).toBe(2);
    expect(verifier.entered).toBe(5);
    expect(results.filter((r) => !r.ok && r.message === SIGN_IN_MESSAGES.busy)).toHaveLength(11);
    expect(results.filter((r) => !r.ok && r.message === SIGN_IN_MESSAGES.wrong)).toHaveLength(5);
  });
});
