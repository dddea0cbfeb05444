// Records as RAM's API shows them.
import type { Store } from '../../store/index';
import { effectiveAssociation, getShare, invitationStatus, type AssociationRecord, type InvitationRecord, type ShareRecord } from './state';

export function shareView(share: ShareRecord) {
  return {
    resourceShareArn: share.key,
    name: share.name,
    owningAccountId: share.account,
    allowExternalPrincipals: share.allowExternalPrincipals,
    status: share.status,
    tags: share.tags,
    creationTime: share.creationTime,
    lastUpdatedTime: share.lastUpdatedTime,
    featureSet: 'STANDARD',
    resourceShareConfiguration: { retainSharingOnAccountLeaveOrganization: share.retainSharingOnAccountLeaveOrganization ?? false },
  };
}

export function associationView(store: Store, association: AssociationRecord, now: number, statusOverride?: string) {
  const a = effectiveAssociation(store, association, now);
  const share = getShare(store, a.shareArn);
  return {
    resourceShareArn: a.shareArn,
    resourceShareName: share?.name,
    associatedEntity: a.entity,
    associationType: a.associationType,
    status: statusOverride ?? a.status,
    statusMessage: a.statusMessage,
    creationTime: a.creationTime,
    lastUpdatedTime: a.lastUpdatedTime,
    external: a.external ?? false,
  };
}

export function invitationView(store: Store, invitation: InvitationRecord, now: number) {
  const share = getShare(store, invitation.shareArn);
  return {
    resourceShareInvitationArn: invitation.key,
    resourceShareName: share?.name,
    resourceShareArn: invitation.shareArn,
    senderAccountId: invitation.sender,
    receiverAccountId: invitation.receiver,
    invitationTimestamp: invitation.timestamp,
    status: invitationStatus(invitation, now),
  };
}

export function resourceView(association: AssociationRecord) {
  return {
    arn: association.entity,
    type: association.resourceType,
    resourceShareArn: association.shareArn,
    status: 'AVAILABLE',
    creationTime: association.creationTime,
    lastUpdatedTime: association.lastUpdatedTime,
    resourceRegionScope: 'REGIONAL',
  };
}
