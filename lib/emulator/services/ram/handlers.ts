// RAM's operations over the store: resource shares of VPC Lattice service networks, services
// and resource configurations with accounts or the organization; invitations; and the
// grants that make a shared resource visible to the consumer's Lattice calls.
import { createHash, randomUUID } from 'node:crypto';
import type { Store, StoredRecord } from '../../store/index';
import { canonicalJson } from '@/lib/canonical';
import { isLive } from '../resources';
import type { Handler, OperationContext } from '../types';
import {
  MANAGED_PERMISSIONS,
  MANAGED_PERMISSIONS_PUBLISHED,
  SHAREABLE_TYPES,
  defaultPermission,
  findResourceType,
  invitationArnOf,
  isInvitationArn,
  isShareArn,
  managedPermissionByArn,
  parseArn,
  permissionArn,
  shareArnOf,
  shareableTypeOfArn,
  type ManagedPermission,
} from './catalog';
import {
  invalidParameter,
  invitationNotFound,
  malformedInvitationArn,
  malformedResourceArn,
  malformedShareArn,
  notPermitted,
  ramError,
  unknownShare,
} from './errors';
import { enableSharingWithOrganization, isMember, organizationOf, sharingWithOrganizationEnabled } from './organization';
import { paginate } from './paging';
import {
  ASSOCIATION,
  CLIENT_TOKEN,
  INVITATION,
  SHARE,
  accountsWithAccess,
  associationKey,
  associationsOf,
  effectiveAssociation,
  getShare,
  hasAccessThroughShare,
  invitationStatus,
  isAccountPrincipal,
  reconcileGrants,
  shareFootprint,
  type AssociationRecord,
  type ClientTokenRecord,
  type InvitationRecord,
  type ShareRecord,
  type Tag,
} from './state';

type Ctx = OperationContext<Record<string, any>>;

const MAX_TAGS = 50;

// ---- Lattice resources, as RAM sees them ------------------------------------------------------

/** The stored Lattice resource an ARN names, unless it is gone or being deleted. */
function latticeResource(store: Store, arn: string, now: number): StoredRecord | undefined {
  const record = store.get(arn);
  if (!record || !record.kind.startsWith('vpc-lattice:') || !isLive(record, now)) return undefined;
  return record;
}

// ---- Views -------------------------------------------------------------------------------------

