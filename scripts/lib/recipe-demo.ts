// The microservice-authorization recipe's validation, shared by `npm run demo:recipe` and its
// emulator test: the design records that build the recipe (a service in front of a tiny HTTP
// target, its auth policy, access logs, the callers' roles), a tiny target on 127.0.0.1, and the
// signed requests through lattice-local's data plane with the access-log line each one left.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { SignatureV4a } from '@smithy/signature-v4a';
import { trustPolicy } from '@/lib/topology/design/iam-policies';

export const RECIPE_ACCOUNT = '222222222222';
export const RECIPE_REGION = 'us-east-1';
/** The demo estate's pieces the recipe builds on: the network the product VPC reaches, that VPC, the log group. */
export const RECIPE_NETWORK_NAME = 'shared-platform';
export const RECIPE_VPC_NAME = 'product';
export const RECIPE_LOG_GROUP = '/aws/vpclattice/orders';

export interface RecipeNames {
  service: string;
  productRole: string;
  otherRole: string;
}

export const recipeNames = (suffix: string): RecipeNames => ({ service: `recipe-orders-${suffix}`, productRole: `recipe-product-${suffix}`, otherRole: `recipe-other-${suffix}` });

interface RecipeRecord {
  id: string;
  kind: string;
  account: string;
  region: string;
  spec: Record<string, unknown>;
}

/**
 * The recipe as design records: an AWS_IAM service whose listener forwards to an IP target group
 * holding the tiny target; its auth policy lets the product role GET and POST /orders… and denies
 * DELETE to everyone; its access logs go to a log group; it joins a network the VPC reaches. Both
 * callers' roles (trusted by the account, so a script can assume them) may invoke the account's
 * services by their identity policies: what tells them apart is the service's auth policy.
 */
export function recipeRecords(input: { names: RecipeNames; networkId: string; vpcId: string; targetPort: number; account?: string; region?: string }): Record<string, RecipeRecord> {
  const account = input.account ?? RECIPE_ACCOUNT;
  const region = input.region ?? RECIPE_REGION;
  const { names } = input;
  const records: RecipeRecord[] = [];
  const add = (id: string, kind: string, spec: Record<string, unknown>) => records.push({ id, kind, account, region, spec });
  const roleArn = (name: string) => `arn:aws:iam::${account}:role/${name}`;
  add('new-recipe-svc', 'service', { name: names.service, authType: 'AWS_IAM' });
  add('new-recipe-tg', 'targetGroup', { name: names.service, type: 'IP', config: { port: input.targetPort, protocol: 'HTTP', vpcIdentifier: input.vpcId, healthCheck: { enabled: false } } });
  add('new-recipe-target', 'target', { targetGroupIdentifier: 'new-recipe-tg', id: '127.0.0.1', port: input.targetPort });
  add('new-recipe-listener', 'listener', { serviceIdentifier: 'new-recipe-svc', name: 'http-80', protocol: 'HTTP', port: 80, defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: 'new-recipe-tg', weight: 100 }] } } });
  add('new-recipe-policy', 'authPolicy', {
    resourceIdentifier: 'new-recipe-svc',
    policy: JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AllowProductServiceReadAndCreate',
            Effect: 'Allow',
            Principal: { AWS: [roleArn(names.productRole)] },
            Action: 'vpc-lattice-svcs:Invoke',
            Resource: '*',
            Condition: { StringEquals: { 'vpc-lattice-svcs:RequestMethod': ['GET', 'POST'] }, StringLike: { 'vpc-lattice-svcs:RequestPath': '/orders*' } },
          },
          { Sid: 'DenyDeletes', Effect: 'Deny', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*', Condition: { StringEquals: { 'vpc-lattice-svcs:RequestMethod': 'DELETE' } } },
        ],
      },
      null,
      2,
    ),
  });
  add('new-recipe-logs', 'accessLogSubscription', { resourceIdentifier: 'new-recipe-svc', destinationArn: `arn:aws:logs:${region}:${account}:log-group:${RECIPE_LOG_GROUP}` });
  add('new-recipe-join', 'serviceNetworkServiceAssociation', { serviceNetworkIdentifier: input.networkId, serviceIdentifier: 'new-recipe-svc' });
  const invoke = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'vpc-lattice-svcs:Invoke', Resource: `arn:aws:vpc-lattice:${region}:${account}:service/*` }] }, null, 2);
  for (const [key, name] of [['product', names.productRole], ['other', names.otherRole]] as const) {
    records.push({ id: `new-recipe-${key}-role`, kind: 'iamRole', account, region: 'global', spec: { RoleName: name, AssumeRolePolicyDocument: trustPolicy([], [account]), Description: `Recipe caller (${key}).` } });
    records.push({ id: `new-recipe-${key}-invoke`, kind: 'iamRolePolicy', account, region: 'global', spec: { RoleName: `new-recipe-${key}-role`, PolicyName: 'invoke-services', PolicyDocument: invoke } });
  }
  return Object.fromEntries(records.map((r) => [r.id, r]));
}

/** A tiny HTTP target on 127.0.0.1: answers every request with 200 and what it received. */
export async function startTinyTarget(port = 0): Promise<{ port: number; stop(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`tiny target: ${req.method} ${req.url} as ${req.headers['x-amzn-lattice-identity'] ?? 'nobody'}`);
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
  return { port: (server.address() as AddressInfo).port, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/** STS AssumeRole against lattice-local, as the account's root (access key = account id). */
export async function assumeRole(endpoint: string, roleArn: string, sessionName: string, account = RECIPE_ACCOUNT): Promise<Credentials & { arn: string }> {
  const sts = new STSClient({ endpoint, region: RECIPE_REGION, credentials: { accessKeyId: account, secretAccessKey: 'test' }, maxAttempts: 1 });
  try {
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName }));
    const c = out.Credentials!;
    return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken!, arn: out.AssumedRoleUser!.Arn! };
  } finally {
    sts.destroy();
  }
}

