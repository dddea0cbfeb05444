import 'server-only';
// The accounts Trellis reads: configuration (lib/aws/accounts-config.ts) with an admin's edits
// from the accounts page laid over it, audited. With nothing configured, the base credentials'
// own account.
import { z } from 'zod';
import type { Actor } from '@/lib/auth';
import { accountConfigSchema, callerIdentity, defaultRegion, describeAwsError, forgetClients, readAccountsConfig, type AccountConfig, type AccountsSource } from '@/lib/aws';
import { deleteInspectAccount, inTransaction, listInspectAccounts, recordAudit, upsertInspectAccount, type InspectAccount } from '@/lib/db';

export interface EffectiveAccount extends AccountConfig {
  /** Where the entry comes from: configuration, or an admin's edit on the accounts page. */
  source: AccountsSource | 'admin';
  enabled: boolean;
  /** Set when an admin edit overrides (or adds) this entry. */
  editedBy?: string;
  editedAt?: string;
}

export interface AccountsView {
  accounts: EffectiveAccount[];
  /** Where configuration came from, for the page: a variable, a file, the demo estate or the base credentials. */
  origin: string;
  /** A configuration that could not be read: Trellis reads nothing until it is fixed. */
  configError: string | null;
}

const cache = globalThis as typeof globalThis & { __trellisBaseAccount?: Promise<string> };

/** The base credentials' account id (GetCallerIdentity), asked once per process. */
async function baseAccountId(region: string): Promise<string> {
  cache.__trellisBaseAccount ??= callerIdentity({ id: '' }, region).then((c) => c.account);
  try {
    return await cache.__trellisBaseAccount;
  } catch (err) {
    delete cache.__trellisBaseAccount;
    throw err;
  }
}

function fromOverride(row: InspectAccount, source: EffectiveAccount['source']): EffectiveAccount {
  const entry: EffectiveAccount = { id: row.accountId, name: row.name, regions: row.regions, source, enabled: row.enabled, editedBy: row.updatedBy, editedAt: row.updatedAt.toISOString() };
  if (row.roleArn) entry.roleArn = row.roleArn;
  if (row.externalId) entry.externalId = row.externalId;
  return entry;
}

export async function loadAccounts(): Promise<AccountsView> {
  let configured: ReturnType<typeof readAccountsConfig> = null;
  let configError: string | null = null;
  try {
    configured = readAccountsConfig();
  } catch (err) {
    configError = (err as Error).message;
  }
  const overrides = await listInspectAccounts();
  const byId = new Map<string, EffectiveAccount>();
  let origin = configured?.origin ?? 'the base credentials (nothing configured)';
  if (configured) {
    for (const a of configured.accounts) byId.set(a.id, { ...a, source: configured.source, enabled: true });
  } else if (!configError && overrides.length === 0) {
    const region = defaultRegion();
    try {
      const id = await baseAccountId(region);
      byId.set(id, { id, name: 'base account', regions: [region], source: 'base', enabled: true });
    } catch (err) {
      configError = `No accounts are configured and the base credentials cannot be used: ${describeAwsError(err).message}`;
      origin = 'nothing';
    }
  }
  for (const row of overrides) {
    const base = byId.get(row.accountId);
    byId.set(row.accountId, fromOverride(row, base ? base.source : 'admin'));
  }
  return { accounts: [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1)), origin, configError };
}

const accountEditExtras = z.object({ enabled: z.boolean({ error: 'true or false' }).optional() });

/** Validates and saves an admin's edit (audited); throws the zod error for a 400 naming the field. */
export async function saveAccountEdit(input: unknown, actor: Actor, address: string | null): Promise<EffectiveAccount> {
  const parsed = accountConfigSchema.and(accountEditExtras).parse(input);
  const row = await inTransaction(async (tx) => {
    const saved = await upsertInspectAccount(
      { accountId: parsed.id, name: parsed.name, roleArn: parsed.roleArn ?? null, externalId: parsed.externalId ?? null, regions: parsed.regions, enabled: parsed.enabled ?? true, updatedBy: actor.name },
      tx,
    );
    await recordAudit({ actor, action: 'account.update', target: parsed.id, outcome: 'success', details: { name: parsed.name, roleArn: parsed.roleArn ?? null, regions: parsed.regions, enabled: parsed.enabled ?? true }, address }, tx);
    return saved;
  });
  forgetClients();
  return fromOverride(row, 'admin');
}

/** Drops an admin's edit: the configured entry (if any) applies again. */
export async function revertAccountEdit(accountId: string, actor: Actor, address: string | null): Promise<boolean> {
  const removed = await inTransaction(async (tx) => {
    const done = await deleteInspectAccount(accountId, tx);
    await recordAudit({ actor, action: 'account.revert', target: accountId, outcome: done ? 'success' : 'failure', details: done ? {} : { reason: 'no edit to revert' }, address }, tx);
    return done;
  });
  forgetClients();
  return removed;
}
