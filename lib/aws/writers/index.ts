// lib/aws/writers: the SDK write calls a plan makes, one function each, and the few reads
// apply needs (status while waiting, details discovery leaves out). Calls go through the
// same per-(account, region) clients as discovery.
import { ec2Arn } from '@/lib/topology';
import { clientsFor, type AccountAccess } from '../clients';
import { partitionOf, toJsonObject } from '../json';
import { iamClientFor } from '../iam-client';
import { ec2Writers, type Ec2WriteCall } from './ec2';
import { iamWriters, type IamWriteCall } from './iam';
import { latticeWriters, type LatticeWriteCall } from './lattice';

export { readRoles } from './iam';
export { readStatus, readVpcAssociationSecurityGroups, readAuthPolicy, isGoneError, type StatusKind } from './status';
export type { LatticeWriteCall, Ec2WriteCall, IamWriteCall };

export interface WriteResult {
  /** The resource's ARN, when the call made or names one. */
  arn?: string;
  id?: string;
  /** The whole answer, as JSON. */
  output: Record<string, unknown>;
}

/** Makes one write call in one account and Region; throws the SDK's error as it came. */
export async function callWrite(access: AccountAccess, region: string, service: 'vpc-lattice' | 'ec2' | 'iam', call: string, input: Record<string, unknown>): Promise<WriteResult> {
  if (service === 'iam') {
    // Global: the account's one IAM client, whatever the operation's region says.
    const writer = iamWriters[call as IamWriteCall];
    if (!writer) throw new Error(`${call} is not an IAM write call Trellis makes`);
    const output = toJsonObject(await writer(iamClientFor(access), input));
    const role = output.Role as { Arn?: string; RoleId?: string } | undefined;
    return { output, ...(role?.Arn ? { arn: role.Arn } : {}), ...(role?.RoleId ? { id: role.RoleId } : {}) };
  }
  const clients = clientsFor(access, region);
  if (service === 'vpc-lattice') {
    const writer = latticeWriters[call as LatticeWriteCall];
    if (!writer) throw new Error(`${call} is not a VPC Lattice write call Trellis makes`);
    const output = toJsonObject(await writer(clients.lattice, input));
    const result: WriteResult = { output };
    if (typeof output.arn === 'string') result.arn = output.arn;
    if (typeof output.id === 'string') result.id = output.id;
    return result;
  }
  const writer = ec2Writers[call as Ec2WriteCall];
  if (!writer) throw new Error(`${call} is not an EC2 write call Trellis makes`);
  const output = toJsonObject(await writer(clients.ec2, input));
  const endpoint = output.VpcEndpoint as { VpcEndpointId?: string; OwnerId?: string } | undefined;
  if (endpoint?.VpcEndpointId) {
    return { output, id: endpoint.VpcEndpointId, arn: ec2Arn(partitionOf(region), region, endpoint.OwnerId ?? access.id, 'vpc-endpoint', endpoint.VpcEndpointId) };
  }
  return { output };
}
