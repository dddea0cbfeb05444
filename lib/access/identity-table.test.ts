// The caller's and the target's side of a request: the caller role's identity policies and a
// Lambda target's function policy. Each case one rule of AWS's, with the page it comes from.
import { describe, expect, it } from 'vitest';
import type { Json, Topology } from '@/lib/topology/types';
import type { AccessCheck, StepResult } from './types';
import { APP, edit, functionPolicy, inlinePolicy, OTHER, recipePolicy, ROLE, SESSION, X } from './test-estate';
import { expectVerdict, explainSteps, IAM, runCase, UG, type TableCase } from './table-fixtures';
const SRC = {
  authWorks: `${UG}/auth-policies.html#auth-policies-evaluation-logic ("How authorization works": both the auth policies and the identity-based policies must allow)`,
  evalLogic: `${IAM}/reference_policies_evaluation-logic.html (explicit deny wins; an allow is needed)`,
  crossAccount: `${IAM}/reference_policies_evaluation-logic-cross-account.html (the caller's account must allow too)`,
  sessions: `${IAM}/id_roles_use.html (a role session has its role's permissions, narrowed by session policies)`,
  principalElement: `${IAM}/reference_policies_elements_principal.html (identity-based policies name no principal)`,
  lambdaTargets: `${UG}/lambda-functions.html (Lattice invokes the function; its resource policy must allow vpc-lattice.amazonaws.com)`,
  lambdaPolicy: 'docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html (function policies; AddPermission, SourceAccount / SourceArn)',
};

