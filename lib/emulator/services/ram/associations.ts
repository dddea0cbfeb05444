// Principals and resources joining and leaving shares, and listing those associations.
import { randomUUID } from 'node:crypto';
import type { Store, StoredRecord } from '../../store/index';
import { canonicalJson } from '@/lib/canonical';
import { isLive } from '../resources';
import type { Handler } from '../types';
import { invitationArnOf, parseArn, shareableTypeOfArn } from './catalog';
import { invalidParameter, malformedResourceArn, notPermitted, ramError } from './errors';
import { isMember, organizationOf, sharingWithOrganizationEnabled } from './organization';
import { paginate } from './paging';
import { ASSOCIATION, INVITATION, SHARE, associationKey, associationsOf, effectiveAssociation, getShare, reconcileGrants, shareFootprint, type AssociationRecord, type InvitationRecord, type ShareRecord } from './state';
import { type Ctx, activeShare, checkShareArns, idempotent, parsePrincipal } from './common';
import { associationView } from './views';

/** The stored Lattice resource an ARN names, unless it is gone or being deleted. */
function latticeResource(store: Store, arn: string, now: number): StoredRecord | undefined {
  const record = store.get(arn);
  if (!record || !record.kind.startsWith('vpc-lattice:') || !isLive(record, now)) return undefined;
  return record;
}

interface AssociationFields {
  shareArn: string;
  associationType: 'PRINCIPAL' | 'RESOURCE';
  entity: string;
  status: AssociationRecord['status'];
  statusMessage?: string;
  external?: boolean;
  resourceType?: string;
  invitationArn?: string;
}

export function putAssociation(c: Ctx, fields: AssociationFields): AssociationRecord {
  const key = associationKey(fields.shareArn, fields.associationType, fields.entity);
  const previous = c.store.get(key) as AssociationRecord | undefined;
  return c.store.put({
    shareArn: fields.shareArn,
    associationType: fields.associationType,
    entity: fields.entity,
    status: fields.status,
    statusMessage: fields.statusMessage,
    external: fields.external,
    resourceType: fields.resourceType,
    invitationArn: fields.invitationArn,
    key,
    kind: ASSOCIATION,
    account: c.account,
    region: c.region,
    creationTime: previous?.creationTime ?? c.now,
    lastUpdatedTime: c.now,
  }) as AssociationRecord;
}

export function removeInvitation(c: Ctx, association: AssociationRecord): void {
  if (association.invitationArn) {
    const invitation = c.store.get(association.invitationArn) as InvitationRecord | undefined;
    if (invitation && invitation.status === 'PENDING') c.store.remove(invitation.key);
  }
}

/** Adds principals to a share: invitations where RAM sends them, immediate access where not. */
export function associatePrincipals(c: Ctx, share: ShareRecord, principals: string[]): AssociationRecord[] {
  const org = organizationOf(c.store);
  const ownerInOrg = isMember(c.store, share.account);
  const parsed = principals.map(parsePrincipal);
  const out: AssociationRecord[] = [];
  for (const principal of parsed) {
    if (principal.kind === 'unsupported') {
      throw invalidParameter(`Principal ${principal.id} is a ${principal.what}; the VPC Lattice resource types can be shared only with AWS accounts and organizations.`);
    }
    if (principal.kind === 'organization') {
      if (principal.id !== org?.id) throw ramError('UnknownResourceException', `Organization ${principal.id} could not be found.`);
      if (!ownerInOrg || !sharingWithOrganizationEnabled(c.store)) {
        throw notPermitted(
          'The resource you are attempting to share can only be shared within your AWS Organization. This error may also occur if you have not enabled sharing with your AWS organization, or that onboarding process is still in progress.',
        );
      }
      const existing = c.store.get(associationKey(share.key, 'PRINCIPAL', principal.arn)) as AssociationRecord | undefined;
      if (existing?.status === 'ASSOCIATED') continue;
      out.push(putAssociation(c, { shareArn: share.key, associationType: 'PRINCIPAL', entity: principal.arn, status: 'ASSOCIATED', external: false }));
      continue;
    }
    const account = principal.id;
    const inSameOrg = ownerInOrg && isMember(c.store, account);
    if (!share.allowExternalPrincipals && !inSameOrg && account !== share.account) {
      throw notPermitted(`Principal ${account} is not in your AWS organization; resource share ${share.name} only allows principals in your organization.`);
    }
    const existing = c.store.get(associationKey(share.key, 'PRINCIPAL', account)) as AssociationRecord | undefined;
    if (existing) {
      const current = effectiveAssociation(c.store, existing, c.now).status;
      if (current === 'ASSOCIATED' || current === 'ASSOCIATING') continue;
    }
    // No invitation for the owner itself, nor inside the organization once sharing with it is on.
    const automatic = account === share.account || (inSameOrg && sharingWithOrganizationEnabled(c.store));
    if (automatic) {
      out.push(putAssociation(c, { shareArn: share.key, associationType: 'PRINCIPAL', entity: account, status: 'ASSOCIATED', external: false }));
      continue;
    }
    const invitationArn = invitationArnOf(c.region, share.account, randomUUID());
    c.store.put({
      key: invitationArn,
      kind: INVITATION,
      account: share.account,
      region: c.region,
      shareArn: share.key,
      sender: share.account,
      receiver: account,
      timestamp: c.now,
      status: 'PENDING',
    });
    out.push(putAssociation(c, { shareArn: share.key, associationType: 'PRINCIPAL', entity: account, status: 'ASSOCIATING', external: !inSameOrg, invitationArn }));
  }
  return out;
}

