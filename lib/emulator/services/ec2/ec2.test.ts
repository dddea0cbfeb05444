import * as E from '@aws-sdk/client-ec2';
import { CreateServiceNetworkCommand } from '@aws-sdk/client-vpc-lattice';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LatticeLocal, createInstance, createSecurityGroup, createSubnet, createVpc, startLatticeLocal } from '../../index';
import { clientsFor, errorOf } from '@/lib/testing/clients';

const A = '111111111111';
let ll: LatticeLocal;
let ec2: E.EC2Client;
let vpcId: string;
let subnetId: string;
let instanceId: string;

beforeAll(async () => {
  ll = await startLatticeLocal({ port: 0, activationDelayMs: 0 });
  ec2 = clientsFor(ll.url, A).ec2;
  const vpc = createVpc(ll.store, { account: A, region: 'us-east-1', cidrBlock: '10.1.0.0/16', tags: { Name: 'app-vpc' } });
  vpcId = vpc.id as string;
  subnetId = createSubnet(ll.store, { account: A, region: 'us-east-1', vpcId, cidrBlock: '10.1.1.0/24', availabilityZone: 'us-east-1b', tags: { Name: 'app-b' } }).id as string;
  const sg = createSecurityGroup(ll.store, { account: A, region: 'us-east-1', vpcId, groupName: 'app', description: 'app servers' });
  instanceId = createInstance(ll.store, { account: A, region: 'us-east-1', subnetId, securityGroupIds: [sg.id as string], tags: { Name: 'app-1' } }).id as string;
});
afterAll(() => ll.stop());

