// Reads apply needs besides discovery: the status of one resource (to wait for ACTIVE or
// gone) and the details list calls leave out (a VPC association's security groups).
import { DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import {
  GetAuthPolicyCommand,
  GetResourceConfigurationCommand,
  GetResourceGatewayCommand,
  GetServiceCommand,
  GetServiceNetworkResourceAssociationCommand,
  GetServiceNetworkServiceAssociationCommand,
  GetServiceNetworkVpcAssociationCommand,
  GetTargetGroupCommand,
} from '@aws-sdk/client-vpc-lattice';
import { parseArn } from '@/lib/topology';
import { clientsFor, type AccountAccess } from '../clients';
import { describeAwsError, isNotFound } from '../errors';

export type StatusKind = 'service' | 'targetGroup' | 'serviceNetworkServiceAssociation' | 'serviceNetworkVpcAssociation' | 'serviceNetworkResourceAssociation' | 'resourceGateway' | 'resourceConfiguration' | 'serviceNetworkVpcEndpoint';

export function isGoneError(err: unknown): boolean {
  const info = describeAwsError(err);
  return isNotFound(info) || info.code.endsWith('.NotFound');
}

/** The resource's status word, or `gone` when the API no longer knows it. */
export async function readStatus(access: AccountAccess, region: string, kind: StatusKind, arn: string): Promise<string> {
  const { lattice, ec2 } = clientsFor(access, region);
  try {
    switch (kind) {
      case 'service':
        return (await lattice.send(new GetServiceCommand({ serviceIdentifier: arn }))).status ?? '';
      case 'targetGroup':
        return (await lattice.send(new GetTargetGroupCommand({ targetGroupIdentifier: arn }))).status ?? '';
      case 'serviceNetworkServiceAssociation':
        return (await lattice.send(new GetServiceNetworkServiceAssociationCommand({ serviceNetworkServiceAssociationIdentifier: arn }))).status ?? '';
      case 'serviceNetworkVpcAssociation':
        return (await lattice.send(new GetServiceNetworkVpcAssociationCommand({ serviceNetworkVpcAssociationIdentifier: arn }))).status ?? '';
      case 'serviceNetworkResourceAssociation':
        return (await lattice.send(new GetServiceNetworkResourceAssociationCommand({ serviceNetworkResourceAssociationIdentifier: arn }))).status ?? '';
      case 'resourceGateway':
        return (await lattice.send(new GetResourceGatewayCommand({ resourceGatewayIdentifier: arn }))).status ?? '';
      case 'resourceConfiguration':
        return (await lattice.send(new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: arn }))).status ?? '';
      case 'serviceNetworkVpcEndpoint': {
        const id = parseArn(arn)?.resourceId ?? arn;
        const out = await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }));
        const state = out.VpcEndpoints?.[0]?.State;
        return !state || state.toLowerCase() === 'deleted' ? 'gone' : state;
      }
    }
  } catch (err) {
    if (isGoneError(err)) return 'gone';
    throw err;
  }
}

/** The security groups of VPC associations (the list call does not return them), by association ARN. */
export async function readVpcAssociationSecurityGroups(access: AccountAccess, region: string, arns: readonly string[]): Promise<Map<string, string[]>> {
  const { lattice } = clientsFor(access, region);
  const out = new Map<string, string[]>();
  await Promise.all(
    arns.map(async (arn) => {
      try {
        const a = await lattice.send(new GetServiceNetworkVpcAssociationCommand({ serviceNetworkVpcAssociationIdentifier: arn }));
        out.set(arn, a.securityGroupIds ?? []);
      } catch (err) {
        if (!isGoneError(err)) throw err;
      }
    }),
  );
  return out;
}

/** An auth policy discovery skipped (it reads them only under AWS_IAM); undefined when there is none. */
export async function readAuthPolicy(access: AccountAccess, region: string, arn: string): Promise<string | undefined> {
  try {
    return (await clientsFor(access, region).lattice.send(new GetAuthPolicyCommand({ resourceIdentifier: arn }))).policy || undefined;
  } catch (err) {
    if (isGoneError(err)) return undefined;
    throw err;
  }
}
