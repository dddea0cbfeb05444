// The rules for what an admin (or the CLI, or the API) may submit. One set of schemas serves
// the API routes, the CLI and the admin forms, so all three say the same thing.
import { z } from 'zod';
import { ROLES, ROLE_RULE, roleSchema } from './roles';

export const RULES = {
  required: 'required',
  userName: '3–64 characters: lowercase letters, digits, ".", "_" or "-", starting with a letter',
  displayName: 'at most 128 characters',
  password: '8–256 characters',
  roles: `a list of at least one role, each ${ROLE_RULE}`,
  role: ROLE_RULE,
  tokenName: '1–64 characters: letters, digits, spaces, ".", "_" or "-", starting with a letter or digit',
  expiresInDays: 'a whole number of days from 1 to 3650',
  tokenScope: 'full (the user\'s roles) or read-only (GET requests only)',
  boolean: 'true or false',
  unknownField: 'not a field of this request',
} as const;

const required = (rule: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? RULES.required : rule),
});

export const USER_NAME_PATTERN = /^[a-z][a-z0-9._-]{2,63}$/;

export const userNameSchema = z.string(required(RULES.userName)).regex(USER_NAME_PATTERN, { error: RULES.userName });
export const displayNameSchema = z.string(required(RULES.displayName)).trim().max(128, { error: RULES.displayName });
export const passwordSchema = z
  .string(required(RULES.password))
  .min(8, { error: RULES.password })
  .max(256, { error: RULES.password });
export const rolesSchema = z.array(roleSchema, required(RULES.roles)).min(1, { error: RULES.roles });

export const createUserSchema = z.strictObject(
  {
    name: userNameSchema,
    displayName: displayNameSchema.optional(),
    password: passwordSchema,
    roles: rolesSchema,
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? RULES.unknownField : 'must be a JSON object') },
);
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.strictObject(
  {
    displayName: displayNameSchema.nullable().optional(),
    password: passwordSchema.optional(),
    // An empty list is allowed here: it takes every role away without disabling the user.
    roles: z.array(roleSchema, { error: `a list, each ${ROLE_RULE}` }).optional(),
    disabled: z.boolean({ error: RULES.boolean }).optional(),
    endSessions: z.literal(true, { error: 'true (ends every open session of the user)' }).optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? RULES.unknownField : 'must be a JSON object') },
);
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const DEFAULT_TOKEN_DAYS = 90;

export const TOKEN_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;
export const tokenNameSchema = z.string(required(RULES.tokenName)).regex(TOKEN_NAME_PATTERN, { error: RULES.tokenName });

export const createTokenSchema = z.strictObject(
  {
    user: userNameSchema,
    name: tokenNameSchema,
    // Every token expires: 90 days unless asked otherwise (the answer says when).
    expiresInDays: z.number(required(RULES.expiresInDays)).int({ error: RULES.expiresInDays }).min(1, { error: RULES.expiresInDays }).max(3650, { error: RULES.expiresInDays }).default(DEFAULT_TOKEN_DAYS),
    scope: z.enum(['full', 'read-only'], { error: RULES.tokenScope }).default('full'),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? RULES.unknownField : 'must be a JSON object') },
);
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

export { ROLES };

const UTC_TIME_RULE = 'a date and time in UTC, like 2026-05-01T13:30 or 2026-05-01';
const utcTime = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z)?$/, { error: UTC_TIME_RULE })
  .transform((v, ctx) => {
    const iso = v.length === 10 ? `${v}T00:00:00Z` : `${v.replace(' ', 'T')}${v.endsWith('Z') ? '' : 'Z'}`;
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: UTC_TIME_RULE });
      return z.NEVER;
    }
    return date;
  });

/** The audit log's filters, from a query string (empty values mean "any"). */
export const auditFilterSchema = z
  .object({
    actor: z.string().trim().max(128, { error: 'at most 128 characters' }).optional(),
    action: z.string().trim().max(64, { error: 'at most 64 characters' }).optional(),
    outcome: z.enum(['success', 'partial', 'failure', 'denied'], { error: 'one of success, partial, failure, denied' }).optional(),
    from: utcTime.optional(),
    to: utcTime.optional(),
    before: z.string().regex(/^\d{1,18}$/, { error: 'an event id' }).transform(Number).optional(),
    limit: z.string().regex(/^\d{1,3}$/, { error: 'a whole number from 1 to 500' }).transform(Number).pipe(z.number().min(1, { error: 'a whole number from 1 to 500' }).max(500, { error: 'a whole number from 1 to 500' })).optional(),
  })
  .strip();

/** Query parameters with empty values dropped, so `?actor=&action=x` filters by action only. */
export function queryObject(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v] as const);
  return Object.fromEntries(entries.filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''));
}
