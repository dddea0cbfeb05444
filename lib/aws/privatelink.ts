// PrivateLink as the provider sees it: the endpoint services this account owns, who may
// connect to each (permissions), and the endpoints that did connect, with their state.
// Consumer endpoints of every type come from DescribeVpcEndpoints (ec2.ts).

import {
  DescribeVpcEndpointConnectionsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointServicePermissionsCommand,
  type AllowedPrincipal,
  type EC2Client,
  type ServiceConfiguration,
  type VpcEndpointConnection,
} from '@aws-sdk/client-ec2';
import { allPages, call, type CallContext } from './calls';
import { listGuard, type FailureLog } from './failures';

/** These three describes accept up to 1,000 results per page. */
const PAGE = 1000;

export interface PrivateLinkInventory {
  /** Endpoint services owned by the account. */
  serviceConfigurations: ServiceConfiguration[];
  /** Allowed principals per endpoint service id, for the services whose permissions could be read. */
  permissions: Map<string, AllowedPrincipal[]>;
  /** Connections from consumer endpoints (any account) to this account's endpoint services. */
  connections: VpcEndpointConnection[];
  failed: string[];
}

export function emptyPrivateLink(): PrivateLinkInventory {
  return { serviceConfigurations: [], permissions: new Map(), connections: [], failed: [] };
}

export async function readPrivateLink(ctx: CallContext, client: EC2Client, log: FailureLog): Promise<PrivateLinkInventory> {
  const failed: string[] = [];
  const guard = listGuard(log, failed);
  const [serviceConfigurations, connections] = await Promise.all([
    guard('DescribeVpcEndpointServiceConfigurations', () =>
      allPages(async (NextToken) => {
        const o = await call(ctx, 'DescribeVpcEndpointServiceConfigurations', () => client.send(new DescribeVpcEndpointServiceConfigurationsCommand({ MaxResults: PAGE, NextToken })));
        return { items: o.ServiceConfigurations, next: o.NextToken };
      }),
    ),
    guard('DescribeVpcEndpointConnections', () =>
      allPages(async (NextToken) => {
        const o = await call(ctx, 'DescribeVpcEndpointConnections', () => client.send(new DescribeVpcEndpointConnectionsCommand({ MaxResults: PAGE, NextToken })));
        return { items: o.VpcEndpointConnections, next: o.NextToken };
      }),
    ),
  ]);
  const permissions = new Map<string, AllowedPrincipal[]>();
  await Promise.all(
    serviceConfigurations
      .filter((s) => s.ServiceId)
      .map(async (s) => {
        const ServiceId = s.ServiceId!;
        try {
          const principals = await allPages(async (NextToken) => {
            const o = await call(ctx, 'DescribeVpcEndpointServicePermissions', () => client.send(new DescribeVpcEndpointServicePermissionsCommand({ ServiceId, MaxResults: PAGE, NextToken })));
            return { items: o.AllowedPrincipals, next: o.NextToken };
          });
          permissions.set(ServiceId, principals);
        } catch (err) {
          // One service's permissions denied: the service still renders, without its principals.
          log.record('DescribeVpcEndpointServicePermissions', err, ServiceId);
        }
      }),
  );
  return { serviceConfigurations, permissions, connections, failed };
}
