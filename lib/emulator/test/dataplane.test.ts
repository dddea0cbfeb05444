// The data plane end to end: requests to a service's DNS name, signed with the SDK's SigV4
// signer, go through lib/access's evaluation to IP targets and a Lambda handler on this machine,
// and each one lands in the access logs, read back with CloudWatch Logs' FilterLogEvents.
import { execFile, spawnSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CloudWatchLogsClient, FilterLogEventsCommand, GetLogEventsCommand, DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { SignatureV4a } from '@smithy/signature-v4a';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LatticeLocal, callOperation, createVpc, setOrganization, startLatticeLocal } from '../index';
import { setDataPlaneRandom } from '../dataplane/index';
import { LOCAL_ADMIN_HEADER } from '../protocols/limits';
import { ensureFunction, ensureLogGroup, ensureRole } from './support/identities';

const A = '111111111111';
const BOTOCORE_SCRIPT = fileURLToPath(new URL('./python/dataplane_botocore.py', import.meta.url));
const botocoreMissing = (() => {
  const check = spawnSync('python3', ['-c', 'import botocore.auth'], { encoding: 'utf8' });
  return check.error || check.status !== 0 ? `python3 with botocore is not available: ${check.error?.message ?? check.stderr.trim().split('\n').pop()}` : undefined;
})();
if (botocoreMissing) console.warn(`dataplane.test.ts: the botocore signer case is skipped: ${botocoreMissing}`);
const REGION = 'us-east-1';
const ORG = 'o-a1b2c3d4e5';
let ll: LatticeLocal;
let serviceArn: string;
let snArn: string;
let host: string;
let vpcId: string;
let strangerVpc: string;
let logGroup: string;
let blueTg: string;
let greenTg: string;
let fnArn: string;
let v1FnArn: string;
const sessions: Record<string, { accessKeyId: string; secretAccessKey: string; sessionToken: string; arn: string }> = {};

interface Seen {
  name: string;
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}
const seen: Seen[] = [];
const lambdaEvents: Record<string, unknown>[] = [];
const servers: http.Server[] = [];

function listen(handler: http.RequestListener): Promise<number> {
  const server = http.createServer(handler);
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

const target = (name: string): http.RequestListener => (req, res) => {
  seen.push({ name, method: req.method!, url: req.url!, headers: req.headers });
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`hello from ${name}`);
  });
};

const call = (operation: string, input: Record<string, unknown>, service: 'vpc-lattice' | 'lambda' | 'iam' | 'logs' | 'sts' = 'vpc-lattice') =>
  callOperation(ll.context, { service, operation, account: A, region: REGION, input }) as Promise<Record<string, any>>;

const policy = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

