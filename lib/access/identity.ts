// The caller's side and the target's side of a request, from what discovery read of IAM and
// Lambda: the caller role's identity policies (both they and the auth policies must allow,
// auth-policies.html "How authorization works"), and a Lambda target's function policy
// (Lattice invokes a function only when its resource policy allows vpc-lattice.amazonaws.com:
// Lambda Developer Guide, "Using Lambda with VPC Lattice"; VPC Lattice User Guide, "Lambda
// functions as targets").
import type { TopologyNode } from '@/lib/topology/types';
import type { AccessRequest, AccessStep, RoutedTargetGroup } from './types';
import type { AccessModel } from './model';
import { evaluatePolicy, type CallerIdentity, type PolicyEvaluation, type RequestContext } from './policy';

const rolesCache = new WeakMap<AccessModel, Map<string, TopologyNode>>();

/** Roles compare by account and name: a session ARN carries no role path. */
function rolesOf(model: AccessModel): Map<string, TopologyNode> {
  let roles = rolesCache.get(model);
  if (!roles) {
    roles = new Map();
    for (const n of model.byId.values()) {
      if (n.kind !== 'iamRole') continue;
      const name = n.id.slice(n.id.lastIndexOf('/') + 1);
      roles.set(`${n.account}/${name}`, n);
    }
    rolesCache.set(model, roles);
  }
  return roles;
}

/** The role node a caller acts as (a role, or a session of one), when the estate holds it. */
export function roleOfCaller(model: AccessModel, caller: CallerIdentity): TopologyNode | undefined {
  if (caller.type !== 'AssumedRole' || !caller.roleName) return undefined;
  return rolesOf(model).get(`${caller.account}/${caller.roleName}`);
}

/**
 * The identity step: the caller role's identity policies, evaluated as IAM does (an explicit
 * Deny in any of them wins, then one Allow is needed). A session is evaluated with its role's
 * policies (session policies are not known, so none narrows it). Assumed when the role's
 * policies were not read; anonymous callers have no identity policy.
 */
export function identityStep(model: AccessModel, request: AccessRequest, ctx: RequestContext): AccessStep {
  const p = request.source.principal;
  if (!p || !ctx.caller) {
    return { check: 'identity', result: 'pass', resource: 'anonymous', detail: 'The request is unsigned (anonymous), so there is no identity-based policy to check; only auth policies that allow Principal "*" without requiring authentication let it through.' };
  }
  const caller = ctx.caller;
  const who = caller.sessionArn ?? caller.principalArn;
  const need = `${who}'s identity-based policies must allow ${ctx.action} on ${ctx.resource}`;
  const limits = 'no SCP or permissions boundary may deny it (not read)';
  const role = roleOfCaller(model, caller);
  if (!role || !role.identityPolicies) {
    const why =
      caller.type !== 'AssumedRole'
        ? `Trellis reads roles, not ${caller.type === 'Account' ? 'account roots' : 'users'}`
        : role?.external && role.status === 'NOT_FOUND'
          ? `role ${caller.principalArn} was not found in account ${caller.account}, so no session of it can sign the request`
          : role?.external || !role
            ? `Trellis did not read IAM in account ${caller.account} (not configured, or no IAM read permission)`
            : `the identity policies of role ${role.name} were not read`;
    if (role?.external && role.status === 'NOT_FOUND') return { check: 'identity', result: 'fail', resource: role.id, detail: `The ${why}.` };
    return { check: 'identity', result: 'assumed', resource: role?.id ?? caller.principalArn, detail: `${capital(why)}: ${need}, and ${limits} (AWS requires this allow even for callers in the service's own account: a reading of "How authorization works").` };
  }
  const session = caller.sessionArn ? ` (the session ${caller.sessionArn} is evaluated with its role's policies; a session policy, if any, is not known)` : '';
  let allow: { name: string; ev: PolicyEvaluation } | undefined;
  for (const policy of role.identityPolicies) {
    if (policy.policy === null) continue;
    const ev = evaluatePolicy(policy.policy, ctx, 'identity');
    if (ev.outcome === 'explicitDeny') {
      return { check: 'identity', result: 'fail', resource: role.id, ...(ev.statement ? { statement: ev.statement } : {}), detail: `Role ${role.name}'s identity policy ${policy.name} denies ${ctx.action} on ${ctx.resource}: ${ev.reason}${session}.` };
    }
    if (ev.outcome === 'allow' && !allow) allow = { name: policy.name, ev };
  }
  const unread = role.identityPolicies.filter((x) => x.policy === null).map((x) => x.name);
  const unreadNote = unread.length ? ` The documents of ${unread.join(', ')} could not be read.` : '';
  if (allow) {
    return { check: 'identity', result: 'pass', resource: role.id, ...(allow.ev.statement ? { statement: allow.ev.statement } : {}), detail: `Role ${role.name}'s identity policy ${allow.name} allows ${ctx.action}: ${allow.ev.reason}${session}; ${limits}.${unreadNote}` };
  }
  const count = role.identityPolicies.length;
  return {
    check: 'identity',
    result: unread.length ? 'assumed' : 'fail',
    resource: role.id,
    detail: `No identity policy of role ${role.name} allows ${ctx.action} on ${ctx.resource} (${count === 0 ? 'it has none' : `${count} read`})${session}; AWS requires the caller's identity policy to allow it besides the auth policies.${unreadNote}`,
  };
}

