import { describe, expect, it } from 'vitest';
import { baseUserName, groupsFromClaim, oidcProvider, rolesFromGroups } from './oidc';

describe('single sign-on mapping', () => {
  const map = { 'net-admins': ['admin' as const], network: ['editor' as const, 'approver' as const], 'cn=ops,ou=groups': ['viewer' as const] };

  it('reads groups from a list or a separated string', () => {
    expect(groupsFromClaim(['a', 'b', 3])).toEqual(['a', 'b']);
    expect(groupsFromClaim('a b,c')).toEqual(['a', 'b', 'c']);
    expect(groupsFromClaim(undefined)).toEqual([]);
    expect(groupsFromClaim({ a: 1 })).toEqual([]);
  });

  it('maps groups to roles, with * for everyone', () => {
    expect(rolesFromGroups(['network', 'unrelated'], map)).toEqual(['editor', 'approver']);
    expect(rolesFromGroups(['cn=ops,ou=groups'], map)).toEqual(['viewer']);
    expect(rolesFromGroups([], map)).toEqual([]);
    expect(rolesFromGroups([], { ...map, '*': ['viewer'] })).toEqual(['viewer']);
    expect(rolesFromGroups(['net-admins', 'network'], map)).toEqual(['editor', 'approver', 'admin']);
  });

  it('derives a valid user name from the profile', () => {
    expect(baseUserName({ preferred_username: 'Jane.Doe' })).toBe('jane.doe');
    expect(baseUserName({ email: 'J.Smith+ops@example.com' })).toBe('j.smith-ops');
    expect(baseUserName({ preferred_username: '42', sub: 'abc|123' })).toBe('abc-123');
    expect(baseUserName({ preferred_username: 'al' })).toBe('al0');
    expect(baseUserName({ sub: '12345' })).toBe('user');
  });

  it('configures an OAuth provider from the issuer\'s discovery document', () => {
    const provider = oidcProvider({ issuer: 'https://idp.example.com/realms/x', clientId: 'id', clientSecret: 's', name: 'Corp SSO', scope: 'openid profile groups', roleClaim: 'groups', roleMap: null });
    expect(provider).toMatchObject({
      id: 'oidc',
      type: 'oauth',
      name: 'Corp SSO',
      wellKnown: 'https://idp.example.com/realms/x/.well-known/openid-configuration',
      idToken: true,
      checks: ['pkce', 'state'],
      authorization: { params: { scope: 'openid profile groups' } },
    });
    expect(provider.profile!({ sub: 'u1', name: 'Jane', email: 'j@example.com' }, {})).toEqual({ id: 'u1', name: 'Jane', email: 'j@example.com' });
  });
});
