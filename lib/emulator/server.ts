// The HTTP front: admin endpoints under /_local/, otherwise authenticate (SigV4), route on the
// credential scope's service, apply faults, run the operation, and write the answer in the
// service's wire protocol. One log line per request.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runOperation } from './dispatch';
import { createAccountHolds, type FaultInjector, parseFaultConfig, parseHeldAccounts } from './faults';
import { type Router, buildRouter, readRestJsonInput, writeRestJsonOutput } from './protocols/rest-json';
import { type ServiceError, type WireResponse, isServiceError, writeEc2Error, writeQueryError, writeRestJsonError } from './protocols/errors';
import { parseForm, readQueryInput, writeQueryOutput } from './protocols/query';
import { jsonTarget, readJsonInput, writeJsonError, writeJsonOutput } from './protocols/json';
import { credentialScopeProblem, LOCAL_ADMIN_HEADER, MAX_BODY_BYTES } from './protocols/limits';
import { parseAmzDate, parseAuthorization, signatureMatches } from './protocols/sigv4';
import { resolveCredentials } from './services/sts/index';
import { dataPlaneService, lambdaHandlersAdmin, serveDataPlane } from './dataplane/index';
import type { LocalContext, ServiceDefinition } from './services/types';

export type LogLevel = 'silent' | 'info' | 'debug';

