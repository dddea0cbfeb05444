// IAM policy evaluation for Lattice auth policies: one policy against one request context,
// as the IAM policy evaluation logic reads it (explicit Deny wins, then an Allow is needed).
// Sources are cited per rule; README.md lists them with the readings of unsettled rules.
import { CONDITION_OPERATORS } from './iam-data';

export type PolicyOutcome = 'allow' | 'implicitDeny' | 'explicitDeny';

/** A caller's identity as IAM sees it. */
export interface CallerIdentity {
  /**
   * 'AssumedRole' for role sessions (and a role ARN given as the caller), 'User', 'Account'
   * (root), 'FederatedUser'; 'Service' for an AWS service acting for a resource (its
   * `principalArn` is the service principal, e.g. vpc-lattice.amazonaws.com).
   */
  type: 'AssumedRole' | 'User' | 'Account' | 'FederatedUser' | 'Service';
  account: string;
  partition: string;
  /** aws:PrincipalArn: the role ARN for a role session, else the principal's own ARN. */
  principalArn: string;
  /** The exact session ARN, when the caller named one. */
  sessionArn?: string;
  /** The role's name, for matching `assumed-role/NAME/…` sessions. */
  roleName?: string;
}

/** A context key's values. Single-valued keys hold one value. */
export interface ContextValue {
  values: string[];
  multi: boolean;
}

export interface RequestContext {
  /** null = anonymous (unsigned). */
  caller: CallerIdentity | null;
  action: string;
  resource: string;
  /** Keyed by lower-cased key name. */
  keys: Map<string, ContextValue>;
}

export interface PolicyEvaluation {
  outcome: PolicyOutcome;
  /** The deciding statement, Sid or `#index`. */
  statement?: string;
  statementIndex?: number;
  /** Why, in a sentence fragment: which statement matched and on what. */
  reason: string;
  /** Readings of unsettled rules that this decision relied on. */
  readings: string[];
  /** The policy could not be read (not JSON, no Statement): AWS would have refused it, so nothing is allowed. */
  malformed?: string;
}

type J = unknown;
const isObj = (v: J): v is Record<string, J> => !!v && typeof v === 'object' && !Array.isArray(v);
const asList = (v: J): J[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

// ---------------------------------------------------------------- wildcards

const globCache = new Map<string, RegExp>();
/** `*` any run of characters, `?` one character (IAM: Action, Resource, StringLike, ArnLike). */
export function globToRegExp(pattern: string, ignoreCase = false): RegExp {
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let re = globCache.get(key);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
    re = new RegExp(`^${body}$`, ignoreCase ? 'i' : '');
    if (globCache.size > 5000) globCache.clear();
    globCache.set(key, re);
  }
  return re;
}

export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*') && !pattern.includes('?')) return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  return globToRegExp(pattern, ignoreCase).test(value);
}

/**
 * ARN matching as IAM does it for Resource and the Arn* operators: the six colon-separated
 * parts are compared separately, each may hold `*` and `?` (reference_policies_elements_condition_operators.html#Conditions_ARN).
 */
export function arnMatch(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const p = pattern.split(':');
  const a = arn.split(':');
  if (p.length < 6 || a.length < 6) return globMatch(pattern, arn);
  for (let i = 0; i < 5; i++) if (!globMatch(p[i]!, a[i]!)) return false;
  return globMatch(p.slice(5).join(':'), a.slice(5).join(':'));
}

// ---------------------------------------------------------------- principals

/** Reads an IAM principal ARN (or account id) into the caller identity IAM would build. Undefined when it is not one. */
export function callerFromArn(arn: string): CallerIdentity | undefined {
  if (/^\d{12}$/.test(arn)) return { type: 'Account', account: arn, partition: 'aws', principalArn: `arn:aws:iam::${arn}:root` };
  const m = /^arn:(aws[a-z-]*):(iam|sts)::(\d{12}):(.+)$/.exec(arn);
  if (!m) return undefined;
  const [, partition, service, account, resource] = m as unknown as [string, string, string, string, string];
  if (service === 'iam') {
    if (resource === 'root') return { type: 'Account', account, partition, principalArn: arn };
    if (resource.startsWith('role/')) {
      const name = resource.slice(resource.lastIndexOf('/') + 1);
      return name ? { type: 'AssumedRole', account, partition, principalArn: arn, roleName: name } : undefined;
    }
    if (resource.startsWith('user/')) return resource.length > 5 ? { type: 'User', account, partition, principalArn: arn } : undefined;
    return undefined;
  }
  const session = /^assumed-role\/([^/]+)\/(.+)$/.exec(resource);
  if (session) {
    // aws:PrincipalArn of a role session is the role's ARN (global condition keys page); the
    // session ARN carries no role path, so the role is named without one.
    return { type: 'AssumedRole', account, partition, principalArn: `arn:${partition}:iam::${account}:role/${session[1]}`, sessionArn: arn, roleName: session[1] };
  }
  if (resource.startsWith('federated-user/')) return { type: 'FederatedUser', account, partition, principalArn: arn, sessionArn: arn };
  return undefined;
}

