// EC2 (the subset Trellis uses): VPCs, subnets, security groups (network.ts), instances and
// zones; VPC endpoints of every type (Interface, Gateway, GatewayLoadBalancer, and the
// ServiceNetwork and Resource types that reach VPC Lattice); PrivateLink endpoint services,
// their permissions and connections (endpoint-services.ts).
import { loadModel } from '@/lib/models/loader';
import { describeIssues } from '@/lib/models';
import { ServiceError } from '../../protocols/errors';
import { dryRun, describe, ec2Error, endpointState, filterPredicate, tagsFor, type Filter } from './common';
import * as endpointServices from './endpoint-services';
import { ENDPOINT_SERVICE_KIND, reachableService, unknownServiceName, type EndpointType, type ReachableService } from './endpoint-services';
import * as network from './network';
import EC2_ACTIONS from './actions.json';
import type { StoredRecord } from '../../store/index';
import { accessOf, createRecord, isGone, listPage, newId, parseArn, requestDigest, statusOf, stableHex, sweepGone } from '../resources';
import { resourceConfigurationKind, resourceEndpointAssociationKind, serviceNetworkKind } from '../lattice/kinds';
import type { ErrorDialect, Handler, OperationContext, ServiceDefinition } from '../types';
import {
  INSTANCE_KIND, SECURITY_GROUP_KIND, SUBNET_KIND, VPC_ENDPOINT_KIND, VPC_KIND, ensureDefaultVpc, regionCode, zonesOf,
} from './inventory';

export * from './inventory';

/** Every action of EC2's full model (botocore), so an action outside the subset is told apart from a name EC2 does not have. */
const KNOWN_ACTIONS = new Set<string>(EC2_ACTIONS.actions);

export const ec2Errors: ErrorDialect = {
  validation(issues) {
    const missing = issues.find((i) => i.rule === 'Member must not be null');
    if (missing) return ec2Error('MissingParameter', `The request must contain the parameter ${missing.path}`);
    return ec2Error('InvalidParameterValue', describeIssues(issues));
  },
  cannotParse: (message) => ec2Error('InvalidParameterValue', message),
  // A real EC2 action lattice-local leaves out says so (UnsupportedOperation is an EC2 code);
  // a name EC2 does not have gets EC2's own answer.
  unknownOperation: (what) =>
    KNOWN_ACTIONS.has(what)
      ? ec2Error('UnsupportedOperation', `lattice-local does not implement ec2:${what}`)
      : ec2Error('InvalidAction', `The action ${what} is not valid for this web service.`),
  throttling: () => new ServiceError('RequestLimitExceeded', 'Request limit exceeded.', 503, {}, 1),
  internal: () => new ServiceError('InternalError', 'An internal error has occurred', 500, {}, 1),
  missingAuthentication: () => ec2Error('MissingAuthenticationToken', 'Request is missing Authentication Token', 401),
  unrecognizedClient: () => ec2Error('AuthFailure', 'AWS was not able to validate the provided access credentials', 401),
  invalidSignature: (message?: string) =>
    ec2Error(
      'SignatureDoesNotMatch',
      message ??
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      403,
    ),
  expiredToken: () => ec2Error('RequestExpired', 'Request has expired.', 400),
};

const describeVpcs: Handler = (ctx) => {
  const page = describe(ctx, VPC_KIND, ctx.input.VpcIds, 'InvalidVpcID.NotFound', 'vpc', {
    'vpc-id': (r) => r.VpcId,
    'cidr-block': (r) => r.CidrBlock,
    'cidr': (r) => r.CidrBlock,
    'is-default': (r) => r.IsDefault,
    'owner-id': (r) => r.OwnerId,
    'state': (r) => r.State,
  });
  return { Vpcs: page.items, NextToken: page.nextToken };
};

