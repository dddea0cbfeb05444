// Policy documents as IAM checks them when they are stored (MalformedPolicyDocument), and a
// small matcher for trust policies: does a role's trust allow this principal to perform
// sts:AssumeRole (or a service to assume it)? Principals (AWS account / root / role / assumed
// role / "*", Service), actions with wildcards, and the condition operators trust policies use
// in practice (String*, Arn*, Bool, Null, with IfExists). Identity-policy evaluation for
// access analysis lives in lib/access; the two can share one evaluator later.
import { ServiceError } from '../../protocols/errors';

export type Json = Record<string, unknown>;

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

export const malformed = (message: string) => new ServiceError('MalformedPolicyDocument', message, 400);

const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Parses a document and checks the grammar IAM checks for both kinds of policy. */
export function parsePolicy(text: string): PolicyStatement[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw malformed('Syntax errors in policy.');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw malformed('Syntax errors in policy.');
  const { Version, Statement } = doc as Json;
  if (Version !== undefined && Version !== '2012-10-17' && Version !== '2008-10-17') throw malformed('The policy failed legacy parsing');
  if (Statement === undefined) throw malformed('Syntax errors in policy.');
  const statements = asList(Statement);
  for (const s of statements) {
    if (typeof s !== 'object' || s === null || Array.isArray(s)) throw malformed('Syntax errors in policy.');
    const st = s as Json;
    if (st.Effect !== 'Allow' && st.Effect !== 'Deny') throw malformed('Syntax errors in policy.');
    if (st.Action === undefined && st.NotAction === undefined) throw malformed('Policy statement must contain actions.');
  }
  return statements as PolicyStatement[];
}

/** A permissions (identity) policy: no principal allowed, resources required. */
export function checkIdentityPolicy(text: string): void {
  for (const s of parsePolicy(text)) {
    if (s.Principal !== undefined || s.NotPrincipal !== undefined) throw malformed('Policy document should not specify a principal.');
    if (s.Resource === undefined && s.NotResource === undefined) throw malformed('Policy statement must contain resources.');
  }
}

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;

/**
 * A trust policy: every statement names a principal, and only STS AssumeRole actions. A role
 * ARN named as principal must exist (IAM stores its unique id): `roleExists` answers that.
 */
export function checkTrustPolicy(text: string, roleExists: (account: string, name: string) => boolean): void {
  for (const s of parsePolicy(text)) {
    if (s.Principal === undefined && s.NotPrincipal === undefined) throw malformed('Missing required field Principal');
    for (const action of asList(s.Action ?? s.NotAction)) {
      if (typeof action !== 'string' || !/^sts:(AssumeRole\w*|TagSession|SetSourceIdentity|SetContext|\*)$|^\*$/i.test(action)) {
        throw malformed('AssumeRole policy may only specify STS AssumeRole actions.');
      }
    }
    const principal = s.Principal;
    if (principal === '*' || principal === undefined) continue;
    if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) throw malformed('Syntax errors in policy.');
    for (const [type, values] of Object.entries(principal as Json)) {
      for (const value of asList(values)) {
        if (typeof value !== 'string') throw malformed('Syntax errors in policy.');
        const shown = `Invalid principal in policy: "${type}":"${value}"`;
        if (type === 'AWS') {
          if (value === '*' || /^\d{12}$/.test(value) || /^arn:aws:iam::\d{12}:root$/.test(value)) continue;
          const role = ROLE_ARN.exec(value);
          if (role) {
            if (!roleExists(role[1]!, role[2]!)) throw malformed(shown);
            continue;
          }
          if (/^arn:aws:iam::\d{12}:user\/[\w+=,.@/-]+$/.test(value) || /^arn:aws:sts::\d{12}:assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+$/.test(value)) continue;
          throw malformed(shown);
        } else if (type === 'Service') {
          if (!/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(value)) throw malformed(shown);
        } else if (type === 'Federated' || type === 'CanonicalUser') {
          continue;
        } else {
          throw malformed(shown);
        }
      }
    }
  }
}

// ---- The trust-policy matcher ------------------------------------------------------------------

