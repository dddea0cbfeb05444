// EC2 inventory that Lattice attaches to: VPCs, subnets, security groups, instances. Seeds and
// tests write it with these helpers (no API in the subset launches instances; CreateVpc and its
// kin build on them), and every account has a default VPC in every Region (with a subnet per
// zone and a default security group), as on AWS.
import type { NewRecord, StoredRecord, Store } from '../../store/index';
import { newId, stableHex } from '../resources';

export const VPC_KIND = 'ec2:vpc';
export const SUBNET_KIND = 'ec2:subnet';
export const SECURITY_GROUP_KIND = 'ec2:security-group';
export const INSTANCE_KIND = 'ec2:instance';
export const VPC_ENDPOINT_KIND = 'ec2:vpc-endpoint';

export type Tags = Record<string, string>;

const ec2Arn = (region: string, account: string, resource: string) => `arn:aws:ec2:${region}:${account}:${resource}`;

const tagList = (tags: Tags | undefined) => Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));

const DIRECTIONS: Record<string, string> = {
  northeast: 'ne', southeast: 'se', northwest: 'nw', southwest: 'sw', north: 'n', south: 's', east: 'e', west: 'w', central: 'c',
};

/** `us-east-1` → `use1`, the prefix of zone ids (`use1-az1`). */
export function regionCode(region: string): string {
  const [area, direction, number] = region.split('-');
  return `${area ?? ''}${DIRECTIONS[direction ?? ''] ?? (direction ?? '').slice(0, 1)}${number ?? ''}`;
}

/**
 * Availability zones per Region where AWS lists more than three: us-east-1 has six (a–f,
 * use1-az1…az6) and us-west-2 four (AWS's Regions and Availability Zones listing). Other
 * Regions get three.
 */
const ZONE_COUNTS: Record<string, number> = { 'us-east-1': 6, 'us-west-2': 4 };

export const zonesOf = (region: string) =>
  'abcdef'
    .slice(0, ZONE_COUNTS[region] ?? 3)
    .split('')
    .map((letter, i) => ({ name: `${region}${letter}`, id: `${regionCode(region)}-az${i + 1}` }));

function put(store: Store, record: NewRecord): StoredRecord {
  return store.transaction(() => store.put(record));
}

export interface VpcInput {
  account: string;
  region: string;
  cidrBlock?: string;
  tags?: Tags;
  isDefault?: boolean;
  vpcId?: string;
}

export function createVpc(store: Store, input: VpcInput): StoredRecord {
  const vpcId = input.vpcId ?? newId('vpc', 'hex');
  const cidr = input.cidrBlock ?? '10.0.0.0/16';
  return put(store, {
    key: ec2Arn(input.region, input.account, `vpc/${vpcId}`),
    kind: VPC_KIND,
    account: input.account,
    region: input.region,
    id: vpcId,
    createdAt: Date.now(),
    VpcId: vpcId,
    OwnerId: input.account,
    CidrBlock: cidr,
    State: 'available',
    InstanceTenancy: 'default',
    IsDefault: input.isDefault ?? false,
    DhcpOptionsId: `dopt-${stableHex(input.account + input.region, 17)}`,
    CidrBlockAssociationSet: [{ AssociationId: `vpc-cidr-assoc-${stableHex(vpcId, 17)}`, CidrBlock: cidr, CidrBlockState: { State: 'associated' } }],
    Tags: tagList(input.tags),
  });
}

export interface SubnetInput {
  account: string;
  region: string;
  vpcId: string;
  cidrBlock: string;
  availabilityZone?: string;
  tags?: Tags;
  defaultForAz?: boolean;
  subnetId?: string;
}

export function createSubnet(store: Store, input: SubnetInput): StoredRecord {
  const subnetId = input.subnetId ?? newId('subnet', 'hex');
  const zones = zonesOf(input.region);
  const zone = zones.find((z) => z.name === input.availabilityZone) ?? zones[0]!;
  const prefix = Number(input.cidrBlock.split('/')[1] ?? 24);
  const arn = ec2Arn(input.region, input.account, `subnet/${subnetId}`);
  return put(store, {
    key: arn,
    kind: SUBNET_KIND,
    account: input.account,
    region: input.region,
    id: subnetId,
    createdAt: Date.now(),
    SubnetId: subnetId,
    SubnetArn: arn,
    VpcId: input.vpcId,
    CidrBlock: input.cidrBlock,
    AvailabilityZone: zone.name,
    AvailabilityZoneId: zone.id,
    AvailableIpAddressCount: Math.max(0, 2 ** (32 - prefix) - 5),
    State: 'available',
    DefaultForAz: input.defaultForAz ?? false,
    MapPublicIpOnLaunch: input.defaultForAz ?? false,
    OwnerId: input.account,
    Tags: tagList(input.tags),
  });
}

export interface SecurityGroupInput {
  account: string;
  region: string;
  vpcId: string;
  groupName: string;
  description?: string;
  tags?: Tags;
  groupId?: string;
}

