import * as L from '@aws-sdk/client-vpc-lattice';
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand, CreateVpcEndpointCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LatticeLocal, callOperation, createVpc, setLifecycle, setTargetHealth, startLatticeLocal } from '../../index';
import { clientsFor, errorOf } from '@/lib/testing/clients';
import { ensureFunction, ensureLogGroup } from '../../test/support/identities';

const A = '111111111111';
const B = '222222222222';
const C = '333333333333';
let ll: LatticeLocal;
let a: ReturnType<typeof clientsFor>;
let b: ReturnType<typeof clientsFor>;
let vpcA: string;
let subnetsA: string[];
let sgA: string;

beforeAll(async () => {
  ll = await startLatticeLocal({ port: 0, activationDelayMs: 0 });
  await ensureFunction(ll.context, A, 'orders');
  await ensureLogGroup(ll.context, A, '/lattice/scenario');
  a = clientsFor(ll.url, A);
  b = clientsFor(ll.url, B);
  const vpcs = await a.ec2.send(new DescribeVpcsCommand({}));
  vpcA = vpcs.Vpcs![0]!.VpcId!;
  subnetsA = (await a.ec2.send(new DescribeSubnetsCommand({}))).Subnets!.map((s) => s.SubnetId!);
  sgA = (await a.ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups![0]!.GroupId!;
});
afterAll(() => ll.stop());

const AUTH_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: [`arn:aws:iam::${A}:role/orders-client`] },
      Action: 'vpc-lattice-svcs:Invoke',
      Resource: `arn:aws:vpc-lattice:us-east-1:${A}:service/svc-0123456789abcdefg/*`,
      Condition: { StringEquals: { 'vpc-lattice-svcs:RequestMethod': ['GET', 'POST'] }, StringLike: { 'vpc-lattice-svcs:RequestPath': '/orders*' } },
    },
    { Effect: 'Deny', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*', Condition: { StringNotLike: { 'aws:PrincipalArn': [`arn:aws:iam::${A}:role/orders-client`] } } },
  ],
});