const describeSubnets: Handler = (ctx) => {
  const page = describe(ctx, SUBNET_KIND, ctx.input.SubnetIds, 'InvalidSubnetID.NotFound', 'subnet', {
    'subnet-id': (r) => r.SubnetId,
    'vpc-id': (r) => r.VpcId,
    'availability-zone': (r) => r.AvailabilityZone,
    'availability-zone-id': (r) => r.AvailabilityZoneId,
    'cidr-block': (r) => r.CidrBlock,
    'default-for-az': (r) => r.DefaultForAz,
    'owner-id': (r) => r.OwnerId,
    'state': (r) => r.State,
  });
  return { Subnets: page.items, NextToken: page.nextToken };
};

const describeSecurityGroups: Handler = (ctx) => {
  const names = ctx.input.GroupNames as string[] | undefined;
  const page = describe(ctx, SECURITY_GROUP_KIND, ctx.input.GroupIds, 'InvalidGroup.NotFound', 'security group', {
    'group-id': (r) => r.GroupId,
    'group-name': (r) => r.GroupName,
    'vpc-id': (r) => r.VpcId,
    'owner-id': (r) => r.OwnerId,
    'description': (r) => r.Description,
  });
  const items = names?.length ? page.items.filter((r) => names.includes(r.GroupName as string)) : page.items;
  return { SecurityGroups: items, NextToken: page.nextToken };
};

const describeInstances: Handler = (ctx) => {
  const page = describe(ctx, INSTANCE_KIND, ctx.input.InstanceIds, 'InvalidInstanceID.NotFound', 'instance', {
    'instance-id': (r) => r.InstanceId,
    'vpc-id': (r) => r.VpcId,
    'subnet-id': (r) => r.SubnetId,
    'instance-type': (r) => r.InstanceType,
    'instance-state-name': (r) => (r.State as { Name: string }).Name,
    'private-ip-address': (r) => r.PrivateIpAddress,
    'availability-zone': (r) => (r.Placement as { AvailabilityZone: string }).AvailabilityZone,
    'instance.group-id': (r) => (r.SecurityGroups as { GroupId: string }[]).map((g) => g.GroupId),
    'owner-id': (r) => r.account,
  });
  return {
    Reservations: page.items.map((r) => ({ ReservationId: r.reservationId, OwnerId: r.account, Groups: [], Instances: [r] })),
    NextToken: page.nextToken,
  };
};

const describeAvailabilityZones: Handler = (ctx) => {
  dryRun(ctx);
  const names = ctx.input.ZoneNames as string[] | undefined;
  const ids = ctx.input.ZoneIds as string[] | undefined;
  const zones = zonesOf(ctx.region).map((z) => ({
    key: z.name,
    kind: 'ec2:zone',
    account: ctx.account,
    region: ctx.region,
    seq: 0,
    ZoneName: z.name,
    ZoneId: z.id,
    RegionName: ctx.region,
    State: 'available',
    OptInStatus: 'opt-in-not-required',
    Messages: [],
    GroupName: ctx.region,
    NetworkBorderGroup: ctx.region,
    ZoneType: 'availability-zone',
  }));
  const keep = filterPredicate(ctx.input.Filters as Filter[] | undefined, {
    'zone-name': (r) => r.ZoneName,
    'zone-id': (r) => r.ZoneId,
    'region-name': (r) => r.RegionName,
    'state': (r) => r.State,
    'zone-type': (r) => r.ZoneType,
  });
  const unknown = [...(names ?? []).filter((n) => !zones.some((z) => z.ZoneName === n)), ...(ids ?? []).filter((n) => !zones.some((z) => z.ZoneId === n))];
  if (unknown.length) throw ec2Error('InvalidParameterValue', `Invalid availability zone: [${unknown.join(', ')}]`);
  return {
    AvailabilityZones: zones.filter((z) => (!names?.length || names.includes(z.ZoneName)) && (!ids?.length || ids.includes(z.ZoneId)) && keep(z)),
  };
};

function endpointView(ctx: OperationContext, record: StoredRecord): Record<string, unknown> {
  return { ...record, State: endpointState(record, ctx.now) };
}