export interface ServerOptions {
  local: LocalContext;
  faults: FaultInjector;
  port: number;
  host: string;
  logLevel: LogLevel;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const SKEW_MS = 15 * 60 * 1000;

const formatAmzDate = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The body, or null when it is over MAX_BODY_BYTES (the rest is read and dropped, up to a bound, so the 413 reaches the client). */
function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number.isFinite(declared) && declared > MAX_BODY_BYTES;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) over = true;
      if (over) {
        chunks.length = 0;
        if (size > 4 * MAX_BODY_BYTES) resolve(null); // answer now; the connection closes after
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Writes the answer. The body is encoded once into a Buffer (outside the JS heap when large)
 * rather than measured and then encoded again by the socket. `started` (performance.now() when
 * the request arrived) adds `Server-Timing: total;dur=MS`, the emulator's own time, so a client
 * can tell it from time spent queueing.
 */
function send(res: http.ServerResponse, wire: { status: number; headers: Record<string, string>; body: string }, started?: number): void {
  const payload = Buffer.from(wire.body, 'utf8');
  res.setHeader('content-length', payload.length);
  if (started !== undefined) res.setHeader('server-timing', `total;dur=${(performance.now() - started).toFixed(2)}`);
  res.writeHead(wire.status, wire.headers);
  res.end(payload);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
}

function writeError(service: ServiceDefinition, error: ServiceError, requestId: string): WireResponse {
  switch (service.protocol) {
    case 'rest-json':
      return writeRestJsonError(error, requestId);
    case 'ec2':
      return writeEc2Error(error, requestId);
    case 'query':
      return writeQueryError(error, requestId, service.model.metadata.xmlNamespace ?? '');
    case 'json':
      return writeJsonError(service.model, error, requestId);
  }
}

export function startServer(options: ServerOptions): Promise<RunningServer> {
  const { local, faults } = options;
  const services = [...local.services.values()];
  const bySigningName = new Map(services.map((s) => [s.signingName, s]));
  const routers = new Map<ServiceDefinition, Router>();
  for (const service of services) if (service.protocol === 'rest-json') routers.set(service, buildRouter(service.model));
  const holds = createAccountHolds();
  const levels: Record<LogLevel, number> = { silent: 0, info: 1, debug: 2 };
  const level = levels[options.logLevel];

  /** The service an unsigned request was meant for, so its error is in the right dialect. */
  function guessService(method: string, rawPath: string, query: URLSearchParams, body: Buffer, target?: string | string[]): ServiceDefinition {
    const jsonService = services.find((s) => s.protocol === 'json' && jsonTarget(s.model, target) !== undefined);
    if (jsonService) return jsonService;
    const form = parseForm(body);
    const version = form.get('Version') ?? query.get('Version');
    const queryService = services.find((s) => (s.protocol === 'query' || s.protocol === 'ec2') && s.model.metadata.apiVersion === version);
    if (queryService) return queryService;
    for (const [service, router] of routers) if (router.match(method, rawPath, query)) return service;
    return local.services.get('vpc-lattice')!;
  }

  async function admin(req: http.IncomingMessage, res: http.ServerResponse, rawPath: string, body: Buffer): Promise<void> {
    const method = req.method ?? 'GET';
    if (rawPath === '/_local/health' && method === 'GET') {
      return sendJson(res, 200, { ok: true, accounts: local.store.accounts() });
    }
    if (rawPath === '/_local/faults') {
      if (method === 'POST') {
        let parsed: ReturnType<typeof parseFaultConfig>;
        try {
          const json = body.length ? JSON.parse(body.toString('utf8')) : {};
          if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('body must be a JSON object');
          parsed = parseFaultConfig(json);
        } catch (error) {
          return sendJson(res, 400, { message: (error as Error).message });
        }
        const { activationDelayMs, ...faultFields } = parsed;
        Object.assign(local.config.faults, faultFields);
        if (activationDelayMs !== undefined) local.config.activationDelayMs = activationDelayMs;
        faults.reset();
      } else if (method !== 'GET') return sendJson(res, 405, { message: 'use GET or POST' });
      return sendJson(res, 200, { ...local.config.faults, activationDelayMs: local.config.activationDelayMs });
    }
    if (rawPath === '/_local/holds') {
      if (method === 'POST') {
        try {
          holds.set(parseHeldAccounts(JSON.parse(body.toString('utf8') || '{}')));
        } catch (error) {
          return sendJson(res, 400, { message: (error as Error).message });
        }
      } else if (method !== 'GET') return sendJson(res, 405, { message: 'use GET or POST' });
      return sendJson(res, 200, { accounts: holds.held(), waiting: holds.waiting() });
    }
    if (rawPath === '/_local/deny-roles') {
      if (method === 'POST') {
        try {
          const json = JSON.parse(body.toString('utf8') || '{}') as { roles?: unknown };
          if (!Array.isArray(json.roles) || !json.roles.every((r) => typeof r === 'string')) throw new Error('roles must be a list of role ARNs');
          local.config.deniedRoles = new Set(json.roles as string[]);
        } catch (error) {
          return sendJson(res, 400, { message: (error as Error).message });
        }
      }
      return sendJson(res, 200, { roles: [...local.config.deniedRoles] });
    }
    if (rawPath === '/_local/lambda-handlers') {
      const answer = lambdaHandlersAdmin(local, method, body);
      return sendJson(res, answer.status, answer.value);
    }
    if (rawPath === '/_local/activate' && method === 'POST') {
      // A barrier for tests: everything still CREATE_IN_PROGRESS finishes now, whatever its delay.
      const now = Date.now();
      const pending = services.flatMap((service) =>
        Object.keys(service.kinds ?? {}).flatMap((kind) => local.store.all(kind).filter((r) => typeof r.activeAt === 'number' && r.activeAt > now)),
      );
      local.store.transaction(() => {
        for (const record of pending) local.store.put({ ...record, activeAt: now });
      });
      return sendJson(res, 200, { activated: pending.length });
    }
    if (rawPath === '/_local/state' && method === 'GET') {
      const counts: Record<string, Record<string, number>> = {};
      for (const service of services) {
        for (const kind of Object.keys(service.kinds ?? {})) {
          for (const record of local.store.all(kind)) {
            const scope = `${record.account}:${record.region}`;
            counts[scope] ??= {};
            counts[scope][kind] = (counts[scope][kind] ?? 0) + 1;
          }
        }
      }
      const shared: Record<string, string[]> = {};
      for (const account of local.store.accounts()) {
        const arns = local.store.sharedWith(account);
        if (arns.length) shared[account] = arns;
      }
      return sendJson(res, 200, { accounts: local.store.accounts(), records: counts, sharedWith: shared });
    }
    return sendJson(res, 404, { message: `no admin endpoint ${method} ${rawPath}` });
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = performance.now();
    const requestId = randomUUID();
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const rawPath = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
    const query = new URLSearchParams(q >= 0 ? rawUrl.slice(q + 1) : '');
    const received = await readBody(req);
    if (received === null) {
      res.setHeader('connection', 'close');
      return send(res, {
        status: 413,
        headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'RequestEntityTooLargeException', 'x-amzn-requestid': requestId },
        body: JSON.stringify({ message: `Request body too large: at most ${MAX_BODY_BYTES} bytes.` }),
      });
    }
    const body = received;
    if (rawPath.startsWith('/_local/')) {
      // A web page can POST text/plain to localhost without asking; not JSON with a custom header.
      if (method !== 'GET' && method !== 'HEAD') {
        const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        if (type !== 'application/json' || req.headers[LOCAL_ADMIN_HEADER] === undefined) {
          return sendJson(res, 403, { message: `Admin requests must send Content-Type: application/json and the header ${LOCAL_ADMIN_HEADER}: admin.` });
        }
      }
      return admin(req, res, rawPath, body);
    }
    // A request to a service's DNS name or custom domain is data-plane traffic, not an API call.
    const dataPlane = dataPlaneService(local, req.headers.host);
    if (dataPlane) return serveDataPlane(local, dataPlane, req, res, body);

    let service: ServiceDefinition | undefined;
    let operation = '-';
    let account = '-';
    let wire: WireResponse;
    try {
      const auth = parseAuthorization(req.headers.authorization);
      service = auth ? bySigningName.get(auth.service) : undefined;
      if (!auth || !service) {
        service ??= guessService(method, rawPath, query, body, req.headers['x-amz-target']);
        // A service lattice-local does not serve (CloudWatch metrics, S3…) is named in the answer.
        throw auth
          ? service.errors.invalidSignature(`lattice-local does not serve "${auth.service}" (it serves ${[...bySigningName.keys()].join(', ')}).`)
          : service.errors.missingAuthentication();
      }
      const sessionToken = req.headers['x-amz-security-token'] as string | undefined;
      const credentials = resolveCredentials(local, auth.accessKeyId, sessionToken);
      if (!credentials.ok) throw credentials.reason === 'expired' ? service.errors.expiredToken() : service.errors.unrecognizedClient();
      account = credentials.caller.account;
      // SigV4 allows 15 minutes of clock skew either way.
      const amzDate = (req.headers['x-amz-date'] as string | undefined) ?? '';
      const signedAt = parseAmzDate(amzDate)?.getTime();
      if (signedAt === undefined || Math.abs(Date.now() - signedAt) > SKEW_MS) {
        throw service.errors.invalidSignature(
          signedAt === undefined
            ? 'The request has no valid X-Amz-Date.'
            : `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(Date.now() - SKEW_MS)} (${formatAmzDate(Date.now())} - 15 min.)`,
        );
      }
      const scopeProblem = credentialScopeProblem(auth, amzDate);
      if (scopeProblem) throw service.errors.invalidSignature(scopeProblem);
      const valid = await signatureMatches(
        { method, rawPath, query, headers: req.headers, body },
        auth,
        { accessKeyId: auth.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken },
      );
      if (!valid) throw service.errors.invalidSignature();

      let input: Record<string, unknown>;
      if (service.protocol === 'rest-json') {
        const match = routers.get(service)!.match(method, rawPath, query);
        if (!match) throw service.errors.unknownOperation(`${method} ${rawPath}`);
        operation = match.operation.name;
        if (!service.handlers[operation]) throw service.errors.unknownOperation(operation);
        try {
          input = readRestJsonInput(service.model, match.operation, { labels: match.labels, query, headers: req.headers, body });
        } catch (error) {
          throw isServiceError(error) && error.code === 'SerializationException' ? service.errors.cannotParse(error.message) : error;
        }
      } else if (service.protocol === 'json') {
        operation = jsonTarget(service.model, req.headers['x-amz-target']) ?? '-';
        const model = service.model.operations[operation];
        if (!model || !service.handlers[operation]) throw service.errors.unknownOperation(operation);
        try {
          input = readJsonInput(service.model, model, body);
        } catch (error) {
          throw isServiceError(error) && error.code === 'SerializationException' ? service.errors.cannotParse(error.message) : error;
        }
      } else {
        const form = parseForm(body);
        for (const [k, v] of query) if (!form.has(k)) form.set(k, v);
        operation = form.get('Action') ?? '-';
        const model = service.model.operations[operation];
        if (!model || !service.handlers[operation]) throw service.errors.unknownOperation(operation);
        input = readQueryInput(service.model, model, form, service.protocol === 'ec2' ? 'ec2' : 'query');
      }

      await holds.wait(account);
      await faults.delay();
      const decision = faults.decide(account, `${service.name}:${operation}`);
      if (decision.kind === 'throttle') {
        const error = service.errors.throttling();
        throw Object.assign(error, { retryAfterSeconds: decision.retryAfterSeconds });
      }
      if (decision.kind === 'error') throw service.errors.internal();

      const output = runOperation(local, { service, operation, input, caller: credentials.caller, region: auth.region, requestId });
      const model = service.model.operations[operation]!;
      wire =
        service.protocol === 'rest-json'
          ? writeRestJsonOutput(service.model, model, output, requestId)
          : service.protocol === 'json'
            ? writeJsonOutput(service.model, model, output, requestId)
            : writeQueryOutput(service.model, model, output, requestId, service.protocol === 'ec2' ? 'ec2' : 'query');
    } catch (error) {
      const target = service ?? local.services.get('vpc-lattice')!;
      if (isServiceError(error)) {
        wire = writeError(target, error, requestId);
      } else {
        console.error(`lattice-local: ${target.name} ${operation} failed:`, error);
        wire = writeError(target, target.errors.internal(), requestId);
      }
    }
    send(res, wire, started);
    if (level >= 1) {
      const ms = (performance.now() - started).toFixed(1);
      const extra = level >= 2 ? ` ${requestId}${wire.status >= 400 ? ` ${wire.headers['x-amzn-errortype'] ?? ''}` : ''}` : '';
      console.log(`${service?.name ?? '-'} ${operation} ${account} ${wire.status} ${ms}ms${extra}`);
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error('lattice-local: request failed:', error);
      if (!res.headersSent) sendJson(res, 500, { message: 'internal error' });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolve({
        url: `http://${shownHost}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
