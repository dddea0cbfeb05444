// Which accounts and regions Trellis reads, from configuration: the TRELLIS_ACCOUNTS
// variable (JSON), a file (TRELLIS_ACCOUNTS_FILE, or trellis.accounts.json in the working
// directory), or, in demo mode, the demo estate. An entry without a role ARN is read with
// the SDK's default credential chain (the base account); the others by AssumeRole.

import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEMO_ACCOUNTS, DEMO_REGION } from '@/lib/demo';
import type { AccountAccess } from './clients';

export const ACCOUNT_ID_RULE = 'a 12-digit AWS account id';
export const ROLE_ARN_RULE = 'an IAM role ARN: arn:aws:iam::ACCOUNT:role/NAME';
export const REGION_RULE = 'an AWS region name such as us-east-1';

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ROLE_ARN_PATTERN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;

export const accountConfigSchema = z
  .object({
    id: z.string().regex(/^\d{12}$/, ACCOUNT_ID_RULE),
    name: z.string().trim().min(1, 'a name of 1 to 64 characters').max(64, 'a name of 1 to 64 characters'),
    roleArn: z.string().regex(ROLE_ARN_PATTERN, ROLE_ARN_RULE).optional(),
    // AssumeRole's ExternalId: 2 to 1,224 characters of [\w+=,.@:/-].
    externalId: z.string().regex(/^[\w+=,.@:/-]{2,1224}$/, 'an external id of 2 to 1,224 characters (letters, digits, +=,.@:/-)').optional(),
    regions: z.array(z.string().regex(REGION_PATTERN, REGION_RULE)).min(1, 'at least one region'),
  })
  .refine((a) => !a.roleArn || ROLE_ARN_PATTERN.exec(a.roleArn)?.[1] === a.id, { message: 'the role must be in the account itself (its ARN names another account id)', path: ['roleArn'] });

export type AccountConfig = z.infer<typeof accountConfigSchema>;

export const accountsConfigSchema = z.array(accountConfigSchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((a, i) => {
    if (seen.has(a.id)) ctx.addIssue({ code: 'custom', message: `account ${a.id} is listed twice`, path: [i, 'id'] });
    seen.add(a.id);
  });
  if (list.filter((a) => !a.roleArn).length > 1) ctx.addIssue({ code: 'custom', message: 'at most one account may use the base credentials (no roleArn)', path: [] });
});

export type AccountsSource = 'env' | 'file' | 'demo' | 'base';

export interface ConfiguredAccounts {
  accounts: AccountConfig[];
  source: AccountsSource;
  /** Where they came from, for the admin page: the variable or the file path. */
  origin: string;
}

export function formatIssues(error: z.ZodError, where: string): string {
  return error.issues.map((i) => `${where}${i.path.length ? `[${i.path.join('.')}]` : ''}: ${i.message}`).join('; ');
}

export function parseAccountsJson(text: string, where: string): AccountConfig[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`${where}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = accountsConfigSchema.safeParse(raw);
  if (!parsed.success) throw new Error(formatIssues(parsed.error, where));
  return parsed.data;
}

/** The demo estate's accounts: the network hub with the base credentials (`npm start` gives it those), the others by their console role. */
export function demoAccounts(): AccountConfig[] {
  const base = DEMO_ACCOUNTS.find((a) => a.role === 'network-hub') ?? DEMO_ACCOUNTS[0];
  return DEMO_ACCOUNTS.map((a) => {
    const entry: AccountConfig = { id: a.id, name: a.name, regions: [DEMO_REGION] };
    if (a.id !== base.id) entry.roleArn = `arn:aws:iam::${a.id}:role/${a.consoleRoleName}`;
    return entry;
  });
}

/**
 * Reads the configured accounts, or returns null when nothing is configured (then the
 * base credentials' own account is read, found with GetCallerIdentity).
 */
export function readAccountsConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): ConfiguredAccounts | null {
  if (env.TRELLIS_ACCOUNTS?.trim()) {
    return { accounts: parseAccountsJson(env.TRELLIS_ACCOUNTS, 'TRELLIS_ACCOUNTS'), source: 'env', origin: 'TRELLIS_ACCOUNTS' };
  }
  const file = env.TRELLIS_ACCOUNTS_FILE?.trim() ? path.resolve(cwd, env.TRELLIS_ACCOUNTS_FILE) : path.join(cwd, 'trellis.accounts.json');
  if (fs.existsSync(file)) {
    return { accounts: parseAccountsJson(fs.readFileSync(file, 'utf8'), file), source: 'file', origin: file };
  }
  if (env.TRELLIS_ACCOUNTS_FILE?.trim()) throw new Error(`TRELLIS_ACCOUNTS_FILE: ${file} does not exist`);
  if (env.TRELLIS_DEMO === '1' || env.TRELLIS_DEMO === 'true') return { accounts: demoAccounts(), source: 'demo', origin: 'the demo estate' };
  return null;
}

export function defaultRegion(env: Record<string, string | undefined> = process.env): string {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
}

/** How the SDK reaches an account: its role (and external id) when it has one, else the base credentials. */
export function accessOf(account: AccountConfig): AccountAccess {
  const access: AccountAccess = { id: account.id };
  if (account.roleArn) access.roleArn = account.roleArn;
  if (account.externalId) access.externalId = account.externalId;
  return access;
}
