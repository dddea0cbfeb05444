// The VPC a test account attaches Lattice resources to: its default VPC, as every AWS account
// has one in every Region, found through EC2 as any client would.
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import type { Harness } from '@/lib/testing/lattice-local';

export interface Network {
  vpcId: string;
  subnetIds: string[];
  securityGroupIds: string[];
}

export async function ensureNetwork(h: Harness, account: string): Promise<Network> {
  const c = h.clients(account);
  const vpcs = await c.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
  const vpcId = vpcs.Vpcs?.[0]?.VpcId;
  if (!vpcId) throw new Error(`account ${account} has no default VPC`);
  const filter = [{ Name: 'vpc-id', Values: [vpcId] }];
  const subnets = await c.ec2.send(new DescribeSubnetsCommand({ Filters: filter }));
  const groups = await c.ec2.send(new DescribeSecurityGroupsCommand({ Filters: filter }));
  return {
    vpcId,
    subnetIds: (subnets.Subnets ?? []).map((s) => s.SubnetId!),
    securityGroupIds: (groups.SecurityGroups ?? []).map((g) => g.GroupId!),
  };
}
