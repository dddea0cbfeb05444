// "Can this caller reach and call that service?" One request against a Topology: the network
// path (each candidate service network), then the service network's and the service's auth
// policies as AWS evaluates them, the caller role's identity policies (assumed when IAM was
// not read), the listener's routing and, for Lambda targets, the function's policy. Source of the auth order: VPC Lattice User Guide,
// auth-policies.html, "How authorization works".
import type { Topology, TopologyNode } from '@/lib/topology/types';
import { parseArn } from '@/lib/topology/arn';
import type { AccessDecision, AccessRequest, AccessStep, AccessTarget } from './types';
import { AccessInputError, validateAccessRequest } from './request';
import { accessModel, findService, findVpc, label, shortId, type AccessModel } from './model';
import { networkCandidates, type NetworkCandidate } from './network';
import { routeRequest, type RoutingAnswer } from './routing';
import { functionPolicyStep, identityStep } from './identity';
import { callerFromArn, evaluatePolicy, keysReadBy, type CallerIdentity, type ContextValue, type PolicyEvaluation, type RequestContext } from './policy';

export interface EvaluateOptions {
  /** The time for aws:CurrentTime / aws:EpochTime; default now. */
  now?: Date;
}

/** The organization an account belongs to, as far as the estate shows. */
export function orgOfAccount(model: AccessModel, account: string): string | undefined {
  for (const [org, members] of model.orgMembers) if (members.has(account)) return org;
  return undefined;
}

const one = (v: string): ContextValue => ({ values: [v], multi: false });

/** The request context of one call through one service network (auth-policies.html condition keys; global keys). */
export function requestContext(model: AccessModel, request: AccessRequest, vpc: TopologyNode | null, service: TopologyNode, serviceNetwork: string, routing: Pick<RoutingAnswer, 'protocol' | 'port'>, options: EvaluateOptions = {}): RequestContext {
  const caller: CallerIdentity | null = request.source.principal ? (callerFromArn(request.source.principal) ?? null) : null;
  const t = request.target;
  const keys = new Map<string, ContextValue>();
  const set = (k: string, v: ContextValue) => keys.set(k.toLowerCase(), v);
  const connect = routing.protocol === 'TLS_PASSTHROUGH' || routing.protocol === 'TCP';
  const port = routing.port ?? t.port;
  if (port !== undefined) set('vpc-lattice-svcs:Port', one(String(port)));
  if (!connect) {
    set('vpc-lattice-svcs:RequestMethod', one(t.method));
    set('vpc-lattice-svcs:RequestPath', one(t.path));
    for (const [name, value] of Object.entries(t.headers ?? {})) set(`vpc-lattice-svcs:RequestHeader/${name}`, one(value));
    for (const [name, value] of Object.entries(t.query ?? {})) set(`vpc-lattice-svcs:RequestQueryString/${name}`, { values: Array.isArray(value) ? value : [value], multi: true });
  }
  set('vpc-lattice-svcs:ServiceArn', one(service.id));
  set('vpc-lattice-svcs:ServiceNetworkArn', one(serviceNetwork));
  if (vpc) setVpcKeys(keys, vpc);
  for (const [k, v] of Object.entries(service.tags)) set(`aws:ResourceTag/${k}`, one(v));
  if (service.account) set('aws:ResourceAccount', one(service.account));
  if (caller) {
    set('aws:PrincipalArn', one(caller.principalArn));
    set('aws:PrincipalAccount', one(caller.account));
    set('aws:PrincipalType', one(caller.type));
    set('aws:PrincipalIsAWSService', one('false'));
    const org = request.source.principalOrgId ?? orgOfAccount(model, caller.account);
    if (org) set('aws:PrincipalOrgID', one(org));
    if (caller.type === 'User') set('aws:username', one(caller.principalArn.slice(caller.principalArn.lastIndexOf('/') + 1)));
    for (const [k, v] of Object.entries(request.source.principalTags ?? {})) set(`aws:PrincipalTag/${k}`, one(v));
  } else {
    set('aws:PrincipalType', one('Anonymous'));
  }
  const now = options.now ?? new Date();
  set('aws:CurrentTime', one(now.toISOString()));
  set('aws:EpochTime', one(String(Math.floor(now.getTime() / 1000))));
  const action = connect ? 'vpc-lattice-svcs:Connect' : 'vpc-lattice-svcs:Invoke';
  const resource = connect ? service.id : `${service.id}${t.path.startsWith('/') ? t.path : `/${t.path}`}`;
  return { caller, action, resource, keys };
}

