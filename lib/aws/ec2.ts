// The EC2 inventory Lattice attaches to: VPCs, subnets, security groups, VPC endpoints of every
// type, and the instances that INSTANCE and IP targets point at.

import {
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  type EC2Client,
  type Instance,
  type SecurityGroup,
  type Subnet,
  type Vpc,
  type VpcEndpoint,
} from '@aws-sdk/client-ec2';
import { allPages, call, type CallContext } from './calls';
import { listGuard, type FailureLog } from './failures';

/** EC2 describes accept up to 1,000 results per page. */
const PAGE = 1000;

export interface Ec2Inventory {
  vpcs: Vpc[];
  subnets: Subnet[];
  securityGroups: SecurityGroup[];
  vpcEndpoints: VpcEndpoint[];
  /** Instances with the owner of their reservation (DescribeInstances nests them in reservations). */
  instances: Ec2Instance[];
  failed: string[];
}

export interface Ec2Instance extends Instance {
  OwnerId?: string;
}

export async function readEc2(ctx: CallContext, client: EC2Client, log: FailureLog): Promise<Ec2Inventory> {
  const failed: string[] = [];
  const guard = listGuard(log, failed);
  const [vpcs, subnets, securityGroups, vpcEndpoints, instances] = await Promise.all([
    guard('DescribeVpcs', () =>
      allPages(async (NextToken) => {
        const o = await call(ctx, 'DescribeVpcs', () => client.send(new DescribeVpcsCommand({ MaxResults: PAGE, NextToken })));
        return { items: o.Vpcs, next: o.NextToken };
      }),
    ),
    guard('DescribeSubnets', () =>
      allPages(async (NextToken) => {
        const o = await call(ctx, 'DescribeSubnets', () => client.send(new DescribeSubnetsCommand({ MaxResults: PAGE, NextToken })));
        return { items: o.Subnets, next: o.NextToken };
      }),
    ),
    guard('DescribeSecurityGroups', () =>
      allPages(async (NextToken) => {
        const o = await call(ctx, 'DescribeSecurityGroups', () => client.send(new DescribeSecurityGroupsCommand({ MaxResults: PAGE, NextToken })));
        return { items: o.SecurityGroups, next: o.NextToken };
      }),
    ),
    guard('DescribeVpcEndpoints', () =>
      allPages(async (NextToken) => {
        const o = await call(ctx, 'DescribeVpcEndpoints', () => client.send(new DescribeVpcEndpointsCommand({ MaxResults: PAGE, NextToken })));
        return { items: o.VpcEndpoints, next: o.NextToken };
      }),
    ),
    guard('DescribeInstances', () =>
      allPages(async (NextToken) => {
        const o = await call(ctx, 'DescribeInstances', () => client.send(new DescribeInstancesCommand({ MaxResults: PAGE, NextToken })));
        return { items: (o.Reservations ?? []).flatMap((r) => (r.Instances ?? []).map((i): Ec2Instance => ({ ...i, OwnerId: r.OwnerId }))), next: o.NextToken };
      }),
    ),
  ]);
  return { vpcs, subnets, securityGroups, vpcEndpoints, instances, failed };
}
