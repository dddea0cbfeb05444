// The data plane: a request whose Host is a service's DNS name (or custom domain) is handled as
// VPC Lattice handles it. The caller's VPC comes from X-Lattice-Local-Source-Vpc (a local TCP
// connection cannot show one); SigV4 or SigV4A for vpc-lattice-svcs names the caller, an unsigned request
// is anonymous. Reachability, both auth policies, the caller's identity policies and routing are
// decided by lib/access's evaluateAccess over the store's estate (estate.ts), never here. Then a
// fixed response answers, or the request goes to one target of the chosen target group: an IP
// target on this machine over HTTP, a Lambda function to the handler URL configured for it. Every
// request that reaches Lattice is written to the access logs (access-log.ts).
import http from 'node:http';
import { AccessInputError, callerFromArn, evaluateAccess, targetTakesTraffic, type AccessDecision, type AccessRequest } from '@/lib/access';
import type { Topology, TopologyNode } from '@/lib/topology/types';
import type { StoredRecord } from '../store/index';
import type { LocalContext } from '../services/types';
import { isGone } from '../services/resources';
import { credentialScopeProblem } from '../protocols/limits';
import { parseAmzDate, parseAuthorization, signatureMatches } from '../protocols/sigv4';
import { parseSigV4aAuthorization, regionSetIncludes, sigV4aSignatureMatches } from '../protocols/sigv4a';
import { resolveCredentials } from '../services/sts/index';
import { organizationOf } from '../services/ram/organization';
import { estateTopology } from './estate';
import { writeAccessLog, type AccessLogEntry } from './access-log';
import { lambdaEvent, lambdaResult } from './lambda-event';

export { estateTopology } from './estate';

/** The stand-in for the caller's network position: the VPC the request comes from. */
export const SOURCE_VPC_HEADER = 'x-lattice-local-source-vpc';
const LATTICE_HEADERS = ['x-amzn-lattice-identity', 'x-amzn-lattice-network', 'x-amzn-lattice-target'];
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer', 'content-length']);
const SIGNING_NAME = 'vpc-lattice-svcs';
const SKEW_MS = 15 * 60 * 1000;
const HANDLERS_META = 'dataplane:lambda-handlers';

// ---- Injected sources (tests make the weighted split exact) ----------------------------------

const randomSources = new WeakMap<LocalContext, () => number>();
const roundRobin = new WeakMap<LocalContext, Map<string, number>>();

/** The random source (0 ≤ x < 1) that picks among weighted target groups; Math.random by default. */
export function setDataPlaneRandom(local: LocalContext, random: (() => number) | undefined): void {
  if (random) randomSources.set(local, random);
  else randomSources.delete(local);
}

// ---- Lambda handler URLs (/_local/lambda-handlers) ------------------------------------------

/** Function ARN → the URL its events are POSTed to. Kept in the store, so it survives restarts. */
export function lambdaHandlers(local: LocalContext): Record<string, string> {
  return { ...(local.store.getMeta<Record<string, string>>(HANDLERS_META) ?? {}) };
}

/**
 * `GET` lists the handlers; `POST {functionArn, url}` sets one (`url: null` removes it). The
 * function must exist: lattice-local never runs its code, the handler stands in for it.
 */
