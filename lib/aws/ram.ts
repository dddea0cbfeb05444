// RAM as discovery needs it: the shares this account owns, what they share with whom, and
// the invitations it has received.

import {
  GetResourceShareAssociationsCommand,
  GetResourceShareInvitationsCommand,
  GetResourceSharesCommand,
  type RAMClient,
  type ResourceShare,
  type ResourceShareAssociation,
  type ResourceShareInvitation,
} from '@aws-sdk/client-ram';
import { allPages, call, type CallContext } from './calls';
import { listGuard, type FailureLog } from './failures';

/** RAM's page limit. */
const PAGE = 500;

export interface RamInventory {
  shares: ResourceShare[];
  principalAssociations: ResourceShareAssociation[];
  resourceAssociations: ResourceShareAssociation[];
  invitations: ResourceShareInvitation[];
  failed: string[];
}

export async function readRam(ctx: CallContext, client: RAMClient, log: FailureLog): Promise<RamInventory> {
  const failed: string[] = [];
  const guard = listGuard(log, failed);
  const [shares, invitations] = await Promise.all([
    guard('GetResourceShares', () =>
      allPages(async (nextToken) => {
        const o = await call(ctx, 'GetResourceShares', () => client.send(new GetResourceSharesCommand({ resourceOwner: 'SELF', maxResults: PAGE, nextToken })));
        return { items: o.resourceShares, next: o.nextToken };
      }),
    ),
    guard('GetResourceShareInvitations', () =>
      allPages(async (nextToken) => {
        const o = await call(ctx, 'GetResourceShareInvitations', () => client.send(new GetResourceShareInvitationsCommand({ maxResults: PAGE, nextToken })));
        return { items: o.resourceShareInvitations, next: o.nextToken };
      }),
    ),
  ]);
  const live = shares.filter((s) => s.status !== 'DELETED');
  // Associations only matter for shares that exist; an account that shares nothing is spared two calls.
  const associations = (type: 'PRINCIPAL' | 'RESOURCE') =>
    live.length === 0
      ? Promise.resolve([] as ResourceShareAssociation[])
      : guard('GetResourceShareAssociations', () =>
          allPages(async (nextToken) => {
            const o = await call(ctx, 'GetResourceShareAssociations', () => client.send(new GetResourceShareAssociationsCommand({ associationType: type, maxResults: PAGE, nextToken })));
            return { items: o.resourceShareAssociations, next: o.nextToken };
          }),
        );
  const [principalAssociations, resourceAssociations] = await Promise.all([associations('PRINCIPAL'), associations('RESOURCE')]);
  return { shares: live, principalAssociations, resourceAssociations, invitations, failed };
}
