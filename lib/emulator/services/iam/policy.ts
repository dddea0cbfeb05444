// Policy documents as IAM checks them when they are stored (MalformedPolicyDocument), and the
// trust check: does a role's trust policy let this principal perform sts:AssumeRole (or a
// service assume it)? The trust check is lib/access's policy evaluator (the one access analysis
// and the data plane use) on the policy kind "trust".
import { callerFromArn, evaluatePolicy, type CallerIdentity } from '@/lib/access';
import type { ContextValue } from '@/lib/access/policy';
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

// ---- The trust check ------------------------------------------------------------------------------

/** Who asks to assume the role: an IAM principal (root, user, assumed-role session) or a service. */
export type TrustCaller =
  | { kind: 'aws'; account: string; arn: string; /** For sessions: the role's ARN (without path). */ roleArn?: string }
  | { kind: 'service'; service: string };

export interface TrustRequest {
  caller: TrustCaller;
  action: string;
  /** Context keys: sts:ExternalId, sts:RoleSessionName, aws:PrincipalArn, aws:PrincipalAccount… */
  context: Record<string, string | undefined>;
}

function callerIdentity(caller: TrustCaller): CallerIdentity {
  if (caller.kind === 'service') return { type: 'Service', account: '', partition: 'aws', principalArn: caller.service };
  return callerFromArn(caller.arn) ?? { type: 'User', account: caller.account, partition: 'aws', principalArn: caller.arn };
}

/** Whether the trust policy allows the request: an Allow matches and no Deny matches. */
export function trustAllows(document: string, request: TrustRequest): boolean {
  const keys = new Map<string, ContextValue>();
  for (const [key, value] of Object.entries(request.context)) if (value !== undefined) keys.set(key.toLowerCase(), { values: [value], multi: false });
  return evaluatePolicy(document, { caller: callerIdentity(request.caller), action: request.action, resource: '', keys }, 'trust').outcome === 'allow';
}