export function lambdaHandlersAdmin(local: LocalContext, method: string, body: Buffer): { status: number; value: unknown } {
  if (method === 'POST') {
    let input: { functionArn?: unknown; url?: unknown };
    try {
      input = JSON.parse(body.toString('utf8') || '{}') as typeof input;
    } catch {
      return { status: 400, value: { message: 'The body must be JSON: {"functionArn": "arn:aws:lambda:…:function:NAME", "url": "http://127.0.0.1:PORT/…"}.' } };
    }
    const arn = input.functionArn;
    if (typeof arn !== 'string' || !/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/.test(arn)) {
      return { status: 400, value: { message: 'functionArn must be a Lambda function ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME).' } };
    }
    if (!local.store.get(arn.split(':').slice(0, 7).join(':'))) return { status: 404, value: { message: `No function ${arn}: create it with Lambda CreateFunction first.` } };
    const handlers = lambdaHandlers(local);
    if (input.url === null) delete handlers[arn];
    else {
      let url: URL | undefined;
      try {
        url = typeof input.url === 'string' ? new URL(input.url) : undefined;
      } catch {
        url = undefined;
      }
      if (!url || url.protocol !== 'http:') return { status: 400, value: { message: 'url must be an http:// URL on this machine (or null to remove the handler).' } };
      handlers[arn] = url.toString();
    }
    local.store.setMeta(HANDLERS_META, handlers);
  } else if (method !== 'GET') return { status: 405, value: { message: 'use GET or POST' } };
  return { status: 200, value: { handlers: lambdaHandlers(local) } };
}

// ---- Which requests are data-plane requests ----------------------------------------------

const NOT_A_SERVICE = /^(localhost|\[[0-9a-f:.]+\]|[0-9.]+|.*\.amazonaws\.com)$/i;

/** The service whose DNS name or custom domain the Host header names, if any. */
export function dataPlaneService(local: LocalContext, hostHeader: string | undefined, now = Date.now()): StoredRecord | undefined {
  if (!hostHeader) return undefined;
  const host = hostHeader.replace(/:\d+$/, '').toLowerCase().replace(/\.$/, '');
  if (NOT_A_SERVICE.test(host)) return undefined;
  return local.store.byIndex('vpc-lattice:service', 'host', host).find((s) => !isGone(s, now));
}

// ---- Serving ----------------------------------------------------------------------------

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const text = (status: number, message: string): Answer => ({ status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from(message) });

type Caller = { ok: true; principal: string | null } | { ok: false; answer: Answer };

/**
 * The caller: anonymous when unsigned, the signing principal when the SigV4 (or SigV4A) signature
 * for vpc-lattice-svcs with UNSIGNED-PAYLOAD verifies, otherwise a 403.
 */
async function callerOf(local: LocalContext, req: http.IncomingMessage, rawPath: string, query: URLSearchParams, body: Buffer, now: number, region: string): Promise<Caller> {
  const header = req.headers.authorization;
  if (!header) return { ok: true, principal: null };
  const refuse = (message: string): Caller => ({ ok: false, answer: text(403, `InvalidSignatureException: ${message}`) });
  if (/^AWS4-ECDSA-P256-SHA256\s/.test(header)) return sigV4aCallerOf(local, req, { rawPath, query, body, now, region });
  const auth = parseAuthorization(header);
  if (!auth) return refuse('Authorization header requires \'Credential\', \'Signature\' and \'SignedHeaders\' parameters.');
  if (auth.service !== SIGNING_NAME) return refuse(`Credential should be scoped to correct service: '${SIGNING_NAME}'.`);
  if (req.headers['x-amz-content-sha256'] !== 'UNSIGNED-PAYLOAD') return refuse('VPC Lattice requires the header x-amz-content-sha256: UNSIGNED-PAYLOAD (payload signing is not supported).');
  const credentials = resolveCredentials(local, auth.accessKeyId, req.headers['x-amz-security-token'] as string | undefined, now);
  if (!credentials.ok) return refuse(credentials.reason === 'expired' ? 'The security token included in the request is expired.' : 'The security token included in the request is invalid.');
  const amzDate = (req.headers['x-amz-date'] as string | undefined) ?? '';
  const signedAt = parseAmzDate(amzDate)?.getTime();
  if (signedAt === undefined || Math.abs(now - signedAt) > SKEW_MS) return refuse('Signature expired or X-Amz-Date missing.');
  const scopeProblem = credentialScopeProblem(auth, amzDate);
  if (scopeProblem) return refuse(scopeProblem);
  const valid = await signatureMatches(
    { method: req.method ?? 'GET', rawPath, query, headers: req.headers, body },
    auth,
    { accessKeyId: auth.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken },
    { unsignedPayload: true },
  );
  if (!valid) return refuse('The request signature we calculated does not match the signature you provided.');
  return { ok: true, principal: credentials.caller.arn };
}

