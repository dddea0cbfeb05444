// Building a VPC through the API: CreateVpc, CreateSubnet, CreateSecurityGroup and their deletes,
// with EC2's CIDR rules, dependency checks and error codes.
import type { StoredRecord } from '../../store/index';
import { isGone } from '../resources';
import { resourceGatewayKind, serviceNetworkVpcAssociationKind } from '../lattice/kinds';
import type { Handler, OperationContext } from '../types';
import { cidrContains, cidrOverlaps, dryRun, ec2Error, parseCidr, tagsFor } from './common';
import {
  INSTANCE_KIND, SECURITY_GROUP_KIND, SUBNET_KIND, VPC_ENDPOINT_KIND, VPC_KIND, createSecurityGroup, createSubnet, createVpc, findVpc, zonesOf,
} from './inventory';

const inScope = (ctx: OperationContext) => (r: StoredRecord) => r.account === ctx.account && r.region === ctx.region;

function ownVpc(ctx: OperationContext, vpcId: string): StoredRecord {
  const vpc = findVpc(ctx.store, ctx.account, ctx.region, vpcId);
  if (!vpc) throw ec2Error('InvalidVpcID.NotFound', `The vpc ID '${vpcId}' does not exist`);
  return vpc;
}

/** A VPC's default security group, created with it (EC2 creates one named `default` per VPC). */
const defaultGroupOf = (ctx: OperationContext, vpcId: string) =>
  ctx.store.byIndex(SECURITY_GROUP_KIND, 'scope', ctx.scope).find((g) => g.VpcId === vpcId && g.GroupName === 'default');

export const createVpcHandler: Handler = (ctx) => {
  dryRun(ctx);
  const input = ctx.input as { CidrBlock?: string; Ipv4IpamPoolId?: string; InstanceTenancy?: string };
  if (input.Ipv4IpamPoolId) throw ec2Error('InvalidIpamPoolId.NotFound', `The ipam pool ID '${input.Ipv4IpamPoolId}' does not exist`);
  if (!input.CidrBlock) throw ec2Error('MissingParameter', "Either 'cidrBlock' or 'ipv4IpamPoolId' should be provided.");
  const cidr = parseCidr(input.CidrBlock);
  // A VPC's IPv4 block is between /16 and /28 (Amazon VPC User Guide, "VPC CIDR blocks").
  if (!cidr || cidr.bits < 16 || cidr.bits > 28) throw ec2Error('InvalidVpc.Range', `The CIDR '${input.CidrBlock}' is invalid.`);
  const tags = tagsFor(ctx, 'vpc');
  const vpc = createVpc(ctx.store, { account: ctx.account, region: ctx.region, cidrBlock: input.CidrBlock });
  const stored = ctx.store.put({ ...vpc, Tags: tags, InstanceTenancy: input.InstanceTenancy ?? 'default' });
  createSecurityGroup(ctx.store, { account: ctx.account, region: ctx.region, vpcId: vpc.id as string, groupName: 'default', description: 'default VPC security group' });
  // CreateVpc answers `pending`; the VPC is available by the next call (aws-cli's create-vpc example).
  return { Vpc: { ...stored, State: 'pending' } };
};

export const deleteVpcHandler: Handler = (ctx) => {
  dryRun(ctx);
  const vpc = ownVpc(ctx, ctx.input.VpcId as string);
  const vpcId = vpc.id as string;
  const scoped = `${ctx.scope}:${vpcId}`;
  const dependents = [
    ...ctx.store.byIndex(SUBNET_KIND, 'vpc', vpcId).filter(inScope(ctx)),
    ...ctx.store.byIndex(SECURITY_GROUP_KIND, 'scope', ctx.scope).filter((g) => g.VpcId === vpcId && g.GroupName !== 'default'),
    ...ctx.store.byIndex(VPC_ENDPOINT_KIND, 'scope', ctx.scope).filter((e) => e.VpcId === vpcId && !isGone(e, ctx.now)),
    ...ctx.store.byIndex(serviceNetworkVpcAssociationKind.kind, 'vpc', scoped).filter((r) => !isGone(r, ctx.now)),
    ...ctx.store.byIndex(resourceGatewayKind.kind, 'vpc', scoped).filter((r) => !isGone(r, ctx.now)),
  ];
  if (dependents.length) throw ec2Error('DependencyViolation', `The vpc '${vpcId}' has dependencies and cannot be deleted.`);
  const group = defaultGroupOf(ctx, vpcId);
  if (group) ctx.store.remove(group.key);
  ctx.store.remove(vpc.key);
  return {};
};

