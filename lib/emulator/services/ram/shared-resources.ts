// What is shared and with whom: resources, principals, and the resource types RAM can share.
import { canonicalJson } from '@/lib/canonical';
import type { Handler } from '../types';
import { SHAREABLE_TYPES, parseArn } from './catalog';
import { malformedResourceArn } from './errors';
import { isMember } from './organization';
import { paginate } from './paging';
import { SHARE, associationsOf, effectiveAssociation, type AssociationRecord, type ShareRecord } from './state';
import { checkShareArns, checkResourceType, parsePrincipal, regionScopeMatches, sharesVisibleToConsumer } from './common';
import { resourceView } from './views';

export const ListResources: Handler = (c) => {
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

export const ListPrincipals: Handler = (c) => {
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

export const ListResourceTypes: Handler = (c) => {
  const rows = regionScopeMatches(c.input.resourceRegionScope)
    ? SHAREABLE_TYPES.map((t) => ({ resourceType: t.resourceType, serviceName: t.serviceName, resourceRegionScope: 'REGIONAL' }))
    : [];
  const page = paginate(rows, c.input, `ListResourceTypes:${c.input.resourceRegionScope ?? 'ALL'}`);
  return { resourceTypes: page.items, nextToken: page.nextToken };
};
