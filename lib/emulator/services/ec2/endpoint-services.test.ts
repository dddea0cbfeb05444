import * as E from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LatticeLocal, startLatticeLocal } from '../../index';
import { clientsFor, errorOf } from '@/lib/testing/clients';

const PROVIDER = '111111111111';
const CONSUMER = '222222222222';
const STRANGER = '333333333333';
const NLB = `arn:aws:elasticloadbalancing:us-east-1:${PROVIDER}:loadbalancer/net/orders-nlb/0123456789abcdef`;
let ll: LatticeLocal;
let provider: E.EC2Client;
let consumer: E.EC2Client;
let stranger: E.EC2Client;

beforeAll(async () => {
  ll = await startLatticeLocal({ port: 0, activationDelayMs: 0 });
  provider = clientsFor(ll.url, PROVIDER).ec2;
  consumer = clientsFor(ll.url, CONSUMER).ec2;
  stranger = clientsFor(ll.url, STRANGER).ec2;
});
afterAll(() => ll.stop());

async function network(ec2: E.EC2Client, cidr: string) {
  const vpc = (await ec2.send(new E.CreateVpcCommand({ CidrBlock: `${cidr}.0.0/16`, TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'built' }] }] }))).Vpc!;
  const a = (await ec2.send(new E.CreateSubnetCommand({ VpcId: vpc.VpcId!, CidrBlock: `${cidr}.1.0/24`, AvailabilityZone: 'us-east-1a' }))).Subnet!;
  const b = (await ec2.send(new E.CreateSubnetCommand({ VpcId: vpc.VpcId!, CidrBlock: `${cidr}.2.0/24`, AvailabilityZoneId: 'use1-az2' }))).Subnet!;
  const sg = await ec2.send(new E.CreateSecurityGroupCommand({ GroupName: 'endpoints', Description: 'endpoint interfaces', VpcId: vpc.VpcId! }));
  return { vpcId: vpc.VpcId!, subnets: [a.SubnetId!, b.SubnetId!], groupId: sg.GroupId! };
}