describe('a service network with a Lambda-backed service, built and torn down in order', () => {
  it('creates, reads, lists, updates and deletes every piece, meeting each conflict on the way', async () => {
    const { lattice } = a;
    const sn = await lattice.send(new L.CreateServiceNetworkCommand({ name: 'scenario-net', authType: 'AWS_IAM' }));
    expect(sn.$metadata.httpStatusCode).toBe(201);
    expect(sn.id).toMatch(/^sn-0[0-9a-f]{16}$/);
    expect(sn.arn).toBe(`arn:aws:vpc-lattice:us-east-1:${A}:servicenetwork/${sn.id}`);

    const svc = await lattice.send(new L.CreateServiceCommand({ name: 'orders', authType: 'AWS_IAM', tags: { team: 'checkout' } }));
    expect(svc.status).toBe('CREATE_IN_PROGRESS');
    expect(svc.dnsEntry?.domainName).toMatch(new RegExp(`^orders-${svc.id!.slice(4)}\\.[0-9a-f]{7}\\.vpc-lattice-svcs\\.us-east-1\\.on\\.aws$`));

    const tg = await lattice.send(new L.CreateTargetGroupCommand({ name: 'orders-fn', type: 'LAMBDA' }));
    expect(tg.config).toEqual({ lambdaEventStructureVersion: 'V1' });
    const fn = `arn:aws:lambda:us-east-1:${A}:function:orders`;
    const reg = await lattice.send(new L.RegisterTargetsCommand({ targetGroupIdentifier: tg.id!, targets: [{ id: fn }] }));
    expect(reg.successful).toEqual([{ id: fn }]);
    expect((await lattice.send(new L.ListTargetsCommand({ targetGroupIdentifier: tg.id! }))).items).toEqual([{ id: fn, status: 'UNUSED', reasonCode: 'TargetGroupNotInUse' }]);

    const listener = await lattice.send(
      new L.CreateListenerCommand({
        serviceIdentifier: svc.id!,
        name: 'http',
        protocol: 'HTTP',
        defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: tg.arn! }] } },
      }),
    );
    expect(listener.$metadata.httpStatusCode).toBe(201);
    expect(listener.port).toBe(80);
    expect(listener.defaultAction).toEqual({ forward: { targetGroups: [{ targetGroupIdentifier: tg.id, weight: 100 }] } });
    expect(listener.arn).toBe(`${svc.arn}/listener/${listener.id}`);
    expect((await lattice.send(new L.GetTargetGroupCommand({ targetGroupIdentifier: tg.id! }))).serviceArns).toEqual([svc.arn]);
    expect((await lattice.send(new L.ListTargetsCommand({ targetGroupIdentifier: tg.id! }))).items![0]!.status).toBe('UNAVAILABLE');

    const rule = await lattice.send(
      new L.CreateRuleCommand({
        serviceIdentifier: svc.id!,
        listenerIdentifier: listener.id!,
        name: 'orders-get',
        priority: 10,
        match: { httpMatch: { method: 'GET', pathMatch: { match: { prefix: '/orders' } }, headerMatches: [{ name: 'x-canary', match: { exact: 'true' } }] } },
        action: { fixedResponse: { statusCode: 404 } },
      }),
    );
    expect(rule.priority).toBe(10);
    const rules = await lattice.send(new L.ListRulesCommand({ serviceIdentifier: svc.id!, listenerIdentifier: listener.id! }));
    expect(rules.items!.map((r) => [r.name, r.isDefault])).toEqual([['default', true], ['orders-get', false]]);
    const updatedRule = await lattice.send(new L.UpdateRuleCommand({ serviceIdentifier: svc.id!, listenerIdentifier: listener.id!, ruleIdentifier: rule.id!, priority: 20 }));
    expect(updatedRule.priority).toBe(20);
    const batch = await lattice.send(
      new L.BatchUpdateRuleCommand({ serviceIdentifier: svc.id!, listenerIdentifier: listener.id!, rules: [{ ruleIdentifier: rule.id!, priority: 5 }, { ruleIdentifier: 'rule-0123456789abcdefg', priority: 6 }] }),
    );
    expect(batch.successful!.map((r) => r.priority)).toEqual([5]);
    expect(batch.unsuccessful).toEqual([expect.objectContaining({ ruleIdentifier: 'rule-0123456789abcdefg', failureCode: 'ResourceNotFoundException' })]);

    const snsa = await lattice.send(new L.CreateServiceNetworkServiceAssociationCommand({ serviceIdentifier: svc.id!, serviceNetworkIdentifier: sn.id! }));
    expect(snsa.status).toBe('CREATE_IN_PROGRESS');
    expect(snsa.createdBy).toBe(A);
    expect(snsa.dnsEntry).toEqual(svc.dnsEntry);
    const again = await errorOf(lattice.send(new L.CreateServiceNetworkServiceAssociationCommand({ serviceIdentifier: svc.id!, serviceNetworkIdentifier: sn.id! })));
    expect(again.name).toBe('ConflictException');

    const snva = await lattice.send(new L.CreateServiceNetworkVpcAssociationCommand({ serviceNetworkIdentifier: sn.arn!, vpcIdentifier: vpcA, securityGroupIds: [sgA] }));
    expect(snva.securityGroupIds).toEqual([sgA]);
    const other = await lattice.send(new L.CreateServiceNetworkCommand({ name: 'second-net' }));
    const second = await errorOf(lattice.send(new L.CreateServiceNetworkVpcAssociationCommand({ serviceNetworkIdentifier: other.id!, vpcIdentifier: vpcA })));
    expect(second.name).toBe('ConflictException');
    expect(second.$metadata.httpStatusCode).toBe(409);
    // AWS's text (aws/aws-application-networking-k8s docs/guides/service-network-endpoint.md).
    expect(second.message).toBe('VPC has already been associated to a service network.');

    const policy = await lattice.send(new L.PutAuthPolicyCommand({ resourceIdentifier: svc.id!, policy: AUTH_POLICY }));
    expect(policy.state).toBe('Active');
    expect((await lattice.send(new L.GetAuthPolicyCommand({ resourceIdentifier: svc.arn! }))).policy).toBe(AUTH_POLICY);
    const als = await lattice.send(
      new L.CreateAccessLogSubscriptionCommand({ resourceIdentifier: sn.id!, destinationArn: `arn:aws:logs:us-east-1:${A}:log-group:/lattice/scenario` }),
    );
    expect(als.resourceId).toBe(sn.id);
    expect(als.serviceNetworkLogType).toBe('SERVICE');
    expect((await lattice.send(new L.ListAccessLogSubscriptionsCommand({ resourceIdentifier: sn.arn! }))).items!.map((i) => i.id)).toEqual([als.id]);

    const gotSn = await lattice.send(new L.GetServiceNetworkCommand({ serviceNetworkIdentifier: sn.id! }));
    expect([gotSn.numberOfAssociatedServices, gotSn.numberOfAssociatedVPCs]).toEqual([1, 1]);
    expect(gotSn.createdAt).toBeInstanceOf(Date);

    // Wrong order first: each refusal names what is in the way.
    expect((await errorOf(lattice.send(new L.DeleteServiceNetworkCommand({ serviceNetworkIdentifier: sn.id! })))).name).toBe('ConflictException');
    expect((await errorOf(lattice.send(new L.DeleteServiceCommand({ serviceIdentifier: svc.id! })))).name).toBe('ConflictException');
    const tgInUse = await errorOf(lattice.send(new L.DeleteTargetGroupCommand({ targetGroupIdentifier: tg.id! })));
    expect(tgInUse).toMatchObject({ name: 'ConflictException', resourceId: tg.id, resourceType: 'TARGET_GROUP' });

    await lattice.send(new L.DeleteAccessLogSubscriptionCommand({ accessLogSubscriptionIdentifier: als.id! }));
    await lattice.send(new L.DeleteAuthPolicyCommand({ resourceIdentifier: svc.id! }));
    const deletedSnva = await lattice.send(new L.DeleteServiceNetworkVpcAssociationCommand({ serviceNetworkVpcAssociationIdentifier: snva.id! }));
    expect(deletedSnva.status).toBe('DELETE_IN_PROGRESS');
    await lattice.send(new L.DeleteServiceNetworkServiceAssociationCommand({ serviceNetworkServiceAssociationIdentifier: snsa.arn! }));
    await lattice.send(new L.DeleteRuleCommand({ serviceIdentifier: svc.id!, listenerIdentifier: listener.id!, ruleIdentifier: rule.id! }));
    await lattice.send(new L.DeleteListenerCommand({ serviceIdentifier: svc.id!, listenerIdentifier: listener.id! }));
    expect((await lattice.send(new L.DeleteTargetGroupCommand({ targetGroupIdentifier: tg.id! }))).status).toBe('DELETE_IN_PROGRESS');
    expect((await lattice.send(new L.DeleteServiceCommand({ serviceIdentifier: svc.id! }))).status).toBe('DELETE_IN_PROGRESS');
    const deletedSn = await lattice.send(new L.DeleteServiceNetworkCommand({ serviceNetworkIdentifier: sn.id! }));
    expect(deletedSn.$metadata.httpStatusCode).toBe(204);
    await lattice.send(new L.DeleteServiceNetworkCommand({ serviceNetworkIdentifier: other.id! }));
    const gone = await errorOf(lattice.send(new L.GetServiceCommand({ serviceIdentifier: svc.id! })));
    expect(gone).toMatchObject({ name: 'ResourceNotFoundException', resourceId: svc.id, resourceType: 'SERVICE' });
    expect(gone.$metadata.httpStatusCode).toBe(404);
  });
});