beforeAll(async () => {
  ll = await startLatticeLocal({ port: 0, seed: 'empty', activationDelayMs: 0, logLevel: 'silent' });
  const bluePort = await listen(target('blue'));
  const greenPort = await listen(target('green'));
  const lambdaPort = await listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      lambdaEvents.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ statusCode: 201, headers: { 'x-from': 'lambda' }, body: 'created by lambda', isBase64Encoded: false }));
    });
  });

  setOrganization(ll.context.store, { id: ORG, arn: `arn:aws:organizations::${A}:organization/${ORG}`, managementAccountId: A, members: [A] });
  vpcId = createVpc(ll.context.store, { account: A, region: REGION, cidrBlock: '10.1.0.0/16' }).id as string;
  strangerVpc = createVpc(ll.context.store, { account: A, region: REGION, cidrBlock: '10.2.0.0/16' }).id as string;

  // Callers: a role the policies allow, one the service's policy does not name, one with no identity policy.
  const invoke = policy([{ Effect: 'Allow', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' }]);
  for (const name of ['orders-client', 'stranger', 'no-identity']) {
    await ensureRole(ll.context, A, name);
    if (name !== 'no-identity') await call('PutRolePolicy', { RoleName: name, PolicyName: 'invoke', PolicyDocument: invoke }, 'iam');
    const out = await call('AssumeRole', { RoleArn: `arn:aws:iam::${A}:role/${name}`, RoleSessionName: `${name}-session` }, 'sts');
    sessions[name] = { accessKeyId: out.Credentials.AccessKeyId, secretAccessKey: out.Credentials.SecretAccessKey, sessionToken: out.Credentials.SessionToken, arn: out.AssumedRoleUser.Arn };
  }

  const sn = await call('CreateServiceNetwork', { name: 'data-net', authType: 'AWS_IAM' });
  snArn = sn.arn;
  await call('PutAuthPolicy', {
    resourceIdentifier: sn.id,
    policy: policy([
      { Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' },
      { Sid: 'NoAdmin', Effect: 'Deny', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*', Condition: { StringLike: { 'vpc-lattice-svcs:RequestPath': '/admin*' } } },
    ]),
  });
  const svc = await call('CreateService', { name: 'orders', authType: 'AWS_IAM' });
  serviceArn = svc.arn;
  host = svc.dnsEntry.domainName;
  await call('PutAuthPolicy', {
    resourceIdentifier: svc.id,
    policy: policy([{ Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${A}:role/orders-client`, `arn:aws:iam::${A}:role/no-identity`] }, Action: 'vpc-lattice-svcs:Invoke', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } }]),
  });
  await call('CreateServiceNetworkVpcAssociation', { serviceNetworkIdentifier: sn.id, vpcIdentifier: vpcId });
  await call('CreateServiceNetworkServiceAssociation', { serviceNetworkIdentifier: sn.id, serviceIdentifier: svc.id });

  const blue = await call('CreateTargetGroup', { name: 'blue', type: 'IP', config: { port: bluePort, protocol: 'HTTP', vpcIdentifier: vpcId, healthCheck: { enabled: false } } });
  const green = await call('CreateTargetGroup', { name: 'green', type: 'IP', config: { port: greenPort, protocol: 'HTTP', vpcIdentifier: vpcId, healthCheck: { enabled: false } } });
  blueTg = blue.arn;
  greenTg = green.arn;
  await call('RegisterTargets', { targetGroupIdentifier: blue.id, targets: [{ id: '127.0.0.1', port: bluePort }] });
  await call('RegisterTargets', { targetGroupIdentifier: green.id, targets: [{ id: '127.0.0.1', port: greenPort }] });
  const fnTg = await call('CreateTargetGroup', { name: 'orders-fn', type: 'LAMBDA', config: { lambdaEventStructureVersion: 'V2' } });
  fnArn = await ensureFunction(ll.context, A, 'orders-fn');
  await call('AddPermission', { FunctionName: 'orders-fn', StatementId: 'lattice', Action: 'lambda:InvokeFunction', Principal: 'vpc-lattice.amazonaws.com', SourceArn: fnTg.arn }, 'lambda');
  await call('RegisterTargets', { targetGroupIdentifier: fnTg.id, targets: [{ id: fnArn }] });

  const v1Tg = await call('CreateTargetGroup', { name: 'orders-fn-v1', type: 'LAMBDA', config: { lambdaEventStructureVersion: 'V1' } });
  v1FnArn = await ensureFunction(ll.context, A, 'orders-fn-v1');
  await call('AddPermission', { FunctionName: 'orders-fn-v1', StatementId: 'lattice', Action: 'lambda:InvokeFunction', Principal: 'vpc-lattice.amazonaws.com', SourceArn: v1Tg.arn }, 'lambda');
  await call('RegisterTargets', { targetGroupIdentifier: v1Tg.id, targets: [{ id: v1FnArn }] });

  const listener = await call('CreateListener', {
    serviceIdentifier: svc.id,
    name: 'http',
    protocol: 'HTTP',
    port: 80,
    defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: blue.id, weight: 80 }, { targetGroupIdentifier: green.id, weight: 20 }] } },
  });
  await call('CreateRule', { serviceIdentifier: svc.id, listenerIdentifier: listener.id, name: 'teapot', priority: 10, match: { httpMatch: { pathMatch: { match: { prefix: '/fixed' } } } }, action: { fixedResponse: { statusCode: 404 } } });
  await call('CreateRule', { serviceIdentifier: svc.id, listenerIdentifier: listener.id, name: 'to-fn', priority: 20, match: { httpMatch: { pathMatch: { match: { prefix: '/fn' } } } }, action: { forward: { targetGroups: [{ targetGroupIdentifier: fnTg.id, weight: 100 }] } } });

  await call('CreateRule', { serviceIdentifier: svc.id, listenerIdentifier: listener.id, name: 'to-fn-v1', priority: 30, match: { httpMatch: { pathMatch: { match: { prefix: '/v1' } } } }, action: { forward: { targetGroups: [{ targetGroupIdentifier: v1Tg.id, weight: 100 }] } } });

  logGroup = await ensureLogGroup(ll.context, A, '/lattice/orders');
  await ensureLogGroup(ll.context, A, '/lattice/network');
  await call('CreateAccessLogSubscription', { resourceIdentifier: sn.id, destinationArn: `arn:aws:logs:${REGION}:${A}:log-group:/lattice/network` });
  await call('CreateAccessLogSubscription', { resourceIdentifier: svc.id, destinationArn: logGroup });

  for (const functionArn of [fnArn, v1FnArn]) {
    const set = await fetch(`${ll.url}/_local/lambda-handlers`, { method: 'POST', headers: { 'content-type': 'application/json', [LOCAL_ADMIN_HEADER]: 'admin' }, body: JSON.stringify({ functionArn, url: `http://127.0.0.1:${lambdaPort}/invoke` }) });
    expect(set.status).toBe(200);
  }
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await ll.stop();
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request to the service's DNS name through lattice-local's port; `closed` when no HTTP answer came. */
async function request(opts: { path: string; method?: string; vpc?: string; as?: string | null; headers?: Record<string, string>; body?: string; tamper?: boolean; signPayload?: boolean; regionSet?: string; claimAs?: string }): Promise<Reply | 'closed'> {
  const method = opts.method ?? 'GET';
  const url = new URL(ll.url);
  let headers: Record<string, string> = { host, ...(opts.vpc === undefined ? { 'x-lattice-local-source-vpc': vpcId } : opts.vpc ? { 'x-lattice-local-source-vpc': opts.vpc } : {}), ...(opts.headers ?? {}) };
  if (opts.as) {
    const who = sessions[opts.as]!;
    // With a region set, the SDK's SigV4A signer (ECDSA P-256); otherwise its SigV4 signer.
    const signer =
      opts.regionSet === undefined
        ? new SignatureV4({ credentials: who, region: REGION, service: 'vpc-lattice-svcs', sha256: Hash.bind(null, 'sha256') })
        : new SignatureV4a({ credentials: who, region: opts.regionSet, service: 'vpc-lattice-svcs', sha256: Hash.bind(null, 'sha256') });
    const [path, query] = opts.path.split('?');
    const signed = await signer.sign({
      method,
      protocol: 'http:',
      hostname: host,
      path: path!,
      query: Object.fromEntries(new URLSearchParams(query ?? '')),
      headers: opts.signPayload ? headers : { ...headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      body: opts.body,
    }, {});
    headers = signed.headers as Record<string, string>;
    if (opts.claimAs) {
      // The signature stays the signer's; the request claims another session's key and token.
      const claimed = sessions[opts.claimAs]!;
      headers.authorization = headers.authorization!.replace(who.accessKeyId, claimed.accessKeyId);
      headers['x-amz-security-token'] = claimed.sessionToken;
    }
    if (opts.tamper) headers.authorization = headers.authorization!.replace(/Signature=([0-9a-f]+)/, (_m, sig: string) => `Signature=${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`);
  }
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: opts.path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || /socket hang up/.test(error.message) ? resolve('closed') : reject(error)));
    req.end(opts.body);
  });
}

const reply = (r: Reply | 'closed'): Reply => {
  if (r === 'closed') throw new Error('expected an HTTP answer, the connection was closed');
  return r;
};

const logs = () => new CloudWatchLogsClient({ endpoint: ll.url, region: REGION, credentials: { accessKeyId: A, secretAccessKey: 'test' } });

async function logEntries(filterPattern?: string, logGroupName = '/lattice/orders'): Promise<Record<string, unknown>[]> {
  const client = logs();
  const out: Record<string, unknown>[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new FilterLogEventsCommand({ logGroupName, filterPattern, nextToken }));
    for (const e of page.events ?? []) out.push(JSON.parse(e.message!) as Record<string, unknown>);
    nextToken = page.nextToken;
  } while (nextToken);
  client.destroy();
  return out;
}

describe('the data plane', () => {
  it('forwards an allowed signed request to an IP target with the headers Lattice adds, spoofed ones and the VPC stand-in removed', async () => {
    setDataPlaneRandom(ll.context, () => 0);
    const r = reply(await request({ path: '/orders?id=7', as: 'orders-client', headers: { 'x-amzn-lattice-network': 'SourceVpcArn=spoofed', 'user-agent': 'allowed-probe' } }));
    expect(r.status).toBe(200);
    expect(r.body).toBe('hello from blue');
    const got = seen.at(-1)!;
    expect(got.url).toBe('/orders?id=7');
    expect(got.headers['x-amzn-lattice-identity']).toBe(`Principal=${sessions['orders-client']!.arn}; PrincipalOrgID=${ORG}; SessionName=orders-client-session; Type=AWS_IAM`);
    expect(got.headers['x-amzn-lattice-network']).toBe(`SourceVpcArn=arn:aws:ec2:${REGION}:${A}:vpc/${vpcId}`);
    expect(got.headers['x-amzn-lattice-target']).toBe(`ServiceArn=${serviceArn}; ServiceNetworkArn=${snArn}; TargetGroupArn=${blueTg}`);
    expect(got.headers['x-lattice-local-source-vpc']).toBeUndefined();

    const [entry] = await logEntries('allowed-probe');
    // The service network's subscription gets the same entry.
    expect(await logEntries('allowed-probe', '/lattice/network')).toEqual([entry]);
    expect(entry).toMatchObject({ requestMethod: 'GET', requestPath: '/orders?id=7', responseCode: 200, authDeniedReason: '-', callerPrincipalOrgID: ORG, callerPrincipal: sessions['orders-client']!.arn, sourceVpcArn: `arn:aws:ec2:${REGION}:${A}:vpc/${vpcId}`, serviceArn, serviceNetworkArn: snArn, targetGroupArn: blueTg });
    expect(typeof entry!.duration).toBe('number');
  });

  it('answers 403 with AWS\'s text for each kind of deny, and logs why', async () => {
    const service = reply(await request({ path: '/orders', as: 'stranger', headers: { 'user-agent': 'deny-service' } }));
    expect(service.status).toBe(403);
    expect(service.body).toBe(`AccessDeniedException: User: ${sessions.stranger!.arn} is not authorized to perform: vpc-lattice-svcs:Invoke on resource: ${serviceArn}/orders because no service-based policy allows the vpc-lattice-svcs:Invoke action`);

    const identity = reply(await request({ path: '/orders', as: 'no-identity', headers: { 'user-agent': 'deny-identity' } }));
    expect(identity.status).toBe(403);
    expect(identity.body).toContain('because no identity-based policy allows the vpc-lattice-svcs:Invoke action');

    const network = reply(await request({ path: '/admin/users', as: 'orders-client', headers: { 'user-agent': 'deny-network' } }));
    expect(network.status).toBe(403);
    expect(network.body).toBe(`AccessDeniedException: User: ${sessions['orders-client']!.arn} is not authorized to perform: vpc-lattice-svcs:Invoke on resource: ${serviceArn}/admin/users with an explicit deny in a network-based policy`);

    const anonymous = reply(await request({ path: '/orders', as: null, headers: { 'user-agent': 'deny-anonymous' } }));
    expect(anonymous.status).toBe(403);
    expect(anonymous.body).toContain('User: anonymous is not authorized');

    const entries = await logEntries('deny-');
    const by = (agent: string) => entries.find((e) => e.userAgent === agent);
    expect(by('deny-service')).toMatchObject({ responseCode: 403, authDeniedReason: 'Service', callerPrincipal: sessions.stranger!.arn, targetGroupArn: '-' });
    expect(by('deny-identity')).toMatchObject({ responseCode: 403, authDeniedReason: 'Identity' });
    expect(by('deny-network')).toMatchObject({ responseCode: 403, authDeniedReason: 'Service Network' });
    expect(by('deny-anonymous')).toMatchObject({ responseCode: 403, authDeniedReason: 'Service', callerPrincipal: '-' });
  });

  it.skipIf(!!botocoreMissing)('takes a request signed by botocore\'s SigV4 signer', async () => {
    const who = sessions['orders-client']!;
    const { stdout } = await promisify(execFile)('python3', [BOTOCORE_SCRIPT, ll.url, host, vpcId, 'POST', '/orders/botocore?x=1', who.accessKeyId, who.secretAccessKey, who.sessionToken, '{"from":"botocore"}']);
    const answer = JSON.parse(stdout) as { status: number; body: string };
    expect(answer.status).toBe(200);
    const got = seen.at(-1)!;
    expect(got.url).toBe('/orders/botocore?x=1');
    expect(got.headers['x-amzn-lattice-identity']).toContain(`Principal=${who.arn}`);
  });

  it('refuses a badly signed request and one without UNSIGNED-PAYLOAD', async () => {
    const tampered = reply(await request({ path: '/orders', as: 'orders-client', tamper: true }));
    expect(tampered.status).toBe(403);
    expect(tampered.body).toMatch(/^InvalidSignatureException: The request signature we calculated does not match/);
    const payloadSigned = reply(await request({ path: '/orders', as: 'orders-client', signPayload: true }));
    expect(payloadSigned.status).toBe(403);
    expect(payloadSigned.body).toContain('x-amz-content-sha256: UNSIGNED-PAYLOAD');
  });

  it('takes a request signed by the SDK\'s SigV4A signer whose region set includes the service\'s Region, and refuses others', async () => {
    setDataPlaneRandom(ll.context, () => 0);
    for (const regionSet of [REGION, 'eu-west-1,us-east-1', 'us-*', '*']) {
      const r = reply(await request({ path: '/orders/v4a', method: 'PUT', as: 'orders-client', regionSet, headers: { 'user-agent': 'sigv4a-probe' }, body: 'hello' }));
      expect(r.status, `${regionSet}: ${r.body}`).toBe(200);
      expect(seen.at(-1)!.headers['x-amzn-lattice-identity']).toContain(`Principal=${sessions['orders-client']!.arn}`);
    }
    setDataPlaneRandom(ll.context, undefined);
    expect((await logEntries('sigv4a-probe')).map((e) => e.callerPrincipal)).toEqual(Array(4).fill(sessions['orders-client']!.arn));
    // The service's policy still decides: a SigV4A caller it does not name is denied.
    expect(reply(await request({ path: '/orders', as: 'stranger', regionSet: '*' })).body).toContain('because no service-based policy allows');

    const elsewhere = reply(await request({ path: '/orders', as: 'orders-client', regionSet: 'eu-west-1,us-west-*' }));
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body).toBe(`InvalidSignatureException: The region set 'eu-west-1,us-west-*' does not include the service's Region '${REGION}'.`);
    const tampered = reply(await request({ path: '/orders', as: 'orders-client', regionSet: REGION, tamper: true }));
    expect(tampered.status).toBe(403);
    expect(tampered.body).toMatch(/^InvalidSignatureException: The request signature we calculated does not match/);
    // A signature made with the stranger's key does not pass as the allowed caller's.
    const borrowed = reply(await request({ path: '/orders', as: 'stranger', regionSet: REGION, claimAs: 'orders-client' }));
    expect(borrowed.status).toBe(403);
    expect(borrowed.body).toMatch(/^InvalidSignatureException: The request signature we calculated does not match/);
  });

  it('closes the connection when the caller\'s VPC has no path to the service, and logs nothing', async () => {
    const before = (await logEntries()).length;
    expect(await request({ path: '/orders', as: 'orders-client', vpc: strangerVpc })).toBe('closed');
    expect(await request({ path: '/orders', as: 'orders-client', vpc: '' })).toBe('closed');
    expect((await logEntries()).length).toBe(before);
  });

  it('serves a service by its custom domain name too, and leaves API calls to other hosts alone', async () => {
    const billing = await call('CreateService', { name: 'billing', authType: 'NONE', customDomainName: 'billing.example.internal' });
    await call('CreateServiceNetworkServiceAssociation', { serviceNetworkIdentifier: snArn, serviceIdentifier: billing.id });
    await call('CreateListener', { serviceIdentifier: billing.id, name: 'http', protocol: 'HTTP', port: 80, defaultAction: { fixedResponse: { statusCode: 404 } } });
    const url = new URL(ll.url);
    const answer = await new Promise<{ status: number; body: string; errorType: unknown }>((resolve, reject) => {
      http
        .request({ host: url.hostname, port: url.port, path: '/anything', headers: { host: 'Billing.Example.Internal:80', 'x-lattice-local-source-vpc': vpcId }, agent: false }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8'), errorType: res.headers['x-amzn-errortype'] }));
        })
        .on('error', reject)
        .end();
    });
    // The listener's fixed response, not an API error.
    expect(answer).toEqual({ status: 404, body: '', errorType: undefined });
    const health = await fetch(`${ll.url}/_local/health`);
    expect(health.status).toBe(200);
  });

  it('answers a fixed-response rule itself', async () => {
    const r = reply(await request({ path: '/fixed/thing', as: 'orders-client', headers: { 'user-agent': 'fixed-probe' } }));
    expect(r.status).toBe(404);
    expect(r.body).toBe('');
    const [entry] = await logEntries('fixed-probe');
    expect(entry).toMatchObject({ responseCode: 404, targetGroupArn: '-' });
  });

  it('splits 1,000 requests 80/20 by weight within 3 %', async () => {
    let i = 0;
    setDataPlaneRandom(ll.context, () => (i++ % 1000) / 1000);
    const counts = { blue: 0, green: 0 };
    for (let n = 0; n < 1000; n++) {
      const r = reply(await request({ path: '/split', as: 'orders-client', headers: { 'user-agent': 'split-probe' } }));
      counts[r.body === 'hello from blue' ? 'blue' : 'green']++;
    }
    setDataPlaneRandom(ll.context, undefined);
    expect(Math.abs(counts.blue / 1000 - 0.8)).toBeLessThanOrEqual(0.03);
    expect(Math.abs(counts.green / 1000 - 0.2)).toBeLessThanOrEqual(0.03);
    const entries = await logEntries('split-probe');
    expect(entries.length).toBe(1000);
    expect(entries.filter((e) => e.targetGroupArn === greenTg).length).toBe(counts.green);
  }, 120_000);

  it('invokes a Lambda target with the V2 event at its configured handler, and answers with its result', async () => {
    const r = reply(await request({ path: '/fn/items?colour=red', method: 'POST', as: 'orders-client', headers: { 'content-type': 'application/json', 'user-agent': 'lambda-probe' }, body: '{"n":1}' }));
    expect(r.status).toBe(201);
    expect(r.headers['x-from']).toBe('lambda');
    expect(r.body).toBe('created by lambda');
    const event = lambdaEvents.at(-1)!;
    expect(event).toMatchObject({
      version: '2.0',
      path: '/fn/items',
      method: 'POST',
      queryStringParameters: { colour: 'red' },
      body: '{"n":1}',
      isBase64Encoded: false,
      requestContext: { serviceArn, serviceNetworkArn: snArn, region: REGION, identity: { sourceVpcArn: `arn:aws:ec2:${REGION}:${A}:vpc/${vpcId}`, type: 'AWS_IAM', principal: sessions['orders-client']!.arn, principalOrgId: ORG, sessionName: 'orders-client-session' } },
    });
    expect((event.headers as Record<string, string>)['x-lattice-local-source-vpc']).toBeUndefined();
    expect((event.requestContext as Record<string, string>).timeEpoch).toMatch(/^\d{16}$/);

    const v1 = reply(await request({ path: '/v1/items?colour=blue', method: 'PUT', as: 'orders-client', headers: { 'content-type': 'text/plain', 'user-agent': 'lambda-v1' }, body: 'plain' }));
    expect(v1.status).toBe(201);
    expect(lambdaEvents.at(-1)).toEqual({
      raw_path: '/v1/items',
      method: 'PUT',
      headers: expect.objectContaining({ 'content-type': 'text/plain', 'user-agent': 'lambda-v1' }),
      query_string_parameters: { colour: 'blue' },
      body: 'plain',
      is_base64_encoded: false,
    });

    // Without a handler the function cannot answer: 502.
    await fetch(`${ll.url}/_local/lambda-handlers`, { method: 'POST', headers: { 'content-type': 'application/json', [LOCAL_ADMIN_HEADER]: 'admin' }, body: JSON.stringify({ functionArn: fnArn, url: null }) });
    const none = reply(await request({ path: '/fn/items', as: 'orders-client', headers: { 'user-agent': 'lambda-none' } }));
    expect(none.status).toBe(502);
    const [entry] = await logEntries('lambda-none');
    expect(entry).toMatchObject({ responseCode: 502, failureReason: 'LambdaHandlerNotConfigured' });
  });

  it('answers 503 when the chosen target group has no healthy target', async () => {
    await call('DeregisterTargets', { targetGroupIdentifier: blueTg, targets: [{ id: '127.0.0.1', port: Number((await call('ListTargets', { targetGroupIdentifier: blueTg })).items[0].port) }] });
    setDataPlaneRandom(ll.context, () => 0);
    const r = reply(await request({ path: '/orders', as: 'orders-client', headers: { 'user-agent': 'unhealthy-probe' } }));
    setDataPlaneRandom(ll.context, undefined);
    expect(r.status).toBe(503);
  });

  it('keeps the entries in one stream per subscribed resource, readable with GetLogEvents', async () => {
    const client = logs();
    const streams = await client.send(new DescribeLogStreamsCommand({ logGroupName: '/lattice/orders' }));
    expect(streams.logStreams!.map((s) => s.logStreamName)).toEqual([`vpc-lattice-${serviceArn.slice(serviceArn.lastIndexOf('/') + 1)}`]);
    const events = await client.send(new GetLogEventsCommand({ logGroupName: '/lattice/orders', logStreamName: streams.logStreams![0]!.logStreamName!, startFromHead: true, limit: 3 }));
    expect(events.events!.length).toBe(3);
    expect(JSON.parse(events.events![0]!.message!)).toMatchObject({ userAgent: 'allowed-probe' });
    client.destroy();
  });
});