/** Adds resources to a share. One the caller does not own (or that is gone) fails, as on AWS. */
export function associateResources(c: Ctx, share: ShareRecord, resourceArns: string[]): AssociationRecord[] {
  const out: AssociationRecord[] = [];
  for (const arn of resourceArns) {
    const parsed = parseArn(arn);
    if (!parsed) throw malformedResourceArn(arn);
    const type = shareableTypeOfArn(arn);
    if (!type) throw ramError('MalformedArnException', `You cannot share the selected resource type: ${arn} is not a resource type RAM shares (call ListResourceTypes).`);
    const existing = c.store.get(associationKey(share.key, 'RESOURCE', arn)) as AssociationRecord | undefined;
    if (existing?.status === 'ASSOCIATED') continue;
    const resource = latticeResource(c.store, arn, c.now);
    const owned = resource !== undefined && resource.account === c.account && resource.region === c.region;
    // A service network created with sharingConfig.enabled = false cannot be shared.
    const sharingDisabled = owned && (resource.sharingConfig as { enabled?: boolean } | undefined)?.enabled === false;
    const failure = !owned
      ? 'The specified resource could not be found in your AWS account.'
      : sharingDisabled
        ? `Service network ${resource.id as string} does not allow sharing (its sharingConfig.enabled is false).`
        : undefined;
    out.push(
      putAssociation(c, {
        shareArn: share.key,
        associationType: 'RESOURCE',
        entity: arn,
        resourceType: type.resourceType,
        status: failure ? 'FAILED' : 'ASSOCIATED',
        statusMessage: failure,
        external: false,
      }),
    );
  }
  return out;
}

function disassociate(c: Ctx, share: ShareRecord, type: 'PRINCIPAL' | 'RESOURCE', entities: string[]): AssociationRecord[] {
  const out: AssociationRecord[] = [];
  for (const entity of entities) {
    if (type === 'RESOURCE' && !parseArn(entity)) throw malformedResourceArn(entity);
    if (type === 'PRINCIPAL') parsePrincipal(entity);
    const existing = c.store.get(associationKey(share.key, type, entity)) as AssociationRecord | undefined;
    if (!existing || existing.status === 'DISASSOCIATED') {
      throw ramError('UnknownResourceException', `${type === 'PRINCIPAL' ? 'Principal' : 'Resource'} ${entity} is not associated with resource share ${share.key}.`);
    }
    removeInvitation(c, existing);
    out.push(putAssociation(c, { ...existing, status: 'DISASSOCIATED', statusMessage: undefined, invitationArn: undefined }));
  }
  return out;
}

export const AssociateResourceShare: Handler = (c) =>
  idempotent(c, () => {
    const share = activeShare(c, c.input.resourceShareArn);
    if ((c.input.sources ?? []).length > 0) throw invalidParameter('Source constraints apply only to resource shares with service principals.');
    if (!c.input.resourceArns?.length && !c.input.principals?.length) throw invalidParameter('Specify at least one of resourceArns and principals.');
    const resources = associateResources(c, share, c.input.resourceArns ?? []);
    const principals = associatePrincipals(c, share, c.input.principals ?? []);
    const footprint = shareFootprint(c.store, share, c.now);
    reconcileGrants(c.store, footprint.resources, footprint.accounts, c.now);
    return {
      resourceShareAssociations: [...resources, ...principals].map((a) =>
        associationView(c.store, a, c.now, a.status === 'ASSOCIATED' ? 'ASSOCIATING' : undefined),
      ),
    };
  });

export const DisassociateResourceShare: Handler = (c) =>
  idempotent(c, () => {
    const share = activeShare(c, c.input.resourceShareArn);
    if (!c.input.resourceArns?.length && !c.input.principals?.length && !c.input.sources?.length) throw invalidParameter('Specify at least one of resourceArns and principals.');
    const before = shareFootprint(c.store, share, c.now);
    const changed = [
      ...disassociate(c, share, 'RESOURCE', c.input.resourceArns ?? []),
      ...disassociate(c, share, 'PRINCIPAL', c.input.principals ?? []),
    ];
    reconcileGrants(c.store, before.resources, before.accounts, c.now);
    return { resourceShareAssociations: changed.map((a) => associationView(c.store, a, c.now, 'DISASSOCIATING')) };
  });

export const GetResourceShareAssociations: Handler = (c) => {
  const input = c.input;
  checkShareArns(input.resourceShareArns);
  if (input.resourceArn !== undefined && input.associationType !== 'RESOURCE') throw invalidParameter('resourceArn can be used only with associationType RESOURCE.');
  if (input.principal !== undefined && input.associationType !== 'PRINCIPAL') throw invalidParameter('principal can be used only with associationType PRINCIPAL.');
  const shares = (input.resourceShareArns as string[] | undefined)?.map((arn) => getShare(c.store, arn)).filter((s): s is ShareRecord => !!s && s.account === c.account && s.region === c.region)
    ?? (c.store.byIndex(SHARE, 'scope', c.scope) as ShareRecord[]);
  const rows: AssociationRecord[] = [];
  for (const share of shares) {
    for (const raw of associationsOf(c.store, share.key)) {
      const a = effectiveAssociation(c.store, raw, c.now);
      if (a.associationType !== input.associationType) continue;
      if (input.resourceArn !== undefined && a.entity !== input.resourceArn) continue;
      if (input.principal !== undefined && a.entity !== input.principal) continue;
      if (input.associationStatus !== undefined && a.status !== input.associationStatus) continue;
      rows.push(a);
    }
  }
  const page = paginate(rows, input, `GetResourceShareAssociations:${c.scope}:${canonicalJson({ ...input, nextToken: undefined, maxResults: undefined })}`);
  return { resourceShareAssociations: page.items.map((a) => associationView(c.store, a, c.now)), nextToken: page.nextToken };
};