describe('lifecycle', () => {
  it('creates CREATE_IN_PROGRESS, turns ACTIVE at activeAt, deletes through DELETE_IN_PROGRESS', async () => {
    ll.context.config.activationDelayMs = 60_000;
    try {
      const svc = await a.lattice.send(new L.CreateServiceCommand({ name: 'slow-service' }));
      expect((await a.lattice.send(new L.GetServiceCommand({ serviceIdentifier: svc.id! }))).status).toBe('CREATE_IN_PROGRESS');
      const inProgress = await errorOf(a.lattice.send(new L.DeleteServiceCommand({ serviceIdentifier: svc.id! })));
      expect(inProgress.name).toBe('ConflictException');
      setLifecycle(ll.store, svc.arn!, { activeAt: Date.now() - 1 });
      expect((await a.lattice.send(new L.GetServiceCommand({ serviceIdentifier: svc.id! }))).status).toBe('ACTIVE');
      expect((await a.lattice.send(new L.DeleteServiceCommand({ serviceIdentifier: svc.id! }))).status).toBe('DELETE_IN_PROGRESS');
      expect((await a.lattice.send(new L.GetServiceCommand({ serviceIdentifier: svc.id! }))).status).toBe('DELETE_IN_PROGRESS');
      const listed = await a.lattice.send(new L.ListServicesCommand({}));
      expect(listed.items!.find((s) => s.id === svc.id)?.status).toBe('DELETE_IN_PROGRESS');
      setLifecycle(ll.store, svc.arn!, { goneAt: Date.now() - 1 });
      expect((await errorOf(a.lattice.send(new L.GetServiceCommand({ serviceIdentifier: svc.id! })))).name).toBe('ResourceNotFoundException');
      expect((await a.lattice.send(new L.ListServicesCommand({}))).items!.some((s) => s.id === svc.id)).toBe(false);
    } finally {
      ll.context.config.activationDelayMs = 0;
    }
  });

  it('refuses to associate or forward to what is still CREATE_IN_PROGRESS, in AWS\'s words', async () => {
    ll.context.config.activationDelayMs = 60_000;
    try {
      const sn = await a.lattice.send(new L.CreateServiceNetworkCommand({ name: 'waiting-net' }));
      const svc = await a.lattice.send(new L.CreateServiceCommand({ name: 'waiting-service' }));
      const early = await errorOf(a.lattice.send(new L.CreateServiceNetworkServiceAssociationCommand({ serviceNetworkIdentifier: sn.id!, serviceIdentifier: svc.id! })));
      expect([early.name, early.$metadata.httpStatusCode, early.message, early.resourceId, early.resourceType]).toEqual([
        'ConflictException',
        409,
        `Invalid resource status for this operation, resource id ${svc.id}, status: CREATE_IN_PROGRESS.`,
        svc.id,
        'SERVICE',
      ]);
      const tg = await a.lattice.send(new L.CreateTargetGroupCommand({ name: 'waiting-tg', type: 'LAMBDA' }));
      const forward = { forward: { targetGroups: [{ targetGroupIdentifier: tg.id!, weight: 100 }] } };
      const listener = await errorOf(a.lattice.send(new L.CreateListenerCommand({ serviceIdentifier: svc.id!, name: 'http', protocol: 'HTTP', port: 80, defaultAction: forward })));
      expect(listener.message).toBe(`Invalid resource status for this operation, resource id ${tg.id}, status: CREATE_IN_PROGRESS.`);
      setLifecycle(ll.store, svc.arn!, { activeAt: Date.now() - 1 });
      setLifecycle(ll.store, tg.arn!, { activeAt: Date.now() - 1 });
      await a.lattice.send(new L.CreateListenerCommand({ serviceIdentifier: svc.id!, name: 'http', protocol: 'HTTP', port: 80, defaultAction: forward }));
      const snsa = await a.lattice.send(new L.CreateServiceNetworkServiceAssociationCommand({ serviceNetworkIdentifier: sn.id!, serviceIdentifier: svc.id! }));
      expect(snsa.status).toBe('CREATE_IN_PROGRESS');
    } finally {
      ll.context.config.activationDelayMs = 0;
    }
  });

  it('refuses to act on an association being deleted, and a new association while one is', async () => {
    ll.context.config.activationDelayMs = 60_000;
    try {
      const sn = await a.lattice.send(new L.CreateServiceNetworkCommand({ name: 'lifecycle-net' }));
      const vpc = createVpc(ll.store, { account: A, region: 'us-east-1', cidrBlock: '10.9.0.0/16' });
      const snva = await a.lattice.send(new L.CreateServiceNetworkVpcAssociationCommand({ serviceNetworkIdentifier: sn.id!, vpcIdentifier: vpc.id as string }));
      expect((await errorOf(a.lattice.send(new L.DeleteServiceNetworkVpcAssociationCommand({ serviceNetworkVpcAssociationIdentifier: snva.id! })))).name).toBe('ConflictException');
      setLifecycle(ll.store, snva.arn!, { activeAt: Date.now() - 1 });
      await a.lattice.send(new L.DeleteServiceNetworkVpcAssociationCommand({ serviceNetworkVpcAssociationIdentifier: snva.id! }));
      const during = await errorOf(a.lattice.send(new L.CreateServiceNetworkVpcAssociationCommand({ serviceNetworkIdentifier: sn.id!, vpcIdentifier: vpc.id as string })));
      expect(during.name).toBe('ConflictException');
      expect(during.message).toBe('VPC has already been associated to a service network.');
      expect((await errorOf(a.lattice.send(new L.UpdateServiceNetworkVpcAssociationCommand({ serviceNetworkVpcAssociationIdentifier: snva.id!, securityGroupIds: [sgA] })))).name).toBe('ConflictException');
    } finally {
      ll.context.config.activationDelayMs = 0;
    }
  });
});