function setVpcKeys(keys: Map<string, ContextValue>, vpc: TopologyNode) {
  keys.set('vpc-lattice-svcs:sourcevpc', one(vpc.resourceId ?? shortId(vpc.id)));
  if (vpc.account) keys.set('vpc-lattice-svcs:sourcevpcowneraccount', one(vpc.account));
}

/** The same context, from the given VPC. */
export function withVpcKeys(ctx: RequestContext, vpc: TopologyNode): RequestContext {
  const keys = new Map(ctx.keys);
  setVpcKeys(keys, vpc);
  return { ...ctx, keys };
}

const readsVpcOf = new WeakMap<TopologyNode, boolean>();

/** Whether a network's or service's auth decision can depend on the caller's VPC. */
function readsVpc(_model: AccessModel, node: TopologyNode | undefined): boolean {
  if (!node || node.description.authType !== 'AWS_IAM' || !node.authPolicy?.policy) return false;
  let reads = readsVpcOf.get(node);
  if (reads === undefined) {
    const keys = keysReadBy(node.authPolicy.policy);
    readsVpcOf.set(node, (reads = VPC_KEYS.some((k) => keys.has(k))));
  }
  return reads;
}

/** The verdict of one auth point (a service network or a service) for one context. */
export interface AuthVerdict {
  pass: boolean;
  step: AccessStep;
  explicitDeny: boolean;
  evaluation?: PolicyEvaluation;
}

const VPC_KEYS = ['vpc-lattice-svcs:sourcevpc', 'vpc-lattice-svcs:sourcevpcowneraccount'];

/**
 * One auth point as "How authorization works" states it: auth type NONE passes (a stored
 * policy stays inactive); AWS_IAM with no policy denies everything; otherwise the policy must
 * allow and not deny. Verdicts are memoized on the model when the policy reads no key that
 * changes with the caller's VPC.
 */
export function authVerdict(model: AccessModel, resource: TopologyNode | undefined, resourceId: string, check: 'serviceNetworkAuth' | 'serviceAuth', ctx: RequestContext, memo?: Map<string, AuthVerdict>): AuthVerdict {
  let cacheKey: string | undefined;
  if (memo) {
    cacheKey = readsVpc(model, resource) ? `${check}|${VPC_KEYS.map((k) => ctx.keys.get(k)?.values.join(',') ?? '').join('|')}` : check;
    const hit = memo.get(cacheKey);
    if (hit) return hit;
  }
  const verdict = authVerdictOf(resource, resourceId, check, ctx);
  if (cacheKey) memo!.set(cacheKey, verdict);
  return verdict;
}

function authVerdictOf(resource: TopologyNode | undefined, resourceId: string, check: 'serviceNetworkAuth' | 'serviceAuth', ctx: RequestContext): AuthVerdict {
  const what = check === 'serviceAuth' ? 'Service' : 'Service network';
  const name = label(resource, resourceId);
  const authType = typeof resource?.description.authType === 'string' ? resource.description.authType : 'NONE';
  if (!resource) return { pass: false, explicitDeny: false, step: { check, result: 'fail', resource: resourceId, detail: `${what} ${name} is not in the estate Trellis read, so its auth cannot be checked.` } };
  if (authType !== 'AWS_IAM') {
    const inactive = resource.authPolicy?.policy ? ' (its stored auth policy stays inactive)' : '';
    return { pass: true, explicitDeny: false, step: { check, result: 'pass', resource: resourceId, detail: `${what} ${name} has auth type NONE: every request passes${inactive}.` } };
  }
  const policy = resource.authPolicy?.policy;
  if (policy === undefined || policy === null || policy === '') {
    return { pass: false, explicitDeny: false, step: { check, result: 'fail', resource: resourceId, detail: `${what} ${name} has auth type AWS_IAM and no auth policy, so every request is denied.` } };
  }
  return policyVerdict(policy, ctx, check, resourceId, what, name);
}