describe('building a VPC through the API', () => {
  it('creates a VPC with its default security group, subnets and groups, with EC2\'s rules', async () => {
    const vpc = await provider.send(new E.CreateVpcCommand({ CidrBlock: '10.40.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'built' }] }] }));
    expect(vpc.Vpc).toMatchObject({ CidrBlock: '10.40.0.0/16', State: 'pending', IsDefault: false, OwnerId: PROVIDER, Tags: [{ Key: 'Name', Value: 'built' }] });
    const vpcId = vpc.Vpc!.VpcId!;
    expect((await provider.send(new E.DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs![0]!.State).toBe('available');
    const groups = await provider.send(new E.DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
    expect(groups.SecurityGroups!.map((g) => g.GroupName)).toEqual(['default']);
    expect((await errorOf(provider.send(new E.CreateVpcCommand({ CidrBlock: '10.0.0.0/8' })))).name).toBe('InvalidVpc.Range');
    expect((await errorOf(provider.send(new E.CreateVpcCommand({})))).name).toBe('MissingParameter');

    const subnet = await provider.send(new E.CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.40.3.0/24', AvailabilityZone: 'us-east-1f' }));
    expect(subnet.Subnet).toMatchObject({ VpcId: vpcId, AvailabilityZone: 'us-east-1f', AvailabilityZoneId: 'use1-az6', AvailableIpAddressCount: 251 });
    expect((await errorOf(provider.send(new E.CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.40.3.128/25' })))).name).toBe('InvalidSubnet.Conflict');
    expect((await errorOf(provider.send(new E.CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.41.0.0/24' })))).name).toBe('InvalidSubnet.Range');
    const zone = await errorOf(provider.send(new E.CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.40.4.0/24', AvailabilityZone: 'us-east-1z' })));
    expect([zone.name, zone.message]).toEqual(['InvalidParameterValue', expect.stringContaining('us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e, us-east-1f')]);

    const sg = await provider.send(new E.CreateSecurityGroupCommand({ GroupName: 'app', Description: 'app servers', VpcId: vpcId }));
    expect(sg.GroupId).toMatch(/^sg-0[0-9a-f]{16}$/);
    expect((await errorOf(provider.send(new E.CreateSecurityGroupCommand({ GroupName: 'app', Description: 'again', VpcId: vpcId })))).name).toBe('InvalidGroup.Duplicate');

    expect((await errorOf(provider.send(new E.DeleteVpcCommand({ VpcId: vpcId })))).name).toBe('DependencyViolation');
    const defaultGroup = groups.SecurityGroups![0]!.GroupId!;
    expect((await errorOf(provider.send(new E.DeleteSecurityGroupCommand({ GroupId: defaultGroup })))).name).toBe('CannotDelete');
    expect((await provider.send(new E.DeleteSecurityGroupCommand({ GroupId: sg.GroupId! }))).Return).toBe(true);
    await provider.send(new E.DeleteSubnetCommand({ SubnetId: subnet.Subnet!.SubnetId! }));
    await provider.send(new E.DeleteVpcCommand({ VpcId: vpcId }));
    expect((await errorOf(provider.send(new E.DescribeVpcsCommand({ VpcIds: [vpcId] })))).name).toBe('InvalidVpcID.NotFound');
    expect((await provider.send(new E.DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).SecurityGroups).toEqual([]);
  });
});

describe('PrivateLink endpoint services across accounts', () => {
  let serviceId: string;
  let serviceName: string;
  let consumerNet: Awaited<ReturnType<typeof network>>;

  it('creates an endpoint service behind a Network Load Balancer', async () => {
    const created = await provider.send(new E.CreateVpcEndpointServiceConfigurationCommand({
      NetworkLoadBalancerArns: [NLB], AcceptanceRequired: true, TagSpecifications: [{ ResourceType: 'vpc-endpoint-service', Tags: [{ Key: 'Name', Value: 'orders' }] }],
    }));
    const config = created.ServiceConfiguration!;
    serviceId = config.ServiceId!;
    serviceName = config.ServiceName!;
    expect(serviceId).toMatch(/^vpce-svc-0[0-9a-f]{16}$/);
    expect(config).toMatchObject({
      ServiceName: `com.amazonaws.vpce.us-east-1.${serviceId}`, ServiceState: 'Available', ServiceType: [{ ServiceType: 'Interface' }],
      AcceptanceRequired: true, NetworkLoadBalancerArns: [NLB], BaseEndpointDnsNames: [`${serviceId}.us-east-1.vpce.amazonaws.com`], Tags: [{ Key: 'Name', Value: 'orders' }],
    });
    const bad = await errorOf(provider.send(new E.CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [NLB.replace(PROVIDER, CONSUMER)] })));
    expect(bad.name).toBe('InvalidParameterValue');
    expect((await errorOf(provider.send(new E.CreateVpcEndpointServiceConfigurationCommand({})))).name).toBe('InvalidParameter');
    const listed = await provider.send(new E.DescribeVpcEndpointServiceConfigurationsCommand({ Filters: [{ Name: 'service-state', Values: ['Available'] }] }));
    expect(listed.ServiceConfigurations!.map((s) => s.ServiceId)).toEqual([serviceId]);
  });

  it('hides the service from accounts not allowed, and refuses their endpoints as EC2 does', async () => {
    consumerNet = await network(consumer, '10.50');
    const seen = await consumer.send(new E.DescribeVpcEndpointServicesCommand({ Filters: [{ Name: 'owner', Values: [PROVIDER] }] }));
    expect(seen.ServiceDetails).toEqual([]);
    const refused = await errorOf(consumer.send(new E.CreateVpcEndpointCommand({ VpcEndpointType: 'Interface', VpcId: consumerNet.vpcId, ServiceName: serviceName, SubnetIds: consumerNet.subnets })));
    expect([refused.name, refused.message]).toEqual(['InvalidServiceName', `The Vpc Endpoint Service '${serviceName}' does not exist`]);
  });

  it('allows principals, and a consumer connection waits for acceptance', async () => {
    const added = await provider.send(new E.ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, AddAllowedPrincipals: [`arn:aws:iam::${CONSUMER}:root`] }));
    expect(added.ReturnValue).toBe(true);
    expect(added.AddedPrincipals).toMatchObject([{ Principal: `arn:aws:iam::${CONSUMER}:root`, PrincipalType: 'Account', ServiceId: serviceId }]);
    expect((await errorOf(provider.send(new E.ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, AddAllowedPrincipals: ['222222222222'] })))).name).toBe('InvalidPrincipal');
    const permissions = await provider.send(new E.DescribeVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, Filters: [{ Name: 'principal-type', Values: ['Account'] }] }));
    expect(permissions.AllowedPrincipals!.map((p) => p.Principal)).toEqual([`arn:aws:iam::${CONSUMER}:root`]);

    const detail = (await consumer.send(new E.DescribeVpcEndpointServicesCommand({ ServiceNames: [serviceName] }))).ServiceDetails!;
    expect(detail).toMatchObject([{ ServiceName: serviceName, Owner: PROVIDER, AcceptanceRequired: true, ServiceType: [{ ServiceType: 'Interface' }] }]);
    expect((await stranger.send(new E.DescribeVpcEndpointServicesCommand({ Filters: [{ Name: 'service-name', Values: [serviceName] }] }))).ServiceDetails).toEqual([]);

    const first = await consumer.send(new E.CreateVpcEndpointCommand({ VpcEndpointType: 'Interface', VpcId: consumerNet.vpcId, ServiceName: serviceName, SubnetIds: consumerNet.subnets, SecurityGroupIds: [consumerNet.groupId] }));
    const second = await consumer.send(new E.CreateVpcEndpointCommand({ VpcEndpointType: 'Interface', VpcId: consumerNet.vpcId, ServiceName: serviceName, SubnetIds: [consumerNet.subnets[0]!] }));
    expect(first.VpcEndpoint).toMatchObject({ State: 'pendingAcceptance', PrivateDnsEnabled: false, ServiceName: serviceName });
    expect(first.VpcEndpoint!.DnsEntries![0]!.DnsName).toMatch(new RegExp(`^vpce-0[0-9a-f]{16}-[0-9a-f]{8}\\.${serviceId}\\.us-east-1\\.vpce\\.amazonaws\\.com$`));
    const firstId = first.VpcEndpoint!.VpcEndpointId!;
    const secondId = second.VpcEndpoint!.VpcEndpointId!;

    const pending = await provider.send(new E.DescribeVpcEndpointConnectionsCommand({ Filters: [{ Name: 'vpc-endpoint-state', Values: ['pendingAcceptance'] }] }));
    expect(pending.VpcEndpointConnections!.map((c) => [c.VpcEndpointId, c.VpcEndpointOwner, c.ServiceId, c.VpcEndpointState])).toEqual([
      [firstId, CONSUMER, serviceId, 'pendingAcceptance'],
      [secondId, CONSUMER, serviceId, 'pendingAcceptance'],
    ]);
    expect(pending.VpcEndpointConnections![0]!.VpcEndpointConnectionId).toMatch(/^vpce-con-0[0-9a-f]{16}$/);
    expect(pending.VpcEndpointConnections![0]!.NetworkLoadBalancerArns).toEqual([NLB]);

    const accepted = await provider.send(new E.AcceptVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: [firstId, 'vpce-0123456789abcdef0'] }));
    expect(accepted.Unsuccessful).toEqual([{ ResourceId: 'vpce-0123456789abcdef0', Error: { Code: 'InvalidVpcEndpoint.NotFound', Message: expect.any(String) } }]);
    expect((await consumer.send(new E.DescribeVpcEndpointsCommand({ VpcEndpointIds: [firstId] }))).VpcEndpoints![0]!.State).toBe('available');
    const again = await provider.send(new E.AcceptVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: [firstId] }));
    expect(again.Unsuccessful![0]!.Error!.Code).toBe('InvalidVpcEndpointState');

    expect((await provider.send(new E.RejectVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: [secondId] }))).Unsuccessful).toEqual([]);
    const states = await provider.send(new E.DescribeVpcEndpointConnectionsCommand({ Filters: [{ Name: 'service-id', Values: [serviceId] }] }));
    expect(states.VpcEndpointConnections!.map((c) => c.VpcEndpointState)).toEqual(['available', 'rejected']);

    // Another account's endpoint to this service is not the consumer's to accept.
    expect((await errorOf(consumer.send(new E.AcceptVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: [firstId] })))).name).toBe('InvalidVpcEndpointServiceId.NotFound');

    const blocked = await provider.send(new E.DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [serviceId] }));
    expect(blocked.Unsuccessful).toMatchObject([{ ResourceId: serviceId, Error: { Code: 'ExistingVpcEndpointConnections' } }]);
    await consumer.send(new E.DeleteVpcEndpointsCommand({ VpcEndpointIds: [firstId, secondId] }));
    expect((await provider.send(new E.DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [serviceId] }))).Unsuccessful).toEqual([]);
    expect((await provider.send(new E.DescribeVpcEndpointServiceConfigurationsCommand({}))).ServiceConfigurations).toEqual([]);
  });

  it('connects without acceptance when the service does not require it, and `*` allows everyone', async () => {
    const config = (await provider.send(new E.CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [NLB], AcceptanceRequired: false }))).ServiceConfiguration!;
    await provider.send(new E.ModifyVpcEndpointServicePermissionsCommand({ ServiceId: config.ServiceId!, AddAllowedPrincipals: ['*'] }));
    const strangerNet = await network(stranger, '10.60');
    const endpoint = await stranger.send(new E.CreateVpcEndpointCommand({ VpcEndpointType: 'Interface', VpcId: strangerNet.vpcId, ServiceName: config.ServiceName!, SubnetIds: strangerNet.subnets }));
    expect(endpoint.VpcEndpoint!.State).toBe('available');
    await provider.send(new E.ModifyVpcEndpointServiceConfigurationCommand({ ServiceId: config.ServiceId!, AcceptanceRequired: true, PrivateDnsName: 'orders.example.com' }));
    const modified = (await provider.send(new E.DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: [config.ServiceId!] }))).ServiceConfigurations![0]!;
    expect(modified).toMatchObject({ AcceptanceRequired: true, PrivateDnsName: 'orders.example.com', PrivateDnsNameConfiguration: { State: 'pendingVerification', Type: 'TXT' } });
  });
});