const describeVpcEndpoints: Handler = (ctx) => {
  const page = describe(ctx, VPC_ENDPOINT_KIND, ctx.input.VpcEndpointIds, 'InvalidVpcEndpointId.NotFound', 'VPC endpoint', {
    'vpc-endpoint-id': (r) => r.VpcEndpointId,
    'vpc-id': (r) => r.VpcId,
    'vpc-endpoint-type': (r) => r.VpcEndpointType,
    'vpc-endpoint-state': (r) => endpointState(r, ctx.now),
    'service-name': (r) => r.ServiceName,
    'service-region': (r) => r.ServiceRegion ?? r.region,
    'ip-address-type': (r) => r.IpAddressType,
  });
  return { VpcEndpoints: page.items.map((r) => endpointView(ctx, r)), NextToken: page.nextToken };
};

/** A Lattice resource the caller owns or was shared (and accepted), by ARN. */
function latticeTarget(ctx: OperationContext, arn: string, kind: string, member: string): StoredRecord {
  const record = ctx.store.get(arn);
  if (!record || record.kind !== kind || isGone(record, ctx.now) || accessOf(ctx, record) === 'none' || accessOf(ctx, record) === 'party') {
    const parsed = parseArn(arn);
    throw ec2Error('InvalidParameterValue', `${member} ${arn} does not exist or is not shared with account ${ctx.account}${parsed && parsed.region !== ctx.region ? ` in ${ctx.region}` : ''}`);
  }
  return record;
}

