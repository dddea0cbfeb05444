// Demo mode (the console pointed at lattice-local) only: one user per role, password
// `trellis`, so a first look needs no set-up. Never called when pointed at AWS.
import { findUserByName, inTransaction, insertUser, recordAudit, type Db } from '@/lib/db';
import { hashPassword } from './password';
import { ROLES } from './roles';

export const DEMO_PASSWORD = 'trellis';

/** Creates the demo users that are missing; leaves existing ones as an admin may have changed them. Returns the names created. */
export async function ensureDemoUsers(db?: Db): Promise<string[]> {
  const created: string[] = [];
  for (const role of ROLES) {
    if (await findUserByName(role, db)) continue;
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await inTransaction(async (tx) => {
      await insertUser({ name: role, displayName: `Demo ${role}`, passwordHash, roles: [role] }, tx);
      await recordAudit({ actor: 'system', action: 'user.create', target: role, outcome: 'success', details: { roles: [role], demo: true } }, tx);
    }, db);
    created.push(role);
  }
  return created;
}
