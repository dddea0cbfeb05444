// Every environment variable the console reads, with its default, its meaning and its rule.
// The README's configuration table is generated from (and checked against) this list, so a
// new variable is added here, once.
import { isIP } from 'node:net';
import { z } from 'zod';
import { ROLES, isRole, type Role } from '@/lib/auth/roles';

export interface ConfigVariable<T = unknown> {
  name: string;
  /** The default as a user would write it; null when unset by default. */
  default: string | null;
  meaning: string;
  /** Secrets are never echoed back in error messages. */
  secret?: boolean;
  schema: z.ZodType<T>;
}

const flag = z.enum(['0', '1', 'true', 'false'], { error: 'must be 1 or 0 (true or false)' }).transform((v) => v === '1' || v === 'true');

const integer = (min: number, max: number, unit: string) =>
  z
    .string()
    .regex(/^\d+$/, { error: `must be a whole number of ${unit} from ${min} to ${max}` })
    .transform(Number)
    .pipe(z.number().min(min, { error: `must be a whole number of ${unit} from ${min} to ${max}` }).max(max, { error: `must be a whole number of ${unit} from ${min} to ${max}` }));

const httpUrl = z
  .string()
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, { error: 'must be an http:// or https:// URL' })
  .transform((v) => v.replace(/\/+$/, ''));