const createVpcEndpoint: Handler = (ctx) => {
  dryRun(ctx);
  const input = ctx.input as {
    VpcEndpointType?: string; VpcId: string; ServiceName?: string; SubnetIds?: string[]; SecurityGroupIds?: string[];
    ServiceNetworkArn?: string; ResourceConfigurationArn?: string; ClientToken?: string; PrivateDnsEnabled?: boolean;
    IpAddressType?: string; PolicyDocument?: string; RouteTableIds?: string[];
    TagSpecifications?: { ResourceType?: string; Tags?: { Key?: string; Value?: string }[] }[];
    DnsOptions?: { DnsRecordIpType?: string; PrivateDnsOnlyForInboundResolverEndpoint?: boolean };
  };
  if (input.ClientToken) {
    const previous = ctx.store.byIndex(VPC_ENDPOINT_KIND, 'token', `${ctx.scope}:${input.ClientToken}`).find((r) => !isGone(r, ctx.now));
    if (previous) {
      if (previous.requestDigest !== requestDigest(ctx.input)) {
        throw ec2Error('IdempotentParameterMismatch', 'The client token you have provided is associated with a resource that is already deleted or has different parameters.');
      }
      return { VpcEndpoint: endpointView(ctx, previous), ClientToken: input.ClientToken };
    }
  }
  const type = input.VpcEndpointType ?? 'Gateway';
  ensureDefaultVpc(ctx.store, ctx.account, ctx.region);
  const vpc = ctx.store.byIndex(VPC_KIND, 'id', input.VpcId).find((v) => v.account === ctx.account && v.region === ctx.region);
  if (!vpc) throw ec2Error('InvalidVpcId.NotFound', `The Vpc Id '${input.VpcId}' does not exist`);
  const subnetIds = input.SubnetIds ?? [];
  for (const subnetId of subnetIds) {
    const subnet = ctx.store.byIndex(SUBNET_KIND, 'id', subnetId).find((s) => s.account === ctx.account && s.region === ctx.region);
    if (!subnet) throw ec2Error('InvalidSubnetID.NotFound', `The subnet ID '${subnetId}' does not exist`);
    if (subnet.VpcId !== vpc.id) throw ec2Error('InvalidParameter', `The subnet ${subnetId} does not belong to ${vpc.id}`);
  }
  const groups = (input.SecurityGroupIds ?? []).map((groupId) => {
    const group = ctx.store.byIndex(SECURITY_GROUP_KIND, 'id', groupId).find((g) => g.account === ctx.account && g.region === ctx.region);
    if (!group) throw ec2Error('InvalidGroup.NotFound', `The security group '${groupId}' does not exist`);
    return { GroupId: groupId, GroupName: group.GroupName };
  });
  if (type === 'ServiceNetwork' || type === 'Resource') {
    if (subnetIds.length === 0) throw ec2Error('InvalidParameter', `SubnetIds must be specified for a ${type} VPC endpoint`);
    if (input.ServiceName) throw ec2Error('InvalidParameter', `ServiceName cannot be specified for a ${type} VPC endpoint`);
  }
  let serviceNetwork: StoredRecord | undefined;
  let resourceConfiguration: StoredRecord | undefined;
  if (type === 'ServiceNetwork') {
    if (!input.ServiceNetworkArn) throw ec2Error('MissingParameter', 'The request must contain the parameter ServiceNetworkArn');
    serviceNetwork = latticeTarget(ctx, input.ServiceNetworkArn, serviceNetworkKind.kind, 'ServiceNetworkArn');
    const limit = ctx.config.quotas['L-89DEA27F'];
    const existing = ctx.store.byIndex(VPC_ENDPOINT_KIND, 'serviceNetwork', serviceNetwork.arn as string).filter((r) => statusOf(r, ctx.now) !== 'GONE' && statusOf(r, ctx.now) !== 'DELETE_IN_PROGRESS');
    if (limit !== undefined && existing.length >= limit) {
      throw ec2Error('VpcEndpointLimitExceeded', `The maximum number of VPC endpoints (${limit}) for service network ${serviceNetwork.id} has been reached.`);
    }
  } else if (type === 'Resource') {
    if (!input.ResourceConfigurationArn) throw ec2Error('MissingParameter', 'The request must contain the parameter ResourceConfigurationArn');
    resourceConfiguration = latticeTarget(ctx, input.ResourceConfigurationArn, resourceConfigurationKind.kind, 'ResourceConfigurationArn');
    if (resourceConfiguration.type === 'CHILD') throw ec2Error('InvalidParameter', 'A CHILD resource configuration cannot be used by a VPC endpoint; use its group');
  } else if (!input.ServiceName) {
    throw ec2Error('MissingParameter', 'The request must contain the parameter ServiceName');
  }
  // Interface, Gateway and GatewayLoadBalancer endpoints reach a service by name: one of AWS's,
  // or an endpoint service whose owner allowed the caller (else EC2 says it does not exist).
  let target: ReachableService | undefined;
  if (input.ServiceName) {
    target = reachableService(ctx, input.ServiceName);
    if (!target) throw unknownServiceName(input.ServiceName);
    if (!target.types.includes(type as EndpointType)) {
      throw ec2Error('InvalidParameter', `The Vpc Endpoint Service '${input.ServiceName}' does not support VPC endpoint type ${type}.`);
    }
    if (type === 'Gateway' && (subnetIds.length || groups.length)) throw ec2Error('InvalidParameter', 'SubnetIds and SecurityGroupIds cannot be specified for a Gateway VPC endpoint');
    if (type !== 'Gateway' && input.RouteTableIds?.length) throw ec2Error('InvalidParameter', `RouteTableIds cannot be specified for a ${type} VPC endpoint`);
    if (input.PrivateDnsEnabled && !target.PrivateDnsName) {
      throw ec2Error('InvalidParameter', `Private DNS can't be enabled because the service ${input.ServiceName} does not provide a private DNS name.`);
    }
  }
  const endpointService = target?.record;
  // With AcceptanceRequired, a connection from another account waits for the owner to accept it.
  const awaitsAcceptance = !!endpointService && endpointService.AcceptanceRequired === true && endpointService.account !== ctx.account;

  const vpcEndpointId = newId('vpce', 'hex');
  const tags = tagsFor(ctx, 'vpc-endpoint');
  const dnsSuffix = target ? target.baseDns : `${ctx.region}.vpce.amazonaws.com`;
  const record = ctx.store.put({
    key: `arn:aws:ec2:${ctx.region}:${ctx.account}:vpc-endpoint/${vpcEndpointId}`,
    kind: VPC_ENDPOINT_KIND,
    account: ctx.account,
    region: ctx.region,
    id: vpcEndpointId,
    createdAt: ctx.now,
    activeAt: ctx.now + ctx.config.activationDelayMs,
    ...(input.ClientToken ? { clientToken: input.ClientToken, requestDigest: requestDigest(ctx.input) } : {}),
    VpcEndpointId: vpcEndpointId,
    VpcEndpointType: type,
    VpcId: vpc.id,
    ServiceName: input.ServiceName,
    ...(endpointService
      ? { endpointService: endpointService.key, VpcEndpointConnectionId: newId('vpce-con', 'hex'), ...(awaitsAcceptance ? { State: 'pendingAcceptance' } : {}) }
      : {}),
    ServiceNetworkArn: serviceNetwork?.arn,
    ResourceConfigurationArn: resourceConfiguration?.arn,
    PolicyDocument: input.PolicyDocument,
    RouteTableIds: input.RouteTableIds ?? [],
    SubnetIds: subnetIds,
    Groups: groups,
    IpAddressType: input.IpAddressType ?? 'ipv4',
    DnsOptions: { DnsRecordIpType: input.DnsOptions?.DnsRecordIpType ?? 'ipv4' },
    PrivateDnsEnabled: input.PrivateDnsEnabled ?? (type === 'ServiceNetwork' || type === 'Resource' || (type === 'Interface' && !!target?.PrivateDnsName)),
    RequesterManaged: false,
    NetworkInterfaceIds: subnetIds.map((s) => `eni-${stableHex(`${vpcEndpointId}|${s}`, 17)}`),
    DnsEntries:
      type === 'Gateway'
        ? []
        : [{ DnsName: `${vpcEndpointId}-${stableHex(vpcEndpointId, 8)}.${dnsSuffix}`, HostedZoneId: `Z${stableHex(`zone|${ctx.region}`, 13).toUpperCase()}` }],
    CreationTimestamp: ctx.now,
    Tags: tags,
    OwnerId: ctx.account,
  });
  if (resourceConfiguration) {
    createRecord(
      { ...ctx, input: {} },
      resourceEndpointAssociationKind,
      {
        resourceConfigurationId: resourceConfiguration.id,
        resourceConfigurationArn: resourceConfiguration.arn,
        resourceConfigurationName: resourceConfiguration.name,
        vpcEndpointId,
        vpcEndpointOwner: ctx.account,
        createdBy: ctx.account,
      },
      { visibleTo: [`${resourceConfiguration.account}:${resourceConfiguration.region}`] },
    );
  }
  return { VpcEndpoint: endpointView(ctx, record), ClientToken: input.ClientToken };
};

