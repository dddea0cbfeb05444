import { describe, expect, it } from 'vitest';
import { checkIdentityPolicy, checkTrustPolicy, trustAllows, type TrustCaller } from './policy';

const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const root = (account: string): TrustCaller => ({ kind: 'aws', account, arn: `arn:aws:iam::${account}:root` });
const sessionOf = (account: string, role: string): TrustCaller => ({
  kind: 'aws',
  account,
  arn: `arn:aws:sts::${account}:assumed-role/${role}/s1`,
  roleArn: `arn:aws:iam::${account}:role/${role}`,
});
const allows = (policy: string, caller: TrustCaller, context: Record<string, string | undefined> = {}) => trustAllows(policy, { caller, action: 'sts:AssumeRole', context });

describe('trust policies', () => {
  it('trusts an account (id or root) for all its principals, a role for its sessions, a service for itself', () => {
    const byAccount = doc({ Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: 'sts:AssumeRole' });
    expect(allows(byAccount, root('111111111111'))).toBe(true);
    expect(allows(byAccount, sessionOf('111111111111', 'app'))).toBe(true);
    expect(allows(byAccount, root('222222222222'))).toBe(false);
    const byRole = doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:role/team/app' }, Action: 'sts:AssumeRole' });
    expect(allows(byRole, sessionOf('111111111111', 'app'))).toBe(true);
    expect(allows(byRole, root('111111111111'))).toBe(false);
    const byService = doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' });
    expect(allows(byService, root('111111111111'))).toBe(false);
    expect(trustAllows(byService, { caller: { kind: 'service', service: 'lambda.amazonaws.com' }, action: 'sts:AssumeRole', context: {} })).toBe(true);
    // "*" names every AWS principal, not a service.
    const anyone = doc({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' });
    expect(allows(anyone, root('333333333333'))).toBe(true);
    expect(trustAllows(anyone, { caller: { kind: 'service', service: 'lambda.amazonaws.com' }, action: 'sts:AssumeRole', context: {} })).toBe(false);
    // A session ARN names that session only; another action is not trusted.
    const bySession = doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:sts::111111111111:assumed-role/app/s1' }, Action: 'sts:AssumeRole' });
    expect(allows(bySession, sessionOf('111111111111', 'app'))).toBe(true);
    expect(allows(bySession, { kind: 'aws', account: '111111111111', arn: 'arn:aws:sts::111111111111:assumed-role/app/s2', roleArn: 'arn:aws:iam::111111111111:role/app' })).toBe(false);
    expect(trustAllows(byAccount, { caller: root('111111111111'), action: 'sts:TagSession', context: {} })).toBe(false);
  });

  it('applies conditions (missing keys fail positive operators) and lets an explicit Deny win', () => {
    const external = doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:*', Condition: { StringEquals: { 'sts:ExternalId': 'x1' } } });
    expect(allows(external, root('333333333333'), { 'sts:ExternalId': 'x1' })).toBe(true);
    expect(allows(external, root('333333333333'), {})).toBe(false);
    const fenced = doc(
      { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
      { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/*' } } },
    );
    expect(allows(fenced, sessionOf('111111111111', 'app'), { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/app' })).toBe(true);
    expect(allows(fenced, root('111111111111'), { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:root' })).toBe(false);
    expect(allows('{not json', root('111111111111'))).toBe(false);
    const ownAccount = doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalAccount': '111111111111' } } });
    expect(allows(ownAccount, root('111111111111'), { 'aws:PrincipalAccount': '111111111111' })).toBe(true);
    expect(allows(ownAccount, root('222222222222'), { 'aws:PrincipalAccount': '222222222222' })).toBe(false);
  });

  it('refuses malformed documents as IAM does', () => {
    const exists = (_: string, name: string) => name === 'known';
    expect(() => checkTrustPolicy(doc({ Effect: 'Allow', Action: 'sts:AssumeRole' }), exists)).toThrow('Missing required field Principal');
    expect(() => checkTrustPolicy(doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:role/gone' }, Action: 'sts:AssumeRole' }), exists)).toThrow(
      'Invalid principal in policy: "AWS":"arn:aws:iam::111111111111:role/gone"',
    );
    expect(() => checkTrustPolicy(doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:role/known' }, Action: 'sts:AssumeRole' }), exists)).not.toThrow();
    expect(() => checkIdentityPolicy(doc({ Effect: 'Allow', Principal: '*', Action: 'x:y', Resource: '*' }))).toThrow('Policy document should not specify a principal.');
    expect(() => checkIdentityPolicy('[]')).toThrow('Syntax errors in policy.');
  });
});