/**
 * The caller of a SigV4A request: as for SigV4, with the region set (`X-Amz-Region-Set`, signed)
 * in place of the scope's Region, which must include the service's Region.
 */
async function sigV4aCallerOf(local: LocalContext, req: http.IncomingMessage, at: { rawPath: string; query: URLSearchParams; body: Buffer; now: number; region: string }): Promise<Caller> {
  const refuse = (message: string): Caller => ({ ok: false, answer: text(403, `InvalidSignatureException: ${message}`) });
  const auth = parseSigV4aAuthorization(req.headers.authorization);
  if (!auth) return refuse('Authorization header requires \'Credential\', \'Signature\' and \'SignedHeaders\' parameters.');
  if (auth.service !== SIGNING_NAME) return refuse(`Credential should be scoped to correct service: '${SIGNING_NAME}'.`);
  if (req.headers['x-amz-content-sha256'] !== 'UNSIGNED-PAYLOAD') return refuse('VPC Lattice requires the header x-amz-content-sha256: UNSIGNED-PAYLOAD (payload signing is not supported).');
  const regionSet = req.headers['x-amz-region-set'];
  if (typeof regionSet !== 'string' || !auth.signedHeaders.includes('x-amz-region-set')) return refuse('SigV4A requests must sign the X-Amz-Region-Set header.');
  if (!regionSetIncludes(regionSet, at.region)) return refuse(`The region set '${regionSet}' does not include the service's Region '${at.region}'.`);
  const credentials = resolveCredentials(local, auth.accessKeyId, req.headers['x-amz-security-token'] as string | undefined, at.now);
  if (!credentials.ok) return refuse(credentials.reason === 'expired' ? 'The security token included in the request is expired.' : 'The security token included in the request is invalid.');
  const amzDate = (req.headers['x-amz-date'] as string | undefined) ?? '';
  const signedAt = parseAmzDate(amzDate)?.getTime();
  if (signedAt === undefined || Math.abs(at.now - signedAt) > SKEW_MS) return refuse('Signature expired or X-Amz-Date missing.');
  const scopeProblem = credentialScopeProblem({ shortDate: auth.shortDate, region: at.region }, amzDate);
  if (scopeProblem) return refuse(scopeProblem);
  const valid = await sigV4aSignatureMatches({ method: req.method ?? 'GET', rawPath: at.rawPath, query: at.query, headers: req.headers, body: at.body }, auth, { accessKeyId: auth.accessKeyId, secretAccessKey: credentials.secretAccessKey });
  if (!valid) return refuse('The request signature we calculated does not match the signature you provided.');
  return { ok: true, principal: credentials.caller.arn };
}