const INVOKE_ALL = { Effect: 'Allow', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' } as const;
const PARTNER_ROLE = `arn:aws:iam::${OTHER}:role/PartnerReporting`;

interface Case extends TableCase {
  /** The result of the step under test (identity, or targetPolicy). */
  step?: { check: AccessCheck; result: StepResult | 'absent'; statement?: string };
}

/** The partner's role is named by the orders service's policy, so only its own IAM decides. */
const partnerMayCall = (t: Topology) => edit.policy(t, X.orders, recipePolicy(X.orders, PARTNER_ROLE));
const onSearch = { service: X.search, principal: null, path: '/search' } as const;
const latticeMayInvoke = (condition?: Record<string, Json>) =>
  functionPolicy({ Sid: 'vpc-lattice-invoke', Effect: 'Allow', Principal: { Service: 'vpc-lattice.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: X.searchFunction, ...(condition ? { Condition: condition } : {}) });

const CASES: Case[] = [
  // ---- Identity policies of the caller's role.
  {
    name: 'explicit allow in an inline identity policy',
    rule: 'A4/I1: the role allows vpc-lattice-svcs:Invoke, so the identity step passes on its statement',
    source: SRC.authWorks,
    setup: (t) => edit.role(t, ROLE, [inlinePolicy('invoke-lattice', { Sid: 'InvokeAny', ...INVOKE_ALL })]),
    expect: 'allow',
    step: { check: 'identity', result: 'pass', statement: 'InvokeAny' },
    detail: /identity policy invoke-lattice allows vpc-lattice-svcs:Invoke/,
  },
  {
    name: 'explicit allow in an attached managed policy',
    rule: 'I1: attached managed policies count like inline ones',
    source: SRC.evalLogic,
    setup: (t) => edit.role(t, ROLE, [{ name: 'VPCLatticeServicesInvokeAccess', kind: 'managed', arn: 'arn:aws:iam::aws:policy/VPCLatticeServicesInvokeAccess', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['vpc-lattice-svcs:Invoke'], Resource: '*' }] } }]),
    expect: 'allow',
    step: { check: 'identity', result: 'pass' },
  },
  {
    name: 'no identity policy at all',
    rule: 'A4/I2: a role with no identity policy has no allow: implicit deny, although the auth policy allows',
    source: SRC.authWorks,
    setup: (t) => edit.role(t, ROLE, []),
    expect: 'identity',
    step: { check: 'identity', result: 'fail' },
    detail: /No identity policy of role ProductServiceRole allows .*it has none/,
    failed: ROLE,
  },
  {
    name: 'identity policies that allow other actions only',
    rule: 'I2: an allow must cover the action; s3:* does not',
    source: SRC.evalLogic,
    setup: (t) => edit.role(t, ROLE, [inlinePolicy('s3-only', { Effect: 'Allow', Action: 's3:*', Resource: '*' })]),
    expect: 'identity',
    step: { check: 'identity', result: 'fail' },
  },
  {
    name: 'identity allow on another service only',
    rule: 'I2: the allow must cover the service ARN and path (Resource)',
    source: SRC.evalLogic,
    setup: (t) => edit.role(t, ROLE, [inlinePolicy('search-only', { Effect: 'Allow', Action: 'vpc-lattice-svcs:Invoke', Resource: `${X.search}/*` })]),
    expect: 'identity',
    step: { check: 'identity', result: 'fail' },
  },
  {
    name: 'explicit deny in an identity policy beside an allow',
    rule: 'I3: an explicit Deny in any identity policy wins over every Allow',
    source: SRC.evalLogic,
    setup: (t) =>
      edit.role(t, ROLE, [inlinePolicy('invoke-any', INVOKE_ALL), inlinePolicy('no-orders', { Sid: 'DenyOrders', Effect: 'Deny', Action: 'vpc-lattice-svcs:*', Resource: `${X.orders}/*` })]),
    expect: 'identity',
    step: { check: 'identity', result: 'fail', statement: 'DenyOrders' },
    detail: /identity policy no-orders denies/,
    failed: ROLE,
  },
  {
    name: 'identity allow with a condition on the method: GET passes',
    rule: 'I1 with P4: identity policies read the same request context as auth policies',
    source: SRC.evalLogic,
    setup: (t) => edit.role(t, ROLE, [inlinePolicy('reads', { ...INVOKE_ALL, Condition: { StringEquals: { 'vpc-lattice-svcs:RequestMethod': 'GET' } } })]),
    expect: 'allow',
    step: { check: 'identity', result: 'pass' },
  },
  {
    name: 'identity allow with a condition on the method: POST fails',
    rule: 'I2 with P4: the condition does not hold, so nothing allows',
    source: SRC.evalLogic,
    setup: (t) => edit.role(t, ROLE, [inlinePolicy('reads', { ...INVOKE_ALL, Condition: { StringEquals: { 'vpc-lattice-svcs:RequestMethod': 'GET' } } })]),
    method: 'POST',
    expect: 'identity',
  },
  {
    name: 'an identity statement naming a principal grants nothing',
    rule: 'I4: identity-based policies may not name a principal (IAM refuses them); such a statement does not apply',
    source: SRC.principalElement,
    setup: (t) => edit.role(t, ROLE, [inlinePolicy('odd', { ...INVOKE_ALL, Principal: '*' })]),
    expect: 'identity',
  },
  {
    name: 'a session of the role is evaluated with the role’s policies',
    rule: 'I5: an assumed-role session carries its role’s identity policies',
    source: SRC.sessions,
    principal: SESSION,
    setup: (t) => edit.role(t, ROLE, [inlinePolicy('invoke-lattice', INVOKE_ALL)]),
    expect: 'allow',
    step: { check: 'identity', result: 'pass' },
    detail: /session arn:aws:sts::222222222222:assumed-role\/ProductServiceRole\/i-0abc is evaluated with its role's policies/,
  },
  {
    name: 'a session of a role with a path is matched by name',
    rule: 'I5: a session ARN carries no role path; the role is found by account and name',
    source: SRC.sessions,
    principal: SESSION,
    setup: (t) => edit.role(t, `arn:aws:iam::${APP}:role/workloads/ProductServiceRole`, []),
    expect: 'identity',
    failed: `arn:aws:iam::${APP}:role/workloads/ProductServiceRole`,
  },
  {
    name: 'a session whose role has a deny',
    rule: 'I3 with I5: the role’s explicit Deny applies to its sessions',
    source: SRC.sessions,
    principal: SESSION,
    setup: (t) => edit.role(t, ROLE, [inlinePolicy('deny-all', { Effect: 'Deny', Action: '*', Resource: '*' })]),
    expect: 'identity',
  },
  {
    name: 'the caller’s role was not read',
    rule: 'I6: without the role’s policies the identity step stays assumed (and the request is judged on the rest)',
    source: SRC.authWorks,
    expect: 'allow',
    step: { check: 'identity', result: 'assumed' },
    detail: /did not read IAM in account 222222222222/,
  },
  {
    name: 'the caller’s role is listed but its policies were not read',
    rule: 'I6: policies not read, identity assumed',
    source: SRC.authWorks,
    setup: (t) => edit.role(t, ROLE, undefined),
    expect: 'allow',
    step: { check: 'identity', result: 'assumed' },
    detail: /identity policies of role ProductServiceRole were not read/,
  },
  {
    name: 'the role the policy names does not exist',
    rule: 'I7: no role, no session: the identity step fails',
    source: SRC.sessions,
    setup: (t) => edit.role(t, ROLE, undefined, { external: true, status: 'NOT_FOUND' }),
    expect: 'identity',
    detail: /was not found in account 222222222222/,
  },
  {
    name: 'a role of another account that allows',
    rule: 'I8: cross-account: the auth policy names the role and the role’s own account allows too',
    source: SRC.crossAccount,
    principal: PARTNER_ROLE,
    setup: (t) => edit.role(partnerMayCall(t), PARTNER_ROLE, [inlinePolicy('invoke-app', { Effect: 'Allow', Action: 'vpc-lattice-svcs:Invoke', Resource: `arn:aws:vpc-lattice:us-east-1:${APP}:service/*` })]),
    expect: 'allow',
    step: { check: 'identity', result: 'pass' },
  },
  {
    name: 'a role of another account without an allow',
    rule: 'I8: cross-account: the auth policy alone is not enough, the caller’s account must allow',
    source: SRC.crossAccount,
    principal: PARTNER_ROLE,
    setup: (t) => edit.role(partnerMayCall(t), PARTNER_ROLE, [inlinePolicy('read-s3', { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })]),
    expect: 'identity',
    failed: PARTNER_ROLE,
  },
  {
    name: 'a role of another account whose IAM was not read',
    rule: 'I6 with I8: not read, assumed',
    source: SRC.crossAccount,
    principal: PARTNER_ROLE,
    setup: partnerMayCall,
    expect: 'allow',
    step: { check: 'identity', result: 'assumed' },
    detail: /did not read IAM in account 333333333333/,
  },
  {
    name: 'the auth policy refuses before the identity policy is asked',
    rule: 'A4: both must allow; the service auth policy that does not name the role fails first',
    source: SRC.authWorks,
    principal: PARTNER_ROLE,
    setup: (t) => edit.role(t, PARTNER_ROLE, [inlinePolicy('invoke-any', INVOKE_ALL)]),
    expect: 'serviceAuth',
    step: { check: 'identity', result: 'pass' },
  },
  {
    name: 'an anonymous caller has no identity policy',
    rule: 'I9: unsigned requests carry no identity; the step passes',
    source: SRC.authWorks,
    ...onSearch,
    expect: 'allow',
    step: { check: 'identity', result: 'pass' },
  },

  // ---- The function policy of a Lambda target.
  {
    name: 'a Lambda target whose function policy was not read',
    rule: 'L1: the function must allow Lattice; unread, the step is assumed',
    source: SRC.lambdaTargets,
    ...onSearch,
    setup: (t) => edit.lambdaPolicy(t, undefined),
    expect: 'allow',
    step: { check: 'targetPolicy', result: 'assumed' },
  },
  {
    name: 'no function known behind the target',
    rule: 'L1: no function in the estate, no step',
    source: SRC.lambdaTargets,
    ...onSearch,
    expect: 'allow',
    step: { check: 'targetPolicy', result: 'absent' },
  },
  {
    name: 'the function allows vpc-lattice.amazonaws.com',
    rule: 'L2: AddPermission --principal vpc-lattice.amazonaws.com lets Lattice invoke it',
    source: SRC.lambdaPolicy,
    ...onSearch,
    setup: (t) => edit.lambdaPolicy(t, latticeMayInvoke()),
    expect: 'allow',
    step: { check: 'targetPolicy', result: 'pass' },
  },
  {
    name: 'the function has no policy',
    rule: 'L3: with no resource policy no service may invoke the function',
    source: SRC.lambdaPolicy,
    ...onSearch,
    setup: (t) => edit.lambdaPolicy(t, null),
    expect: 'targetPolicy',
    detail: /The function search-fn does not allow vpc-lattice.amazonaws.com to invoke it \(the function has no resource policy\)/,
    failed: X.searchFunction,
  },
  {
    name: 'the function allows another service only',
    rule: 'L3: a policy for apigateway.amazonaws.com does not name Lattice',
    source: SRC.lambdaPolicy,
    ...onSearch,
    setup: (t) => edit.lambdaPolicy(t, functionPolicy({ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: X.searchFunction })),
    expect: 'targetPolicy',
  },
  {
    name: 'SourceAccount condition of the target group’s account',
    rule: 'L4: AddPermission --source-account: the target group’s account invokes',
    source: SRC.lambdaPolicy,
    ...onSearch,
    setup: (t) => edit.lambdaPolicy(t, latticeMayInvoke({ StringEquals: { 'AWS:SourceAccount': APP } })),
    expect: 'allow',
    step: { check: 'targetPolicy', result: 'pass' },
  },
  {
    name: 'SourceAccount condition of another account',
    rule: 'L4: the condition does not hold, so Lattice may not invoke',
    source: SRC.lambdaPolicy,
    ...onSearch,
    setup: (t) => edit.lambdaPolicy(t, latticeMayInvoke({ StringEquals: { 'AWS:SourceAccount': OTHER } })),
    expect: 'targetPolicy',
  },
  {
    name: 'SourceArn condition naming the target group',
    rule: 'L5: AddPermission --source-arn with the target group ARN',
    source: SRC.lambdaPolicy,
    ...onSearch,
    setup: (t) => edit.lambdaPolicy(t, latticeMayInvoke({ ArnLike: { 'AWS:SourceArn': X.tgSearch } })),
    expect: 'allow',
  },
  {
    name: 'SourceArn condition naming another target group',
    rule: 'L5: another group’s ARN does not match',
    source: SRC.lambdaPolicy,
    ...onSearch,
    setup: (t) => edit.lambdaPolicy(t, latticeMayInvoke({ ArnLike: { 'AWS:SourceArn': X.tgStable } })),
    expect: 'targetPolicy',
  },
  {
    name: 'an explicit deny for Lattice in the function policy',
    rule: 'L3 with I3: a Deny naming the service wins',
    source: SRC.evalLogic,
    ...onSearch,
    setup: (t) =>
      edit.lambdaPolicy(t, {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'vpc-lattice.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: X.searchFunction },
          { Sid: 'NoLattice', Effect: 'Deny', Principal: { Service: 'vpc-lattice.amazonaws.com' }, Action: 'lambda:*', Resource: '*' },
        ],
      }),
    expect: 'targetPolicy',
  },
];

describe('identity and function policy table', () => {
  it('covers identity policies (allow, none, deny, a session, another account) and function policies, each citing its source', () => {
    for (const c of CASES) expect(c.source, c.name).toMatch(/docs\.aws\.amazon\.com/);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  for (const c of CASES) {
    it(`${c.name} — ${c.rule}`, () => {
      const d = runCase(c);
      expectVerdict(c, d);
      if (c.step) {
        const step = d.steps.find((s) => s.check === c.step!.check);
        if (c.step.result === 'absent') expect(step, explainSteps(d)).toBeUndefined();
        else {
          expect(step?.result, explainSteps(d)).toBe(c.step.result);
          if (c.step.statement) expect(step?.statement, explainSteps(d)).toBe(c.step.statement);
        }
      }
    });
  }
});