function policyVerdict(policy: unknown, ctx: RequestContext, check: 'serviceNetworkAuth' | 'serviceAuth', resourceId: string, what: string, name: string): AuthVerdict {
  const ev = evaluatePolicy(policy, ctx);
  const readings = ev.readings.length ? ` Reading: ${[...new Set(ev.readings)].join('; ')}.` : '';
  const base = { check, resource: resourceId, ...(ev.statement ? { statement: ev.statement } : {}) } as const;
  if (ev.outcome === 'allow') return { pass: true, explicitDeny: false, evaluation: ev, step: { ...base, result: 'pass', detail: `${what} ${name}'s auth policy allows: ${ev.reason}.${readings}` } };
  if (ev.outcome === 'explicitDeny') return { pass: false, explicitDeny: true, evaluation: ev, step: { ...base, result: 'fail', detail: `${what} ${name}'s auth policy denies: ${ev.reason}.${readings}` } };
  return { pass: false, explicitDeny: false, evaluation: ev, step: { ...base, result: 'fail', detail: `${what} ${name}'s auth policy does not allow the request (implicit deny): ${ev.reason}.${readings}` } };
}

interface CandidateOutcome {
  decision: AccessDecision;
  score: number;
}

export interface PairInput {
  model: AccessModel;
  request: AccessRequest;
  vpc: TopologyNode;
  service: TopologyNode;
  options?: EvaluateOptions;
  /**
   * Memo of per-service routing and policy verdicts for one request shape (the matrix passes
   * one map for all its pairs; it must not outlive the request's principal, method and path).
   */
  memo?: PairMemo;
}

function routingOf(model: AccessModel, service: TopologyNode, target: AccessTarget, memo: PairMemo | undefined): RoutingAnswer {
  if (!memo) return routeRequest(model, service, target);
  let r = memo.routes.get(service);
  if (!r) memo.routes.set(service, (r = routeRequest(model, service, target)));
  return r;
}

/** What a matrix keeps between its pairs for one request shape. */
export interface PairMemo {
  routes: Map<TopologyNode, RoutingAnswer>;
  /** Per service, per network: the context without the VPC, the identity step, the auth verdicts. */
  points: Map<TopologyNode, Map<string, PointMemo>>;
}

interface PointMemo {
  ctx: RequestContext;
  identity: AccessStep;
  verdicts: Map<string, AuthVerdict>;
}

export function newPairMemo(): PairMemo {
  return { routes: new Map(), points: new Map() };
}

function decideCandidate(input: PairInput, candidate: NetworkCandidate, routing: RoutingAnswer): CandidateOutcome {
  const { model, request, vpc, service } = input;
  const steps: AccessStep[] = candidate.steps.map((s) => ({ ...s }));
  const nodes = [...candidate.nodes];
  const edges = [...candidate.edges];
  if (!candidate.ok) {
    const passed = candidate.steps.filter((s) => s.result === 'pass').length;
    return { score: passed, decision: { decision: 'deny', reachable: false, authorized: null, steps, path: { nodes, edges, failed: candidate.failed } } };
  }
  const snNode = model.byId.get(candidate.serviceNetwork);
  let ctx: RequestContext;
  let identity: AccessStep;
  let verdicts: Map<string, AuthVerdict> | undefined;
  if (input.memo) {
    // The context without the caller's VPC is the same for every VPC; it is completed only
    // when a policy in force reads SourceVpc or SourceVpcOwnerAccount.
    let perService = input.memo.points.get(service);
    if (!perService) input.memo.points.set(service, (perService = new Map()));
    let point = perService.get(candidate.serviceNetwork);
    if (!point) {
      const c = requestContext(model, request, null, service, candidate.serviceNetwork, routing, input.options);
      perService.set(candidate.serviceNetwork, (point = { ctx: c, identity: identityStep(model, request, c), verdicts: new Map() }));
    }
    ctx = readsVpc(model, snNode) || readsVpc(model, service) ? withVpcKeys(point.ctx, vpc) : point.ctx;
    identity = point.identity;
    verdicts = point.verdicts;
  } else {
    ctx = requestContext(model, request, vpc, service, candidate.serviceNetwork, routing, input.options);
    identity = identityStep(model, request, ctx);
  }
  const sn = authVerdict(model, snNode, candidate.serviceNetwork, 'serviceNetworkAuth', ctx, verdicts);
  const svc = authVerdict(model, service, service.id, 'serviceAuth', ctx, verdicts);
  steps.push(sn.step, svc.step, identity);
  const identityOk = identity.result !== 'fail';
  const authorized = sn.pass && svc.pass && identityOk;
  steps.push({ ...routing.step });
  nodes.push(...routing.nodes.filter((n) => !nodes.includes(n)));
  edges.push(...routing.edges);
  // A Lambda target's own policy decides whether Lattice may invoke it.
  const target = routing.ok && routing.route ? functionPolicyStep(model, routing.route.targetGroups) : undefined;
  if (target) steps.push(target.step);
  const delivered = routing.ok && (target?.ok ?? true);
  let failed: string | undefined;
  if (!sn.pass) failed = candidate.serviceNetwork;
  else if (!svc.pass) failed = service.id;
  else if (!identityOk) failed = identity.resource;
  else if (!routing.ok) failed = routing.failed;
  else if (!delivered) failed = target?.failed;
  const decision: AccessDecision = { decision: authorized && delivered ? 'allow' : 'deny', reachable: true, authorized, steps, path: failed ? { nodes, edges, failed } : { nodes, edges } };
  if (routing.route) decision.route = routing.route;
  const score = 10 + (sn.pass ? 1 : 0) + (svc.pass ? 1 : 0) + (identityOk ? 1 : 0) + (delivered ? 1 : 0);
  return { score, decision };
}

