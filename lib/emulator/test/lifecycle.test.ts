// The first thing every Lattice user builds, then takes apart: each delete attempted too early
// meets the ConflictException AWS gives, and the right order succeeds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as L from '@aws-sdk/client-vpc-lattice';
import { errorOf, type Clients } from '@/lib/testing/clients';
import { ordersAuthPolicy } from './support/plan';
import { startHarness, type Harness } from '@/lib/testing/lattice-local';
import { ensureFunction, ensureLogGroup } from './support/identities';

const ACCOUNT = '120000000001';
const CALLER_ROLE = `arn:aws:iam::${ACCOUNT}:role/checkout-service`;

let h: Harness;
let c: Clients;

beforeAll(async () => {
  h = await startHarness();
  c = h.clients(ACCOUNT);
  await ensureFunction(h.server.context, ACCOUNT, 'orders-handler');
  await ensureLogGroup(h.server.context, ACCOUNT, '/lattice/orders-network');
});
afterAll(async () => h?.stop());

async function expectConflict(fn: () => Promise<unknown>, resourceId: string, resourceType: string) {
  const error = await errorOf(fn);
  expect(error.name, error.message).toBe('ConflictException');
  expect(error.$metadata).toMatchObject({ httpStatusCode: 409 });
  expect(error.resourceId).toBe(resourceId);
  expect(error.resourceType).toBe(resourceType);
  expect(error.message.length).toBeGreaterThan(0);
}

async function expectNotFound(fn: () => Promise<unknown>, resourceId: string) {
  const error = await errorOf(fn);
  expect(error.name, error.message).toBe('ResourceNotFoundException');
  expect(error.$metadata).toMatchObject({ httpStatusCode: 404 });
  expect(error.resourceId).toBe(resourceId);
}