const postgresUrl = z.string().refine((v) => {
  try {
    return ['postgres:', 'postgresql:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}, { error: 'must be a postgres:// or postgresql:// URL' });

const trustedProxies = z.string().transform((raw, ctx) => {
  const entries = raw.split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const [addr, bits, extra] = entry.split('/');
    const family = isIP(addr);
    const max = family === 6 ? 128 : 32;
    if (!family || extra !== undefined || (bits !== undefined && (!/^\d+$/.test(bits) || Number(bits) > max))) {
      ctx.addIssue({ code: 'custom', message: `must be IP addresses or CIDR ranges separated by commas; "${entry}" is neither` });
      return z.NEVER;
    }
  }
  return entries;
});

export const ROLE_MAP_RULE = `entries "GROUP=ROLE[,ROLE]" separated by ";", each ROLE one of ${ROLES.join(', ')}`;

/** Parses `admins=admin;net-eng=editor,approver`. Splits at the last "=" so LDAP-style group names keep theirs. */
export function parseRoleMap(raw: string): Record<string, Role[]> | null {
  const map: Record<string, Role[]> = {};
  for (const entry of raw.split(/[;\n]/).map((e) => e.trim()).filter(Boolean)) {
    const at = entry.lastIndexOf('=');
    if (at <= 0) return null;
    const group = entry.slice(0, at).trim();
    const roles = entry.slice(at + 1).split(',').map((r) => r.trim());
    if (!group || roles.length === 0 || !roles.every(isRole)) return null;
    map[group] = [...new Set([...(map[group] ?? []), ...(roles as Role[])])];
  }
  return Object.keys(map).length ? map : null;
}

const roleMap = z.string().transform((raw, ctx) => {
  const map = parseRoleMap(raw);
  if (!map) {
    ctx.addIssue({ code: 'custom', message: `must be ${ROLE_MAP_RULE}` });
    return z.NEVER;
  }
  return map;
});

export const variables = {
  TRELLIS_DEMO: {
    name: 'TRELLIS_DEMO',
    default: '0',
    meaning:
      '1 when the console is pointed at lattice-local (`npm start` sets it). Creates the demo users admin, editor, approver and viewer (password `trellis`) and generates NEXTAUTH_SECRET when unset. Never set it against AWS.',
    schema: flag,
  },
  TRELLIS_DATA_DIR: {
    name: 'TRELLIS_DATA_DIR',
    default: '.trellis',
    meaning: 'Directory for the embedded database (PGlite) and, in demo mode, the generated secret. Created when missing.',
    schema: z.string().min(1, { error: 'must be a directory path' }),
  },
  DATABASE_URL: {
    name: 'DATABASE_URL',
    default: null,
    meaning: 'PostgreSQL connection URL. When set, the console uses this server instead of the embedded database; several console instances may share it.',
    secret: true,
    schema: postgresUrl,
  },
  NEXTAUTH_URL: {
    name: 'NEXTAUTH_URL',
    default: null,
    meaning:
      "The console's public URL, e.g. `https://trellis.example.com`. Required outside demo mode; in demo mode it defaults to `http://localhost:$PORT`. An https URL turns on Secure `__Host-` cookies and HSTS.",
    schema: httpUrl,
  },
  NEXTAUTH_SECRET: {
    name: 'NEXTAUTH_SECRET',
    default: null,
    meaning:
      'Key that encrypts session cookies; at least 32 characters (`openssl rand -base64 32`). Required outside demo mode; in demo mode one is generated and kept in the data directory.',
    secret: true,
    schema: z.string().min(32, { error: 'must be at least 32 characters' }),
  },
  PORT: {
    name: 'PORT',
    default: '3000',
    meaning: 'Port the console listens on; used for the default NEXTAUTH_URL in demo mode.',
    schema: integer(1, 65535, 'port'),
  },
  TRELLIS_SESSION_IDLE_MINUTES: {
    name: 'TRELLIS_SESSION_IDLE_MINUTES',
    default: '30',
    meaning: 'A session with no request for this many minutes ends (idle timeout).',
    schema: integer(1, 1440, 'minutes'),
  },
  TRELLIS_SESSION_MAX_HOURS: {
    name: 'TRELLIS_SESSION_MAX_HOURS',
    default: '12',
    meaning: 'A session ends this many hours after sign-in whatever its activity (absolute lifetime).',
    schema: integer(1, 720, 'hours'),
  },
  AUTH_OIDC_ISSUER: {
    name: 'AUTH_OIDC_ISSUER',
    default: null,
    meaning:
      'OpenID Connect issuer URL (its `/.well-known/openid-configuration` must answer). With AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET it adds single sign-on; the redirect URI to register is `$NEXTAUTH_URL/api/auth/callback/oidc`.',
    schema: httpUrl,
  },
  AUTH_OIDC_CLIENT_ID: { name: 'AUTH_OIDC_CLIENT_ID', default: null, meaning: 'OIDC client id.', schema: z.string().min(1, { error: 'must not be empty' }) },
  AUTH_OIDC_CLIENT_SECRET: { name: 'AUTH_OIDC_CLIENT_SECRET', default: null, meaning: 'OIDC client secret.', secret: true, schema: z.string().min(1, { error: 'must not be empty' }) },
  AUTH_OIDC_NAME: { name: 'AUTH_OIDC_NAME', default: 'Single sign-on', meaning: 'Label of the single sign-on button.', schema: z.string().min(1).max(64, { error: 'must be 1–64 characters' }) },
  AUTH_OIDC_SCOPE: {
    name: 'AUTH_OIDC_SCOPE',
    default: 'openid profile email',
    meaning: 'Scopes requested from the identity provider; add the one that releases the group claim if your provider needs it (e.g. `groups`).',
    schema: z.string().regex(/(^|\s)openid(\s|$)/, { error: 'must include "openid"' }),
  },
  AUTH_OIDC_ROLE_CLAIM: {
    name: 'AUTH_OIDC_ROLE_CLAIM',
    default: 'groups',
    meaning: 'ID-token claim holding the user\'s groups (a list or a space-separated string).',
    schema: z.string().min(1, { error: 'must not be empty' }),
  },
  AUTH_OIDC_ROLE_MAP: {
    name: 'AUTH_OIDC_ROLE_MAP',
    default: null,
    meaning:
      'Maps groups to roles, e.g. `trellis-admins=admin;network=editor,approver;*=viewer` (`*` matches every signed-in user). When set, roles are taken from the claim at each sign-in; when unset, an admin assigns roles to single sign-on users.',
    schema: roleMap,
  },
  TRELLIS_REQUIRE_APPROVAL: {
    name: 'TRELLIS_REQUIRE_APPROVAL',
    default: '0',
    meaning: '1 to require an approver to approve a plan before it can be applied.',
    schema: flag,
  },
  TRELLIS_TRUSTED_PROXIES: {
    name: 'TRELLIS_TRUSTED_PROXIES',
    default: null,
    meaning:
      'Comma-separated addresses or CIDR ranges of the reverse proxies in front of the console, e.g. `10.0.0.0/8,fd00::/8`. Only when the connection comes from one of them is `X-Forwarded-For` read (from the right, skipping trusted hops) for the client address that the sign-in throttle and the audit log use; otherwise the connection\'s own address is used.',
    schema: trustedProxies,
  },
  TRELLIS_MAX_BODY_KB: {
    name: 'TRELLIS_MAX_BODY_KB',
    default: '256',
    meaning: 'Largest JSON request body an API route accepts, in KB; larger ones get 413 before they are read. Sign-in requests are limited to 64 KB whatever this says.',
    schema: integer(1, 102400, 'KB'),
  },
  TRELLIS_MAX_DESIGN_BODY_KB: {
    name: 'TRELLIS_MAX_DESIGN_BODY_KB',
    default: '2048',
    meaning: 'Largest design document (create, save, plan) an API route accepts, in KB; larger ones get 413.',
    schema: integer(1, 102400, 'KB'),
  },
  TRELLIS_REFRESH_MIN_SECONDS: {
    name: 'TRELLIS_REFRESH_MIN_SECONDS',
    default: '10',
    meaning: 'A user starts at most one refresh of the estate in this many seconds, across every console instance (429 with Retry-After beyond; 0: no limit); a refresh asked for while one runs waits for it and starts the next, which others asking meanwhile join.',
    schema: integer(0, 3600, 'seconds'),
  },
  TRELLIS_REFRESH_EVERY_MINUTES: {
    name: 'TRELLIS_REFRESH_EVERY_MINUTES',
    default: '0',
    meaning: 'Refresh the estate in the background every this many minutes (0: only when a user asks). With several console instances on one PostgreSQL, one of them runs each scheduled refresh.',
    schema: integer(0, 1440, 'minutes'),
  },
  TRELLIS_APPLY_LEASE_SECONDS: {
    name: 'TRELLIS_APPLY_LEASE_SECONDS',
    default: '30',
    meaning: 'Lease of the lock an apply holds on its accounts, and of a refresh on the instance running it, renewed every third of it. When the console instance running an apply dies, another instance resumes it once the lease has expired; a refresh it was running ends with an error for those following it.',
    schema: integer(2, 600, 'seconds'),
  },
  TRELLIS_PASSWORD_CHECKS: {
    name: 'TRELLIS_PASSWORD_CHECKS',
    default: '2',
    meaning: 'Password checks (scrypt) run at once; further sign-ins wait their turn (up to 64), then are told to retry, so sign-in floods cannot slow everyone else down.',
    schema: integer(1, 64, 'checks'),
  },
  TRELLIS_ACCOUNTS: {
    name: 'TRELLIS_ACCOUNTS',
    default: null,
    meaning:
      'The AWS accounts and regions Trellis reads, as JSON: `[{"id":"111122223333","name":"network-hub","regions":["us-east-1"]},{"id":"444455556666","name":"payments","roleArn":"arn:aws:iam::444455556666:role/TrellisReadOnly","regions":["us-east-1","eu-west-1"]}]`. The account without `roleArn` is the base account (the SDK default credential chain); the others are reached by AssumeRole. Takes precedence over TRELLIS_ACCOUNTS_FILE. In demo mode the demo estate is configured already.',
    schema: z.string().min(2, { error: 'must be a JSON array of accounts' }),
  },
  TRELLIS_ACCOUNTS_FILE: {
    name: 'TRELLIS_ACCOUNTS_FILE',
    default: 'trellis.accounts.json',
    meaning: 'A file holding the same JSON as TRELLIS_ACCOUNTS, read when that variable is unset. Accounts added on the AWS accounts admin page are kept in the database beside it.',
    schema: z.string().min(1, { error: 'must be a file path' }),
  },
  TRELLIS_TARGET: {
    name: 'TRELLIS_TARGET',
    default: 'local',
    meaning: '`npm start` only: `local` starts lattice-local with the demo estate and points the console at it; `aws` starts no emulator and uses the SDK default credential chain.',
    schema: z.enum(['local', 'aws'], { error: 'must be local or aws' }),
  },
  LATTICE_LOCAL_PORT: {
    name: 'LATTICE_LOCAL_PORT',
    default: '4566',
    meaning: '`npm start` only: the port lattice-local listens on (127.0.0.1).',
    schema: integer(1, 65535, 'port'),
  },
  AWS_REGION: {
    name: 'AWS_REGION',
    default: null,
    meaning: "The SDK's default region, used for the base account when an account lists no regions. `npm start` sets `us-east-1` for the demo estate.",
    schema: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'must be an AWS region name such as us-east-1' }),
  },
  AWS_ENDPOINT_URL: {
    name: 'AWS_ENDPOINT_URL',
    default: null,
    meaning:
      "The SDK's own endpoint override (also `AWS_ENDPOINT_URL_VPC_LATTICE`, `_RAM`, `_EC2`, `_STS`). `npm start` points it at lattice-local; leave it unset against AWS. Trellis has no other switch between AWS and lattice-local.",
    schema: httpUrl,
  },
} satisfies Record<string, ConfigVariable>;

export type VariableName = keyof typeof variables;

/** The list the README table is generated from: name, default, meaning. */
export const configVariables: { name: string; default: string | null; meaning: string }[] = Object.values(variables).map(
  ({ name, default: d, meaning }) => ({ name, default: d, meaning }),
);
