// Invitations to other accounts' shares: listing, accepting, rejecting, and what they offer.
import { canonicalJson } from '@/lib/canonical';
import type { Handler } from '../types';
import { isInvitationArn } from './catalog';
import { invitationNotFound, malformedInvitationArn, ramError } from './errors';
import { paginate } from './paging';
import { INVITATION, associationKey, associationsOf, getShare, invitationStatus, reconcileGrants, shareFootprint, type AssociationRecord, type InvitationRecord } from './state';
import { type Ctx, checkShareArns, idempotent, regionScopeMatches } from './common';
import { invitationView, resourceView } from './views';
import { putAssociation } from './associations';

/** An invitation addressed to the caller. */
function ownInvitation(c: Ctx, arn: string): InvitationRecord {
  if (!isInvitationArn(arn)) throw malformedInvitationArn(arn);
  const invitation = c.store.get(arn) as InvitationRecord | undefined;
  if (!invitation || invitation.kind !== INVITATION || invitation.receiver !== c.account || invitation.region !== c.region) throw invitationNotFound(arn);
  return invitation;
}

export const GetResourceShareInvitations: Handler = (c) => {
  const input = c.input;
  for (const arn of (input.resourceShareInvitationArns ?? []) as string[]) ownInvitation(c, arn);
  checkShareArns(input.resourceShareArns);
  const wantedInvitations = input.resourceShareInvitationArns ? new Set<string>(input.resourceShareInvitationArns) : undefined;
  const wantedShares = input.resourceShareArns ? new Set<string>(input.resourceShareArns) : undefined;
  const rows = (c.store.byIndex(INVITATION, 'receiver', `${c.account}:${c.region}`) as InvitationRecord[]).filter(
    (i) => (!wantedInvitations || wantedInvitations.has(i.key)) && (!wantedShares || wantedShares.has(i.shareArn)),
  );
  const page = paginate(rows, input, `GetResourceShareInvitations:${c.scope}:${canonicalJson({ ...input, nextToken: undefined, maxResults: undefined })}`);
  return { resourceShareInvitations: page.items.map((i) => invitationView(c.store, i, c.now)), nextToken: page.nextToken };
};

function answerInvitation(c: Ctx, answer: 'ACCEPTED' | 'REJECTED'): Record<string, unknown> {
  const invitation = ownInvitation(c, c.input.resourceShareInvitationArn);
  const status = invitationStatus(invitation, c.now);
  if (status === 'ACCEPTED') throw ramError('ResourceShareInvitationAlreadyAcceptedException', `ResourceShareInvitation ${invitation.key} has already been accepted.`);
  if (status === 'REJECTED') throw ramError('ResourceShareInvitationAlreadyRejectedException', `ResourceShareInvitation ${invitation.key} has already been rejected.`);
  if (status === 'EXPIRED') throw ramError('ResourceShareInvitationExpiredException', `ResourceShareInvitation ${invitation.key} has expired.`);
  const updated = c.store.put({ ...invitation, status: answer }) as InvitationRecord;
  const share = getShare(c.store, invitation.shareArn)!;
  const association = c.store.get(associationKey(share.key, 'PRINCIPAL', c.account)) as AssociationRecord | undefined;
  if (association && association.invitationArn === invitation.key) {
    if (answer === 'ACCEPTED') putAssociation(c, { ...association, status: 'ASSOCIATED', invitationArn: undefined });
    else putAssociation(c, { ...association, status: 'DISASSOCIATED', statusMessage: 'The invitation to join the resource share was rejected.', invitationArn: undefined });
  }
  const footprint = shareFootprint(c.store, share, c.now);
  reconcileGrants(c.store, footprint.resources, [c.account], c.now);
  return { resourceShareInvitation: invitationView(c.store, updated, c.now) };
}

export const AcceptResourceShareInvitation: Handler = (c) => idempotent(c, () => answerInvitation(c, 'ACCEPTED'));

export const RejectResourceShareInvitation: Handler = (c) => idempotent(c, () => answerInvitation(c, 'REJECTED'));

export const ListPendingInvitationResources: Handler = (c) => {
  const invitation = ownInvitation(c, c.input.resourceShareInvitationArn);
  const status = invitationStatus(invitation, c.now);
  if (status === 'REJECTED') throw ramError('ResourceShareInvitationAlreadyRejectedException', `ResourceShareInvitation ${invitation.key} has already been rejected.`);
  if (status === 'EXPIRED') throw ramError('ResourceShareInvitationExpiredException', `ResourceShareInvitation ${invitation.key} has expired.`);
  const rows = regionScopeMatches(c.input.resourceRegionScope)
    ? associationsOf(c.store, invitation.shareArn).filter((a) => a.associationType === 'RESOURCE' && a.status === 'ASSOCIATED')
    : [];
  const page = paginate(rows, c.input, `ListPendingInvitationResources:${c.scope}:${invitation.key}:${c.input.resourceRegionScope ?? 'ALL'}`);
  return { resources: page.items.map(resourceView), nextToken: page.nextToken };
};