/** Who asks to assume the role: an IAM principal (root, user, assumed-role session) or a service. */
export type TrustCaller =
  | { kind: 'aws'; account: string; arn: string; /** For sessions: the role's ARN (without path). */ roleArn?: string }
  | { kind: 'service'; service: string };

const wildcard = (pattern: string, flags = '') =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, flags);

function principalMatches(principal: unknown, caller: TrustCaller): boolean {
  if (principal === '*') return caller.kind === 'aws';
  if (typeof principal !== 'object' || principal === null) return false;
  const p = principal as Json;
  if (caller.kind === 'service') return asList(p.Service).includes(caller.service);
  for (const raw of asList(p.AWS)) {
    const value = String(raw);
    if (value === '*') return true;
    // Naming an account (id or root) trusts the whole account: any of its principals.
    if (value === caller.account || value === `arn:aws:iam::${caller.account}:root`) return true;
    if (value === caller.arn) return true;
    const role = ROLE_ARN.exec(value);
    if (role && caller.roleArn && `arn:aws:iam::${role[1]}:role/${role[2]}` === caller.roleArn) return true;
  }
  return false;
}

function actionMatches(statement: PolicyStatement, action: string): boolean {
  if (statement.Action !== undefined) return asList(statement.Action).some((a) => wildcard(String(a), 'i').test(action));
  if (statement.NotAction !== undefined) return !asList(statement.NotAction).some((a) => wildcard(String(a), 'i').test(action));
  return false;
}

/** One condition operator over the request's context keys (case-insensitive key names). */
function conditionHolds(operator: string, block: Record<string, unknown>, context: Record<string, string | undefined>): boolean {
  const ifExists = operator.endsWith('IfExists');
  const op = ifExists ? operator.slice(0, -'IfExists'.length) : operator;
  const lower = Object.fromEntries(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v]));
  return Object.entries(block).every(([key, expected]) => {
    const actual = lower[key.toLowerCase()];
    const values = asList(expected).map(String);
    if (op === 'Null') return values.some((v) => (v === 'true') === (actual === undefined));
    if (actual === undefined) return ifExists || op.startsWith('StringNot') || op.startsWith('ArnNot');
    switch (op) {
      case 'StringEquals':
      case 'ArnEquals':
        return values.includes(actual);
      case 'StringNotEquals':
      case 'ArnNotEquals':
        return !values.includes(actual);
      case 'StringEqualsIgnoreCase':
        return values.some((v) => v.toLowerCase() === actual.toLowerCase());
      case 'StringNotEqualsIgnoreCase':
        return !values.some((v) => v.toLowerCase() === actual.toLowerCase());
      case 'StringLike':
      case 'ArnLike':
        return values.some((v) => wildcard(v).test(actual));
      case 'StringNotLike':
      case 'ArnNotLike':
        return !values.some((v) => wildcard(v).test(actual));
      case 'Bool':
        return values.includes(actual);
      default:
        // An operator this matcher does not know never matches (fails closed for Allow).
        return false;
    }
  });
}

export interface TrustRequest {
  caller: TrustCaller;
  action: string;
  /** Context keys: sts:ExternalId, sts:RoleSessionName, aws:PrincipalArn, aws:PrincipalAccount… */
  context: Record<string, string | undefined>;
}

/** Whether the trust policy allows the request: an Allow matches and no Deny matches. */
export function trustAllows(document: string, request: TrustRequest): boolean {
  let statements: PolicyStatement[];
  try {
    statements = parsePolicy(document);
  } catch {
    return false;
  }
  let allowed = false;
  for (const s of statements) {
    const principalOk = s.Principal !== undefined ? principalMatches(s.Principal, request.caller) : s.NotPrincipal !== undefined && !principalMatches(s.NotPrincipal, request.caller);
    if (!principalOk || !actionMatches(s, request.action)) continue;
    const conditions = Object.entries(s.Condition ?? {}).every(([op, block]) => conditionHolds(op, block, request.context));
    if (!conditions) continue;
    if (s.Effect === 'Deny') return false;
    allowed = true;
  }
  return allowed;
}
