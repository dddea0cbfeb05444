// RAM as the sharing pages need it, for one account in one Region: the shares it owns (with
// their principals and resources), the shares it receives (with their resources), and the
// invitations addressed to it, each pending one with what it would share
// (ListPendingInvitationResources). Returned as plain data: dates as ISO strings.
import {
  GetResourceShareAssociationsCommand,
  GetResourceShareInvitationsCommand,
  GetResourceSharesCommand,
  ListPendingInvitationResourcesCommand,
  ListResourcesCommand,
  type RAMClient,
  type Resource,
  type ResourceShare,
  type ResourceShareAssociation,
  type ResourceShareInvitation,
} from '@aws-sdk/client-ram';
import { allPages } from '../calls';
import { clientsFor, type AccountAccess } from '../clients';
import { describeAwsError } from '../errors';
import { createPool, mapPooled } from '../pool';

/** RAM's page limit (ram.service.json MaxResults). */
const PAGE = 500;
/** Calls in flight per account: RAM throttles per account. */
const PER_ACCOUNT = 4;

export interface RamShare {
  arn: string;
  name: string;
  owner: string;
  status: string;
  statusMessage?: string;
  allowExternalPrincipals: boolean;
  createdAt?: string;
  updatedAt?: string;
  tags: Record<string, string>;
}

export interface RamAssociation {
  shareArn: string;
  entity: string;
  type: 'PRINCIPAL' | 'RESOURCE';
  status: string;
  statusMessage?: string;
  /** The principal is outside the owner's organization. */
  external: boolean;
  createdAt?: string;
  updatedAt?: string;
}

export interface RamResource {
  arn: string;
  /** RAM's type string: `vpc-lattice:ServiceNetwork`. */
  type: string;
  shareArn: string;
  status: string;
  statusMessage?: string;
}

export interface RamInvitation {
  arn: string;
  shareArn: string;
  shareName: string;
  sender: string;
  receiver: string;
  status: string;
  sentAt?: string;
}

export interface RamReadError {
  operation: string;
  code: string;
  message: string;
}

export interface AccountSharing {
  account: string;
  region: string;
  owned: RamShare[];
  principals: RamAssociation[];
  resources: RamAssociation[];
  received: RamShare[];
  receivedResources: RamResource[];
  invitations: RamInvitation[];
  /** Per pending invitation: what it shares, or why that could not be read. */
  pendingResources: Record<string, { resources: RamResource[] } | { error: string }>;
  errors: RamReadError[];
}

const iso = (d: Date | undefined) => (d ? d.toISOString() : undefined);

function toShare(s: ResourceShare): RamShare {
  const share: RamShare = {
    arn: s.resourceShareArn ?? '',
    name: s.name ?? '',
    owner: s.owningAccountId ?? '',
    status: s.status ?? '',
    allowExternalPrincipals: s.allowExternalPrincipals ?? true,
    tags: Object.fromEntries((s.tags ?? []).filter((t) => t.key).map((t) => [t.key!, t.value ?? ''])),
  };
  if (s.statusMessage) share.statusMessage = s.statusMessage;
  if (s.creationTime) share.createdAt = iso(s.creationTime);
  if (s.lastUpdatedTime) share.updatedAt = iso(s.lastUpdatedTime);
  return share;
}

function toAssociation(a: ResourceShareAssociation): RamAssociation {
  const out: RamAssociation = { shareArn: a.resourceShareArn ?? '', entity: a.associatedEntity ?? '', type: a.associationType === 'RESOURCE' ? 'RESOURCE' : 'PRINCIPAL', status: a.status ?? '', external: a.external ?? false };
  if (a.statusMessage) out.statusMessage = a.statusMessage;
  if (a.creationTime) out.createdAt = iso(a.creationTime);
  if (a.lastUpdatedTime) out.updatedAt = iso(a.lastUpdatedTime);
  return out;
}

function toResource(r: Resource): RamResource {
  const out: RamResource = { arn: r.arn ?? '', type: r.type ?? '', shareArn: r.resourceShareArn ?? '', status: r.status ?? '' };
  if (r.statusMessage) out.statusMessage = r.statusMessage;
  return out;
}

export function toInvitation(i: ResourceShareInvitation): RamInvitation {
  const out: RamInvitation = {
    arn: i.resourceShareInvitationArn ?? '',
    shareArn: i.resourceShareArn ?? '',
    shareName: i.resourceShareName ?? '',
    sender: i.senderAccountId ?? '',
    receiver: i.receiverAccountId ?? '',
    status: i.status ?? '',
  };
  if (i.invitationTimestamp) out.sentAt = iso(i.invitationTimestamp);
  return out;
}

