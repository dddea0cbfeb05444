// An admin's way out for a user whose sign-ins are being slowed by someone else's guesses:
// clears every throttle counter of that user name (from all addresses), audited.
import { clearSignInFailuresFor, findUserByName, inTransaction, recordAudit, type Db } from '@/lib/db';
import type { Actor } from './accounts';
import { notFound } from './errors';
import { userKeyPrefixes } from './throttle';

export async function clearUserThrottle(name: string, actor: Actor, db?: Db): Promise<{ user: string; cleared: number }> {
  const user = await findUserByName(name.trim().toLowerCase(), db);
  if (!user) throw notFound(`No user is named "${name}".`);
  return inTransaction(async (tx) => {
    const cleared = await clearSignInFailuresFor(userKeyPrefixes(user.name), tx);
    await recordAudit({ actor, action: 'user.throttle-clear', target: user.name, outcome: 'success', details: { counters: cleared }, address: actor.address }, tx);
    return { user: user.name, cleared };
  }, db);
}
