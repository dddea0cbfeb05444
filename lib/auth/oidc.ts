// Single sign-on through any OpenID Connect provider. A provider's user becomes a Trellis user
// on first sign-in; their roles come from a group claim (AUTH_OIDC_ROLE_MAP) or, without a
// map, from an admin's assignment on the Users page.
import crypto from 'node:crypto';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import type { OidcConfig } from '@/lib/config';
import { findUserByName, findUserByOidcSubject, inTransaction, insertUser, recordAudit, updateUser, type Db, type User } from '@/lib/db';
import { normalizeRoles, type Role } from './roles';
import { USER_NAME_PATTERN } from './schemas';

export const OIDC_PROVIDER_ID = 'oidc';

/** The groups in a claim: a list of strings, or one string separated by spaces or commas. */
export function groupsFromClaim(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === 'string');
  if (typeof claim === 'string') return claim.split(/[\s,]+/).filter(Boolean);
  return [];
}

/** Roles for these groups under the map; `*` in the map applies to everyone. */
export function rolesFromGroups(groups: string[], map: Record<string, Role[]>): Role[] {
  const roles = [...(map['*'] ?? []), ...groups.flatMap((g) => map[g] ?? [])];
  return normalizeRoles(roles);
}

/** A Trellis user name from a profile: preferred_username, else the e-mail's local part, else the subject. */
export function baseUserName(profile: Record<string, unknown>): string {
  const candidates = [profile.preferred_username, typeof profile.email === 'string' ? profile.email.split('@')[0] : undefined, profile.sub];
  for (const c of candidates) {
    if (typeof c !== 'string') continue;
    let name = c.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z]+/, '').slice(0, 64);
    if (name.length && name.length < 3) name = name.padEnd(3, '0');
    if (USER_NAME_PATTERN.test(name)) return name;
  }
  return 'user';
}

export function oidcProvider(config: OidcConfig): OAuthConfig<Record<string, unknown>> {
  return {
    id: OIDC_PROVIDER_ID,
    name: config.name,
    type: 'oauth',
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: config.scope } },
    idToken: true,
    checks: ['pkce', 'state'],
    profile(profile) {
      return {
        id: String(profile.sub),
        name: typeof profile.name === 'string' ? profile.name : typeof profile.preferred_username === 'string' ? profile.preferred_username : null,
        email: typeof profile.email === 'string' ? profile.email : null,
      };
    },
  };
}

/** Failures are codes the sign-in page turns into sentences (it shows no text from the URL). */
export type OidcSignIn = { ok: true; user: User } | { ok: false; code: 'NoSubject' | 'AccountDisabled' };

/**
 * Finds or creates the Trellis user for a provider identity (keyed by its `sub`, never by
 * name, so a provider user cannot take over a local account of the same name) and applies
 * the role map when there is one.
 */
export async function signInWithOidc(profile: Record<string, unknown>, config: OidcConfig, db?: Db): Promise<OidcSignIn> {
  const subject = typeof profile.sub === 'string' ? profile.sub : null;
  if (!subject) return { ok: false, code: 'NoSubject' };
  const mapped = config.roleMap ? rolesFromGroups(groupsFromClaim(profile[config.roleClaim]), config.roleMap) : null;
  const displayName = typeof profile.name === 'string' ? profile.name.slice(0, 128) : null;

  return inTransaction(async (tx) => {
    let user = await findUserByOidcSubject(subject, tx);
    if (!user) {
      const base = baseUserName(profile);
      let name = base;
      if (await findUserByName(name, tx)) {
        name = `${base.slice(0, 57)}-${crypto.createHash('sha256').update(subject).digest('hex').slice(0, 6)}`;
      }
      user = await insertUser({ name, displayName, roles: mapped ?? [], source: 'oidc', oidcSubject: subject }, tx);
      await recordAudit({ actor: user, action: 'user.create', target: user.name, outcome: 'success', details: { source: 'oidc', roles: user.roles } }, tx);
    } else if (mapped && mapped.join() !== user.roles.join()) {
      const from = user.roles;
      user = (await updateUser(user.id, { roles: mapped, displayName: displayName ?? user.displayName }, tx))!;
      await recordAudit({ actor: user, action: 'user.roles', target: user.name, outcome: 'success', details: { from, to: mapped, by: 'group claim' } }, tx);
    }
    if (user.disabledAt) {
      await recordAudit({ actor: user, action: 'auth.sign-in', target: user.name, outcome: 'denied', details: { method: 'oidc', reason: 'account disabled' } }, tx);
      return { ok: false, code: 'AccountDisabled' };
    }
    await recordAudit({ actor: user, action: 'auth.sign-in', target: user.name, outcome: 'success', details: { method: 'oidc' } }, tx);
    return { ok: true, user };
  }, db);
}