export interface Check {
  label: string;
  method: string;
  path: string;
  caller: string;
  expected: number;
  /** SigV4A (region set `*`) instead of SigV4: the recipe allows either. */
  sigv4a?: boolean;
}

export interface CheckResult extends Check {
  status: number | 'closed';
  body: string;
  logLine?: string;
  ok: boolean;
}

/** A SigV4- or SigV4A-signed request (service vpc-lattice-svcs, unsigned payload) to the service's DNS name through lattice-local's port. */
export async function signedRequest(opts: { endpoint: string; host: string; vpcId: string; method: string; path: string; credentials: Credentials; userAgent: string; sigv4a?: boolean }): Promise<{ status: number | 'closed'; body: string }> {
  const signing = { credentials: opts.credentials, service: 'vpc-lattice-svcs', sha256: Hash.bind(null, 'sha256') };
  const signer = opts.sigv4a ? new SignatureV4a({ ...signing, region: '*' }) : new SignatureV4({ ...signing, region: RECIPE_REGION });
  const signed = await signer.sign({
    method: opts.method,
    protocol: 'http:',
    hostname: opts.host,
    path: opts.path,
    headers: { host: opts.host, 'x-lattice-local-source-vpc': opts.vpcId, 'user-agent': opts.userAgent, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
  }, {});
  const url = new URL(opts.endpoint);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method: opts.method, path: opts.path, headers: signed.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || /socket hang up/.test(error.message) ? resolve({ status: 'closed', body: '' }) : reject(error)));
    req.end();
  });
}

/** The access-log line a request left, found by its user agent with FilterLogEvents. */
export async function accessLogLine(endpoint: string, userAgent: string, account = RECIPE_ACCOUNT): Promise<string | undefined> {
  const logs = new CloudWatchLogsClient({ endpoint, region: RECIPE_REGION, credentials: { accessKeyId: account, secretAccessKey: 'test' }, maxAttempts: 1 });
  try {
    const out = await logs.send(new FilterLogEventsCommand({ logGroupName: RECIPE_LOG_GROUP, filterPattern: `"${userAgent}"` }));
    return out.events?.at(-1)?.message;
  } finally {
    logs.destroy();
  }
}

/** The recipe's checks: the product role's GET is allowed (SigV4 or SigV4A), its DELETE denied; another role's GET denied. */
export const RECIPE_CHECKS = (names: RecipeNames): Check[] => [
  { label: 'product role GET /orders/42', method: 'GET', path: '/orders/42', caller: names.productRole, expected: 200 },
  { label: 'product role GET /orders/42 signed with SigV4A', method: 'GET', path: '/orders/42', caller: names.productRole, expected: 200, sigv4a: true },
  { label: 'product role DELETE /orders/42', method: 'DELETE', path: '/orders/42', caller: names.productRole, expected: 403 },
  { label: 'other role GET /orders/42', method: 'GET', path: '/orders/42', caller: names.otherRole, expected: 403 },
];

/** Assumes each caller's role, sends each check's signed request, reads its access-log line. */
export async function runRecipeChecks(opts: { endpoint: string; host: string; vpcId: string; names: RecipeNames; account?: string; runId: string }): Promise<CheckResult[]> {
  const account = opts.account ?? RECIPE_ACCOUNT;
  const sessions = new Map<string, Credentials>();
  const results: CheckResult[] = [];
  for (const [i, check] of RECIPE_CHECKS(opts.names).entries()) {
    if (!sessions.has(check.caller)) sessions.set(check.caller, await assumeRole(opts.endpoint, `arn:aws:iam::${account}:role/${check.caller}`, 'recipe-demo', account));
    const userAgent = `recipe-demo-${opts.runId}-${i + 1}`;
    const answer = await signedRequest({ endpoint: opts.endpoint, host: opts.host, vpcId: opts.vpcId, method: check.method, path: check.path, credentials: sessions.get(check.caller)!, userAgent, sigv4a: check.sigv4a });
    const logLine = await accessLogLine(opts.endpoint, userAgent, account);
    results.push({ ...check, ...answer, logLine, ok: answer.status === check.expected && logLine !== undefined });
  }
  return results;
}

/** One check as the demo prints it: the answer, then the access-log entry's telling fields. */
export function describeResult(r: CheckResult): string {
  const verdict = r.ok ? 'as expected' : `EXPECTED ${r.expected}${r.logLine ? '' : ' and an access-log line'}`;
  const lines = [`${r.ok ? '✓' : '✗'} ${r.label} as ${r.caller}: ${r.status} (${verdict})`, `    answer: ${r.body.length > 400 ? `${r.body.slice(0, 400)}…` : r.body}`];
  if (r.logLine) {
    const e = JSON.parse(r.logLine) as Record<string, unknown>;
    lines.push(`    access log: ${JSON.stringify({ requestMethod: e.requestMethod, requestPath: e.requestPath, responseCode: e.responseCode, authDeniedReason: e.authDeniedReason, callerPrincipal: e.callerPrincipal, targetGroupArn: e.targetGroupArn })}`);
  } else lines.push('    access log: no entry found');
  return lines.join('\n');
}
