import { describe, expect, it } from 'vitest';
import { can, effectiveRoles, isRole, normalizeRoles, roleSchema } from './roles';

describe('roles', () => {
  it('lets an admin do everything', () => {
    for (const role of ['viewer', 'editor', 'approver', 'admin'] as const) expect(can({ roles: ['admin'] }, role)).toBe(true);
  });

  it('gives editors and approvers the viewer role, but not each other\'s', () => {
    expect(can({ roles: ['editor'] }, 'viewer')).toBe(true);
    expect(can({ roles: ['approver'] }, 'viewer')).toBe(true);
    expect(can({ roles: ['editor'] }, 'approver')).toBe(false);
    expect(can({ roles: ['approver'] }, 'editor')).toBe(false);
    expect(can({ roles: ['editor'] }, 'admin')).toBe(false);
  });

  it('gives a viewer only the viewer role', () => {
    expect(can({ roles: ['viewer'] }, 'viewer')).toBe(true);
    expect(can({ roles: ['viewer'] }, 'editor')).toBe(false);
    expect(can({ roles: ['viewer'] }, 'admin')).toBe(false);
  });

  it('adds up several roles, and accepts any of a list', () => {
    const both = { roles: ['editor', 'approver'] as const };
    expect(effectiveRoles([...both.roles])).toEqual(['viewer', 'editor', 'approver']);
    expect(can({ roles: ['viewer'] }, ['editor', 'approver'])).toBe(false);
    expect(can({ roles: ['approver'] }, ['editor', 'approver'])).toBe(true);
  });

  it('allows nothing to a missing user or a user without roles', () => {
    expect(can(null, 'viewer')).toBe(false);
    expect(can(undefined, 'viewer')).toBe(false);
    expect(can({ roles: [] }, 'viewer')).toBe(false);
    expect(can({ roles: [] }, [])).toBe(false);
  });

  it('knows its roles and orders them', () => {
    expect(isRole('approver')).toBe(true);
    expect(isRole('root')).toBe(false);
    expect(isRole(3)).toBe(false);
    expect(normalizeRoles(['admin', 'viewer', 'admin'])).toEqual(['viewer', 'admin']);
    expect(roleSchema.safeParse('owner').error?.issues[0].message).toBe('one of viewer, editor, approver, admin');
  });
});