export const createSubnetHandler: Handler = (ctx) => {
  dryRun(ctx);
  const input = ctx.input as { VpcId: string; CidrBlock?: string; AvailabilityZone?: string; AvailabilityZoneId?: string; Ipv4IpamPoolId?: string };
  const vpc = ownVpc(ctx, input.VpcId);
  if (!input.CidrBlock) throw ec2Error('MissingParameter', "Either 'cidrBlock' or 'ipv4IpamPoolId' should be provided.");
  const cidr = parseCidr(input.CidrBlock);
  const vpcCidr = parseCidr(vpc.CidrBlock as string)!;
  // A subnet's block is /16 to /28 and inside its VPC's (Amazon VPC User Guide, "Subnet CIDR blocks").
  if (!cidr || cidr.bits < 16 || cidr.bits > 28 || !cidrContains(vpcCidr, cidr)) throw ec2Error('InvalidSubnet.Range', `The CIDR '${input.CidrBlock}' is invalid.`);
  const siblings = ctx.store.byIndex(SUBNET_KIND, 'vpc', vpc.id as string).filter(inScope(ctx));
  if (siblings.some((s) => cidrOverlaps(parseCidr(s.CidrBlock as string)!, cidr))) {
    throw ec2Error('InvalidSubnet.Conflict', `The CIDR '${input.CidrBlock}' conflicts with another subnet`);
  }
  const zones = zonesOf(ctx.region);
  let zone = zones[0]!;
  if (input.AvailabilityZone !== undefined || input.AvailabilityZoneId !== undefined) {
    const found = zones.find((z) => (input.AvailabilityZone === undefined || z.name === input.AvailabilityZone) && (input.AvailabilityZoneId === undefined || z.id === input.AvailabilityZoneId));
    if (!found) {
      const [param, value] = input.AvailabilityZone !== undefined ? ['availabilityZone', input.AvailabilityZone] : ['availabilityZoneId', input.AvailabilityZoneId];
      throw ec2Error(
        'InvalidParameterValue',
        `Value (${value}) for parameter ${param} is invalid. Subnets can currently only be created in the following availability zones: ${zones.map((z) => (param === 'availabilityZone' ? z.name : z.id)).join(', ')}.`,
      );
    }
    zone = found;
  }
  const tags = tagsFor(ctx, 'subnet');
  const subnet = createSubnet(ctx.store, { account: ctx.account, region: ctx.region, vpcId: vpc.id as string, cidrBlock: input.CidrBlock, availabilityZone: zone.name });
  const stored = ctx.store.put({ ...subnet, Tags: tags });
  return { Subnet: { ...stored, State: 'pending' } };
};

export const deleteSubnetHandler: Handler = (ctx) => {
  dryRun(ctx);
  const subnetId = ctx.input.SubnetId as string;
  const subnet = ctx.store.byIndex(SUBNET_KIND, 'id', subnetId).find(inScope(ctx));
  if (!subnet) throw ec2Error('InvalidSubnetID.NotFound', `The subnet ID '${subnetId}' does not exist`);
  const used =
    ctx.store.byIndex(INSTANCE_KIND, 'scope', ctx.scope).some((i) => i.SubnetId === subnetId) ||
    ctx.store.byIndex(VPC_ENDPOINT_KIND, 'scope', ctx.scope).some((e) => !isGone(e, ctx.now) && (e.SubnetIds as string[]).includes(subnetId));
  if (used) throw ec2Error('DependencyViolation', `The subnet '${subnetId}' has dependencies and cannot be deleted.`);
  ctx.store.remove(subnet.key);
  return {};
};