const LATTICE_PRINCIPAL = 'vpc-lattice.amazonaws.com';

/** The Lambda functions a target group's targets point at. */
function functionsOf(model: AccessModel, tg: TopologyNode): TopologyNode[] {
  const out: TopologyNode[] = [];
  for (const t of model.targetsOf.get(tg.id) ?? []) {
    for (const e of model.edgesFrom.get(t.id) ?? []) {
      const fn = e.kind === 'targetResource' ? model.byId.get(e.target) : undefined;
      if (fn?.kind === 'lambdaFunction') out.push(fn);
    }
  }
  return out;
}

/** The function policy's verdict on Lattice invoking it for this target group. */
export function functionAllowsLattice(fn: TopologyNode, tg: TopologyNode): PolicyEvaluation | undefined {
  if (fn.resourcePolicy === undefined) return undefined;
  if (fn.resourcePolicy === null) return { outcome: 'implicitDeny', reason: 'the function has no resource policy', readings: [] };
  const one = (v: string) => ({ values: [v], multi: false });
  const ctx: RequestContext = {
    caller: { type: 'Service', account: '', partition: 'aws', principalArn: LATTICE_PRINCIPAL },
    action: 'lambda:InvokeFunction',
    resource: fn.id,
    keys: new Map([
      // Lattice invokes on behalf of the target group (a reading: the Lattice guide's add-permission example conditions on it).
      ['aws:sourcearn', one(tg.id)],
      ['aws:sourceaccount', one(tg.account)],
      ['aws:principalisawsservice', one('true')],
      ['aws:principalservicename', one(LATTICE_PRINCIPAL)],
    ]),
  };
  return evaluatePolicy(fn.resourcePolicy, ctx);
}

/**
 * The function-policy step of a route through LAMBDA target groups: a function whose policy
 * does not allow vpc-lattice.amazonaws.com refuses the share of traffic its group gets.
 * Undefined when the route has no Lambda target.
 */
export function functionPolicyStep(model: AccessModel, groups: readonly RoutedTargetGroup[]): { step: AccessStep; ok: boolean; failed?: string } | undefined {
  const refused: { fn: TopologyNode; reason: string; share: number }[] = [];
  const unread: TopologyNode[] = [];
  const allowed: TopologyNode[] = [];
  for (const g of groups) {
    const tg = model.byId.get(g.arn);
    if (!tg || g.weight === 0 || tg.description.type !== 'LAMBDA') continue;
    for (const fn of functionsOf(model, tg)) {
      const ev = functionAllowsLattice(fn, tg);
      if (!ev) unread.push(fn);
      else if (ev.outcome === 'allow') allowed.push(fn);
      else refused.push({ fn, reason: ev.reason, share: g.share });
    }
  }
  if (!refused.length && !unread.length && !allowed.length) return undefined;
  const share = refused.reduce((n, r) => n + r.share, 0);
  if (refused.length) {
    const first = refused[0]!;
    const text = `The function ${refused.map((r) => r.fn.name).join(', ')} does not allow ${LATTICE_PRINCIPAL} to invoke it (${first.reason})`;
    if (share >= 0.999999) return { ok: false, failed: first.fn.id, step: { check: 'targetPolicy', result: 'fail', resource: first.fn.id, detail: `${text}, so Lattice cannot deliver the request.` } };
    return { ok: true, step: { check: 'targetPolicy', result: 'pass', resource: first.fn.id, detail: `${text}: about ${Math.round(share * 100)}% of requests would fail.` } };
  }
  if (unread.length) {
    return { ok: true, step: { check: 'targetPolicy', result: 'assumed', resource: unread[0]!.id, detail: `The policy of ${unread.map((f) => f.name).join(', ')} was not read: it must allow ${LATTICE_PRINCIPAL} to invoke the function.` } };
  }
  return { ok: true, step: { check: 'targetPolicy', result: 'pass', resource: allowed[0]!.id, detail: `${allowed.map((f) => f.name).join(', ')} ${allowed.length === 1 ? 'allows' : 'allow'} ${LATTICE_PRINCIPAL} to invoke ${allowed.length === 1 ? 'it' : 'them'}.` } };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