/** The request's headers as the target should see them: ours and spoofed Lattice ones removed. */
function forwardedHeaders(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === SOURCE_VPC_HEADER || LATTICE_HEADERS.includes(name) || HOP_BY_HOP.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** The caller's organization: lattice-local's organization when the caller's account is a member. */
function orgOfPrincipal(local: LocalContext, principal: string | null): string | undefined {
  const account = principal ? callerFromArn(principal)?.account : undefined;
  const org = organizationOf(local.store);
  return account && org?.members.includes(account) ? org.id : undefined;
}

const sessionOf = (principal: string | null) => (principal && callerFromArn(principal)?.sessionArn ? principal.slice(principal.lastIndexOf('/') + 1) : undefined);

/** `Principal=…; PrincipalOrgID=…; SessionName=…; Type=AWS_IAM`, as http-targets.html shows it. */
function identityHeader(principal: string | null, orgId: string | undefined): string {
  if (!principal) return 'Type=Anonymous';
  const session = sessionOf(principal);
  return [`Principal=${principal}`, ...(orgId ? [`PrincipalOrgID=${orgId}`] : []), ...(session ? [`SessionName=${session}`] : []), 'Type=AWS_IAM'].join('; ');
}

/** Which auth point failed, for the 403's text and the log's authDeniedReason. */
function denial(decision: AccessDecision): { kind: 'network' | 'service' | 'identity'; explicit: boolean } | undefined {
  const failed = decision.steps.find((s) => s.result === 'fail' && (s.check === 'serviceNetworkAuth' || s.check === 'serviceAuth' || s.check === 'identity'));
  if (!failed) return undefined;
  const kind = failed.check === 'serviceNetworkAuth' ? 'network' : failed.check === 'serviceAuth' ? 'service' : 'identity';
  // A failing step names its deciding statement only when a Deny statement decided it.
  return { kind, explicit: failed.statement !== undefined };
}

function pickWeighted<T extends { weight: number }>(items: T[], random: number): T | undefined {
  const live = items.filter((g) => g.weight > 0);
  const total = live.reduce((s, g) => s + g.weight, 0);
  let point = random * total;
  for (const g of live) {
    if (point < g.weight) return g;
    point -= g.weight;
  }
  return live[live.length - 1];
}

function post(url: string, payload: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    request.on('error', reject);
    request.end(payload);
  });
}