describe('EC2 query protocol', () => {
  it('describes VPCs (the default one included) with filters', async () => {
    const all = await ec2.send(new E.DescribeVpcsCommand({}));
    expect(all.Vpcs!.map((v) => [v.IsDefault, v.CidrBlock]).sort()).toEqual([[false, '10.1.0.0/16'], [true, '172.31.0.0/16']]);
    const tagged = await ec2.send(new E.DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['app-*'] }] }));
    expect(tagged.Vpcs!.map((v) => v.VpcId)).toEqual([vpcId]);
    expect(tagged.Vpcs![0]!.Tags).toEqual([{ Key: 'Name', Value: 'app-vpc' }]);
    expect((await ec2.send(new E.DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs).toHaveLength(1);
    const missing = await errorOf(ec2.send(new E.DescribeVpcsCommand({ VpcIds: ['vpc-0000000000000000f'] })));
    expect([missing.name, missing.$metadata?.httpStatusCode]).toEqual(['InvalidVpcID.NotFound', 400]);
    expect((await errorOf(ec2.send(new E.DescribeVpcsCommand({ Filters: [{ Name: 'colour', Values: ['blue'] }] })))).name).toBe('InvalidParameterValue');
  });

  it('describes subnets, security groups, instances and zones', async () => {
    const subnets = await ec2.send(new E.DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
    expect(subnets.Subnets!.map((s) => [s.SubnetId, s.AvailabilityZone, s.AvailableIpAddressCount])).toEqual([[subnetId, 'us-east-1b', 251]]);
    const groups = await ec2.send(new E.DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
    expect(groups.SecurityGroups!.map((g) => g.GroupName)).toEqual(['app']);
    expect((await ec2.send(new E.DescribeSecurityGroupsCommand({ GroupNames: ['default'] }))).SecurityGroups).toHaveLength(1);
    const instances = await ec2.send(new E.DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['running'] }] }));
    const instance = instances.Reservations![0]!.Instances![0]!;
    expect([instance.InstanceId, instance.VpcId, instance.State?.Name, instance.SecurityGroups?.[0]?.GroupName]).toEqual([instanceId, vpcId, 'running', 'app']);
    expect(instance.PrivateIpAddress).toMatch(/^10\.1\.1\.\d+$/);
    expect(instance.LaunchTime).toBeInstanceOf(Date);
    const zones = await ec2.send(new E.DescribeAvailabilityZonesCommand({}));
    expect(zones.AvailabilityZones!.map((z) => [z.ZoneName, z.ZoneId])).toEqual([
      ['us-east-1a', 'use1-az1'],
      ['us-east-1b', 'use1-az2'],
      ['us-east-1c', 'use1-az3'],
      ['us-east-1d', 'use1-az4'],
      ['us-east-1e', 'use1-az5'],
      ['us-east-1f', 'use1-az6'],
    ]);
  });

  it('paginates describes with MaxResults and NextToken', async () => {
    // Ours and the default VPC's six, one per zone.
    const first = await ec2.send(new E.DescribeSubnetsCommand({ MaxResults: 5 }));
    expect(first.Subnets).toHaveLength(5);
    const second = await ec2.send(new E.DescribeSubnetsCommand({ MaxResults: 5, NextToken: first.NextToken }));
    expect(second.Subnets).toHaveLength(2);
    expect(second.NextToken).toBeUndefined();
    const range = await errorOf(ec2.send(new E.DescribeSubnetsCommand({ MaxResults: 2 })));
    expect(range.name).toBe('InvalidParameterValue');
  });

  it('creates, describes and deletes VPC endpoints, honouring DryRun and client tokens', async () => {
    const sn = await clientsFor(ll.url, A).lattice.send(new CreateServiceNetworkCommand({ name: 'ec2-test-net' }));
    const dry = await errorOf(ec2.send(new E.CreateVpcEndpointCommand({ DryRun: true, VpcEndpointType: 'ServiceNetwork', VpcId: vpcId, ServiceNetworkArn: sn.arn!, SubnetIds: [subnetId] })));
    expect([dry.name, dry.$metadata?.httpStatusCode]).toEqual(['DryRunOperation', 412]);
    const input = { VpcEndpointType: 'ServiceNetwork' as const, VpcId: vpcId, ServiceNetworkArn: sn.arn!, SubnetIds: [subnetId], ClientToken: 'once' };
    const created = await ec2.send(new E.CreateVpcEndpointCommand(input));
    expect(created.VpcEndpoint).toMatchObject({ VpcEndpointType: 'ServiceNetwork', VpcId: vpcId, SubnetIds: [subnetId], OwnerId: A, State: 'available' });
    expect((await ec2.send(new E.CreateVpcEndpointCommand(input))).VpcEndpoint!.VpcEndpointId).toBe(created.VpcEndpoint!.VpcEndpointId);
    expect((await errorOf(ec2.send(new E.CreateVpcEndpointCommand({ ...input, SubnetIds: [] })))).name).toBe('IdempotentParameterMismatch');
    expect((await errorOf(ec2.send(new E.CreateVpcEndpointCommand({ VpcEndpointType: 'ServiceNetwork', VpcId: vpcId, SubnetIds: [subnetId] })))).name).toBe('MissingParameter');
    const described = await ec2.send(new E.DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-endpoint-type', Values: ['ServiceNetwork'] }] }));
    expect(described.VpcEndpoints!.map((e) => e.VpcEndpointId)).toEqual([created.VpcEndpoint!.VpcEndpointId]);
    const byState = (...Values: string[]) => ec2.send(new E.DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-endpoint-state', Values }] }));
    expect((await byState('available')).VpcEndpoints).toHaveLength(1);
    expect((await byState('pending', 'avail*')).VpcEndpoints).toHaveLength(1);
    // EC2 filter values are case-sensitive: the model's capitalised enum matches nothing.
    expect((await byState('Available')).VpcEndpoints).toHaveLength(0);
    const deleted = await ec2.send(new E.DeleteVpcEndpointsCommand({ VpcEndpointIds: [created.VpcEndpoint!.VpcEndpointId!, 'vpce-0123456789abcdef0'] }));
    expect(deleted.Unsuccessful).toEqual([{ ResourceId: 'vpce-0123456789abcdef0', Error: { Code: 'InvalidVpcEndpoint.NotFound', Message: expect.any(String) } }]);
    expect((await ec2.send(new E.DescribeVpcEndpointsCommand({}))).VpcEndpoints).toEqual([]);
  });

  async function rawAction(action: string): Promise<{ status: number; xml: string }> {
    const body = `Action=${action}&Version=2016-11-15`;
    const url = new URL(ll.url);
    const signer = new SignatureV4({ credentials: { accessKeyId: A, secretAccessKey: 'test' }, region: 'us-east-1', service: 'ec2', sha256: Hash.bind(null, 'sha256') });
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      query: {},
      headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
    });
    const response = await fetch(ll.url, { method: 'POST', headers: signed.headers, body });
    return { status: response.status, xml: await response.text() };
  }

  it('answers a real EC2 action outside the subset by naming it, in EC2\'s error XML', async () => {
    const { status, xml } = await rawAction('CreateTransitGateway');
    expect(status).toBe(400);
    expect(xml).toContain('<Response><Errors><Error><Code>UnsupportedOperation</Code><Message>lattice-local does not implement ec2:CreateTransitGateway</Message>');
    expect(xml).toMatch(/<RequestID>[0-9a-f-]{36}<\/RequestID>/);
  });

  it('answers a name that is no EC2 action with InvalidAction, as EC2 does', async () => {
    const { status, xml } = await rawAction('FrobnicateWidgets');
    expect(status).toBe(400);
    expect(xml).toContain('<Code>InvalidAction</Code><Message>The action FrobnicateWidgets is not valid for this web service.</Message>');
  });
});