function ownedShares(ram: RAMClient) {
  return allPages(async (nextToken) => {
    const o = await ram.send(new GetResourceSharesCommand({ resourceOwner: 'SELF', maxResults: PAGE, nextToken }));
    return { items: o.resourceShares, next: o.nextToken };
  });
}

function receivedShares(ram: RAMClient) {
  return allPages(async (nextToken) => {
    const o = await ram.send(new GetResourceSharesCommand({ resourceOwner: 'OTHER-ACCOUNTS', maxResults: PAGE, nextToken }));
    return { items: o.resourceShares, next: o.nextToken };
  });
}

function associations(ram: RAMClient, associationType: 'PRINCIPAL' | 'RESOURCE') {
  return allPages(async (nextToken) => {
    const o = await ram.send(new GetResourceShareAssociationsCommand({ associationType, maxResults: PAGE, nextToken }));
    return { items: o.resourceShareAssociations, next: o.nextToken };
  });
}

function receivedResources(ram: RAMClient) {
  return allPages(async (nextToken) => {
    const o = await ram.send(new ListResourcesCommand({ resourceOwner: 'OTHER-ACCOUNTS', maxResults: PAGE, nextToken }));
    return { items: o.resources, next: o.nextToken };
  });
}

function invitations(ram: RAMClient) {
  return allPages(async (nextToken) => {
    const o = await ram.send(new GetResourceShareInvitationsCommand({ maxResults: PAGE, nextToken }));
    return { items: o.resourceShareInvitations, next: o.nextToken };
  });
}

/** What a pending invitation would share (RAM answers only while it is pending). */
export async function readPendingInvitationResources(access: AccountAccess, region: string, invitationArn: string): Promise<RamResource[]> {
  const { ram } = clientsFor(access, region);
  const items = await allPages(async (nextToken) => {
    const o = await ram.send(new ListPendingInvitationResourcesCommand({ resourceShareInvitationArn: invitationArn, maxResults: PAGE, nextToken }));
    return { items: o.resources, next: o.nextToken };
  });
  return items.map(toResource);
}

/** One invitation addressed to the account, read fresh, or undefined when RAM does not know it. */
export async function readInvitation(access: AccountAccess, region: string, invitationArn: string): Promise<RamInvitation | undefined> {
  const { ram } = clientsFor(access, region);
  try {
    const o = await ram.send(new GetResourceShareInvitationsCommand({ resourceShareInvitationArns: [invitationArn] }));
    const found = o.resourceShareInvitations?.find((i) => i.resourceShareInvitationArn === invitationArn);
    return found ? toInvitation(found) : undefined;
  } catch (err) {
    if (describeAwsError(err).code === 'ResourceShareInvitationArnNotFoundException') return undefined;
    throw err;
  }
}

/**
 * Everything about sharing one account sees in one Region. A failed read is recorded in
 * `errors` (with AWS's message) and leaves its part empty; the rest is still read.
 */
export async function readAccountSharing(access: AccountAccess, region: string): Promise<AccountSharing> {
  const { ram } = clientsFor(access, region);
  const errors: RamReadError[] = [];
  const guard = async <T>(operation: string, read: () => Promise<T[]>): Promise<T[]> => {
    try {
      return await read();
    } catch (err) {
      const info = describeAwsError(err);
      errors.push({ operation, code: info.code, message: info.message });
      return [];
    }
  };
  const pool = createPool(PER_ACCOUNT);
  const read = <T>(operation: string, fn: () => Promise<T[]>) => pool.run(() => guard(operation, fn));
  const [owned, received, principals, resources, receivedRes, invites] = await Promise.all([
    read('GetResourceShares', () => ownedShares(ram)),
    read('GetResourceShares', () => receivedShares(ram)),
    read('GetResourceShareAssociations', () => associations(ram, 'PRINCIPAL')),
    read('GetResourceShareAssociations', () => associations(ram, 'RESOURCE')),
    read('ListResources', () => receivedResources(ram)),
    read('GetResourceShareInvitations', () => invitations(ram)),
  ]);

  const invitationList = invites.map(toInvitation);
  const pendingResources: AccountSharing['pendingResources'] = {};
  await mapPooled(
    invitationList.filter((i) => i.status === 'PENDING'),
    PER_ACCOUNT,
    async (i) => {
      try {
        pendingResources[i.arn] = { resources: await readPendingInvitationResources(access, region, i.arn) };
      } catch (err) {
        pendingResources[i.arn] = { error: describeAwsError(err).message };
      }
    },
  );

  return {
    account: access.id,
    region,
    owned: owned.map(toShare).filter((s) => s.status !== 'DELETED'),
    principals: principals.map(toAssociation),
    resources: resources.map(toAssociation),
    received: received.map(toShare).filter((s) => s.status !== 'DELETED'),
    receivedResources: receivedRes.map(toResource),
    invitations: invitationList,
    pendingResources,
    errors,
  };
}
