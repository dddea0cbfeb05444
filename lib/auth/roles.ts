// Roles and what they allow. Pure: safe to import from client components (the UI hides
// what a role cannot do) as well as from the server (which enforces it).
import { z } from 'zod';

export const ROLES = ['viewer', 'editor', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_MEANINGS: Record<Role, string> = {
  viewer: 'inspect the estate and its history',
  editor: 'design changes, plan and apply them',
  approver: 'accept or reject shares, approve plans',
  admin: 'manage users, API tokens, accounts and settings',
};

export const ROLE_RULE = `one of ${ROLES.join(', ')}`;

export const roleSchema = z.enum(ROLES, { error: ROLE_RULE });

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Roles that a held role implies: an admin can do everything; editor and approver can inspect. */
const IMPLIED: Record<Role, readonly Role[]> = {
  viewer: ['viewer'],
  editor: ['editor', 'viewer'],
  approver: ['approver', 'viewer'],
  admin: ROLES,
};

/** Every role a user effectively holds, in ROLES order. */
export function effectiveRoles(roles: readonly Role[]): Role[] {
  const held = new Set(roles.flatMap((r) => IMPLIED[r] ?? []));
  return ROLES.filter((r) => held.has(r));
}

/**
 * True when the user may act as `role`; with a list, when they may act as any of them.
 * A missing user can do nothing.
 */
export function can(user: { roles: readonly Role[] } | null | undefined, role: Role | readonly Role[]): boolean {
  if (!user) return false;
  const wanted = typeof role === 'string' ? [role] : role;
  const held = effectiveRoles(user.roles);
  return wanted.some((r) => held.includes(r));
}

/** Sorts and de-duplicates a role list, so stored lists compare equal. */
export function normalizeRoles(roles: readonly Role[]): Role[] {
  return ROLES.filter((r) => roles.includes(r));
}