function ownSubnetIn(ctx: OperationContext, vpcId: string, subnetId: string): StoredRecord {
  const subnet = ctx.store.byIndex(SUBNET_KIND, 'id', subnetId).find((s) => s.account === ctx.account && s.region === ctx.region);
  if (!subnet) throw ec2Error('InvalidSubnetID.NotFound', `The subnet ID '${subnetId}' does not exist`);
  if (subnet.VpcId !== vpcId) throw ec2Error('InvalidParameter', `The subnet ${subnetId} does not belong to ${vpcId}`);
  return subnet;
}

const modifyVpcEndpoint: Handler = (ctx) => {
  dryRun(ctx);
  const input = ctx.input as {
    VpcEndpointId: string; ResetPolicy?: boolean; PolicyDocument?: string; AddRouteTableIds?: string[]; RemoveRouteTableIds?: string[];
    AddSubnetIds?: string[]; RemoveSubnetIds?: string[]; AddSecurityGroupIds?: string[]; RemoveSecurityGroupIds?: string[];
    IpAddressType?: string; DnsOptions?: { DnsRecordIpType?: string }; PrivateDnsEnabled?: boolean;
  };
  const record = ctx.store.byIndex(VPC_ENDPOINT_KIND, 'id', input.VpcEndpointId).find((r) => r.account === ctx.account && r.region === ctx.region && !isGone(r, ctx.now));
  if (!record) throw ec2Error('InvalidVpcEndpointId.NotFound', `The Vpc Endpoint Id '${input.VpcEndpointId}' does not exist`);
  if (statusOf(record, ctx.now) === 'DELETE_IN_PROGRESS') throw ec2Error('IncorrectState', `The VPC endpoint ${record.id as string} is being deleted.`);
  const type = record.VpcEndpointType as string;
  if (input.ResetPolicy && input.PolicyDocument) throw ec2Error('InvalidParameter', 'PolicyDocument and ResetPolicy cannot both be specified.');
  if ((input.AddRouteTableIds?.length || input.RemoveRouteTableIds?.length) && type !== 'Gateway') {
    throw ec2Error('InvalidParameter', `Route tables can only be modified on a Gateway VPC endpoint, not ${type}.`);
  }
  if ((input.AddSubnetIds?.length || input.AddSecurityGroupIds?.length) && type === 'Gateway') {
    throw ec2Error('InvalidParameter', 'Subnets and security groups cannot be added to a Gateway VPC endpoint.');
  }
  if (input.PolicyDocument !== undefined && (type === 'ServiceNetwork' || type === 'Resource')) {
    throw ec2Error('InvalidParameter', `A policy cannot be attached to a ${type} VPC endpoint.`);
  }
  for (const subnetId of input.AddSubnetIds ?? []) ownSubnetIn(ctx, record.VpcId as string, subnetId);
  const subnets = [...new Set([...(record.SubnetIds as string[]).filter((s) => !(input.RemoveSubnetIds ?? []).includes(s)), ...(input.AddSubnetIds ?? [])])];
  const zones = subnets.map((s) => ctx.store.byIndex(SUBNET_KIND, 'id', s).find((x) => x.account === ctx.account)?.AvailabilityZone);
  if (new Set(zones).size !== zones.length) throw ec2Error('DuplicateSubnetsInSameZone', 'Found another VPC endpoint subnet in the availability zone. VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service.');
  if (type !== 'Gateway' && subnets.length === 0 && (type === 'ServiceNetwork' || type === 'Resource')) throw ec2Error('InvalidParameter', `A ${type} VPC endpoint needs at least one subnet.`);
  const added = (input.AddSecurityGroupIds ?? []).map((groupId) => {
    const group = ctx.store.byIndex(SECURITY_GROUP_KIND, 'id', groupId).find((g) => g.account === ctx.account && g.region === ctx.region);
    if (!group) throw ec2Error('InvalidGroup.NotFound', `The security group '${groupId}' does not exist`);
    if (group.VpcId !== record.VpcId) throw ec2Error('InvalidParameter', `The security group ${groupId} does not belong to ${record.VpcId as string}`);
    return { GroupId: groupId, GroupName: group.GroupName };
  });
  const groups = [...(record.Groups as { GroupId: string }[]).filter((g) => !(input.RemoveSecurityGroupIds ?? []).includes(g.GroupId)), ...added.filter((g) => !(record.Groups as { GroupId: string }[]).some((x) => x.GroupId === g.GroupId))];
  const routeTables = [...new Set([...(record.RouteTableIds as string[]).filter((r) => !(input.RemoveRouteTableIds ?? []).includes(r)), ...(input.AddRouteTableIds ?? [])])];
  ctx.store.put({
    ...record,
    PolicyDocument: input.ResetPolicy ? undefined : (input.PolicyDocument ?? record.PolicyDocument),
    SubnetIds: subnets,
    NetworkInterfaceIds: subnets.map((s) => `eni-${stableHex(`${record.id as string}|${s}`, 17)}`),
    Groups: groups,
    RouteTableIds: routeTables,
    IpAddressType: input.IpAddressType ?? record.IpAddressType,
    DnsOptions: input.DnsOptions?.DnsRecordIpType ? { DnsRecordIpType: input.DnsOptions.DnsRecordIpType } : record.DnsOptions,
    PrivateDnsEnabled: input.PrivateDnsEnabled ?? record.PrivateDnsEnabled,
    LastModified: ctx.now,
  });
  return { Return: true };
};

