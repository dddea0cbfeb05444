// Resource shares: create, read, update, delete, and their tags.
import { randomUUID } from 'node:crypto';
import { canonicalJson } from '@/lib/canonical';
import type { Handler } from '../types';
import { PERMISSION_ARN, managedPermissionByArn, shareArnOf } from './catalog';
import { invalidParameter, malformedResourceArn, notPermitted, ramError } from './errors';
import { paginate } from './paging';
import { SHARE, associationsOf, reconcileGrants, shareFootprint, type ShareRecord, type Tag } from './state';
import { type Ctx, activeShare, checkShareArns, idempotent, sharesVisibleToConsumer } from './common';
import { shareView } from './views';
import { putAssociation, removeInvitation, associatePrincipals, associateResources } from './associations';
import { readablePermission, sharePermissions } from './permissions';

const MAX_TAGS = 50;

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

export const CreateResourceShare: Handler = (c) =>
  idempotent(c, () => {
    const input = c.input;
    const tags: Tag[] = input.tags ?? [];
    checkTags(tags);
    const permissionArns: string[] = input.permissionArns ?? [];
    const permissions = permissionArns.map((arn) => readablePermission(c, arn));
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
      permissionVersions: Object.fromEntries(permissions.map((p) => [p.arn, p.defaultVersion])),
      retainSharingOnAccountLeaveOrganization: input.resourceShareConfiguration?.retainSharingOnAccountLeaveOrganization,
    }) as ShareRecord;
    const resources = associateResources(c, share, input.resourceArns ?? []);
    for (const permission of permissions) {
      if (resources.length > 0 && !resources.some((r) => r.resourceType === permission.resourceType)) {
        throw invalidParameter(`Permission ${permission.arn} applies to ${permission.resourceType}, which this resource share does not include.`);
      }
    }
    associatePrincipals(c, share, input.principals ?? []);
    const footprint = shareFootprint(c.store, share, c.now);
    reconcileGrants(c.store, footprint.resources, footprint.accounts, c.now);
    return { resourceShare: shareView(share) };
  });

export const GetResourceShares: Handler = (c) => {
  const input = c.input;
  checkShareArns(input.resourceShareArns);
  if (input.permissionArn !== undefined && !PERMISSION_ARN.test(input.permissionArn)) {
    throw ramError('MalformedArnException', `The specified permission ARN ${input.permissionArn} is not valid.`);
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
    if (input.permissionArn !== undefined && !sharePermissions(c.store, share).some((p) => p.permission.arn === input.permissionArn)) return false;
    for (const filter of (input.tagFilters ?? []) as { tagKey?: string; tagValues?: string[] }[]) {
      const match = share.tags.some((t) => (filter.tagKey === undefined || t.key === filter.tagKey) && (!filter.tagValues?.length || filter.tagValues.includes(t.value)));
      if (!match) return false;
    }
    return true;
  });
  const page = paginate(filtered, input, `GetResourceShares:${c.scope}:${canonicalJson({ ...input, nextToken: undefined, maxResults: undefined })}`);
  return { resourceShares: page.items.map(shareView), nextToken: page.nextToken };
};

export const UpdateResourceShare: Handler = (c) =>
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

export const DeleteResourceShare: Handler = (c) =>
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

/** What a tagging call names: one of the caller's shares, or its own customer managed permission (AWS managed ones cannot be tagged). */
function tagTarget(c: Ctx): { key: string; tags: Tag[]; record: Record<string, unknown> } {
  const { resourceShareArn, resourceArn } = c.input as { resourceShareArn?: string; resourceArn?: string };
  if ((resourceShareArn === undefined) === (resourceArn === undefined)) throw invalidParameter('Specify either resourceShareArn or resourceArn, but not both.');
  if (resourceArn !== undefined) {
    if (managedPermissionByArn(resourceArn)) throw invalidParameter(`${resourceArn} is an AWS managed permission; only customer managed permissions can be tagged.`);
    if (!PERMISSION_ARN.test(resourceArn)) throw malformedResourceArn(resourceArn);
    readablePermission(c, resourceArn);
    const record = c.store.get(resourceArn)!;
    return { key: resourceArn, tags: (record.tags as Tag[] | undefined) ?? [], record };
  }
  const share = activeShare(c, resourceShareArn!);
  return { key: share.key, tags: share.tags, record: share };
}

export const TagResource: Handler = (c) => {
  const target = tagTarget(c);
  const tags = (c.input.tags ?? []) as Tag[];
  checkTags(tags);
  const merged = mergeTags(target.tags, tags);
  if (merged.length > MAX_TAGS) throw ramError('TagLimitExceededException', `A resource share can have at most ${MAX_TAGS} tags.`);
  c.store.put({ ...(target.record as ShareRecord), tags: merged, lastUpdatedTime: c.now });
  return {};
};

export const UntagResource: Handler = (c) => {
  const target = tagTarget(c);
  const drop = new Set((c.input.tagKeys ?? []) as string[]);
  c.store.put({ ...(target.record as ShareRecord), tags: target.tags.filter((t) => !drop.has(t.key)), lastUpdatedTime: c.now });
  return {};
};
