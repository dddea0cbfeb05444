// RAM's records in the store (shares, their associations, invitations, client tokens) and
// the rules that turn them into access: who can see a shared resource, and the grants the
// Lattice handlers consult.
import type { StoredRecord, Store, KindDefinition } from '../../store/index';
import { isMember, organizationOf, sharingWithOrganizationEnabled } from './organization';

export const SHARE = 'ram:share';
export const ASSOCIATION = 'ram:association';
export const INVITATION = 'ram:invitation';
export const CLIENT_TOKEN = 'ram:client-token';

/**
 * How long an invitation waits for an answer. RAM gives seven days for the resource types
 * on its long list and twelve hours otherwise; lattice-local uses seven days.
 */
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

export interface Tag {
  key: string;
  value: string;
}

export interface ShareRecord extends StoredRecord {
  kind: typeof SHARE;
  name: string;
  allowExternalPrincipals: boolean;
  status: 'ACTIVE' | 'DELETED';
  tags: Tag[];
  creationTime: number;
  lastUpdatedTime: number;
  /** Permissions named at creation or associated since; types without one get their default. */
  permissionArns: string[];
  /** The version of each named permission the share carries. */
  permissionVersions?: Record<string, number>;
  retainSharingOnAccountLeaveOrganization?: boolean;
}

export type AssociationStatus = 'ASSOCIATING' | 'ASSOCIATED' | 'FAILED' | 'DISASSOCIATING' | 'DISASSOCIATED';

export interface AssociationRecord extends StoredRecord {
  kind: typeof ASSOCIATION;
  shareArn: string;
  associationType: 'PRINCIPAL' | 'RESOURCE';
  /** A resource ARN, an account ID or an organization ARN. */
  entity: string;
  status: AssociationStatus;
  statusMessage?: string;
  creationTime: number;
  lastUpdatedTime: number;
  external?: boolean;
  /** For resources: RAM's resource type. */
  resourceType?: string;
  /** For principals waiting on an invitation. */
  invitationArn?: string;
}

export interface InvitationRecord extends StoredRecord {
  kind: typeof INVITATION;
  shareArn: string;
  sender: string;
  receiver: string;
  timestamp: number;
  status: 'PENDING' | 'ACCEPTED' | 'REJECTED';
}

export interface ClientTokenRecord extends StoredRecord {
  kind: typeof CLIENT_TOKEN;
  fingerprint: string;
  response: unknown;
}

export const RAM_KINDS: Record<string, KindDefinition> = {
  [SHARE]: {},
  [ASSOCIATION]: {
    indexes: {
      share: (r) => r.shareArn as string,
      entity: (r) => r.entity as string,
    },
  },
  [INVITATION]: {
    indexes: {
      receiver: (r) => `${r.receiver as string}:${r.region}`,
      share: (r) => r.shareArn as string,
    },
  },
  [CLIENT_TOKEN]: {},
  'ram:permission': {},
  'ram:replace-permission-work': {},
};

export const associationKey = (shareArn: string, type: 'PRINCIPAL' | 'RESOURCE', entity: string) => `${shareArn}#${type}#${entity}`;

export function getShare(store: Store, arn: string): ShareRecord | undefined {
  const record = store.get(arn);
  return record?.kind === SHARE ? (record as ShareRecord) : undefined;
}

export function associationsOf(store: Store, shareArn: string): AssociationRecord[] {
  return store.byIndex(ASSOCIATION, 'share', shareArn) as AssociationRecord[];
}

export function invitationStatus(invitation: InvitationRecord, now: number): 'PENDING' | 'ACCEPTED' | 'REJECTED' | 'EXPIRED' {
  if (invitation.status === 'PENDING' && now - invitation.timestamp > INVITATION_TTL_MS) return 'EXPIRED';
  return invitation.status;
}

/** An association as callers see it now: a principal whose invitation expired is disassociated. */
export function effectiveAssociation(store: Store, association: AssociationRecord, now: number): AssociationRecord {
  if (association.status !== 'ASSOCIATING' || !association.invitationArn) return association;
  const invitation = store.get(association.invitationArn) as InvitationRecord | undefined;
  if (invitation && invitationStatus(invitation, now) === 'EXPIRED') {
    return { ...association, status: 'DISASSOCIATED', statusMessage: 'The invitation to join the resource share expired.', lastUpdatedTime: invitation.timestamp + INVITATION_TTL_MS };
  }
  return association;
}

export const isAccountPrincipal = (entity: string) => /^\d{12}$/.test(entity);

/** Accounts (other than the owner) that can use what `share` shares, now. */
export function accountsWithAccess(store: Store, share: ShareRecord, now: number): string[] {
  if (share.status !== 'ACTIVE') return [];
  const out = new Set<string>();
  for (const raw of associationsOf(store, share.key)) {
    if (raw.associationType !== 'PRINCIPAL') continue;
    const association = effectiveAssociation(store, raw, now);
    if (association.status !== 'ASSOCIATED') continue;
    if (isAccountPrincipal(association.entity)) out.add(association.entity);
    else if (association.entity === organizationOf(store)?.arn && sharingWithOrganizationEnabled(store)) {
      for (const member of organizationOf(store)?.members ?? []) out.add(member);
    }
  }
  out.delete(share.account);
  return [...out];
}

export function hasAccessThroughShare(store: Store, share: ShareRecord, account: string, now: number): boolean {
  return accountsWithAccess(store, share, now).includes(account);
}

/** Whether any active share gives `account` the resource `resourceArn`. */
export function shouldHaveAccess(store: Store, resourceArn: string, account: string, now: number): boolean {
  for (const association of store.byIndex(ASSOCIATION, 'entity', resourceArn) as AssociationRecord[]) {
    if (association.associationType !== 'RESOURCE' || association.status !== 'ASSOCIATED') continue;
    const share = getShare(store, association.shareArn);
    if (share && hasAccessThroughShare(store, share, account, now)) return true;
  }
  return false;
}

/**
 * Brings the store's grants for every (resource, account) pair in the cross product in line
 * with the shares: grant where some share gives access, revoke where none does any more.
 */
export function reconcileGrants(store: Store, resourceArns: Iterable<string>, accounts: Iterable<string>, now: number): void {
  const accountList = [...new Set(accounts)];
  for (const arn of new Set(resourceArns)) {
    for (const account of accountList) {
      if (shouldHaveAccess(store, arn, account, now)) store.grantAccess(arn, account);
      else store.revokeAccess(arn, account);
    }
  }
}

/** Resource ARNs (associated) and accounts a share touches, for reconciling after a change. */
export function shareFootprint(store: Store, share: ShareRecord, now: number): { resources: string[]; accounts: string[] } {
  const resources: string[] = [];
  const accounts = new Set<string>();
  for (const association of associationsOf(store, share.key)) {
    if (association.associationType === 'RESOURCE') resources.push(association.entity);
    else if (isAccountPrincipal(association.entity)) accounts.add(association.entity);
    else for (const member of organizationOf(store)?.members ?? []) accounts.add(member);
  }
  for (const account of accountsWithAccess(store, share, now)) accounts.add(account);
  return { resources, accounts: [...accounts] };
}

export { isMember };