const deleteVpcEndpoints: Handler = (ctx) => {
  dryRun(ctx);
  const unsuccessful: unknown[] = [];
  for (const id of ctx.input.VpcEndpointIds as string[]) {
    const record = ctx.store.byIndex(VPC_ENDPOINT_KIND, 'id', id).find((r) => r.account === ctx.account && r.region === ctx.region && !isGone(r, ctx.now));
    if (!record) {
      unsuccessful.push({ ResourceId: id, Error: { Code: 'InvalidVpcEndpoint.NotFound', Message: `The VpcEndpoint Id '${id}' does not exist` } });
      continue;
    }
    if (statusOf(record, ctx.now) === 'DELETE_IN_PROGRESS') continue;
    for (const association of ctx.store.byIndex(resourceEndpointAssociationKind.kind, 'vpcEndpoint', id)) ctx.store.remove(association.key);
    const delay = ctx.config.activationDelayMs;
    if (delay === 0) ctx.store.remove(record.key);
    else ctx.store.put({ ...record, deletingAt: ctx.now, goneAt: ctx.now + delay, clientToken: undefined });
  }
  return { Unsuccessful: unsuccessful };
};

export const ec2Service: ServiceDefinition = {
  name: 'ec2',
  signingName: 'ec2',
  protocol: 'ec2',
  model: loadModel('ec2-subset'),
  handlers: {
    DescribeVpcs: describeVpcs,
    DescribeSubnets: describeSubnets,
    DescribeSecurityGroups: describeSecurityGroups,
    DescribeInstances: describeInstances,
    DescribeAvailabilityZones: describeAvailabilityZones,
    DescribeVpcEndpoints: describeVpcEndpoints,
    CreateVpcEndpoint: createVpcEndpoint,
    ModifyVpcEndpoint: modifyVpcEndpoint,
    DeleteVpcEndpoints: deleteVpcEndpoints,
    CreateVpc: network.createVpcHandler,
    DeleteVpc: network.deleteVpcHandler,
    CreateSubnet: network.createSubnetHandler,
    DeleteSubnet: network.deleteSubnetHandler,
    CreateSecurityGroup: network.createSecurityGroupHandler,
    DeleteSecurityGroup: network.deleteSecurityGroupHandler,
    DescribeVpcEndpointServices: endpointServices.describeVpcEndpointServices,
    DescribeVpcEndpointServiceConfigurations: endpointServices.describeVpcEndpointServiceConfigurations,
    CreateVpcEndpointServiceConfiguration: endpointServices.createVpcEndpointServiceConfiguration,
    ModifyVpcEndpointServiceConfiguration: endpointServices.modifyVpcEndpointServiceConfiguration,
    DeleteVpcEndpointServiceConfigurations: endpointServices.deleteVpcEndpointServiceConfigurations,
    DescribeVpcEndpointServicePermissions: endpointServices.describeVpcEndpointServicePermissions,
    ModifyVpcEndpointServicePermissions: endpointServices.modifyVpcEndpointServicePermissions,
    DescribeVpcEndpointConnections: endpointServices.describeVpcEndpointConnections,
    AcceptVpcEndpointConnections: endpointServices.acceptVpcEndpointConnections,
    RejectVpcEndpointConnections: endpointServices.rejectVpcEndpointConnections,
  },
  errors: ec2Errors,
  kinds: {
    [VPC_KIND]: { indexes: { id: (r) => r.id as string } },
    [SUBNET_KIND]: { indexes: { id: (r) => r.id as string, vpc: (r) => r.VpcId as string } },
    [SECURITY_GROUP_KIND]: { indexes: { id: (r) => r.id as string } },
    [INSTANCE_KIND]: { indexes: { id: (r) => r.id as string } },
    [VPC_ENDPOINT_KIND]: {
      indexes: {
        id: (r) => r.id as string,
        token: (r) => (r.clientToken ? `${r.account}:${r.region}:${r.clientToken}` : undefined),
        serviceNetwork: (r) => r.ServiceNetworkArn as string | undefined,
        endpointService: (r) => r.endpointService as string | undefined,
        leaving: (r) => (r.goneAt !== undefined ? 'yes' : undefined),
      },
    },
    [ENDPOINT_SERVICE_KIND]: {
      indexes: {
        name: (r) => r.ServiceName as string,
        token: (r) => (r.clientToken ? `${r.account}:${r.region}:${r.clientToken}` : undefined),
      },
    },
  },
  sweep: (local, now) => sweepGone(local.store, [VPC_ENDPOINT_KIND], now),
};

export { regionCode };