describe('service network, service, Lambda target group, listener, auth policy, access logs', () => {
  const ids: Record<string, string> = {};

  it('builds the estate', async () => {
    const sn = await c.lattice.send(new L.CreateServiceNetworkCommand({ name: 'orders-network', authType: 'AWS_IAM' }));
    expect(sn.$metadata.httpStatusCode).toBe(201);
    expect(sn.authType).toBe('AWS_IAM');
    expect(sn.arn).toBe(`arn:aws:vpc-lattice:us-east-1:${ACCOUNT}:servicenetwork/${sn.id}`);
    ids.sn = sn.id!;

    const svc = await c.lattice.send(new L.CreateServiceCommand({ name: 'orders', authType: 'AWS_IAM' }));
    expect(svc.id).toMatch(/^svc-0[0-9a-f]{16}$/);
    expect(svc.dnsEntry?.domainName).toMatch(new RegExp(`^orders-${svc.id!.slice(4)}\\.[0-9a-f]{7}\\.vpc-lattice-svcs\\.us-east-1\\.on\\.aws$`));
    ids.svc = svc.id!;
    ids.svcArn = svc.arn!;

    const tg = await c.lattice.send(new L.CreateTargetGroupCommand({ name: 'orders-handler', type: 'LAMBDA', config: { lambdaEventStructureVersion: 'V2' } }));
    ids.tg = tg.id!;
    const fn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders-handler`;
    const registered = await c.lattice.send(new L.RegisterTargetsCommand({ targetGroupIdentifier: tg.id!, targets: [{ id: fn }] }));
    expect(registered.successful).toEqual([{ id: fn }]);
    const targets = await c.lattice.send(new L.ListTargetsCommand({ targetGroupIdentifier: tg.id! }));
    expect(targets.items?.map((t) => t.id)).toEqual([fn]);

    const listener = await c.lattice.send(
      new L.CreateListenerCommand({
        serviceIdentifier: svc.id!,
        name: 'http-80',
        protocol: 'HTTP',
        port: 80,
        defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: tg.id!, weight: 100 }] } },
      }),
    );
    expect(listener.$metadata.httpStatusCode).toBe(201);
    ids.listener = listener.id!;
    const tgAfter = await c.lattice.send(new L.GetTargetGroupCommand({ targetGroupIdentifier: tg.id! }));
    expect(tgAfter.serviceArns).toEqual([svc.arn]);

    const snsa = await c.lattice.send(new L.CreateServiceNetworkServiceAssociationCommand({ serviceIdentifier: svc.id!, serviceNetworkIdentifier: sn.id! }));
    ids.snsa = snsa.id!;
    expect(snsa.dnsEntry?.domainName).toBe(svc.dnsEntry?.domainName);

    const policy = ordersAuthPolicy(svc.arn!, CALLER_ROLE);
    const put = await c.lattice.send(new L.PutAuthPolicyCommand({ resourceIdentifier: svc.id!, policy }));
    expect(put.state).toBe('Active');
    const got = await c.lattice.send(new L.GetAuthPolicyCommand({ resourceIdentifier: svc.arn! }));
    expect(JSON.parse(got.policy!)).toEqual(JSON.parse(policy));

    const als = await c.lattice.send(
      new L.CreateAccessLogSubscriptionCommand({ resourceIdentifier: sn.id!, destinationArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/lattice/orders-network` }),
    );
    expect(als.resourceId).toBe(sn.id);
    ids.als = als.id!;
  });

  it('refuses to delete the service network while a service is associated', () =>
    expectConflict(() => c.lattice.send(new L.DeleteServiceNetworkCommand({ serviceNetworkIdentifier: ids.sn })), ids.sn, 'SERVICE_NETWORK'));

  it('refuses to delete the service while it is associated with a service network', () =>
    expectConflict(() => c.lattice.send(new L.DeleteServiceCommand({ serviceIdentifier: ids.svc })), ids.svc, 'SERVICE'));

  it('refuses to delete the target group while a listener forwards to it', () =>
    expectConflict(() => c.lattice.send(new L.DeleteTargetGroupCommand({ targetGroupIdentifier: ids.tg })), ids.tg, 'TARGET_GROUP'));

  it('tears down in dependency order', async () => {
    const del = await c.lattice.send(new L.DeleteAccessLogSubscriptionCommand({ accessLogSubscriptionIdentifier: ids.als }));
    expect(del.$metadata.httpStatusCode).toBe(204);
    await expectNotFound(() => c.lattice.send(new L.GetAccessLogSubscriptionCommand({ accessLogSubscriptionIdentifier: ids.als })), ids.als);

    await c.lattice.send(new L.DeleteAuthPolicyCommand({ resourceIdentifier: ids.svc }));
    const snsa = await c.lattice.send(new L.DeleteServiceNetworkServiceAssociationCommand({ serviceNetworkServiceAssociationIdentifier: ids.snsa }));
    expect(snsa.status).toMatch(/^DELETE_IN_PROGRESS$|^ACTIVE$/);
    await expectNotFound(
      () => c.lattice.send(new L.GetServiceNetworkServiceAssociationCommand({ serviceNetworkServiceAssociationIdentifier: ids.snsa })),
      ids.snsa,
    );

    await c.lattice.send(new L.DeleteListenerCommand({ serviceIdentifier: ids.svc, listenerIdentifier: ids.listener }));
    await expectNotFound(() => c.lattice.send(new L.GetListenerCommand({ serviceIdentifier: ids.svc, listenerIdentifier: ids.listener })), ids.listener);

    const fn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders-handler`;
    await c.lattice.send(new L.DeregisterTargetsCommand({ targetGroupIdentifier: ids.tg, targets: [{ id: fn }] }));
    await c.lattice.send(new L.DeleteTargetGroupCommand({ targetGroupIdentifier: ids.tg }));
    await expectNotFound(() => c.lattice.send(new L.GetTargetGroupCommand({ targetGroupIdentifier: ids.tg })), ids.tg);

    await c.lattice.send(new L.DeleteServiceCommand({ serviceIdentifier: ids.svcArn }));
    await expectNotFound(() => c.lattice.send(new L.GetServiceCommand({ serviceIdentifier: ids.svc })), ids.svc);

    const sn = await c.lattice.send(new L.DeleteServiceNetworkCommand({ serviceNetworkIdentifier: ids.sn }));
    expect(sn.$metadata.httpStatusCode).toBe(204);
    await expectNotFound(() => c.lattice.send(new L.GetServiceNetworkCommand({ serviceNetworkIdentifier: ids.sn })), ids.sn);
    const left = await c.lattice.send(new L.ListServiceNetworksCommand({}));
    expect(left.items ?? []).toEqual([]);
  });
});
