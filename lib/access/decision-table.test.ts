// The decision table: each case one rule of AWS's, with the page it comes from. A case names
// the request, the estate edit it needs, and the verdict: allow, or the check that denies.
import { describe, expect, it } from 'vitest';
import type { Json, Topology } from '@/lib/topology/types';
import { AccessInputError, evaluateAccess } from './index';
import type { AccessDecision } from './types';
import { allowWith, APP, DATA, edit, estate, OTHER, OTHER_ROLE, ROLE, SESSION, X } from './test-estate';
import { expectVerdict, explainSteps, IAM, runCase, UG, type TableCase } from './table-fixtures';
const SRC = {
  authWorks: `${UG}/auth-policies.html#auth-policies-evaluation-logic ("How authorization works")`,
  authKeys: `${UG}/auth-policies.html (condition keys; resource forms)`,
  deleteAuth: 'docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_DeleteAuthPolicy.html',
  putAuth: 'docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_PutAuthPolicy.html (state Inactive when auth type is NONE)',
  evalLogic: `${IAM}/reference_policies_evaluation-logic.html`,
  principal: `${IAM}/reference_policies_elements_principal.html`,
  notPrincipal: `${IAM}/reference_policies_elements_notprincipal.html`,
  action: `${IAM}/reference_policies_elements_action.html; …_notaction.html`,
  resource: `${IAM}/reference_policies_elements_resource.html; …_notresource.html`,
  ops: `${IAM}/reference_policies_elements_condition_operators.html`,
  multi: `${IAM}/reference_policies_condition-single-vs-multi-valued-context-keys.html`,
  global: `${IAM}/reference_policies_condition-keys.html`,
  sar: 'docs.aws.amazon.com/service-authorization/latest/reference/list_vpc-lattice-svcs.html',
  access: `${UG}/access-management-overview.html; ${UG}/service-networks.html`,
  oneAssoc: `${UG}/service-networks.html ("You can connect a VPC to only one service network through an association")`,
  sharing: `${UG}/sharing.html`,
  endpoint: 'docs.aws.amazon.com/vpc/latest/privatelink/access-with-service-network-endpoint.html',
  rules: `${UG}/listener-rules.html`,
  header: 'docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_HeaderMatch.html',
  weighted: 'docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_WeightedTargetGroup.html',
  health: `${UG}/target-group-health-checks.html`,
  listeners: `${UG}/listeners.html`,
};

interface Case extends TableCase {
  /** The deciding statement of the first failing step. */
  statement?: string;
  check?: (d: AccessDecision) => void;
}

const onOrders = (policy: Json, authType = 'AWS_IAM') => (t: Topology) => edit.policy(t, X.orders, policy, authType);
const tlsListener = (t: Topology): Topology => {
  const id = `${X.orders}/listener/listener-0tls00000000000001`;
  t.nodes.push({ id, kind: 'listener', account: APP, region: 'us-east-1', name: 'tls-8443', status: 'ACTIVE', tags: {}, seenBy: [APP], parent: X.orders, description: { protocol: 'TLS_PASSTHROUGH', port: 8443, defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: 'tg-0stable0000000001', weight: 100 }] } } } });
  return t;
};
const denyWith = (extra: Record<string, Json>): Json => {
  const p = allowWith({}) as { Statement: Json[] };
  return { Version: '2012-10-17', Statement: [...p.Statement, { Sid: 'DenyRule', Effect: 'Deny', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: `${X.orders}/*`, ...extra }] };
};