/** Evaluates one (VPC, service) pair of a model; every candidate network is tried and the best kept. */
export function evaluatePair(input: PairInput): AccessDecision {
  const { model, vpc, service, request } = input;
  const net = networkCandidates(model, vpc, service);
  if (!net.candidates.length) {
    const none = net.none!;
    return { decision: 'deny', reachable: false, authorized: null, steps: [{ ...none.step }], path: { nodes: [...none.nodes, service.id], edges: [...none.edges], failed: none.failed } };
  }
  const routing = routingOf(model, service, request.target, input.memo);
  let best: CandidateOutcome | undefined;
  for (const c of net.candidates) {
    const out = decideCandidate(input, c, routing);
    if (out.decision.decision === 'allow') {
      best = out;
      break;
    }
    if (!best || out.score > best.score) best = out;
  }
  const decision = best!.decision;
  if (net.candidates.length > 1) {
    const first = decision.steps[0];
    if (first) first.detail += ` (${net.candidates.length} service networks join this VPC and service; this is the ${decision.decision === 'allow' ? 'one that allows' : 'closest to allowing'}.)`;
  }
  return decision;
}

/** Resolves the request's VPC and service in the model, or throws AccessInputError. */
export function resolveEnds(model: AccessModel, request: AccessRequest): { vpc: TopologyNode; service: TopologyNode } {
  const vpc = findVpc(model, request.source.vpc);
  if (!vpc) throw new AccessInputError('source.vpc', `No VPC ${request.source.vpc} in the estate.`);
  const service = findService(model, request.target.service);
  if (!service) throw new AccessInputError('target.service', `No service ${request.target.service} in the estate.`);
  return { vpc, service };
}

/**
 * Can `request.source` call `request.target` in `topology`? Throws AccessInputError for a
 * malformed request or a VPC or service the estate does not hold.
 */
export function evaluateAccess(topology: Topology, request: AccessRequest, options: EvaluateOptions = {}): AccessDecision {
  validateAccessRequest(request);
  const model = accessModel(topology);
  const { vpc, service } = resolveEnds(model, request);
  const decision = evaluatePair({ model, request, vpc, service, options });
  return finish(decision);
}

/** Every deny carries at least one failing step. */
function finish(d: AccessDecision): AccessDecision {
  if (d.decision === 'deny' && !d.steps.some((s) => s.result === 'fail')) {
    d.steps.push({ check: 'routing', result: 'fail', resource: d.route?.rule ?? '', detail: 'The request is denied.' });
  }
  return d;
}

export { parseArn };