describe('client tokens', () => {
  it('replays the original result for the same token and parameters, and refuses other parameters', async () => {
    const first = await a.lattice.send(new L.CreateServiceCommand({ name: 'idempotent-svc', clientToken: 'token-1' }));
    const replay = await a.lattice.send(new L.CreateServiceCommand({ name: 'idempotent-svc', clientToken: 'token-1' }));
    expect(replay.id).toBe(first.id);
    expect(replay.status).toBe('CREATE_IN_PROGRESS');
    const mismatch = await errorOf(a.lattice.send(new L.CreateServiceCommand({ name: 'idempotent-other', clientToken: 'token-1' })));
    expect(mismatch).toMatchObject({ name: 'ConflictException', resourceType: 'SERVICE' });
    const dupName = await errorOf(a.lattice.send(new L.CreateServiceCommand({ name: 'idempotent-svc' })));
    expect(dupName.name).toBe('ConflictException');
  });
});

describe('pagination', () => {
  it('pages in stable order with opaque tokens and refuses a forged one', async () => {
    const names = Array.from({ length: 7 }, (_, i) => `page-net-${i}`);
    for (const name of names) await a.lattice.send(new L.CreateServiceNetworkCommand({ name }));
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await a.lattice.send(new L.ListServiceNetworksCommand({ maxResults: 3, nextToken }));
      expect(page.items!.length).toBeLessThanOrEqual(3);
      seen.push(...page.items!.map((i) => i.name!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen.filter((n) => n.startsWith('page-net-'))).toEqual(names);
    const forged = await errorOf(a.lattice.send(new L.ListServiceNetworksCommand({ nextToken: 'bm90LWEtdG9rZW4' })));
    expect(forged).toMatchObject({ name: 'ValidationException', reason: 'fieldValidationFailed' });
    const range = await errorOf(a.lattice.send(new L.ListServiceNetworksCommand({ maxResults: 101 })));
    expect(range.fieldList).toEqual([{ name: 'maxResults', message: 'Member must have value less than or equal to 100' }]);
    // A token from one operation is not accepted by another.
    const page = await a.lattice.send(new L.ListServiceNetworksCommand({ maxResults: 1 }));
    expect((await errorOf(a.lattice.send(new L.ListServicesCommand({ nextToken: page.nextToken })))).name).toBe('ValidationException');
  });
});

describe('quotas', () => {
  it('answers ServiceQuotaExceededException (402) at the quota', async () => {
    const quota = await startLatticeLocal({ port: 0, activationDelayMs: 0, quotas: { 'L-D64E952E': 1 } });
    try {
      const { lattice } = clientsFor(quota.url, A);
      const svc = await lattice.send(new L.CreateServiceCommand({ name: 'quota-svc' }));
      const action = { fixedResponse: { statusCode: 200 } };
      await lattice.send(new L.CreateListenerCommand({ serviceIdentifier: svc.id!, name: 'one', protocol: 'HTTP', defaultAction: action }));
      const error = await errorOf(lattice.send(new L.CreateListenerCommand({ serviceIdentifier: svc.id!, name: 'two', protocol: 'HTTPS', defaultAction: action })));
      expect(error).toMatchObject({ name: 'ServiceQuotaExceededException', quotaCode: 'L-D64E952E', serviceCode: 'vpc-lattice', resourceType: 'LISTENER' });
      expect(error.$metadata.httpStatusCode).toBe(402);
    } finally {
      await quota.stop();
    }
  });
});

describe('sharing across accounts', () => {
  it('shows a shared service network to the consumer, which associates its own VPC; both see the association', async () => {
    const sn = await a.lattice.send(new L.CreateServiceNetworkCommand({ name: 'shared-hub' }));
    const vpcB = (await b.ec2.send(new DescribeVpcsCommand({}))).Vpcs![0]!.VpcId!;
    const before = await errorOf(b.lattice.send(new L.GetServiceNetworkCommand({ serviceNetworkIdentifier: sn.arn! })));
    expect(before.name).toBe('AccessDeniedException');
    expect((await b.lattice.send(new L.ListServiceNetworksCommand({}))).items!.some((i) => i.arn === sn.arn)).toBe(false);

    ll.store.grantAccess(sn.arn!, B);
    const listed = await b.lattice.send(new L.ListServiceNetworksCommand({}));
    expect(listed.items!.find((i) => i.id === sn.id)?.arn).toBe(sn.arn);
    expect((await b.lattice.send(new L.GetServiceNetworkCommand({ serviceNetworkIdentifier: sn.arn! }))).name).toBe('shared-hub');
    // Ids of shared resources do not resolve; ARNs do.
    expect((await errorOf(b.lattice.send(new L.GetServiceNetworkCommand({ serviceNetworkIdentifier: sn.id! })))).name).toBe('ResourceNotFoundException');
    // The consumer may not change the owner's network.
    expect((await errorOf(b.lattice.send(new L.UpdateServiceNetworkCommand({ serviceNetworkIdentifier: sn.arn!, authType: 'AWS_IAM' })))).name).toBe('AccessDeniedException');

    const snva = await b.lattice.send(new L.CreateServiceNetworkVpcAssociationCommand({ serviceNetworkIdentifier: sn.arn!, vpcIdentifier: vpcB }));
    expect(snva.createdBy).toBe(B);
    const ownerView = await a.lattice.send(new L.ListServiceNetworkVpcAssociationsCommand({ serviceNetworkIdentifier: sn.id! }));
    expect(ownerView.items!.map((i) => [i.id, i.vpcId, i.createdBy])).toEqual([[snva.id, vpcB, B]]);
    expect((await b.lattice.send(new L.ListServiceNetworkVpcAssociationsCommand({ vpcIdentifier: vpcB }))).items!.map((i) => i.id)).toEqual([snva.id]);
    expect((await a.lattice.send(new L.GetServiceNetworkVpcAssociationCommand({ serviceNetworkVpcAssociationIdentifier: snva.id! }))).vpcId).toBe(vpcB);
    const stranger = clientsFor(ll.url, C);
    expect((await errorOf(stranger.lattice.send(new L.GetServiceNetworkVpcAssociationCommand({ serviceNetworkVpcAssociationIdentifier: snva.id! })))).name).toBe('ResourceNotFoundException');

    // A consumer's own service joins the shared network; a service shared with it joins its own network.
    const svcB = await b.lattice.send(new L.CreateServiceCommand({ name: 'consumer-svc' }));
    const snsa = await b.lattice.send(new L.CreateServiceNetworkServiceAssociationCommand({ serviceIdentifier: svcB.id!, serviceNetworkIdentifier: sn.arn! }));
    expect((await a.lattice.send(new L.ListServiceNetworkServiceAssociationsCommand({ serviceNetworkIdentifier: sn.id! }))).items!.map((i) => i.id)).toEqual([snsa.id]);

    const snB = await b.lattice.send(new L.CreateServiceNetworkCommand({ name: 'consumer-net' }));
    const svcA = await a.lattice.send(new L.CreateServiceCommand({ name: 'provider-svc' }));
    expect((await errorOf(b.lattice.send(new L.CreateServiceNetworkServiceAssociationCommand({ serviceIdentifier: svcA.arn!, serviceNetworkIdentifier: snB.id! })))).name).toBe('AccessDeniedException');
    ll.store.grantAccess(svcA.arn!, B);
    expect((await b.lattice.send(new L.ListServicesCommand({}))).items!.map((s) => s.arn)).toContain(svcA.arn);
    const crossed = await b.lattice.send(new L.CreateServiceNetworkServiceAssociationCommand({ serviceIdentifier: svcA.arn!, serviceNetworkIdentifier: snB.id! }));
    expect((await a.lattice.send(new L.ListServiceNetworkServiceAssociationsCommand({ serviceIdentifier: svcA.id! }))).items!.map((i) => i.id)).toEqual([crossed.id]);

    // Either side may delete a cross-account association.
    await a.lattice.send(new L.DeleteServiceNetworkVpcAssociationCommand({ serviceNetworkVpcAssociationIdentifier: snva.arn! }));
    ll.store.revokeAccess(sn.arn!, B);
    expect((await b.lattice.send(new L.ListServiceNetworksCommand({}))).items!.some((i) => i.arn === sn.arn)).toBe(false);
  });

  it('lets a consumer reach a shared network through a ServiceNetwork VPC endpoint', async () => {
    const sn = await a.lattice.send(new L.CreateServiceNetworkCommand({ name: 'endpoint-hub' }));
    const subnetsB = (await b.ec2.send(new DescribeSubnetsCommand({}))).Subnets!;
    const input = { VpcEndpointType: 'ServiceNetwork' as const, VpcId: subnetsB[0]!.VpcId!, ServiceNetworkArn: sn.arn!, SubnetIds: [subnetsB[0]!.SubnetId!] };
    const refused = await errorOf(b.ec2.send(new CreateVpcEndpointCommand(input)));
    expect(refused.name).toBe('InvalidParameterValue');
    ll.store.grantAccess(sn.arn!, B);
    const endpoint = await b.ec2.send(new CreateVpcEndpointCommand(input));
    expect(endpoint.VpcEndpoint?.VpcEndpointId).toMatch(/^vpce-[0-9a-f]{17}$/);
    expect(endpoint.VpcEndpoint?.ServiceNetworkArn).toBe(sn.arn);
    const seen = await a.lattice.send(new L.ListServiceNetworkVpcEndpointAssociationsCommand({ serviceNetworkIdentifier: sn.id! }));
    expect(seen.items).toEqual([expect.objectContaining({ vpcEndpointId: endpoint.VpcEndpoint!.VpcEndpointId, vpcEndpointOwnerId: B, state: 'ACTIVE' })]);
    expect((await errorOf(a.lattice.send(new L.DeleteServiceNetworkCommand({ serviceNetworkIdentifier: sn.id! })))).name).toBe('ConflictException');
  });
});

describe('the rest of the API', () => {
  it('covers target groups and health, resource gateways and configurations, policies, tags and domains', async () => {
    const { lattice } = a;
    const tg = await lattice.send(
      new L.CreateTargetGroupCommand({ name: 'web-ip', type: 'IP', config: { port: 8080, protocol: 'HTTP', vpcIdentifier: vpcA } }),
    );
    expect(tg.config).toMatchObject({ port: 8080, protocol: 'HTTP', protocolVersion: 'HTTP1', ipAddressType: 'IPV4', healthCheck: { enabled: true, path: '/' } });
    const noVpc = await errorOf(lattice.send(new L.CreateTargetGroupCommand({ name: 'web-novpc', type: 'IP', config: { port: 80, protocol: 'HTTP', vpcIdentifier: 'vpc-0123456789abcdef0' } })));
    expect(noVpc).toMatchObject({ name: 'ResourceNotFoundException', resourceType: 'VPC' });
    const missing = await errorOf(lattice.send(new L.CreateTargetGroupCommand({ name: 'web-noconfig', type: 'INSTANCE' })));
    expect(missing).toMatchObject({ name: 'ValidationException', fieldList: [{ name: 'config', message: expect.any(String) }] });

    const reg = await lattice.send(new L.RegisterTargetsCommand({ targetGroupIdentifier: tg.id!, targets: [{ id: '10.0.0.1' }, { id: '10.0.0.2', port: 9090 }, { id: 'not-an-ip' }] }));
    expect(reg.successful).toEqual([{ id: '10.0.0.1', port: 8080 }, { id: '10.0.0.2', port: 9090 }]);
    expect(reg.unsuccessful).toEqual([expect.objectContaining({ id: 'not-an-ip', failureCode: 'InvalidTargetId' })]);
    const svc = await lattice.send(new L.CreateServiceCommand({ name: 'web' }));
    await lattice.send(new L.CreateListenerCommand({ serviceIdentifier: svc.id!, name: 'http', protocol: 'HTTP', defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: tg.id! }] } } }));
    setTargetHealth(ll.store, { targetGroupArn: tg.arn!, id: '10.0.0.2', port: 9090 }, 'UNHEALTHY');
    const health = await lattice.send(new L.ListTargetsCommand({ targetGroupIdentifier: tg.id! }));
    expect(health.items!.map((t) => [t.id, t.port, t.status])).toEqual([['10.0.0.1', 8080, 'HEALTHY'], ['10.0.0.2', 9090, 'UNHEALTHY']]);
    const dereg = await lattice.send(new L.DeregisterTargetsCommand({ targetGroupIdentifier: tg.id!, targets: [{ id: '10.0.0.1' }, { id: '10.9.9.9' }] }));
    expect(dereg.successful).toEqual([{ id: '10.0.0.1', port: 8080 }]);
    expect(dereg.unsuccessful![0]).toMatchObject({ id: '10.9.9.9', failureCode: 'TargetNotFound' });
    const updated = await lattice.send(new L.UpdateTargetGroupCommand({ targetGroupIdentifier: tg.id!, healthCheck: { path: '/health' } }));
    expect(updated.config?.healthCheck?.path).toBe('/health');
    expect((await lattice.send(new L.ListTargetGroupsCommand({ targetGroupType: 'IP', vpcIdentifier: vpcA }))).items!.map((t) => t.id)).toContain(tg.id);
    const secondService = await lattice.send(new L.CreateServiceCommand({ name: 'web-two' }));
    const shared = await errorOf(
      lattice.send(new L.CreateListenerCommand({ serviceIdentifier: secondService.id!, name: 'http', protocol: 'HTTP', defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: tg.id! }] } } })),
    );
    expect(shared.name).toBe('ConflictException');

    const gw = await lattice.send(new L.CreateResourceGatewayCommand({ name: 'db-gateway', vpcIdentifier: vpcA, subnetIds: subnetsA.slice(0, 2), securityGroupIds: [sgA] }));
    expect(gw.status).toBe('CREATE_IN_PROGRESS');
    expect((await lattice.send(new L.GetResourceGatewayCommand({ resourceGatewayIdentifier: gw.id! }))).vpcId).toBe(vpcA);
    expect((await lattice.send(new L.UpdateResourceGatewayCommand({ resourceGatewayIdentifier: gw.arn!, securityGroupIds: [sgA] }))).securityGroupIds).toEqual([sgA]);
    const single = await lattice.send(
      new L.CreateResourceConfigurationCommand({
        name: 'orders-db',
        type: 'SINGLE',
        resourceGatewayIdentifier: gw.id!,
        portRanges: ['5432'],
        resourceConfigurationDefinition: { dnsResource: { domainName: 'orders.db.internal', ipAddressType: 'IPV4' } },
      }),
    );
    const group = await lattice.send(new L.CreateResourceConfigurationCommand({ name: 'db-cluster', type: 'GROUP', resourceGatewayIdentifier: gw.id!, portRanges: ['5432-5433'] }));
    const child = await lattice.send(
      new L.CreateResourceConfigurationCommand({ name: 'db-replica', type: 'CHILD', resourceConfigurationGroupIdentifier: group.id!, resourceConfigurationDefinition: { ipResource: { ipAddress: '10.0.3.4' } } }),
    );
    expect(child.resourceGatewayId).toBe(gw.id);
    expect((await lattice.send(new L.ListResourceConfigurationsCommand({ resourceConfigurationGroupIdentifier: group.id! }))).items!.map((r) => r.id)).toEqual([child.id]);
    expect((await errorOf(lattice.send(new L.CreateResourceConfigurationCommand({ name: 'bad-ports', type: 'SINGLE', resourceGatewayIdentifier: gw.id!, portRanges: ['9-2'], resourceConfigurationDefinition: { ipResource: { ipAddress: '10.0.0.9' } } })))).fieldList).toEqual([{ name: 'portRanges[0]', message: expect.stringMatching(/range of ports/) }]);
    const rcfgUpdate = await lattice.send(new L.UpdateResourceConfigurationCommand({ resourceConfigurationIdentifier: single.id!, portRanges: ['5432', '6432'] }));
    expect(rcfgUpdate.portRanges).toEqual(['5432', '6432']);
    const sn = await lattice.send(new L.CreateServiceNetworkCommand({ name: 'data-net' }));
    const snra = await lattice.send(new L.CreateServiceNetworkResourceAssociationCommand({ resourceConfigurationIdentifier: group.arn!, serviceNetworkIdentifier: sn.id! }));
    expect(snra.id).toMatch(/^snra-[0-9a-f]{17}$/);
    expect((await lattice.send(new L.GetServiceNetworkResourceAssociationCommand({ serviceNetworkResourceAssociationIdentifier: snra.id! }))).resourceConfigurationName).toBe('db-cluster');
    expect((await lattice.send(new L.ListServiceNetworkResourceAssociationsCommand({ serviceNetworkIdentifier: sn.id! }))).items!.map((i) => i.id)).toEqual([snra.id]);
    expect((await errorOf(lattice.send(new L.CreateServiceNetworkResourceAssociationCommand({ resourceConfigurationIdentifier: child.id!, serviceNetworkIdentifier: sn.id! })))).name).toBe('ValidationException');
    expect((await errorOf(lattice.send(new L.DeleteResourceConfigurationCommand({ resourceConfigurationIdentifier: group.id! })))).name).toBe('ConflictException');
    expect((await errorOf(lattice.send(new L.DeleteResourceGatewayCommand({ resourceGatewayIdentifier: gw.id! })))).name).toBe('ConflictException');

    const endpoint = await a.ec2.send(new CreateVpcEndpointCommand({ VpcEndpointType: 'Resource', VpcId: vpcA, ResourceConfigurationArn: single.arn!, SubnetIds: [subnetsA[0]!] }));
    const reas = await lattice.send(new L.ListResourceEndpointAssociationsCommand({ resourceConfigurationIdentifier: single.id! }));
    expect(reas.items!.map((r) => [r.vpcEndpointId, r.resourceConfigurationId])).toEqual([[endpoint.VpcEndpoint!.VpcEndpointId, single.id]]);
    expect(reas.items![0]!.id).toMatch(/^rea-[0-9a-f]{17}$/);
    await lattice.send(new L.DeleteResourceEndpointAssociationCommand({ resourceEndpointAssociationIdentifier: reas.items![0]!.id! }));

    await lattice.send(new L.PutResourcePolicyCommand({ resourceArn: sn.arn!, policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: B }, Action: 'vpc-lattice:GetServiceNetwork', Resource: sn.arn }] }) }));
    expect(JSON.parse((await lattice.send(new L.GetResourcePolicyCommand({ resourceArn: sn.arn! }))).policy!).Statement[0].Effect).toBe('Allow');
    await lattice.send(new L.DeleteResourcePolicyCommand({ resourceArn: sn.arn! }));
    expect((await errorOf(lattice.send(new L.GetResourcePolicyCommand({ resourceArn: sn.arn! })))).name).toBe('ResourceNotFoundException');
    expect((await errorOf(lattice.send(new L.PutAuthPolicyCommand({ resourceIdentifier: sn.id!, policy: '{not json' })))).name).toBe('ValidationException');
    expect((await lattice.send(new L.PutAuthPolicyCommand({ resourceIdentifier: sn.id!, policy: AUTH_POLICY }))).state).toBe('Inactive');

    await lattice.send(new L.TagResourceCommand({ resourceArn: tg.arn!, tags: { env: 'dev', team: 'web' } }));
    await lattice.send(new L.UntagResourceCommand({ resourceArn: tg.arn!, tagKeys: ['team'] }));
    expect((await lattice.send(new L.ListTagsForResourceCommand({ resourceArn: tg.arn! }))).tags).toEqual({ env: 'dev' });
    expect((await errorOf(lattice.send(new L.TagResourceCommand({ resourceArn: tg.arn!, tags: { 'aws:reserved': 'x' } })))).name).toBe('ValidationException');

    const als = await lattice.send(new L.CreateAccessLogSubscriptionCommand({ resourceIdentifier: svc.arn!, destinationArn: 'arn:aws:s3:::lattice-logs' }));
    expect((await lattice.send(new L.GetAccessLogSubscriptionCommand({ accessLogSubscriptionIdentifier: als.id! }))).destinationArn).toBe('arn:aws:s3:::lattice-logs');
    expect((await lattice.send(new L.UpdateAccessLogSubscriptionCommand({ accessLogSubscriptionIdentifier: als.id!, destinationArn: 'arn:aws:s3:::lattice-logs-2' }))).destinationArn).toBe('arn:aws:s3:::lattice-logs-2');
    expect((await errorOf(lattice.send(new L.CreateAccessLogSubscriptionCommand({ resourceIdentifier: svc.id!, destinationArn: 'arn:aws:s3:::other-log-bucket' })))).name).toBe('ConflictException');

    const dv = await lattice.send(new L.StartDomainVerificationCommand({ domainName: 'orders.example.com' }));
    expect(dv.id).toMatch(/^dv-[0-9a-f]{17}$/);
    expect((await lattice.send(new L.GetDomainVerificationCommand({ domainVerificationIdentifier: dv.id! }))).status).toBe('VERIFIED');
    expect((await lattice.send(new L.ListDomainVerificationsCommand({}))).items!.map((d) => d.domainName)).toEqual(['orders.example.com']);
    await lattice.send(new L.DeleteDomainVerificationCommand({ domainVerificationIdentifier: dv.arn! }));

    const updatedSvc = await lattice.send(new L.UpdateServiceCommand({ serviceIdentifier: svc.id!, authType: 'AWS_IAM' }));
    expect(updatedSvc.authType).toBe('AWS_IAM');
    expect((await lattice.send(new L.UpdateServiceNetworkCommand({ serviceNetworkIdentifier: sn.id!, authType: 'AWS_IAM' }))).authType).toBe('AWS_IAM');
    const listener = (await lattice.send(new L.ListListenersCommand({ serviceIdentifier: svc.id! }))).items![0]!;
    const got = await lattice.send(new L.GetListenerCommand({ serviceIdentifier: svc.id!, listenerIdentifier: listener.arn! }));
    expect(got.protocol).toBe('HTTP');
    const ul = await lattice.send(new L.UpdateListenerCommand({ serviceIdentifier: svc.id!, listenerIdentifier: listener.id!, defaultAction: { fixedResponse: { statusCode: 503 } } }));
    expect(ul.defaultAction).toEqual({ fixedResponse: { statusCode: 503 } });
    const defaultRule = (await lattice.send(new L.ListRulesCommand({ serviceIdentifier: svc.id!, listenerIdentifier: listener.id! }))).items![0]!;
    expect((await lattice.send(new L.GetRuleCommand({ serviceIdentifier: svc.id!, listenerIdentifier: listener.id!, ruleIdentifier: defaultRule.id! }))).action).toEqual({ fixedResponse: { statusCode: 503 } });
    expect((await errorOf(lattice.send(new L.DeleteRuleCommand({ serviceIdentifier: svc.id!, listenerIdentifier: listener.id!, ruleIdentifier: defaultRule.id! })))).name).toBe('ValidationException');
    expect((await lattice.send(new L.ListResourceGatewaysCommand({}))).items!.map((g) => g.id)).toEqual([gw.id]);
    expect((await lattice.send(new L.GetResourceConfigurationCommand({ resourceConfigurationIdentifier: single.arn! }))).type).toBe('SINGLE');
    expect((await lattice.send(new L.GetServiceNetworkServiceAssociationCommand({ serviceNetworkServiceAssociationIdentifier: (await lattice.send(new L.CreateServiceNetworkServiceAssociationCommand({ serviceIdentifier: svc.id!, serviceNetworkIdentifier: sn.id! }))).id! }))).serviceName).toBe('web');
    await lattice.send(new L.DeleteServiceNetworkResourceAssociationCommand({ serviceNetworkResourceAssociationIdentifier: snra.id! }));
    await lattice.send(new L.DeleteResourceConfigurationCommand({ resourceConfigurationIdentifier: child.id! }));
    await lattice.send(new L.DeleteResourceConfigurationCommand({ resourceConfigurationIdentifier: group.id! }));
    await lattice.send(new L.DeleteResourceConfigurationCommand({ resourceConfigurationIdentifier: single.id! }));
    expect((await lattice.send(new L.DeleteResourceGatewayCommand({ resourceGatewayIdentifier: gw.id! }))).status).toBe('DELETE_IN_PROGRESS');
  });

  it('runs operations in process with callOperation, with the same validation and errors', async () => {
    const out = await callOperation(ll.context, { service: 'vpc-lattice', operation: 'CreateServiceNetwork', account: C, region: 'eu-west-1', input: { name: 'in-process' } });
    expect(out.arn).toBe(`arn:aws:vpc-lattice:eu-west-1:${C}:servicenetwork/${out.id}`);
    const got = await callOperation(ll.context, { service: 'vpc-lattice', operation: 'GetServiceNetwork', account: C, region: 'eu-west-1', input: { serviceNetworkIdentifier: out.id } });
    expect(got.createdAt).toBeInstanceOf(Date);
    await expect(callOperation(ll.context, { service: 'vpc-lattice', operation: 'CreateServiceNetwork', account: C, region: 'eu-west-1', input: { name: 'X' } })).rejects.toMatchObject({ code: 'ValidationException' });
    await expect(callOperation(ll.context, { service: 'ram', operation: 'CreatePermission', account: C, region: 'eu-west-1', input: {} })).rejects.toMatchObject({ code: 'MissingRequiredParameterException', status: 400 });
  });
});
