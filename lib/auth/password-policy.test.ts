// Issue 12, point 13: common passwords are refused, and admins need a longer one.
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD_MIN, passwordPolicyProblem } from './password-policy';

describe('password policy', () => {
  it('refuses common passwords whatever the case, naming the rule', () => {
    for (const p of ['password', 'Password1', 'QWERTY123', 'iloveyou', 'trellis123', 'letmein!', '12345678', 'changeme']) {
      expect(passwordPolicyProblem(p, { userName: 'carol', roles: ['viewer'] }), p).toBe('not a commonly used password');
    }
    expect(passwordPolicyProblem('carol-the-great', { userName: 'carol', roles: ['viewer'] })).toBeNull();
    expect(passwordPolicyProblem('carolcarol', { userName: 'carolcarol', roles: ['viewer'] })).toBe('not the user name');
  });

  it(`asks an admin for at least ${ADMIN_PASSWORD_MIN} characters`, () => {
    expect(passwordPolicyProblem('tulip-lamp7', { userName: 'carol', roles: ['editor'] })).toBeNull();
    expect(passwordPolicyProblem('tulip-lamp7', { userName: 'carol', roles: ['admin'] })).toBe(`at least ${ADMIN_PASSWORD_MIN} characters for an admin`);
    expect(passwordPolicyProblem('tulip-lamp-77', { userName: 'carol', roles: ['admin'] })).toBeNull();
  });
});