export type PrincipalMatch = { matched: boolean; how?: string; reading?: string };

/**
 * Does one `Principal` value name this caller? (reference_policies_elements_principal.md)
 * - `*` names everyone, anonymous callers included.
 * - An account id or `arn:…:iam::ACCT:root` names every principal of that account.
 * - A role ARN names the sessions of that role; a session ARN must be exact.
 * - A user ARN names that user.
 */
export function principalValueMatches(value: string, caller: CallerIdentity | null): PrincipalMatch {
  if (value === '*') return { matched: true, how: 'Principal "*" names everyone, anonymous callers included' };
  if (!caller) return { matched: false };
  if (/^\d{12}$/.test(value) || /^arn:aws[a-z-]*:iam::\d{12}:root$/.test(value)) {
    const account = /^\d{12}$/.test(value) ? value : value.split(':')[4]!;
    return account === caller.account ? { matched: true, how: `the principal is in account ${account}, which the statement names (the account's own IAM policies must also allow)` } : { matched: false };
  }
  if (value.includes('*') || value.includes('?')) return { matched: false, reading: `Principal "${value}" has a partial wildcard, which IAM does not accept; it names no one` };
  const named = callerFromArn(value);
  if (!named) return { matched: false };
  if (named.sessionArn) {
    return caller.sessionArn === value ? { matched: true, how: `the session ARN ${value} matches exactly` } : { matched: false };
  }
  if (named.type === 'AssumedRole') {
    // A role ARN names the role's sessions; the role's path is not in the session ARN, so a
    // session matches when account and role name agree.
    if (caller.type === 'AssumedRole' && caller.account === named.account && caller.roleName === named.roleName) {
      return { matched: true, how: caller.sessionArn ? `session ${caller.sessionArn} is a session of role ${value}` : `the caller is a session of role ${value}` };
    }
    return { matched: false };
  }
  return caller.principalArn === value && caller.type === named.type ? { matched: true, how: `${value} matches exactly` } : { matched: false };
}

function principalValues(p: J): { values: string[]; other: string[] } {
  if (p === '*') return { values: ['*'], other: [] };
  if (!isObj(p)) return { values: [], other: [] };
  const values: string[] = [];
  const other: string[] = [];
  for (const [k, v] of Object.entries(p)) {
    for (const x of asList(v)) {
      if (typeof x !== 'string') continue;
      if (k === 'AWS') values.push(x);
      else other.push(`${k}: ${x}`);
    }
  }
  return { values, other };
}

/**
 * NotPrincipal: the statement applies to everyone except the principals listed. AWS says that
 * with Deny the session ARN, the role ARN and the account must all be listed for a role
 * session to escape the Deny (reference_policies_elements_notprincipal.md); the evaluator
 * reads that literally: the caller is excluded only when every identity it carries is listed.
 */
function excludedByNotPrincipal(values: string[], caller: CallerIdentity | null): { excluded: boolean; missing?: string } {
  if (values.includes('*')) return { excluded: true };
  if (!caller) return { excluded: false };
  const lists = (v: string) => values.includes(v);
  const accountListed = lists(caller.account) || lists(`arn:${caller.partition}:iam::${caller.account}:root`);
  const needs: { id: string; ok: boolean }[] = [{ id: `account ${caller.account}`, ok: accountListed }];
  if (caller.type === 'AssumedRole') {
    const roleListed = values.some((v) => {
      const n = callerFromArn(v);
      return n?.type === 'AssumedRole' && !n.sessionArn && n.account === caller.account && n.roleName === caller.roleName;
    });
    needs.push({ id: `role ${caller.principalArn}`, ok: roleListed });
    needs.push({ id: caller.sessionArn ? `session ${caller.sessionArn}` : 'the session ARN (the caller names only the role)', ok: !!caller.sessionArn && lists(caller.sessionArn) });
  } else if (caller.type === 'User' || caller.type === 'FederatedUser') {
    needs.push({ id: caller.principalArn, ok: lists(caller.principalArn) });
  }
  const missing = needs.filter((n) => !n.ok).map((n) => n.id);
  return missing.length ? { excluded: false, missing: missing.join(', ') } : { excluded: true };
}