const CASES: Case[] = [
  // ---- The recipe's policy (service auth policy with an Allow for ProductServiceRole and a Deny for everyone else).
  { name: 'recipe: ProductServiceRole session GET /orders is allowed', rule: 'A role ARN in Principal grants to the role\'s sessions; StringEquals method and StringLike path hold', source: `${SRC.authKeys}; ${SRC.principal}`, expect: 'allow', check: (d) => expect(d.steps.find((s) => s.check === 'serviceAuth')?.statement).toBe('AllowProductServiceToReadAndPlaceOrders') },
  { name: 'recipe: POST /orders is allowed', rule: 'StringEquals with a list matches any listed value', source: SRC.ops, method: 'POST', expect: 'allow' },
  { name: 'recipe: DELETE /orders is denied (no statement allows)', rule: 'No explicit Allow → implicit deny', source: SRC.authWorks, method: 'DELETE', expect: 'serviceAuth', detail: /implicit deny/ },
  { name: 'recipe: another role of the same account is denied by the Deny statement', rule: 'An explicit Deny overrides any Allow', source: `${SRC.authWorks}; ${SRC.evalLogic}`, principal: OTHER_ROLE, expect: 'serviceAuth', statement: 'DenyEveryoneElse', detail: /explicit Deny/ },
  { name: 'recipe: an anonymous caller is denied (aws:PrincipalArn missing under StringNotLike)', rule: 'A negated operator on a missing key matches, so the Deny applies', source: `${SRC.ops} ("…the condition returns true" for missing keys with negated operators)`, principal: null, expect: 'serviceAuth', statement: 'DenyEveryoneElse', detail: /not in the request/ },
  { name: 'recipe: the role ARN itself as caller is a session of the role', rule: 'aws:PrincipalArn of a role session is the role ARN', source: SRC.global, principal: ROLE, expect: 'allow' },
  { name: 'recipe: /orders/42 is covered by /orders*', rule: 'StringLike * matches any run of characters', source: SRC.ops, path: '/orders/42', expect: 'allow' },
  { name: 'recipe: /Orders does not match /orders* (StringLike is case-sensitive)', rule: 'StringLike is case-sensitive', source: SRC.ops, path: '/Orders', expect: 'serviceAuth' },
  { name: 'recipe: a session of a same-named role in another account is denied', rule: 'A role principal is an account and a role name', source: SRC.principal, principal: `arn:aws:sts::${OTHER}:assumed-role/ProductServiceRole/s`, expect: 'serviceAuth', statement: 'DenyEveryoneElse' },

  // ---- Principals.
  { name: 'an exact session ARN in Principal matches that session', rule: 'A session ARN principal must match exactly', source: SRC.principal, setup: onOrders(allowWith({ Principal: { AWS: SESSION } })), expect: 'allow' },
  { name: 'an exact session ARN in Principal does not match another session of the role', rule: 'Session principals cannot use wildcards and match one session', source: SRC.principal, principal: `arn:aws:sts::${APP}:assumed-role/ProductServiceRole/other`, setup: onOrders(allowWith({ Principal: { AWS: SESSION } })), expect: 'serviceAuth' },
  { name: 'an account id in Principal covers the account\'s roles', rule: 'An account principal delegates to the account', source: SRC.principal, setup: onOrders(allowWith({ Principal: { AWS: APP } })), expect: 'allow', detail: /account/ },
  { name: 'an account root ARN in Principal covers the account\'s roles', rule: 'arn:aws:iam::ACCOUNT:root is the account principal', source: SRC.principal, setup: onOrders(allowWith({ Principal: { AWS: `arn:aws:iam::${APP}:root` } })), expect: 'allow' },
  { name: 'an account principal does not cover anonymous callers', rule: 'Only "*" names anonymous principals', source: SRC.principal, principal: null, setup: onOrders(allowWith({ Principal: { AWS: APP } })), expect: 'serviceAuth' },
  { name: 'Principal "*" without conditions lets anonymous callers in', rule: 'Anonymous principals are allowed when an auth policy allows "*"', source: `${SRC.authKeys}; ${SRC.principal}`, principal: null, setup: onOrders(allowWith({})), expect: 'allow', check: (d) => expect(d.steps.find((s) => s.check === 'identity')?.result).toBe('pass') },
  { name: 'a partial wildcard in Principal names no one', rule: 'Principal values cannot hold partial wildcards', source: SRC.principal, setup: onOrders(allowWith({ Principal: { AWS: `arn:aws:iam::${APP}:role/Product*` } })), expect: 'serviceAuth', detail: /partial wildcard/ },
  { name: 'authenticated-only: StringNotEqualsIgnoreCase aws:PrincipalType anonymous denies unsigned callers', rule: 'aws:PrincipalType is Anonymous for unsigned requests', source: `${SRC.global}; ${SRC.authKeys}`, principal: null, setup: onOrders(allowWith({ Condition: { StringNotEqualsIgnoreCase: { 'aws:PrincipalType': 'anonymous' } } })), expect: 'serviceAuth' },
  { name: 'authenticated-only: a signed role session passes (aws:PrincipalType AssumedRole)', rule: 'aws:PrincipalType is AssumedRole for role sessions', source: SRC.global, setup: onOrders(allowWith({ Condition: { StringEquals: { 'aws:PrincipalType': 'AssumedRole' } } })), expect: 'allow' },
  { name: 'AWS example 3: StringNotEquals aws:PrincipalType "Anonymous" denies unsigned callers', rule: 'StringNotEquals is case-sensitive and Anonymous is the value', source: SRC.authKeys, principal: null, setup: onOrders(allowWith({ Condition: { StringNotEquals: { 'aws:PrincipalType': 'Anonymous' } } })), expect: 'serviceAuth' },
  { name: 'a signed caller is still assumed to need an identity policy', rule: 'Both auth policies and identity-based policies need explicit allows', source: SRC.authWorks, setup: onOrders(allowWith({})), expect: 'allow', check: (d) => expect(d.steps.find((s) => s.check === 'identity')?.result).toBe('assumed') },

  // ---- NotPrincipal.
  { name: 'NotPrincipal Deny listing session, role and account spares that session', rule: 'With NotPrincipal and Deny, list the session, the role and the account', source: SRC.notPrincipal, setup: onOrders(denyWith({ Principal: undefined as unknown as Json, NotPrincipal: { AWS: [SESSION, ROLE, `arn:aws:iam::${APP}:root`] } })), expect: 'allow' },
  { name: 'NotPrincipal Deny listing only the role still denies its session (strict reading)', rule: 'The session is not excluded unless its session ARN is listed', source: SRC.notPrincipal, setup: onOrders(denyWith({ Principal: undefined as unknown as Json, NotPrincipal: { AWS: [ROLE] } })), expect: 'serviceAuth', statement: 'DenyRule', detail: /NotPrincipal read strictly/ },
  { name: 'NotPrincipal Deny applies to anonymous callers', rule: 'NotPrincipal applies to every principal not listed, anonymous included', source: SRC.notPrincipal, principal: null, setup: onOrders(denyWith({ Principal: undefined as unknown as Json, NotPrincipal: { AWS: [ROLE] } })), expect: 'serviceAuth', statement: 'DenyRule' },

  // ---- Missing keys and set operators.
  { name: 'StringNotEquals on a header that is not sent matches (Deny applies)', rule: 'Negated operators are true when the key is missing', source: SRC.ops, setup: onOrders(denyWith({ Condition: { StringNotEquals: { 'vpc-lattice-svcs:RequestHeader/x-team': 'orders' } } })), expect: 'serviceAuth', statement: 'DenyRule' },
  { name: 'StringNotEquals on the header when sent with the allowed value does not deny', rule: 'A negated operator matches only values outside the list', source: SRC.ops, headers: { 'x-team': 'orders' }, setup: onOrders(denyWith({ Condition: { StringNotEquals: { 'vpc-lattice-svcs:RequestHeader/x-team': 'orders' } } })), expect: 'allow' },
  { name: 'StringEquals on a missing header is false', rule: 'A positive operator on a missing key is false', source: SRC.ops, setup: onOrders(allowWith({ Condition: { StringEquals: { 'vpc-lattice-svcs:RequestHeader/x-team': 'orders' } } })), expect: 'serviceAuth' },
  { name: 'StringEqualsIfExists on a missing header is true', rule: '…IfExists: true when the key is missing', source: SRC.ops, setup: onOrders(allowWith({ Condition: { StringEqualsIfExists: { 'vpc-lattice-svcs:RequestHeader/x-team': 'orders' } } })), expect: 'allow' },
  { name: 'Null true on a missing header is true', rule: 'Null: true means the key is absent', source: SRC.ops, setup: onOrders(allowWith({ Condition: { Null: { 'vpc-lattice-svcs:RequestHeader/x-team': 'true' } } })), expect: 'allow' },
  { name: 'ForAllValues on a missing query key is true', rule: 'ForAllValues returns true when the key is missing or empty', source: SRC.multi, setup: onOrders(allowWith({ Condition: { 'ForAllValues:StringEquals': { 'vpc-lattice-svcs:RequestQueryString/tag': ['a', 'b'] } } })), expect: 'allow' },
  { name: 'ForAnyValue on a missing query key is false', rule: 'ForAnyValue returns false when the key is missing', source: SRC.multi, setup: onOrders(allowWith({ Condition: { 'ForAnyValue:StringEquals': { 'vpc-lattice-svcs:RequestQueryString/tag': ['a', 'b'] } } })), expect: 'serviceAuth' },
  { name: 'ForAnyValue: one of the query values in the list is enough', rule: 'ForAnyValue: at least one context value matches', source: SRC.multi, query: { tag: ['z', 'b'] }, setup: onOrders(allowWith({ Condition: { 'ForAnyValue:StringEquals': { 'vpc-lattice-svcs:RequestQueryString/tag': ['a', 'b'] } } })), expect: 'allow' },
  { name: 'ForAllValues: one query value outside the list fails', rule: 'ForAllValues: every context value must match', source: SRC.multi, query: { tag: ['a', 'z'] }, setup: onOrders(allowWith({ Condition: { 'ForAllValues:StringEquals': { 'vpc-lattice-svcs:RequestQueryString/tag': ['a', 'b'] } } })), expect: 'serviceAuth' },

  // ---- Operators and context keys.
  { name: 'StringLike ? matches exactly one character', rule: 'StringLike ? is a single-character wildcard', source: SRC.ops, path: '/v1/items', setup: onOrders(allowWith({ Condition: { StringLike: { 'vpc-lattice-svcs:RequestPath': '/v?/items' } } })), expect: 'allow' },
  { name: 'StringLike ? does not match two characters', rule: 'StringLike ? is a single-character wildcard', source: SRC.ops, path: '/v10/items', setup: onOrders(allowWith({ Condition: { StringLike: { 'vpc-lattice-svcs:RequestPath': '/v?/items' } } })), expect: 'serviceAuth' },
  { name: 'StringEqualsIgnoreCase ignores the header value\'s case', rule: 'StringEqualsIgnoreCase', source: SRC.ops, headers: { 'x-env': 'PROD' }, setup: onOrders(allowWith({ Condition: { StringEqualsIgnoreCase: { 'vpc-lattice-svcs:RequestHeader/x-env': 'prod' } } })), expect: 'allow' },
  { name: 'StringEquals compares the header value case-sensitively', rule: 'StringEquals is case-sensitive', source: SRC.ops, headers: { 'x-env': 'PROD' }, setup: onOrders(allowWith({ Condition: { StringEquals: { 'vpc-lattice-svcs:RequestHeader/x-env': 'prod' } } })), expect: 'serviceAuth' },
  { name: 'the header name in RequestHeader/NAME does not depend on case', rule: 'HTTP header names are case-insensitive; condition key names are not case-sensitive', source: `${SRC.global} (key names); ${SRC.sar}`, headers: { 'X-Env': 'prod' }, setup: onOrders(allowWith({ Condition: { StringEquals: { 'vpc-lattice-svcs:RequestHeader/x-env': 'prod' } } })), expect: 'allow' },
  { name: 'NumericEquals on vpc-lattice-svcs:Port matches the listener port', rule: 'Port is a Numeric key', source: SRC.sar, port: 443, setup: onOrders(allowWith({ Condition: { NumericEquals: { 'vpc-lattice-svcs:Port': 443 } } })), expect: 'allow' },
  { name: 'NumericEquals on the port fails on another listener', rule: 'Port is the destination port of the request', source: SRC.sar, port: 80, setup: onOrders(allowWith({ Condition: { NumericEquals: { 'vpc-lattice-svcs:Port': 443 } } })), expect: 'serviceAuth' },
  { name: 'ArnLike on vpc-lattice-svcs:ServiceNetworkArn matches the network of the path', rule: 'ServiceNetworkArn is the network the request came through', source: `${SRC.sar}; ${SRC.ops} (ARN operators)`, setup: onOrders(allowWith({ Condition: { ArnLike: { 'vpc-lattice-svcs:ServiceNetworkArn': 'arn:aws:vpc-lattice:*:*:servicenetwork/sn-0retail*' } } })), expect: 'allow' },
  { name: 'StringEquals on vpc-lattice-svcs:SourceVpc allows the named VPC', rule: 'SourceVpc is the caller\'s VPC id', source: SRC.sar, setup: onOrders(allowWith({ Condition: { StringEquals: { 'vpc-lattice-svcs:SourceVpc': 'vpc-0app0000000000001' } } })), expect: 'allow' },
  { name: 'StringEquals on vpc-lattice-svcs:SourceVpcOwnerAccount denies a VPC of another account', rule: 'SourceVpcOwnerAccount is the VPC owner', source: SRC.sar, vpc: X.otherVpc, principal: `arn:aws:sts::${OTHER}:assumed-role/x/y`, setup: onOrders(allowWith({ Condition: { StringEquals: { 'vpc-lattice-svcs:SourceVpcOwnerAccount': APP } } })), expect: 'serviceAuth' },
  { name: 'aws:PrincipalOrgID matches a caller in the organization', rule: 'aws:PrincipalOrgID is the caller account\'s organization', source: `${SRC.global}; ${SRC.authKeys}`, setup: onOrders(allowWith({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-trellis0test' } } })), expect: 'allow' },
  { name: 'aws:PrincipalOrgID does not match a caller outside it', rule: 'aws:PrincipalOrgID is absent for accounts outside an organization', source: SRC.global, principal: `arn:aws:sts::${OTHER}:assumed-role/x/y`, vpc: X.otherVpc, setup: onOrders(allowWith({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-trellis0test' } } })), expect: 'serviceAuth' },
  { name: 'aws:PrincipalTag/team reads the caller\'s tags', rule: 'aws:PrincipalTag/KEY', source: SRC.global, principalTags: { team: 'orders' }, setup: onOrders(allowWith({ Condition: { StringEquals: { 'aws:PrincipalTag/team': 'orders' } } })), expect: 'allow' },
  { name: 'aws:ResourceTag/env reads the service\'s tags', rule: 'aws:ResourceTag/KEY is a condition key of the Service resource', source: SRC.sar, setup: onOrders(allowWith({ Condition: { StringEquals: { 'aws:ResourceTag/env': 'staging' } } })), expect: 'serviceAuth' },
  { name: 'IpAddress on aws:SourceIp fails: the key is not in a Lattice request (a reading)', rule: 'A positive operator on a missing key is false', source: `${SRC.ops}; ${SRC.global}`, setup: onOrders(allowWith({ Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })), expect: 'serviceAuth' },
  { name: 'an unknown condition operator makes the statement not apply', rule: 'Only IAM\'s condition operators exist', source: SRC.ops, setup: onOrders(allowWith({ Condition: { StringSortOf: { 'vpc-lattice-svcs:RequestMethod': 'GET' } } })), expect: 'serviceAuth' },

  // ---- Action and Resource.
  { name: 'Action vpc-lattice-svcs:* covers Invoke', rule: 'Action wildcards', source: SRC.action, setup: onOrders(allowWith({ Action: 'vpc-lattice-svcs:*' })), expect: 'allow' },
  { name: 'Action names are case-insensitive', rule: 'Action values are not case-sensitive', source: SRC.action, setup: onOrders(allowWith({ Action: 'VPC-Lattice-Svcs:invoke' })), expect: 'allow' },
  { name: 'Action Connect does not cover an HTTP request (Invoke)', rule: 'HTTP requests are vpc-lattice-svcs:Invoke', source: SRC.sar, setup: onOrders(allowWith({ Action: 'vpc-lattice-svcs:Connect' })), expect: 'serviceAuth' },
  { name: 'NotAction Connect covers Invoke', rule: 'NotAction matches every action except those listed', source: SRC.action, setup: onOrders(allowWith({ Action: undefined as unknown as Json, NotAction: 'vpc-lattice-svcs:Connect' })), expect: 'allow' },
  { name: 'Resource */orders form with wildcards in the ARN parts', rule: 'Resource ARN parts are matched separately with wildcards; …:service/svc-ID/PATH', source: `${SRC.resource}; ${SRC.authKeys}`, path: '/orders', setup: onOrders(allowWith({ Resource: 'arn:aws:vpc-lattice:*:*:service/*/orders' })), expect: 'allow' },
  { name: 'a Resource of another service does not cover the request', rule: 'The resource is service/svc-ID/PATH of the called service', source: SRC.authKeys, setup: onOrders(allowWith({ Resource: `${X.search}/*` })), expect: 'serviceAuth' },
  { name: 'NotResource in a Deny denies everything outside the listed paths', rule: 'NotResource matches every resource except those listed', source: SRC.resource, setup: onOrders(denyWith({ Resource: undefined as unknown as Json, NotResource: `${X.orders}/public/*` })), expect: 'serviceAuth', statement: 'DenyRule' },

  // ---- Auth types: service networks and services.
  { name: 'AWS_IAM service network with no auth policy denies every request', rule: 'If auth is enabled but no auth policy is set, all requests are denied', source: `${SRC.deleteAuth}; ${SRC.authWorks}`, setup: (t) => edit.policy(t, X.retail, undefined), expect: 'serviceNetworkAuth', detail: /no auth policy/ },
  { name: 'AWS_IAM service network with an allow-all policy lets the service decide', rule: 'An explicit allow in the network policy continues to the service policy', source: SRC.authWorks, setup: (t) => edit.policy(t, X.retail, { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' }] }), expect: 'allow' },
  { name: 'auth type NONE ignores a stored policy', rule: 'With auth type NONE the policy is inactive', source: `${SRC.putAuth}; ${SRC.authWorks}`, setup: (t) => edit.policy(t, X.retail, { Statement: [{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }] }, 'NONE'), expect: 'allow', detail: /inactive/ },
  { name: 'AWS_IAM service with no auth policy denies every request', rule: 'If auth is enabled but no auth policy is set, all requests are denied', source: SRC.deleteAuth, setup: onOrders(undefined as unknown as Json), expect: 'serviceAuth', detail: /no auth policy/ },
  { name: 'an explicit Deny in the network policy wins over the service\'s Allow', rule: 'An explicit deny in any policy overrides any allows', source: SRC.authWorks, setup: (t) => edit.policy(t, X.retail, { Statement: [{ Sid: 'NoDeletes', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }, { Sid: 'NoOrders', Effect: 'Deny', Principal: '*', Action: '*', Resource: `${X.orders}/*` }] }), expect: 'serviceNetworkAuth', statement: 'NoOrders' },
  { name: 'the network policy allowing is not enough when the service policy does not', rule: 'An Allow is needed in each policy in force', source: SRC.authWorks, method: 'DELETE', setup: (t) => edit.policy(t, X.retail, { Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] }), expect: 'serviceAuth' },
  { name: 'a policy that is not JSON allows nothing', rule: 'Only an explicit Allow authorizes', source: SRC.authWorks, setup: onOrders('{not json' as Json), expect: 'serviceAuth', detail: /not valid JSON/ },

  // ---- Network path.
  { name: 'a VPC with no association and no endpoint cannot reach the service', rule: 'A VPC not connected to a service network cannot access its services', source: SRC.access, vpc: X.lonelyVpc, expect: 'network', failed: X.lonelyVpc, detail: /not connected to any service network/ },
  { name: 'an association that is not ACTIVE does not carry traffic', rule: 'Only ACTIVE associations connect (modelling advice: count ACTIVE only)', source: SRC.access, setup: (t) => edit.edge(t, X.appAssoc, (e) => (e.status = 'CREATE_IN_PROGRESS')), expect: 'network', failed: X.appAssoc, detail: /CREATE_IN_PROGRESS, not ACTIVE/ },
  { name: 'a service association that is not ACTIVE does not carry traffic', rule: 'Only ACTIVE associations connect', source: SRC.access, setup: (t) => edit.edge(t, X.ordersAssoc, (e) => (e.status = 'DELETE_IN_PROGRESS')), expect: 'network', failed: X.ordersAssoc },
  { name: 'a VPC associated with another network cannot reach the service, and the answer names the endpoint way out', rule: 'One service-network association per VPC; more networks through service-network endpoints', source: SRC.oneAssoc, vpc: X.dataVpc, principal: `arn:aws:sts::${DATA}:assumed-role/x/y`, expect: 'network', failed: X.dataAssoc, detail: /only one service network.*endpoint/ },
  { name: 'a share whose invitation is pending gives no access', rule: 'The consumer must accept the share unless sharing with the organization is enabled', source: SRC.sharing, vpc: X.partnerVpc, principal: null, setup: onOrders(allowWith({})), expect: 'network', failed: X.partnerAssoc, detail: /PENDING/ },
  { name: 'an accepted invitation gives access across accounts', rule: 'An accepted RAM share connects the consumer', source: SRC.sharing, vpc: X.otherVpc, principal: null, setup: onOrders(allowWith({})), expect: 'allow', detail: /invitation accepted/ },
  { name: 'a network not shared with the VPC\'s account gives no access', rule: 'Cross-account use of a service network needs a RAM share', source: SRC.sharing, vpc: X.otherVpc, principal: null, setup: (t) => edit.removeEdge(t, `sharePrincipal:${X.retailShare}->arn:aws:iam::${OTHER}:root`) && edit.node(t, X.retail, (n) => (n.seenBy = [n.account])), expect: 'network', detail: /not shared with account/ },
  { name: 'an organization share reaches member accounts without an invitation', rule: 'With RAM sharing in AWS Organizations no acceptance is needed', source: SRC.sharing, vpc: X.dataVpc, service: X.search, principal: null, expect: 'allow', detail: /organization/ },
  { name: 'a service-network endpoint reaches a second network', rule: 'VPC endpoints of type service network connect a VPC to more networks', source: `${SRC.oneAssoc}; ${SRC.endpoint}`, service: X.search, setup: (t) => edit.removeEdge(t, X.searchAssoc), principal: null, expect: 'allow', check: (d) => expect(d.path?.nodes).toContain(X.endpoint) },
  { name: 'an endpoint that is not Available does not carry traffic', rule: 'Only available endpoints connect', source: SRC.endpoint, service: X.search, principal: null, setup: (t) => edit.removeEdge(t, X.searchAssoc) && edit.node(t, X.endpoint, (n) => (n.status = 'Pending')), expect: 'network', detail: /Pending/ },
  { name: 'with two networks, the one that allows is taken', rule: 'A request is allowed through any connected network whose policies allow it', source: `${SRC.access}; ${SRC.authWorks}`, service: X.search, principal: null, setup: (t) => edit.policy(t, X.retail, undefined), expect: 'allow', check: (d) => expect(d.path?.nodes).toContain(X.platform) },
  { name: 'a service not ACTIVE takes no requests', rule: 'Resources still being created are not in service', source: SRC.access, setup: (t) => edit.node(t, X.orders, (n) => (n.status = 'CREATE_IN_PROGRESS')), expect: 'network', failed: X.orders },

  // ---- Routing.
  { name: 'rules run by priority, lowest first: a header rule at 10 wins over the default', rule: 'Rules are evaluated in priority order, lowest first', source: SRC.rules, headers: { 'x-canary': 'true' }, expect: 'allow', check: (d) => expect(d.route?.rule).toBe(X.ruleCanary) },
  { name: 'a lower priority number wins even when listed later', rule: 'Rules are evaluated in priority order, lowest first', source: SRC.rules, method: 'DELETE', headers: { 'x-canary': 'true' }, setup: (t) => edit.policy(t, X.orders, allowWith({})) && edit.node(t, X.ruleDeletes, (n) => (n.description.priority = 5)), expect: 'routing', detail: /block-deletes.*405/ },
  { name: 'the default rule runs last', rule: 'The default rule is evaluated last', source: SRC.rules, expect: 'allow', check: (d) => expect(d.route?.rule).toBe(X.ruleDefault) },
  { name: 'header values match case-insensitively by default', rule: 'Header name and match evaluation are not case-sensitive by default', source: SRC.header, headers: { 'X-Canary': 'TRUE' }, expect: 'allow', check: (d) => expect(d.route?.rule).toBe(X.ruleCanary) },
  { name: 'caseSensitive: true makes the header value case-sensitive', rule: 'HeaderMatch caseSensitive', source: SRC.header, headers: { 'x-canary': 'TRUE' }, setup: (t) => edit.node(t, X.ruleCanary, (n) => (((n.description.match as { httpMatch: { headerMatches: Record<string, Json>[] } }).httpMatch.headerMatches[0]!.caseSensitive = true))), expect: 'allow', check: (d) => expect(d.route?.rule).toBe(X.ruleDefault) },
  { name: 'method match is exact: DELETE rule does not take GET', rule: 'HttpMatch method is an exact match', source: SRC.rules, expect: 'allow', check: (d) => expect(d.route?.rule).not.toBe(X.ruleDeletes) },
  { name: 'a fixed response answers without reaching a target', rule: 'fixedResponse action', source: SRC.rules, method: 'DELETE', setup: onOrders(allowWith({})), expect: 'routing', detail: /fixed response 405/, failed: X.ruleDeletes },
  { name: 'weights split traffic proportionally', rule: 'Traffic is distributed by weight', source: SRC.weighted, expect: 'allow', check: (d) => expect(d.route?.targetGroups.map((g) => g.share)).toEqual([0.9, 0.1]) },
  { name: 'a 0 weight gets nothing', rule: 'A target group with weight 0 receives no traffic (a reading)', source: SRC.weighted, setup: (t) => edit.node(t, X.listener80, (n) => (n.description.defaultAction = { forward: { targetGroups: [{ targetGroupIdentifier: 'tg-0stable0000000001', weight: 100 }, { targetGroupIdentifier: 'tg-0canary0000000001', weight: 0 }] } })), expect: 'allow', check: (d) => { expect(d.route?.targetGroups[1]!.share).toBe(0); expect(d.path?.nodes).not.toContain(X.tgCanary); } },
  { name: 'every weight 0: no traffic at all', rule: 'Weights 0 receive no traffic (a reading)', source: SRC.weighted, setup: (t) => edit.node(t, X.listener80, (n) => (n.description.defaultAction = { forward: { targetGroups: [{ targetGroupIdentifier: 'tg-0stable0000000001', weight: 0 }] } })), expect: 'routing', detail: /weight 0/ },
  { name: 'a target group with no healthy target fails its requests', rule: 'Lattice routes only to healthy targets', source: SRC.health, headers: { 'x-canary': 'true' }, setup: (t) => edit.node(t, `${X.tgCanary}#target/10.0.2.10:8080`, (n) => (n.status = 'UNHEALTHY')), expect: 'routing', detail: /no healthy target/, failed: X.tgCanary },
  { name: 'a group with one unhealthy target of two still passes, flagged per group', rule: 'Requests go to the healthy targets', source: SRC.health, expect: 'allow', detail: /1 of 2 targets taking traffic/ },
  { name: 'a split where one group has no healthy target passes with a warning', rule: 'Lattice routes only to healthy targets', source: SRC.health, setup: (t) => edit.node(t, `${X.tgCanary}#target/10.0.2.10:8080`, (n) => (n.status = 'UNHEALTHY')), expect: 'allow', detail: /Warning: orders-canary.*no healthy target.*10%/ },
  { name: 'Lambda targets with health checks disabled take traffic', rule: 'Lambda target groups have no health checks', source: SRC.health, service: X.search, principal: null, expect: 'allow' },
  { name: 'a TLS passthrough listener is authorized as vpc-lattice-svcs:Connect on service/svc-ID', rule: 'TCP and TLS passthrough requests are Connect, on the TCP Service resource (no path)', source: SRC.sar, port: 8443, setup: (t) => tlsListener(onOrders(allowWith({ Action: 'vpc-lattice-svcs:Connect', Resource: X.orders }))(t)), expect: 'allow', check: (d) => expect(d.steps.find((s) => s.check === 'identity')?.detail).toMatch(/vpc-lattice-svcs:Connect on arn:aws:vpc-lattice:us-east-1:222222222222:service\/svc-0orders0000000001,/) },
  { name: 'an Invoke-only policy does not authorize a TLS passthrough connection', rule: 'Connect is a separate action from Invoke', source: SRC.sar, port: 8443, setup: (t) => tlsListener(onOrders(allowWith({}))(t)), expect: 'serviceAuth' },
  { name: 'no listener on the requested port', rule: 'A listener is a protocol and a port', source: SRC.listeners, port: 8443, setup: onOrders(allowWith({})), expect: 'routing', detail: /no listener on port 8443/ },
];

describe('access decision table', () => {
  it('has at least 50 cases, each citing its rule and source', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(50);
    for (const c of CASES) {
      expect(c.rule.length, c.name).toBeGreaterThan(5);
      expect(c.source, c.name).toMatch(/docs\.aws\.amazon\.com/);
    }
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  for (const c of CASES) {
    it(`${c.name} — ${c.rule}`, () => {
      const d = runCase(c);
      expectVerdict(c, d);
      if (c.statement && c.expect !== 'allow') expect(d.steps.find((s) => s.result === 'fail')?.statement, explainSteps(d)).toBe(c.statement);
      c.check?.(d);
    });
  }
});

describe('evaluateAccess input', () => {
  const req = (over: Record<string, unknown>) => ({ source: { vpc: X.appVpc, principal: SESSION }, target: { service: X.orders, method: 'GET', path: '/orders' }, ...over });
  it('refuses an unknown VPC, naming source.vpc', () => {
    expect(() => evaluateAccess(estate(), req({ source: { vpc: 'vpc-0nothere', principal: null } }) as never)).toThrow(expect.objectContaining({ field: 'source.vpc' }));
  });
  it('refuses a principal that is not an IAM ARN, naming source.principal', () => {
    try {
      evaluateAccess(estate(), req({ source: { vpc: X.appVpc, principal: 'arn:aws:iam::12:role/x' } }) as never);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AccessInputError);
      expect((e as AccessInputError).field).toBe('source.principal');
    }
  });
  it('refuses a lower-case method and a path without /', () => {
    expect(() => evaluateAccess(estate(), req({ target: { service: X.orders, method: 'get', path: '/x' } }) as never)).toThrow(/target.method|capitals/);
    expect(() => evaluateAccess(estate(), req({ target: { service: X.orders, method: 'GET', path: 'x' } }) as never)).toThrow(/target.path must be a request path starting with "\/"/);
  });
  it('finds VPCs and services by their short ids', () => {
    const d = evaluateAccess(estate(), { source: { vpc: 'vpc-0app0000000000001', principal: SESSION }, target: { service: 'svc-0orders0000000001', method: 'GET', path: '/orders' } });
    expect(d.decision).toBe('allow');
  });
  it('lights the path: VPC, association, network, service, listener, rule, target groups', () => {
    const d = evaluateAccess(estate(), { source: { vpc: X.appVpc, principal: SESSION }, target: { service: X.orders, method: 'GET', path: '/orders', port: 80 } });
    expect(d.path?.nodes).toEqual(expect.arrayContaining([X.appVpc, X.retail, X.orders, X.listener80, X.ruleDefault, X.tgStable, X.tgCanary]));
    expect(d.path?.edges).toEqual(expect.arrayContaining([X.appAssoc, X.ordersAssoc]));
    expect(d.steps[0]!.detail).toMatch(/sg-0clients/);
    expect(d.route).toEqual({ listener: X.listener80, rule: X.ruleDefault, targetGroups: [{ arn: X.tgStable, weight: 90, share: 0.9 }, { arn: X.tgCanary, weight: 10, share: 0.1 }] });
  });
});

export { CASES };