export function createSecurityGroup(store: Store, input: SecurityGroupInput): StoredRecord {
  const groupId = input.groupId ?? newId('sg', 'hex');
  const arn = ec2Arn(input.region, input.account, `security-group/${groupId}`);
  return put(store, {
    key: arn,
    kind: SECURITY_GROUP_KIND,
    account: input.account,
    region: input.region,
    id: groupId,
    createdAt: Date.now(),
    GroupId: groupId,
    GroupName: input.groupName,
    Description: input.description ?? input.groupName,
    VpcId: input.vpcId,
    OwnerId: input.account,
    SecurityGroupArn: arn,
    IpPermissions: [],
    IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }],
    Tags: tagList(input.tags),
  });
}

export interface InstanceInput {
  account: string;
  region: string;
  subnetId: string;
  instanceType?: string;
  securityGroupIds?: string[];
  privateIpAddress?: string;
  imageId?: string;
  tags?: Tags;
  instanceId?: string;
}

export function createInstance(store: Store, input: InstanceInput): StoredRecord {
  const subnet = [...store.byIndex(SUBNET_KIND, 'id', input.subnetId)].find((s) => s.account === input.account && s.region === input.region);
  if (!subnet) throw new Error(`createInstance: subnet ${input.subnetId} does not exist in ${input.account} ${input.region}`);
  const instanceId = input.instanceId ?? newId('i', 'hex');
  const ip = input.privateIpAddress ?? privateIpIn(subnet.CidrBlock as string, instanceId);
  const groups = (input.securityGroupIds ?? []).map((groupId) => {
    const group = store.byIndex(SECURITY_GROUP_KIND, 'id', groupId)[0];
    return { GroupId: groupId, GroupName: (group?.GroupName as string | undefined) ?? groupId };
  });
  const now = Date.now();
  return put(store, {
    key: ec2Arn(input.region, input.account, `instance/${instanceId}`),
    kind: INSTANCE_KIND,
    account: input.account,
    region: input.region,
    id: instanceId,
    createdAt: now,
    reservationId: `r-${stableHex(instanceId, 17)}`,
    InstanceId: instanceId,
    ImageId: input.imageId ?? 'ami-0abcdef1234567890',
    InstanceType: input.instanceType ?? 't3.micro',
    State: { Code: 16, Name: 'running' },
    PrivateIpAddress: ip,
    PrivateDnsName: `ip-${ip.replaceAll('.', '-')}.${input.region === 'us-east-1' ? 'ec2.internal' : `${input.region}.compute.internal`}`,
    SubnetId: input.subnetId,
    VpcId: subnet.VpcId,
    Placement: { AvailabilityZone: subnet.AvailabilityZone, Tenancy: 'default' },
    SecurityGroups: groups,
    Architecture: 'x86_64',
    LaunchTime: now,
    Tags: tagList(input.tags),
  });
}

/** A stable private address inside a CIDR block, derived from an id. */
function privateIpIn(cidr: string, seed: string): string {
  const [base, bits] = cidr.split('/');
  const octets = base!.split('.').map(Number);
  const size = 2 ** (32 - Number(bits));
  const offset = 4 + (parseInt(stableHex(seed, 6), 16) % Math.max(1, size - 5));
  const value = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) + offset;
  return [(value >>> 24) & 255, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/**
 * The account's default VPC in a Region (172.31.0.0/16, a subnet per zone, the `default` security
 * group), created the first time anything looks for it. Ids are derived from account and Region,
 * so they are stable.
 */
export function ensureDefaultVpc(store: Store, account: string, region: string): StoredRecord {
  const vpcId = `vpc-${stableHex(`default-vpc|${account}|${region}`, 17)}`;
  const existing = store.get(ec2Arn(region, account, `vpc/${vpcId}`));
  if (existing) return existing;
  return store.transaction(() => {
    const vpc = createVpc(store, { account, region, vpcId, cidrBlock: '172.31.0.0/16', isDefault: true });
    zonesOf(region).forEach((zone, i) =>
      createSubnet(store, {
        account,
        region,
        vpcId,
        subnetId: `subnet-${stableHex(`default-subnet|${account}|${region}|${zone.name}`, 17)}`,
        cidrBlock: `172.31.${i * 16}.0/20`,
        availabilityZone: zone.name,
        defaultForAz: true,
      }),
    );
    createSecurityGroup(store, {
      account,
      region,
      vpcId,
      groupId: `sg-${stableHex(`default-sg|${account}|${region}`, 17)}`,
      groupName: 'default',
      description: 'default VPC security group',
    });
    return vpc;
  });
}

/** The caller's VPC with this id, or undefined. */
export function findVpc(store: Store, account: string, region: string, vpcId: string): StoredRecord | undefined {
  ensureDefaultVpc(store, account, region);
  return store.byIndex(VPC_KIND, 'id', vpcId).find((v) => v.account === account && v.region === region);
}