// ---------------------------------------------------------------- conditions

function stringsOf(v: J): string[] {
  return asList(v)
    .filter((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')
    .map((x) => String(x));
}

/** Policy variables `${aws:PrincipalAccount}` and the escapes `${*}`, `${?}`, `${$}` (reference_policies_variables.html). */
function substitute(pattern: string, ctx: RequestContext, forLike: boolean): string | undefined {
  if (!pattern.includes('${')) return pattern;
  let missing = false;
  const out = pattern.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
    if (name === '*' || name === '?' || name === '$') return forLike && name !== '$' ? `\u0000${name}` : name;
    const [key, fallback] = name.split(/\s*,\s*'/);
    const v = ctx.keys.get(key!.trim().toLowerCase());
    if (v && !v.multi && v.values.length) return v.values[0]!;
    if (fallback !== undefined) return fallback.replace(/'$/, '');
    missing = true;
    return '';
  });
  return missing ? undefined : out;
}

function likeMatch(pattern: string, value: string, ignoreCase = false): boolean {
  // Escaped `${*}` / `${?}` stand for the literal characters.
  if (!pattern.includes('\u0000')) return globMatch(pattern, value, ignoreCase);
  const body = pattern
    .split(/(\u0000[*?])/)
    .map((part) => (part === '\u0000*' ? '\\*' : part === '\u0000?' ? '\\?' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]')))
    .join('');
  return new RegExp(`^${body}$`, ignoreCase ? 'i' : '').test(value);
}

function parseIp(s: string): { v: 4 | 6; bits: bigint } | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s)) {
    const parts = s.split('.').map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return { v: 4, bits: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n) };
  }
  if (s.includes(':')) {
    const [head, tail] = s.split('::');
    const h = head ? head.split(':') : [];
    const t = tail !== undefined ? (tail ? tail.split(':') : []) : [];
    if (tail === undefined && h.length !== 8) return undefined;
    const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
    if (groups.length !== 8 || groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
    return { v: 6, bits: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n) };
  }
  return undefined;
}

export function cidrContains(cidr: string, ip: string): boolean {
  const [base, lenRaw] = cidr.split('/');
  const b = parseIp(base ?? '');
  const a = parseIp(ip);
  if (!a || !b || a.v !== b.v) return false;
  const width = a.v === 4 ? 32 : 128;
  const len = lenRaw === undefined ? width : Number(lenRaw);
  if (!Number.isInteger(len) || len < 0 || len > width) return false;
  const shift = BigInt(width - len);
  return a.bits >> shift === b.bits >> shift;
}

