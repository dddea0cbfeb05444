// The Requests reader against lattice-local's demo estate: requests sent through the data plane
// land in the access logs of the orders service, and FilterLogEvents reads them back as request
// records, newest first, each denied one with the question the access analysis answers "deny" to.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLatticeLocal, type LatticeLocal } from '@/lib/emulator';
import { DEMO_ACCOUNTS } from '@/lib/demo';
import { evaluateAccess } from '@/lib/access';
import type { Topology } from '@/lib/topology';
import { pointSdkAt } from '@/lib/testing/sdk';
import { accessOf, demoAccounts } from './accounts-config';
import { forgetClients } from './clients';
import { discoverEstate } from './discover';
import { readRequests, subscribedLogGroups } from './access-logs';
import { accessRequestOf } from './access-log-records';

let local: LatticeLocal;
let topology: Topology;
const saved = { ...process.env };
const HUB = DEMO_ACCOUNTS.find((a) => a.name === 'network-hub')!.id;
const STOREFRONT = DEMO_ACCOUNTS.find((a) => a.name === 'storefront')!.id;

/** One unsigned request to a service's DNS name through lattice-local's port, from `vpc`. */
function send(host: string, vpc: string, method: string, path: string): Promise<number> {
  const url = new URL(local.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers: { host, 'x-lattice-local-source-vpc': vpc }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  local = await startLatticeLocal({ port: 0, seed: 'demo', activationDelayMs: 0, logLevel: 'silent' });
  pointSdkAt(local.url, HUB);
  topology = (await discoverEstate(demoAccounts().map((a) => ({ ...a, regions: ['us-east-1'] })))).topology;
});

afterAll(async () => {
  forgetClients();
  await local?.stop();
  process.env = saved;
});

const accessFor = (id: string) => {
  const account = demoAccounts().find((a) => a.id === id);
  return account ? accessOf(account) : { id };
};

describe('reading a service\'s requests from its access logs', () => {
  it('finds the CloudWatch Logs groups a service or network delivers to, leaving S3 and Firehose out', () => {
    const orders = topology.nodes.find((n) => n.kind === 'service' && n.name === 'orders')!;
    expect(subscribedLogGroups(topology, orders.id)).toEqual([{ account: STOREFRONT, region: 'us-east-1', name: '/aws/vpclattice/orders', arn: `arn:aws:logs:us-east-1:${STOREFRONT}:log-group:/aws/vpclattice/orders` }]);
    const platform = topology.nodes.find((n) => n.kind === 'serviceNetwork' && n.name === 'shared-platform')!;
    expect(subscribedLogGroups(topology, platform.id)).toEqual([]);
  });

  it('reads requests sent through the data plane, newest first, a denied one with its question', async () => {
    const orders = topology.nodes.find((n) => n.kind === 'service' && n.name === 'orders')!;
    const vpc = topology.nodes.find((n) => n.kind === 'vpc' && n.account === STOREFRONT && n.name === 'storefront')!;
    const host = (orders.description.dnsEntry as { domainName: string }).domainName;
    // Unsigned: the orders policies name one role, so anonymous callers are refused.
    expect(await send(host, vpc.resourceId!, 'GET', '/orders/1?view=full')).toBe(403);
    expect(await send(host, vpc.resourceId!, 'DELETE', '/orders/2')).toBe(403);

    const now = Date.now() + 60_000;
    const view = await readRequests({ topology, resource: orders.id, accessFor, now });
    expect(view.logGroups.map((g) => g.name)).toEqual(['/aws/vpclattice/orders']);
    expect(view.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['DELETE', '/orders/2', 403],
      ['GET', '/orders/1?view=full', 403],
    ]);
    expect(view.counts).toEqual({ total: 2, clientErrors: 2, serverErrors: 0 });
    const denied = view.requests[1]!;
    expect(denied).toMatchObject({ denied: true, caller: null, sourceVpcArn: vpc.id, serviceArn: orders.id, logGroup: '/aws/vpclattice/orders' });
    expect(denied.authDeniedReason).not.toBeNull();

    const question = accessRequestOf(denied)!;
    expect(question).toEqual({ source: { vpc: vpc.id, principal: null }, target: { service: orders.id, method: 'GET', path: '/orders/1', query: { view: 'full' } } });
    const decision = evaluateAccess(topology, question);
    expect(decision.decision).toBe('deny');
    expect(decision.steps.some((s) => s.result === 'fail')).toBe(true);

    // The retail network the request came through logs it too, in the hub's log group.
    const retail = topology.nodes.find((n) => n.kind === 'serviceNetwork' && n.name === 'retail-services')!;
    const network = await readRequests({ topology, resource: retail.id, accessFor, now });
    expect(network.logGroups.map((g) => [g.account, g.name])).toEqual([[HUB, '/aws/vpclattice/retail-services']]);
    expect(network.requests.filter((r) => r.serviceArn === orders.id).map((r) => [r.method, r.path, r.denied])).toEqual([
      ['DELETE', '/orders/2', true],
      ['GET', '/orders/1?view=full', true],
    ]);

    // A window that ended before the requests holds none of them.
    const earlier = await readRequests({ topology, resource: orders.id, accessFor, now: Date.now() - 3_600_000, windowMs: 60_000 });
    expect(earlier.requests).toEqual([]);
  });

  it('reports an unreadable log group as a readable error naming it', async () => {
    const orders = topology.nodes.find((n) => n.kind === 'service' && n.name === 'orders')!;
    const gone: Topology = { ...topology, nodes: topology.nodes.map((n) => (n.kind === 'accessLogSubscription' && n.parent === orders.id ? { ...n, description: { ...n.description, destinationArn: `arn:aws:logs:us-east-1:${STOREFRONT}:log-group:/aws/vpclattice/missing` } } : n)) };
    await expect(readRequests({ topology: gone, resource: orders.id, accessFor, now: Date.now() })).rejects.toThrow(/Could not read the access logs in \/aws\/vpclattice\/missing \(account 222222222222, us-east-1\): ResourceNotFoundException/);
  });
});