function shareView(share: ShareRecord) {
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

function associationView(store: Store, association: AssociationRecord, now: number, statusOverride?: string) {
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

function invitationView(store: Store, invitation: InvitationRecord, now: number) {
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

function resourceView(association: AssociationRecord) {
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

function permissionView(permission: ManagedPermission, status: string) {
  return {
    arn: permissionArn(permission.name),
    version: '1',
    defaultVersion: true,
    name: permission.name,
    resourceType: permission.resourceType,
    status,
    creationTime: MANAGED_PERMISSIONS_PUBLISHED,
    lastUpdatedTime: MANAGED_PERMISSIONS_PUBLISHED,
    isResourceTypeDefault: permission.isResourceTypeDefault,
    permissionType: 'AWS_MANAGED',
    featureSet: 'STANDARD',
  };
}

// ---- Shared checks -----------------------------------------------------------------------------

/** The caller's own share, checked for form and existence. */
function ownShare(c: Ctx, arn: string): ShareRecord {
  if (!isShareArn(arn)) throw malformedShareArn(arn);
  const share = getShare(c.store, arn);
  if (!share || share.account !== c.account || share.region !== c.region) throw unknownShare(arn);
  return share;
}

function activeShare(c: Ctx, arn: string): ShareRecord {
  const share = ownShare(c, arn);
  if (share.status !== 'ACTIVE') {
    throw ramError('InvalidStateTransitionException', `ResourceShare ${arn} is in state ${share.status} and cannot be changed.`);
  }
  return share;
}

function checkShareArns(arns: string[] | undefined): void {
  for (const arn of arns ?? []) if (!isShareArn(arn)) throw malformedShareArn(arn);
}

function checkResourceType(resourceType: string | undefined, errorCode: 'InvalidResourceTypeException' | 'InvalidParameterException'): string | undefined {
  if (resourceType === undefined) return undefined;
  const found = findResourceType(resourceType);
  if (!found) throw ramError(errorCode, `The specified resource type ${resourceType} is not valid. Call ListResourceTypes for the supported types.`);
  return found.resourceType;
}

function checkTags(tags: Tag[]): void {
  for (const tag of tags) {
    if (!tag.key || tag.key.length === 0) throw invalidParameter('A tag key must be present and must not be an empty string.');
    if (tag.key.length > 128) throw invalidParameter(`The tag key ${tag.key} is longer than 128 characters.`);
    if (tag.value === undefined || tag.value === null) throw invalidParameter(`The tag ${tag.key} needs a value (which can be an empty string).`);
    if (tag.value.length > 256) throw invalidParameter(`The value of tag ${tag.key} is longer than 256 characters.`);
    if (tag.key.toLowerCase().startsWith('aws:')) throw invalidParameter(`The tag key ${tag.key} uses the reserved prefix aws:.`);
  }
  if (new Set(tags.map((t) => t.key)).size > MAX_TAGS) throw ramError('TagLimitExceededException', `A resource share can have at most ${MAX_TAGS} tags.`);
}

function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  const byKey = new Map(existing.map((t) => [t.key, t.value]));
  for (const t of added) byKey.set(t.key, t.value);
  return [...byKey].map(([key, value]) => ({ key, value }));
}

/** The principal kinds RAM accepts, parsed; anything else is malformed. */
type Principal = { kind: 'account'; id: string } | { kind: 'organization'; id: string; arn: string } | { kind: 'unsupported'; id: string; what: string };

function parsePrincipal(value: string): Principal {
  if (isAccountPrincipal(value)) return { kind: 'account', id: value };
  const org = /^arn:aws[a-z-]*:organizations::\d{12}:organization\/(o-[a-z0-9]{10,32})$/.exec(value);
  if (org) return { kind: 'organization', id: org[1]!, arn: value };
  if (/^arn:aws[a-z-]*:organizations::\d{12}:ou\/o-[a-z0-9]{10,32}\/ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/.test(value)) {
    return { kind: 'unsupported', id: value, what: 'organizational unit' };
  }
  if (/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/.test(value)) return { kind: 'unsupported', id: value, what: 'IAM role or user' };
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/.test(value)) return { kind: 'unsupported', id: value, what: 'service principal' };
  throw invalidParameter(`Principal ID ${value} is malformed. Verify the ID and try again.`);
}

// ---- Idempotency -------------------------------------------------------------------------------


/**
 * Runs `fn` once per client token: a retry with the same token and parameters gets the first
 * answer; the same token with other parameters is refused.
 */
function idempotent(c: Ctx, fn: () => Record<string, unknown>): Record<string, unknown> {
  const token = c.input.clientToken as string | undefined;
  if (token === undefined) return fn();
  const { clientToken: _token, ...params } = c.input;
  const fingerprint = createHash('sha256').update(canonicalJson(params)).digest('hex');
  const key = `ram-client-token:${c.account}:${c.region}:${c.operation}:${token}`;
  const seen = c.store.get(key) as ClientTokenRecord | undefined;
  if (seen) {
    if (seen.fingerprint !== fingerprint) {
      throw ramError('IdempotentParameterMismatchException', `The client token ${token} was already used with different parameters. Use a new token for a different request.`);
    }
    return seen.response as Record<string, unknown>;
  }
  const response = { ...fn(), clientToken: token };
  c.store.put({ key, kind: CLIENT_TOKEN, account: c.account, region: c.region, fingerprint, response: JSON.parse(JSON.stringify(response)) });
  return response;
}

// ---- Associating principals and resources ------------------------------------------------------

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

function putAssociation(c: Ctx, fields: AssociationFields): AssociationRecord {
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

function removeInvitation(c: Ctx, association: AssociationRecord): void {
  if (association.invitationArn) {
    const invitation = c.store.get(association.invitationArn) as InvitationRecord | undefined;
    if (invitation && invitation.status === 'PENDING') c.store.remove(invitation.key);
  }
}

/** Adds principals to a share: invitations where RAM sends them, immediate access where not. */
function associatePrincipals(c: Ctx, share: ShareRecord, principals: string[]): AssociationRecord[] {
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
function associateResources(c: Ctx, share: ShareRecord, resourceArns: string[]): AssociationRecord[] {
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

// ---- Handlers ----------------------------------------------------------------------------------

const CreateResourceShare: Handler = (c) =>
  idempotent(c, () => {
    const input = c.input;
    const tags: Tag[] = input.tags ?? [];
    checkTags(tags);
    const permissionArns: string[] = input.permissionArns ?? [];
    for (const arn of permissionArns) {
      if (!/^arn:aws[a-z-]*:ram::(aws|\d{12}):permission\/[\w.-]+$/.test(arn)) throw ramError('MalformedArnException', `The specified permission ARN ${arn} is not valid. Verify the ARN and try again.`);
      if (!managedPermissionByArn(arn)) throw ramError('UnknownResourceException', `Permission ${arn} could not be found.`);
    }
    if ((input.sources ?? []).length > 0) throw invalidParameter('Source constraints apply only to resource shares with service principals.');
    const arn = shareArnOf(c.region, c.account, randomUUID());
    const share = c.store.put({
      key: arn,
      kind: SHARE,
      account: c.account,
      region: c.region,
      name: input.name,
      allowExternalPrincipals: input.allowExternalPrincipals ?? true,
      status: 'ACTIVE',
      tags,
      creationTime: c.now,
      lastUpdatedTime: c.now,
      permissionArns,
      retainSharingOnAccountLeaveOrganization: input.resourceShareConfiguration?.retainSharingOnAccountLeaveOrganization,
    }) as ShareRecord;
    const resources = associateResources(c, share, input.resourceArns ?? []);
    for (const arn of permissionArns) {
      const permission = managedPermissionByArn(arn)!;
      if (resources.length > 0 && !resources.some((r) => r.resourceType === permission.resourceType)) {
        throw invalidParameter(`Permission ${arn} applies to ${permission.resourceType}, which this resource share does not include.`);
      }
    }
    associatePrincipals(c, share, input.principals ?? []);
    const footprint = shareFootprint(c.store, share, c.now);
    reconcileGrants(c.store, footprint.resources, footprint.accounts, c.now);
    return { resourceShare: shareView(share) };
  });

const GetResourceShares: Handler = (c) => {
  const input = c.input;
  checkShareArns(input.resourceShareArns);
  if (input.permissionArn !== undefined && !managedPermissionByArn(input.permissionArn)) {
    if (!/^arn:aws[a-z-]*:ram::(aws|\d{12}):permission\/[\w.-]+$/.test(input.permissionArn)) throw ramError('MalformedArnException', `The specified permission ARN ${input.permissionArn} is not valid.`);
  }
  const wanted = input.resourceShareArns ? new Set<string>(input.resourceShareArns) : undefined;
  const candidates: ShareRecord[] =
    input.resourceOwner === 'SELF'
      ? (c.store.byIndex(SHARE, 'scope', c.scope) as ShareRecord[])
      : sharesVisibleToConsumer(c);
  const filtered = candidates.filter((share) => {
    if (wanted && !wanted.has(share.key)) return false;
    if (input.resourceShareStatus && share.status !== input.resourceShareStatus) return false;
    if (input.name !== undefined && share.name !== input.name) return false;
    if (input.permissionArn !== undefined && !sharePermissions(c.store, share).some((p) => permissionArn(p.name) === input.permissionArn)) return false;
    for (const filter of (input.tagFilters ?? []) as { tagKey?: string; tagValues?: string[] }[]) {
      const match = share.tags.some((t) => (filter.tagKey === undefined || t.key === filter.tagKey) && (!filter.tagValues?.length || filter.tagValues.includes(t.value)));
      if (!match) return false;
    }
    return true;
  });
  const page = paginate(filtered, input, `GetResourceShares:${c.scope}:${canonicalJson({ ...input, nextToken: undefined, maxResults: undefined })}`);
  return { resourceShares: page.items.map(shareView), nextToken: page.nextToken };
};

/** Other accounts' shares through which the caller has access (accepted, or automatic). */
function sharesVisibleToConsumer(c: Ctx): ShareRecord[] {
  const out = new Map<string, ShareRecord>();
  const consider = (shareArn: string) => {
    if (out.has(shareArn)) return;
    const share = getShare(c.store, shareArn);
    if (share && share.region === c.region && share.account !== c.account && hasAccessThroughShare(c.store, share, c.account, c.now)) out.set(shareArn, share);
  };
  for (const association of c.store.byIndex(ASSOCIATION, 'entity', c.account) as AssociationRecord[]) consider(association.shareArn);
  const org = organizationOf(c.store);
  if (org && isMember(c.store, c.account)) {
    for (const association of c.store.byIndex(ASSOCIATION, 'entity', org.arn) as AssociationRecord[]) consider(association.shareArn);
  }
  return [...out.values()].sort((a, b) => a.seq - b.seq);
}

const UpdateResourceShare: Handler = (c) =>
  idempotent(c, () => {
    const share = activeShare(c, c.input.resourceShareArn);
    const allowExternal: boolean = c.input.allowExternalPrincipals ?? share.allowExternalPrincipals;
    if (!allowExternal && share.allowExternalPrincipals) {
      const external = associationsOf(c.store, share.key).filter((a) => a.associationType === 'PRINCIPAL' && a.external && a.status !== 'DISASSOCIATED');
      if (external.length > 0) {
        throw notPermitted(`Resource share ${share.key} has principals outside your organization (${external.map((a) => a.entity).join(', ')}); remove them before restricting it to your organization.`);
      }
    }
    const updated = c.store.put({ ...share, name: c.input.name ?? share.name, allowExternalPrincipals: allowExternal, lastUpdatedTime: c.now }) as ShareRecord;
    return { resourceShare: shareView(updated) };
  });

const DeleteResourceShare: Handler = (c) =>
  idempotent(c, () => {
    const share = activeShare(c, c.input.resourceShareArn);
    const footprint = shareFootprint(c.store, share, c.now);
    for (const association of associationsOf(c.store, share.key)) {
      removeInvitation(c, association);
      if (association.status !== 'DISASSOCIATED') putAssociation(c, { ...association, status: 'DISASSOCIATED', statusMessage: undefined, invitationArn: undefined });
    }
    c.store.put({ ...share, status: 'DELETED', lastUpdatedTime: c.now });
    reconcileGrants(c.store, footprint.resources, footprint.accounts, c.now);
    return { returnValue: true };
  });

const AssociateResourceShare: Handler = (c) =>
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

const DisassociateResourceShare: Handler = (c) =>
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

const GetResourceShareAssociations: Handler = (c) => {
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

/** An invitation addressed to the caller. */
function ownInvitation(c: Ctx, arn: string): InvitationRecord {
  if (!isInvitationArn(arn)) throw malformedInvitationArn(arn);
  const invitation = c.store.get(arn) as InvitationRecord | undefined;
  if (!invitation || invitation.kind !== INVITATION || invitation.receiver !== c.account || invitation.region !== c.region) throw invitationNotFound(arn);
  return invitation;
}

const GetResourceShareInvitations: Handler = (c) => {
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

const AcceptResourceShareInvitation: Handler = (c) => idempotent(c, () => answerInvitation(c, 'ACCEPTED'));
const RejectResourceShareInvitation: Handler = (c) => idempotent(c, () => answerInvitation(c, 'REJECTED'));

function regionScopeMatches(filter: string | undefined): boolean {
  // Every type lattice-local shares is regional.
  return filter === undefined || filter === 'ALL' || filter === 'REGIONAL';
}

const ListPendingInvitationResources: Handler = (c) => {
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

const ListResources: Handler = (c) => {
  const input = c.input;
  checkShareArns(input.resourceShareArns);
  const resourceType = checkResourceType(input.resourceType, 'InvalidResourceTypeException');
  for (const arn of (input.resourceArns ?? []) as string[]) if (!parseArn(arn)) throw malformedResourceArn(arn);
  if (input.principal !== undefined && input.resourceOwner === 'SELF') parsePrincipal(input.principal);
  const shares = input.resourceOwner === 'SELF' ? (c.store.byIndex(SHARE, 'scope', c.scope) as ShareRecord[]).filter((s) => s.status === 'ACTIVE') : sharesVisibleToConsumer(c);
  const wantedShares = input.resourceShareArns ? new Set<string>(input.resourceShareArns) : undefined;
  const wantedResources = input.resourceArns ? new Set<string>(input.resourceArns) : undefined;
  const rows: AssociationRecord[] = [];
  if (regionScopeMatches(input.resourceRegionScope)) {
    for (const share of shares) {
      if (wantedShares && !wantedShares.has(share.key)) continue;
      if (input.principal !== undefined) {
        const principalMatches =
          input.resourceOwner === 'SELF'
            ? associationsOf(c.store, share.key).some((a) => a.associationType === 'PRINCIPAL' && a.entity === input.principal && a.status !== 'DISASSOCIATED')
            : share.account === input.principal;
        if (!principalMatches) continue;
      }
      for (const a of associationsOf(c.store, share.key)) {
        if (a.associationType !== 'RESOURCE' || a.status !== 'ASSOCIATED') continue;
        if (resourceType && a.resourceType !== resourceType) continue;
        if (wantedResources && !wantedResources.has(a.entity)) continue;
        rows.push(a);
      }
    }
  }
  const page = paginate(rows, input, `ListResources:${c.scope}:${canonicalJson({ ...input, nextToken: undefined, maxResults: undefined })}`);
  return { resources: page.items.map(resourceView), nextToken: page.nextToken };
};

const ListPrincipals: Handler = (c) => {
  const input = c.input;
  checkShareArns(input.resourceShareArns);
  const resourceType = checkResourceType(input.resourceType, 'InvalidParameterException');
  if (input.resourceArn !== undefined && !parseArn(input.resourceArn)) throw malformedResourceArn(input.resourceArn);
  const wantedShares = input.resourceShareArns ? new Set<string>(input.resourceShareArns) : undefined;
  const wantedPrincipals = input.principals ? new Set<string>(input.principals) : undefined;
  const shareMatches = (share: ShareRecord) => {
    if (wantedShares && !wantedShares.has(share.key)) return false;
    const resources = associationsOf(c.store, share.key).filter((a) => a.associationType === 'RESOURCE' && a.status === 'ASSOCIATED');
    if (input.resourceArn !== undefined && !resources.some((a) => a.entity === input.resourceArn)) return false;
    if (resourceType && !resources.some((a) => a.resourceType === resourceType)) return false;
    return true;
  };
  const rows: { id: string; resourceShareArn: string; creationTime: number; lastUpdatedTime: number; external: boolean }[] = [];
  if (input.resourceOwner === 'SELF') {
    for (const share of (c.store.byIndex(SHARE, 'scope', c.scope) as ShareRecord[]).filter((s) => s.status === 'ACTIVE' && shareMatches(s))) {
      for (const raw of associationsOf(c.store, share.key)) {
        const a = effectiveAssociation(c.store, raw, c.now);
        if (a.associationType !== 'PRINCIPAL' || (a.status !== 'ASSOCIATED' && a.status !== 'ASSOCIATING')) continue;
        if (wantedPrincipals && !wantedPrincipals.has(a.entity)) continue;
        rows.push({ id: a.entity, resourceShareArn: share.key, creationTime: a.creationTime, lastUpdatedTime: a.lastUpdatedTime, external: a.external ?? false });
      }
    }
  } else {
    for (const share of sharesVisibleToConsumer(c).filter(shareMatches)) {
      if (wantedPrincipals && !wantedPrincipals.has(share.account)) continue;
      const external = !(isMember(c.store, share.account) && isMember(c.store, c.account));
      rows.push({ id: share.account, resourceShareArn: share.key, creationTime: share.creationTime, lastUpdatedTime: share.lastUpdatedTime, external });
    }
  }
  const page = paginate(rows, input, `ListPrincipals:${c.scope}:${canonicalJson({ ...input, nextToken: undefined, maxResults: undefined })}`);
  return { principals: page.items, nextToken: page.nextToken };
};

const ListResourceTypes: Handler = (c) => {
  const rows = regionScopeMatches(c.input.resourceRegionScope)
    ? SHAREABLE_TYPES.map((t) => ({ resourceType: t.resourceType, serviceName: t.serviceName, resourceRegionScope: 'REGIONAL' }))
    : [];
  const page = paginate(rows, c.input, `ListResourceTypes:${c.input.resourceRegionScope ?? 'ALL'}`);
  return { resourceTypes: page.items, nextToken: page.nextToken };
};

const ListPermissions: Handler = (c) => {
  const resourceType = checkResourceType(c.input.resourceType, 'InvalidParameterException');
  const rows = c.input.permissionType === 'CUSTOMER_MANAGED' ? [] : MANAGED_PERMISSIONS.filter((p) => !resourceType || p.resourceType === resourceType);
  const page = paginate(rows, c.input, `ListPermissions:${resourceType ?? ''}:${c.input.permissionType ?? 'ALL'}`);
  return { permissions: page.items.map((p) => permissionView(p, 'ATTACHABLE')), nextToken: page.nextToken };
};

/** The permissions a share carries: the named ones, and the default of each other type it holds. */
function sharePermissions(store: Store, share: ShareRecord): ManagedPermission[] {
  const named = share.permissionArns.map((arn) => managedPermissionByArn(arn)).filter((p): p is ManagedPermission => !!p);
  const types = new Set(associationsOf(store, share.key).filter((a) => a.associationType === 'RESOURCE' && a.resourceType).map((a) => a.resourceType!));
  const out = [...named];
  for (const type of types) if (!named.some((p) => p.resourceType === type)) out.push(defaultPermission(type));
  return out;
}

const ListResourceSharePermissions: Handler = (c) => {
  const arn = c.input.resourceShareArn as string;
  if (!isShareArn(arn)) throw malformedShareArn(arn);
  const share = getShare(c.store, arn);
  const visible = share && share.region === c.region && (share.account === c.account || hasAccessThroughShare(c.store, share, c.account, c.now));
  if (!share || !visible) throw unknownShare(arn);
  const page = paginate(sharePermissions(c.store, share), c.input, `ListResourceSharePermissions:${c.scope}:${arn}`);
  return { permissions: page.items.map((p) => permissionView(p, 'ASSOCIATED')), nextToken: page.nextToken };
};

const EnableSharingWithAwsOrganization: Handler = (c) => {
  const org = organizationOf(c.store);
  if (!org) throw notPermitted(`Account ${c.account} is not a member of an organization in AWS Organizations.`);
  if (c.account !== org.managementAccountId) {
    throw notPermitted(`Only the management account of organization ${org.id} (${org.managementAccountId}) can enable sharing with AWS Organizations.`);
  }
  if (!sharingWithOrganizationEnabled(c.store)) enableSharingWithOrganization(c.store);
  return { returnValue: true };
};

/** The share a tagging call names (RAM tags shares; AWS managed permissions cannot be tagged). */
function tagTarget(c: Ctx): ShareRecord {
  const { resourceShareArn, resourceArn } = c.input as { resourceShareArn?: string; resourceArn?: string };
  if ((resourceShareArn === undefined) === (resourceArn === undefined)) throw invalidParameter('Specify either resourceShareArn or resourceArn, but not both.');
  if (resourceArn !== undefined) {
    if (managedPermissionByArn(resourceArn)) throw invalidParameter(`${resourceArn} is an AWS managed permission; only customer managed permissions can be tagged.`);
    if (!/^arn:aws[a-z-]*:ram::\d{12}:permission\/[\w.-]+$/.test(resourceArn)) throw malformedResourceArn(resourceArn);
    throw ramError('UnknownResourceException', `Permission ${resourceArn} could not be found.`);
  }
  return activeShare(c, resourceShareArn!);
}

const TagResource: Handler = (c) => {
  const share = tagTarget(c);
  const tags = (c.input.tags ?? []) as Tag[];
  checkTags(tags);
  const merged = mergeTags(share.tags, tags);
  if (merged.length > MAX_TAGS) throw ramError('TagLimitExceededException', `A resource share can have at most ${MAX_TAGS} tags.`);
  c.store.put({ ...share, tags: merged, lastUpdatedTime: c.now });
  return {};
};

const UntagResource: Handler = (c) => {
  const share = tagTarget(c);
  const drop = new Set((c.input.tagKeys ?? []) as string[]);
  c.store.put({ ...share, tags: share.tags.filter((t) => !drop.has(t.key)), lastUpdatedTime: c.now });
  return {};
};

export const ramHandlers: Record<string, Handler> = {
  CreateResourceShare,
  GetResourceShares,
  UpdateResourceShare,
  DeleteResourceShare,
  AssociateResourceShare,
  DisassociateResourceShare,
  GetResourceShareAssociations,
  GetResourceShareInvitations,
  AcceptResourceShareInvitation,
  RejectResourceShareInvitation,
  ListPendingInvitationResources,
  ListResources,
  ListPrincipals,
  ListResourceTypes,
  ListPermissions,
  ListResourceSharePermissions,
  EnableSharingWithAwsOrganization,
  TagResource,
  UntagResource,
};

export { accountsWithAccess };
