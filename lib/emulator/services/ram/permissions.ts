// The AWS managed permissions, and those a share carries.
import type { Store } from '../../store/index';
import type { Handler } from '../types';
import { MANAGED_PERMISSIONS, defaultPermission, isShareArn, managedPermissionByArn, type ManagedPermission } from './catalog';
import { malformedShareArn, unknownShare } from './errors';
import { paginate } from './paging';
import { associationsOf, getShare, hasAccessThroughShare, type ShareRecord } from './state';
import { checkResourceType } from './common';
import { permissionView } from './views';

export const ListPermissions: Handler = (c) => {
  const resourceType = checkResourceType(c.input.resourceType, 'InvalidParameterException');
  const rows = c.input.permissionType === 'CUSTOMER_MANAGED' ? [] : MANAGED_PERMISSIONS.filter((p) => !resourceType || p.resourceType === resourceType);
  const page = paginate(rows, c.input, `ListPermissions:${resourceType ?? ''}:${c.input.permissionType ?? 'ALL'}`);
  return { permissions: page.items.map((p) => permissionView(p, 'ATTACHABLE')), nextToken: page.nextToken };
};

/** The permissions a share carries: the named ones, and the default of each other type it holds. */
export function sharePermissions(store: Store, share: ShareRecord): ManagedPermission[] {
  const named = share.permissionArns.map((arn) => managedPermissionByArn(arn)).filter((p): p is ManagedPermission => !!p);
  const types = new Set(associationsOf(store, share.key).filter((a) => a.associationType === 'RESOURCE' && a.resourceType).map((a) => a.resourceType!));
  const out = [...named];
  for (const type of types) if (!named.some((p) => p.resourceType === type)) out.push(defaultPermission(type));
  return out;
}

export const ListResourceSharePermissions: Handler = (c) => {
  const arn = c.input.resourceShareArn as string;
  if (!isShareArn(arn)) throw malformedShareArn(arn);
  const share = getShare(c.store, arn);
  const visible = share && share.region === c.region && (share.account === c.account || hasAccessThroughShare(c.store, share, c.account, c.now));
  if (!share || !visible) throw unknownShare(arn);
  const page = paginate(sharePermissions(c.store, share), c.input, `ListResourceSharePermissions:${c.scope}:${arn}`);
  return { permissions: page.items.map((p) => permissionView(p, 'ASSOCIATED')), nextToken: page.nextToken };
};
