// The console's configuration, read from the environment once and validated. A bad value is
// reported with its variable and rule, all at once, before the console serves anything.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Role } from '@/lib/auth/roles';
import { variables, type VariableName } from './variables';

import { configVariables } from './variables';

export { configVariables, parseRoleMap, ROLE_MAP_RULE } from './variables';

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  scope: string;
  roleClaim: string;
  /** null: roles are assigned by an admin. */
  roleMap: Record<string, Role[]> | null;
}

export interface TrellisConfig {
  demo: boolean;
  /** Absolute path. */
  dataDir: string;
  databaseUrl: string | null;
  publicUrl: string;
  /** null until resolved (demo mode generates one); getConfig() always fills it. */
  secret: string | null;
  secureCookies: boolean;
  session: { idleSeconds: number; maxAgeSeconds: number };
  oidc: OidcConfig | null;
  requireApproval: boolean;
  /** Addresses and CIDR ranges of the reverse proxies whose X-Forwarded-For is believed. */
  trustedProxies: string[];
  /** Request body limits in bytes: every JSON route, and the routes that take a design. */
  limits: { bodyBytes: number; designBodyBytes: number; passwordChecks: number; refreshMinSeconds: number };
  /** Background work: the refresh schedule (0: none) and the apply lock's lease. */
  jobs: { refreshEveryMinutes: number; applyLeaseSeconds: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Trellis configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Validates `env` without touching the disk. Throws ConfigError naming every bad variable.
 * `forServer: false` (the CLI) skips what only the web server needs: its URL and secret.
 */
export function parseConfig(env: Env, { cwd = process.cwd(), forServer = true }: { cwd?: string; forServer?: boolean } = {}): TrellisConfig {
  const problems: string[] = [];
  const values: Partial<Record<VariableName, unknown>> = {};
  for (const [key, v] of Object.entries(variables) as [VariableName, (typeof variables)[VariableName]][]) {
    const raw = env[key] === '' ? undefined : env[key];
    const input = raw ?? v.default;
    if (input === null || input === undefined) continue;
    const result = v.schema.safeParse(input);
    if (result.success) values[key] = result.data;
    else {
      const shown = 'secret' in v && v.secret ? '' : ` (got "${input}")`;
      problems.push(`${key}: ${result.error.issues[0]?.message ?? 'invalid'}${shown}`);
    }
  }
  const get = <T>(key: VariableName) => values[key] as T | undefined;
  const demo = get<boolean>('TRELLIS_DEMO') ?? false;

  let publicUrl = get<string>('NEXTAUTH_URL');
  if (!publicUrl && !problems.some((p) => p.startsWith('NEXTAUTH_URL'))) {
    if (demo || !forServer) publicUrl = `http://localhost:${get<number>('PORT') ?? 3000}`;
    else problems.push("NEXTAUTH_URL: required outside demo mode (the console's public URL, e.g. https://trellis.example.com)");
  }
  const secret = get<string>('NEXTAUTH_SECRET') ?? null;
  if (!secret && !demo && forServer && !problems.some((p) => p.startsWith('NEXTAUTH_SECRET'))) {
    problems.push('NEXTAUTH_SECRET: required outside demo mode (at least 32 characters, e.g. from `openssl rand -base64 32`)');
  }

  const idleMinutes = get<number>('TRELLIS_SESSION_IDLE_MINUTES') ?? 30;
  const maxHours = get<number>('TRELLIS_SESSION_MAX_HOURS') ?? 12;
  if (idleMinutes > maxHours * 60) {
    problems.push(`TRELLIS_SESSION_IDLE_MINUTES: must not exceed TRELLIS_SESSION_MAX_HOURS × 60 (${maxHours * 60})`);
  }

  const oidcKeys = ['AUTH_OIDC_ISSUER', 'AUTH_OIDC_CLIENT_ID', 'AUTH_OIDC_CLIENT_SECRET'] as const;
  const oidcSet = oidcKeys.filter((k) => env[k]);
  if (oidcSet.length > 0 && oidcSet.length < oidcKeys.length) {
    for (const k of oidcKeys.filter((k) => !env[k])) problems.push(`${k}: required when ${oidcSet.join(' and ')} ${oidcSet.length > 1 ? 'are' : 'is'} set`);
  }

  if (problems.length) throw new ConfigError(problems);

  const oidc: OidcConfig | null =
    oidcSet.length === oidcKeys.length
      ? {
          issuer: get<string>('AUTH_OIDC_ISSUER')!,
          clientId: get<string>('AUTH_OIDC_CLIENT_ID')!,
          clientSecret: get<string>('AUTH_OIDC_CLIENT_SECRET')!,
          name: get<string>('AUTH_OIDC_NAME')!,
          scope: get<string>('AUTH_OIDC_SCOPE')!,
          roleClaim: get<string>('AUTH_OIDC_ROLE_CLAIM')!,
          roleMap: get<Record<string, Role[]>>('AUTH_OIDC_ROLE_MAP') ?? null,
        }
      : null;

  return {
    demo,
    dataDir: path.resolve(cwd, get<string>('TRELLIS_DATA_DIR')!),
    databaseUrl: get<string>('DATABASE_URL') ?? null,
    publicUrl: publicUrl!,
    secret,
    secureCookies: publicUrl!.startsWith('https://'),
    session: { idleSeconds: idleMinutes * 60, maxAgeSeconds: maxHours * 3600 },
    oidc,
    requireApproval: get<boolean>('TRELLIS_REQUIRE_APPROVAL') ?? false,
    trustedProxies: get<string[]>('TRELLIS_TRUSTED_PROXIES') ?? [],
    limits: {
      bodyBytes: (get<number>('TRELLIS_MAX_BODY_KB') ?? 256) * 1024,
      designBodyBytes: (get<number>('TRELLIS_MAX_DESIGN_BODY_KB') ?? 2048) * 1024,
      passwordChecks: get<number>('TRELLIS_PASSWORD_CHECKS') ?? 2,
      refreshMinSeconds: get<number>('TRELLIS_REFRESH_MIN_SECONDS') ?? 10,
    },
    jobs: {
      refreshEveryMinutes: get<number>('TRELLIS_REFRESH_EVERY_MINUTES') ?? 0,
      applyLeaseSeconds: get<number>('TRELLIS_APPLY_LEASE_SECONDS') ?? 30,
    },
  };
}

/**
 * Demo mode only: the secret kept in the data directory, created on first use, so sessions
 * survive a restart without anyone having to invent a key.
 */
export function demoSecret(dataDir: string): string {
  const file = path.join(dataDir, 'nextauth-secret');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const secret = crypto.randomBytes(32).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

const cache = globalThis as typeof globalThis & { __trellisConfig?: TrellisConfig & { secret: string } };

/** The validated configuration from process.env, with the secret resolved. Read once per process. */
export function getConfig(): TrellisConfig & { secret: string } {
  if (cache.__trellisConfig) return cache.__trellisConfig;
  const config = parseConfig(process.env);
  const resolved = { ...config, secret: config.secret ?? demoSecret(config.dataDir) };
  cache.__trellisConfig = resolved;
  return resolved;
}

/** What the database needs (the CLI reads only this): no URL or secret required. */
export function getDatabaseConfig(): { dataDir: string; databaseUrl: string | null } {
  if (cache.__trellisConfig) return cache.__trellisConfig;
  const { dataDir, databaseUrl } = parseConfig(process.env, { forServer: false });
  return { dataDir, databaseUrl };
}

/** The configuration table for the README, as Markdown, from configVariables. */
export function configTableMarkdown(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    '| Variable | Default | Meaning |',
    '|---|---|---|',
    ...configVariables.map((v) => `| \`${v.name}\` | ${v.default === null ? '(unset)' : `\`${v.default}\``} | ${cell(v.meaning)} |`),
  ].join('\n');
}