export const createSecurityGroupHandler: Handler = (ctx) => {
  dryRun(ctx);
  const input = ctx.input as { GroupName: string; Description: string; VpcId?: string };
  const vpc = input.VpcId ? ownVpc(ctx, input.VpcId) : findVpc(ctx.store, ctx.account, ctx.region, ctx.store.byIndex(VPC_KIND, 'scope', ctx.scope).find((v) => v.IsDefault)?.id as string);
  if (!vpc) throw ec2Error('VPCIdNotSpecified', 'No default VPC for this user');
  if (/^sg-/i.test(input.GroupName)) throw ec2Error('InvalidParameterValue', `Value (${input.GroupName}) for parameter GroupName is invalid. Group names may not be in the format sg-*.`);
  const duplicate = ctx.store.byIndex(SECURITY_GROUP_KIND, 'scope', ctx.scope).some((g) => g.VpcId === vpc.id && g.GroupName === input.GroupName);
  if (duplicate) throw ec2Error('InvalidGroup.Duplicate', `The security group '${input.GroupName}' already exists for VPC '${vpc.id as string}'`);
  const tags = tagsFor(ctx, 'security-group');
  const group = createSecurityGroup(ctx.store, { account: ctx.account, region: ctx.region, vpcId: vpc.id as string, groupName: input.GroupName, description: input.Description });
  const stored = ctx.store.put({ ...group, Tags: tags });
  return { GroupId: stored.GroupId, SecurityGroupArn: stored.SecurityGroupArn, Tags: tags.length ? tags : undefined };
};

export const deleteSecurityGroupHandler: Handler = (ctx) => {
  dryRun(ctx);
  const input = ctx.input as { GroupId?: string; GroupName?: string };
  const groups = ctx.store.byIndex(SECURITY_GROUP_KIND, 'scope', ctx.scope);
  let group: StoredRecord | undefined;
  if (input.GroupId) {
    group = groups.find((g) => g.GroupId === input.GroupId);
    if (!group) throw ec2Error('InvalidGroup.NotFound', `The security group '${input.GroupId}' does not exist`);
  } else if (input.GroupName) {
    // By name only in the default VPC, as EC2 resolves names.
    const defaultVpc = ctx.store.byIndex(VPC_KIND, 'scope', ctx.scope).find((v) => v.IsDefault);
    group = groups.find((g) => g.GroupName === input.GroupName && g.VpcId === defaultVpc?.id);
    if (!group) throw ec2Error('InvalidGroup.NotFound', `The security group '${input.GroupName}' does not exist in default VPC '${defaultVpc?.id as string}'`);
  } else {
    throw ec2Error('MissingParameter', 'The request must contain the parameter groupName or groupId');
  }
  const groupId = group.GroupId as string;
  if (group.GroupName === 'default') throw ec2Error('CannotDelete', `the specified group: "${groupId}" name: "default" cannot be deleted by a user`);
  const used =
    ctx.store.byIndex(INSTANCE_KIND, 'scope', ctx.scope).some((i) => (i.SecurityGroups as { GroupId: string }[]).some((g) => g.GroupId === groupId)) ||
    ctx.store.byIndex(VPC_ENDPOINT_KIND, 'scope', ctx.scope).some((e) => !isGone(e, ctx.now) && (e.Groups as { GroupId: string }[]).some((g) => g.GroupId === groupId)) ||
    ctx.store.byIndex(serviceNetworkVpcAssociationKind.kind, 'scope', ctx.scope).some((a) => !isGone(a, ctx.now) && ((a.securityGroupIds as string[] | undefined) ?? []).includes(groupId));
  if (used) throw ec2Error('DependencyViolation', `resource ${groupId} has a dependent object`);
  ctx.store.remove(group.key);
  return { Return: true, GroupId: groupId };
};