function forward(host: string, port: number, method: string, path: string, headers: Record<string, string>, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host, port, method, path, headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = Array.isArray(v) ? v.join(', ') : v;
        resolve({ status: res.statusCode ?? 502, headers: out, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

const dash = (v: string | number | undefined | null) => (v === undefined || v === null || v === '' ? '-' : v);

/**
 * Serves one data-plane request for `service`. Resolves when the answer is written (or the
 * socket closed: a VPC with no path to the service sees no HTTP answer at all).
 */
export async function serveDataPlane(local: LocalContext, service: StoredRecord, req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<void> {
  const started = performance.now();
  const now = Date.now();
  const method = req.method ?? 'GET';
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const rawPath = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
  const query = new URLSearchParams(q >= 0 ? rawUrl.slice(q + 1) : '');
  const region = service.region;
  const serviceArn = service.arn as string;
  const unreachable = () => {
    local.log('info', `data-plane ${method} ${String(req.headers.host)}${rawUrl} unreachable (connection closed)`);
    req.socket.destroy();
  };

  const sourceVpc = String(req.headers[SOURCE_VPC_HEADER] ?? '').trim();
  if (!sourceVpc) return unreachable();
  const topology: Topology = estateTopology(local, region, now);
  const vpcNode = topology.nodes.find((n) => n.kind === 'vpc' && (n.resourceId === sourceVpc || n.id === sourceVpc));
  if (!vpcNode) return unreachable();

  const caller = await callerOf(local, req, rawPath, query, body, now, region);
  const orgId = caller.ok ? orgOfPrincipal(local, caller.principal) : undefined;
  const headers = forwardedHeaders(req);
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    path = rawPath;
  }
  const entry: AccessLogEntry = {
    startTime: new Date(now).toISOString(),
    requestMethod: method,
    requestPath: rawUrl,
    protocol: `HTTP/${req.httpVersion}`,
    responseCode: 0,
    authDeniedReason: '-',
    failureReason: '-',
    callerPrincipal: caller.ok ? dash(caller.principal) as string : '-',
    callerPrincipalOrgID: orgId ?? '-',
    resolvedUser: caller.ok ? (dash(caller.principal) as string) : '-',
    sourceVpcArn: vpcNode.id,
    sourceVpcId: vpcNode.resourceId ?? sourceVpc,
    sourceIpPort: `${req.socket.remoteAddress ?? '-'}:${req.socket.remotePort ?? '-'}`,
    destinationVpcId: '-',
    targetIpPort: '-',
    serviceNetworkArn: '-',
    serviceArn,
    targetGroupArn: '-',
    listenerType: '-',
    hostHeader: String(req.headers.host ?? '-'),
    userAgent: String(req.headers['user-agent'] ?? '-'),
    serverNameIndication: '-',
    bytesReceived: body.length,
    bytesSent: 0,
    duration: 0,
    requestToTargetDuration: '-',
    responseFromTargetDuration: '-',
    sslCipher: '-',
    tlsVersion: '-',
    callerX509IssuerOU: '-',
    callerX509SubjectCN: '-',
    callerX509SANNameCN: '-',
    callerX509SANDNS: '-',
    callerX509SANURI: '-',
  };

  let answer: Answer;
  if (!caller.ok) {
    answer = caller.answer;
    entry.failureReason = 'AuthFailure';
  } else {
    const request: AccessRequest = {
      source: { vpc: vpcNode.id, principal: caller.principal, ...(orgId ? { principalOrgId: orgId } : {}) },
      target: { service: serviceArn, method, path, headers: Object.fromEntries(Object.entries(headers).filter(([k]) => k !== 'authorization')), query: Object.fromEntries(query) },
    };
    let decision: AccessDecision;
    try {
      decision = evaluateAccess(topology, request, { now: new Date(now) });
    } catch (error) {
      if (error instanceof AccessInputError) return unreachable();
      throw error;
    }
    if (!decision.reachable) return unreachable();
    const snStep = decision.steps.find((s) => s.check === 'serviceNetworkAuth');
    entry.serviceNetworkArn = snStep?.resource ?? '-';
    const listener = decision.route ? local.store.get(decision.route.listener) : undefined;
    if (listener) entry.listenerType = String(listener.protocol);
    const denied = decision.authorized === false ? denial(decision) : undefined;
    if (denied) {
      const who = caller.principal ?? 'anonymous';
      const resource = `${serviceArn}${path}`;
      const why = denied.explicit ? `with an explicit deny in a ${denied.kind}-based policy` : `because no ${denied.kind}-based policy allows the vpc-lattice-svcs:Invoke action`;
      answer = text(403, `AccessDeniedException: User: ${who} is not authorized to perform: vpc-lattice-svcs:Invoke on resource: ${resource} ${why}`);
      entry.authDeniedReason = denied.kind === 'network' ? 'Service Network' : denied.kind === 'service' ? 'Service' : 'Identity';
    } else {
      answer = await deliver(local, topology, decision, { service, entry, method, path, rawPath, rawUrl, query, headers, body, principal: caller.principal, orgId, vpcNode, region, now });
    }
  }

  entry.responseCode = answer.status;
  entry.bytesSent = answer.body.length;
  entry.duration = Math.round(performance.now() - started);
  res.writeHead(answer.status, { ...answer.headers, 'content-length': answer.body.length });
  res.end(answer.body);
  writeAccessLog(local, entry, now);
  local.log('info', `data-plane ${method} ${String(req.headers.host)}${rawUrl} ${answer.status} ${entry.duration}ms`);
}

interface Delivery {
  service: StoredRecord;
  entry: AccessLogEntry;
  method: string;
  path: string;
  rawPath: string;
  rawUrl: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: Buffer;
  principal: string | null;
  orgId: string | undefined;
  vpcNode: TopologyNode;
  region: string;
  now: number;
}

/** After auth: a fixed response, or one target of a weighted target group, or the failure AWS answers. */
async function deliver(local: LocalContext, topology: Topology, decision: AccessDecision, d: Delivery): Promise<Answer> {
  const { entry } = d;
  const route = decision.route;
  const ruleRecord = route ? local.store.get(route.rule) : undefined;
  const action = (ruleRecord?.kind === 'vpc-lattice:rule' ? ruleRecord.action : ruleRecord?.defaultAction) as { fixedResponse?: { statusCode: number } } | undefined;
  if (action?.fixedResponse) return { status: action.fixedResponse.statusCode, headers: {}, body: Buffer.alloc(0) };
  const targetStep = decision.steps.find((s) => s.check === 'targetPolicy' && s.result === 'fail');
  if (targetStep) {
    entry.failureReason = 'LambdaInvokeFailed';
    return text(502, 'Bad Gateway');
  }
  if (!route || !route.targetGroups.some((g) => g.weight > 0)) {
    entry.failureReason = 'NoRoute';
    return text(404, 'Not Found');
  }
  const random = (randomSources.get(local) ?? Math.random)();
  const group = pickWeighted(route.targetGroups, random)!;
  entry.targetGroupArn = group.arn;
  const tg = local.store.get(group.arn);
  const targets = topology.nodes.filter((n) => n.kind === 'target' && n.parent === group.arn && targetTakesTraffic(n));
  if (!tg || !targets.length) {
    entry.failureReason = 'NoHealthyTargets';
    return text(503, 'Service Unavailable');
  }
  let counters = roundRobin.get(local);
  if (!counters) roundRobin.set(local, (counters = new Map()));
  const turn = counters.get(group.arn) ?? 0;
  counters.set(group.arn, turn + 1);
  const target = targets[turn % targets.length]!;
  const targetId = String(target.description.id);
  const serviceNetworkArn = entry.serviceNetworkArn;
  const sent = performance.now();

  if (tg.type === 'LAMBDA') {
    const url = lambdaHandlers(local)[targetId];
    entry.targetIpPort = '-';
    if (!url) {
      entry.failureReason = 'LambdaHandlerNotConfigured';
      return text(502, 'Bad Gateway');
    }
    const version = (tg.config as { lambdaEventStructureVersion?: string } | undefined)?.lambdaEventStructureVersion ?? 'V1';
    const event = lambdaEvent(version, { method: d.method, path: d.path, rawPath: d.rawPath, query: d.query, headers: d.headers, body: d.body, principal: d.principal, principalOrgId: d.orgId, sessionName: sessionOf(d.principal), sourceVpcArn: d.vpcNode.id, serviceArn: d.service.arn as string, serviceNetworkArn, targetGroupArn: group.arn, region: d.region, now: d.now });
    try {
      const reply = await post(url, JSON.stringify(event));
      entry.requestToTargetDuration = Math.round(performance.now() - sent);
      entry.responseFromTargetDuration = 0;
      const result = reply.status === 200 ? lambdaResult(JSON.parse(reply.body)) : undefined;
      if (!result) {
        entry.failureReason = 'LambdaInvalidResponse';
        return text(502, 'Bad Gateway');
      }
      return result;
    } catch {
      entry.failureReason = 'LambdaInvokeFailed';
      return text(502, 'Bad Gateway');
    }
  }

  const port = typeof target.description.port === 'number' ? target.description.port : (tg.config as { port?: number } | undefined)?.port;
  if (tg.type !== 'IP' || port === undefined) {
    // Instances and load balancers have no address on this machine.
    entry.failureReason = 'TargetNotLocal';
    return text(502, 'Bad Gateway');
  }
  entry.targetIpPort = `${targetId}:${port}`;
  const headers = {
    ...d.headers,
    'x-amzn-lattice-identity': identityHeader(d.principal, d.orgId),
    'x-amzn-lattice-network': `SourceVpcArn=${d.vpcNode.id}`,
    'x-amzn-lattice-target': `ServiceArn=${d.service.arn as string}; ServiceNetworkArn=${serviceNetworkArn}; TargetGroupArn=${group.arn}`,
  };
  try {
    const reply = await forward(targetId, port, d.method, d.rawUrl, headers, d.body);
    entry.requestToTargetDuration = Math.round(performance.now() - sent);
    entry.responseFromTargetDuration = 0;
    return reply;
  } catch {
    entry.failureReason = 'TargetConnectionError';
    return text(502, 'Bad Gateway');
  }
}