function dateOf(s: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/** One context value against one policy value under a (non-negated) operator base. */
function compareOne(base: string, ctxValue: string, policyValue: string, ctx: RequestContext): boolean {
  switch (base) {
    case 'StringEquals':
    case 'StringNotEquals': {
      const p = substitute(policyValue, ctx, false);
      return p !== undefined && ctxValue === p;
    }
    case 'StringEqualsIgnoreCase':
    case 'StringNotEqualsIgnoreCase': {
      const p = substitute(policyValue, ctx, false);
      return p !== undefined && ctxValue.toLowerCase() === p.toLowerCase();
    }
    case 'StringLike':
    case 'StringNotLike': {
      const p = substitute(policyValue, ctx, true);
      return p !== undefined && likeMatch(p, ctxValue);
    }
    case 'ArnEquals':
    case 'ArnNotEquals':
    case 'ArnLike':
    case 'ArnNotLike': {
      const p = substitute(policyValue, ctx, true);
      return p !== undefined && arnMatch(p, ctxValue);
    }
    case 'NumericEquals':
    case 'NumericNotEquals':
    case 'NumericLessThan':
    case 'NumericLessThanEquals':
    case 'NumericGreaterThan':
    case 'NumericGreaterThanEquals': {
      const c = Number(ctxValue);
      const p = Number(policyValue);
      if (ctxValue.trim() === '' || policyValue.trim() === '' || Number.isNaN(c) || Number.isNaN(p)) return false;
      if (base === 'NumericLessThan') return c < p;
      if (base === 'NumericLessThanEquals') return c <= p;
      if (base === 'NumericGreaterThan') return c > p;
      if (base === 'NumericGreaterThanEquals') return c >= p;
      return c === p;
    }
    case 'DateEquals':
    case 'DateNotEquals':
    case 'DateLessThan':
    case 'DateLessThanEquals':
    case 'DateGreaterThan':
    case 'DateGreaterThanEquals': {
      const c = dateOf(ctxValue);
      const p = dateOf(policyValue);
      if (c === undefined || p === undefined) return false;
      if (base === 'DateLessThan') return c < p;
      if (base === 'DateLessThanEquals') return c <= p;
      if (base === 'DateGreaterThan') return c > p;
      if (base === 'DateGreaterThanEquals') return c >= p;
      return c === p;
    }
    case 'Bool':
      return ctxValue.toLowerCase() === policyValue.toLowerCase();
    case 'BinaryEquals':
      return ctxValue === policyValue;
    case 'IpAddress':
    case 'NotIpAddress':
      return cidrContains(policyValue, ctxValue);
    default:
      return false;
  }
}

export interface ParsedOperator {
  raw: string;
  base: string;
  set?: 'ForAnyValue' | 'ForAllValues';
  ifExists: boolean;
  negated: boolean;
}

export function parseOperator(raw: string): ParsedOperator | undefined {
  let rest = raw;
  let set: ParsedOperator['set'];
  const m = /^(ForAnyValue|ForAllValues):(.+)$/.exec(rest);
  if (m) {
    set = m[1] as ParsedOperator['set'];
    rest = m[2]!;
  }
  let ifExists = false;
  if (rest.endsWith('IfExists') && rest !== 'IfExists') {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const info = CONDITION_OPERATORS[rest];
  if (!info) return undefined;
  if (rest === 'Null' && (ifExists || set)) return undefined;
  return { raw, base: rest, set, ifExists, negated: info.negated };
}

/**
 * One operator on one key (reference_policies_elements_condition_operators.md,
 * reference_policies_condition-single-vs-multi-valued-context-keys.md):
 * - key missing: a positive operator is false, a negated one (StringNotEquals, StringNotLike,
 *   ArnNotLike, NotIpAddress…) is true; `…IfExists` is true; `ForAnyValue` is false;
 *   `ForAllValues` is true; `Null: true` is true.
 * - key present: a positive operator needs a context value matching any policy value; a
 *   negated operator needs it to match none. ForAnyValue: at least one context value passes;
 *   ForAllValues: every context value passes.
 */
export function evaluateConditionEntry(op: ParsedOperator, key: string, policyValues: J, ctx: RequestContext): { result: boolean; missing: boolean } {
  const value = ctx.keys.get(key.toLowerCase());
  const present = !!value && value.values.length > 0;
  const pv = stringsOf(policyValues);
  if (op.base === 'Null') {
    const want = pv.map((v) => v.toLowerCase());
    return { result: want.some((w) => (w === 'true' ? !present : w === 'false' ? present : false)), missing: !present };
  }
  if (!present) {
    if (op.set === 'ForAllValues') return { result: true, missing: true };
    if (op.set === 'ForAnyValue') return { result: false, missing: true };
    if (op.ifExists) return { result: true, missing: true };
    return { result: op.negated, missing: true };
  }
  const passes = (c: string) => {
    const any = pv.some((p) => compareOne(op.base, c, p, ctx));
    return op.negated ? !any : any;
  };
  const ctxValues = value!.values;
  if (op.set === 'ForAllValues') return { result: ctxValues.every(passes), missing: false };
  if (op.set === 'ForAnyValue') return { result: ctxValues.some(passes), missing: false };
  // A multivalued key without a set operator: each value is compared as ForAnyValue would for a
  // positive operator, and none may match for a negated one (a reading; IAM asks for set operators).
  if (op.negated) {
    return { result: ctxValues.every(passes), missing: false };
  }
  return { result: ctxValues.some(passes), missing: false };
}

// ---------------------------------------------------------------- statements

export interface StatementCheck {
  applies: boolean;
  /** Why it does not apply, or how it applies. */
  reason: string;
  readings: string[];
}

function statementId(s: Record<string, J>, i: number): string {
  return typeof s.Sid === 'string' && s.Sid ? s.Sid : `#${i}`;
}

/**
 * Which kind of policy is evaluated: a resource policy names principals, an identity policy
 * applies to its holder, a role's trust policy names who may assume the role and no resource
 * (the role is the resource). In a trust policy a service is named only by its Service
 * principal, not by "*" or an AWS principal.
 */
export type PolicyKind = 'resource' | 'identity' | 'trust';

/** Why the statement's Resource / NotResource does not cover the request's resource; undefined when it does. */
function resourceMiss(s: Record<string, J>, ctx: RequestContext): string | undefined {
  if (s.Resource !== undefined) {
    const res = stringsOf(s.Resource);
    return res.some((r) => arnMatch(substitute(r, ctx, true) ?? '\u0001', ctx.resource)) ? undefined : `its Resource (${res.join(', ')}) does not cover ${ctx.resource}`;
  }
  if (s.NotResource !== undefined) {
    const res = stringsOf(s.NotResource);
    return res.some((r) => arnMatch(substitute(r, ctx, true) ?? '\u0001', ctx.resource)) ? `its NotResource excludes ${ctx.resource}` : undefined;
  }
  return 'it has no Resource';
}

function checkStatement(s: Record<string, J>, ctx: RequestContext, kind: PolicyKind): StatementCheck {
  const readings: string[] = [];
  // Principal / NotPrincipal.
  let how = '';
  if (kind === 'identity') {
    // IAM refuses an identity policy that names a principal; such a statement grants nothing.
    if (s.Principal !== undefined || s.NotPrincipal !== undefined) return { applies: false, reason: 'it names a principal, which an identity-based policy may not', readings };
  } else if (s.Principal !== undefined) {
    const { values, other } = principalValues(s.Principal);
    let hit: PrincipalMatch | undefined;
    if (ctx.caller?.type === 'Service' && other.includes(`Service: ${ctx.caller.principalArn}`)) hit = { matched: true, how: `its Principal names the service ${ctx.caller.principalArn}` };
    const serviceInTrust = kind === 'trust' && ctx.caller?.type === 'Service';
    for (const v of hit || serviceInTrust ? [] : values) {
      const m = principalValueMatches(v, ctx.caller);
      if (m.reading) readings.push(m.reading);
      if (m.matched) {
        hit = m;
        break;
      }
    }
    if (!hit) {
      const who = ctx.caller ? (ctx.caller.sessionArn ?? ctx.caller.principalArn) : 'an anonymous caller';
      const named = [...values, ...other].join(', ') || 'no principal';
      const partial = readings.length ? `; ${readings.join('; ')}` : '';
      return { applies: false, reason: `its Principal (${named}) does not name ${who}${partial}`, readings };
    }
    how = hit.how ?? '';
  } else if (s.NotPrincipal !== undefined) {
    const { values } = principalValues(s.NotPrincipal);
    const ex = excludedByNotPrincipal(values, ctx.caller);
    if (ex.excluded) return { applies: false, reason: 'its NotPrincipal lists the caller', readings };
    if (ex.missing && values.length) readings.push(`NotPrincipal read strictly: a caller escapes it only when its session, role and account are all listed; not listed: ${ex.missing}`);
    how = ctx.caller ? 'its NotPrincipal does not exclude the caller' : 'its NotPrincipal does not exclude an anonymous caller';
  } else {
    return { applies: false, reason: 'it has no Principal, which an auth policy requires', readings };
  }
  // Action / NotAction (case-insensitive, wildcards).
  if (s.Action !== undefined) {
    const acts = stringsOf(s.Action);
    if (!acts.some((a) => globMatch(a, ctx.action, true))) return { applies: false, reason: `its Action (${acts.join(', ')}) does not cover ${ctx.action}`, readings };
  } else if (s.NotAction !== undefined) {
    const acts = stringsOf(s.NotAction);
    if (acts.some((a) => globMatch(a, ctx.action, true))) return { applies: false, reason: `its NotAction excludes ${ctx.action}`, readings };
  } else return { applies: false, reason: 'it has no Action', readings };
  // Resource / NotResource (ARN parts, wildcards, case-sensitive); a trust policy has neither: the role is the resource.
  if (kind !== 'trust') {
    const missing = resourceMiss(s, ctx);
    if (missing) return { applies: false, reason: missing, readings };
  }
  // Condition: every operator, every key must hold.
  if (s.Condition !== undefined) {
    if (!isObj(s.Condition)) return { applies: false, reason: 'its Condition is not an object', readings };
    for (const [rawOp, block] of Object.entries(s.Condition)) {
      const op = parseOperator(rawOp);
      if (!op) return { applies: false, reason: `its condition operator ${rawOp} is not one IAM knows`, readings };
      if (!isObj(block)) return { applies: false, reason: `its ${rawOp} block is not an object`, readings };
      for (const [key, values] of Object.entries(block)) {
        const r = evaluateConditionEntry(op, key, values, ctx);
        if (r.missing && r.result && !op.ifExists && op.base !== 'Null' && !op.set) readings.push(`${key} is not in the request, so the negated operator ${rawOp} matches (IAM: a negated operator on a missing key is true)`);
        if (!r.result) {
          const v = ctx.keys.get(key.toLowerCase());
          const have = r.missing ? `${key} is not in the request` : `${key} is ${v!.values.map((x) => JSON.stringify(x)).join(', ')}`;
          return { applies: false, reason: `its condition ${rawOp} ${key} ${JSON.stringify(values)} does not hold (${have})`, readings };
        }
      }
    }
  }
  return { applies: true, reason: how, readings };
}

/** Parses a stored policy (an object or JSON text). */
export function policyDocument(policy: unknown): { statements: Record<string, J>[]; error?: string } {
  let doc = policy;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch {
      return { statements: [], error: 'the policy is not valid JSON' };
    }
  }
  if (!isObj(doc)) return { statements: [], error: 'the policy is not a JSON object' };
  const st = doc.Statement;
  if (st === undefined) return { statements: [], error: 'the policy has no Statement' };
  const list = asList(st);
  if (!list.every(isObj)) return { statements: [], error: 'a Statement is not an object' };
  return { statements: list as Record<string, J>[] };
}

/**
 * The policy's verdict on the request (IAM policy evaluation logic,
 * reference_policies_evaluation-logic.md): an applicable Deny statement is an explicit deny;
 * otherwise an applicable Allow allows; otherwise the request is implicitly denied.
 */
export function evaluatePolicy(policy: unknown, ctx: RequestContext, kind: PolicyKind = 'resource'): PolicyEvaluation {
  const { statements, error } = policyDocument(policy);
  if (error) return { outcome: 'implicitDeny', reason: `${error}, so it allows nothing`, readings: [], malformed: error };
  let allow: { id: string; index: number; reason: string } | undefined;
  const readings: string[] = [];
  const misses: string[] = [];
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i]!;
    const effect = s.Effect;
    if (effect !== 'Allow' && effect !== 'Deny') {
      misses.push(`statement ${statementId(s, i)} has Effect ${JSON.stringify(effect)}, which is neither Allow nor Deny`);
      continue;
    }
    const check = checkStatement(s, ctx, kind);
    if (!check.applies) {
      misses.push(`statement ${statementId(s, i)} does not apply: ${check.reason}`);
      continue;
    }
    readings.push(...check.readings);
    if (effect === 'Deny') {
      return { outcome: 'explicitDeny', statement: statementId(s, i), statementIndex: i, reason: `statement ${statementId(s, i)} denies${check.reason ? ` (${check.reason})` : ''}; an explicit Deny overrides every Allow`, readings };
    }
    if (!allow) allow = { id: statementId(s, i), index: i, reason: check.reason };
  }
  if (allow) return { outcome: 'allow', statement: allow.id, statementIndex: allow.index, reason: `statement ${allow.id} allows${allow.reason ? ` (${allow.reason})` : ''}`, readings };
  const why = misses.length ? `no statement allows: ${misses.slice(0, 3).join('; ')}${misses.length > 3 ? `; and ${misses.length - 3} more` : ''}` : 'the policy has no statement';
  return { outcome: 'implicitDeny', reason: why, readings };
}

/** Lower-cased names of the context keys a policy's conditions and variables read, for caching verdicts. */
export function keysReadBy(policy: unknown): Set<string> {
  const out = new Set<string>();
  const { statements } = policyDocument(policy);
  const vars = (s: unknown) => {
    for (const v of stringsOf(s)) for (const m of v.matchAll(/\$\{([^}*?$]+)\}/g)) out.add(m[1]!.split(',')[0]!.trim().toLowerCase());
  };
  for (const s of statements) {
    vars(s.Resource);
    vars(s.NotResource);
    if (!isObj(s.Condition)) continue;
    for (const block of Object.values(s.Condition)) {
      if (!isObj(block)) continue;
      for (const [k, v] of Object.entries(block)) {
        out.add(k.toLowerCase());
        vars(v);
      }
    }
  }
  return out;
}