describe('endpoints to AWS services', () => {
  it('lists AWS\'s services and creates Gateway and Interface endpoints to them', async () => {
    const net = await network(provider, '10.70');
    const gateways = await provider.send(new E.DescribeVpcEndpointServicesCommand({ Filters: [{ Name: 'service-type', Values: ['Gateway'] }] }));
    expect(gateways.ServiceNames).toEqual(['com.amazonaws.us-east-1.dynamodb', 'com.amazonaws.us-east-1.s3']);
    const firstPage = await provider.send(new E.DescribeVpcEndpointServicesCommand({ MaxResults: 5 }));
    const secondPage = await provider.send(new E.DescribeVpcEndpointServicesCommand({ MaxResults: 5, NextToken: firstPage.NextToken }));
    expect([firstPage.ServiceDetails!.length, secondPage.ServiceDetails![0]!.ServiceName! > firstPage.ServiceDetails![4]!.ServiceName!]).toEqual([5, true]);
    expect((await errorOf(provider.send(new E.DescribeVpcEndpointServicesCommand({ NextToken: '5' })))).name).toBe('InvalidParameterValue');
    const s3 = await provider.send(new E.CreateVpcEndpointCommand({ VpcEndpointType: 'Gateway', VpcId: net.vpcId, ServiceName: 'com.amazonaws.us-east-1.s3', RouteTableIds: ['rtb-0123456789abcdef0'] }));
    expect(s3.VpcEndpoint).toMatchObject({ VpcEndpointType: 'Gateway', State: 'available', RouteTableIds: ['rtb-0123456789abcdef0'], DnsEntries: [] });
    const secrets = await provider.send(new E.CreateVpcEndpointCommand({ VpcEndpointType: 'Interface', VpcId: net.vpcId, ServiceName: 'com.amazonaws.us-east-1.secretsmanager', SubnetIds: net.subnets, SecurityGroupIds: [net.groupId] }));
    expect(secrets.VpcEndpoint).toMatchObject({ VpcEndpointType: 'Interface', PrivateDnsEnabled: true, Groups: [{ GroupId: net.groupId, GroupName: 'endpoints' }] });
    const wrongType = await errorOf(provider.send(new E.CreateVpcEndpointCommand({ VpcEndpointType: 'Gateway', VpcId: net.vpcId, ServiceName: 'com.amazonaws.us-east-1.secretsmanager' })));
    expect(wrongType.name).toBe('InvalidParameter');
    expect((await errorOf(provider.send(new E.CreateVpcEndpointCommand({ VpcEndpointType: 'Interface', VpcId: net.vpcId, ServiceName: 'com.amazonaws.us-east-1.nope', SubnetIds: net.subnets })))).name).toBe('InvalidServiceName');

    const id = secrets.VpcEndpoint!.VpcEndpointId!;
    expect((await provider.send(new E.ModifyVpcEndpointCommand({ VpcEndpointId: id, RemoveSubnetIds: [net.subnets[1]!], PolicyDocument: '{"Statement":[]}' }))).Return).toBe(true);
    const after = (await provider.send(new E.DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }))).VpcEndpoints![0]!;
    expect([after.SubnetIds, after.PolicyDocument, after.NetworkInterfaceIds!.length]).toEqual([[net.subnets[0]], '{"Statement":[]}', 1]);
    expect((await errorOf(provider.send(new E.ModifyVpcEndpointCommand({ VpcEndpointId: id, AddRouteTableIds: ['rtb-0123456789abcdef0'] })))).name).toBe('InvalidParameter');
    expect((await errorOf(provider.send(new E.ModifyVpcEndpointCommand({ VpcEndpointId: 'vpce-0123456789abcdef0' })))).name).toBe('InvalidVpcEndpointId.NotFound');
  });
});
