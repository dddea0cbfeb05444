// RAM permissions: AWS managed ones for the Lattice types, customer managed ones (CreatePermission)
// with their versions, which a share carries, replacing one by another across shares, and the
// resource policies RAM writes for shared resources.
import { randomUUID } from 'node:crypto';
import { canonicalJson } from '@/lib/canonical';
import type { Store } from '../../store/index';
import type { Handler } from '../types';
import {
  MANAGED_PERMISSIONS, MANAGED_PERMISSIONS_PUBLISHED, PERMISSION_ARN, customerPermissionArnOf, defaultPermission, isShareArn, managedPermissionByArn,
  managedTemplate, parseArn, permissionArn, shareableTypeOfArn,
} from './catalog';
import { invalidParameter, malformedShareArn, notPermitted, ramError, unknownShare } from './errors';
import { paginate } from './paging';
import { ASSOCIATION, SHARE, accountsWithAccess, associationsOf, getShare, hasAccessThroughShare, type AssociationRecord, type ShareRecord, type Tag } from './state';
import { type Ctx, activeShare, checkResourceType, idempotent } from './common';

export const PERMISSION = 'ram:permission';
export const REPLACE_WORK = 'ram:replace-permission-work';

/** RAM's limit of versions per customer managed permission. */
const MAX_PERMISSION_VERSIONS = 5;

interface PermissionVersion {
  version: number;
  template: string;
  creationTime: number;
  lastUpdatedTime: number;
}

/** A customer managed permission in the store. */
interface PermissionRecord {
  key: string;
  kind: typeof PERMISSION;
  account: string;
  region: string;
  seq: number;
  name: string;
  resourceType: string;
  defaultVersion: number;
  versions: PermissionVersion[];
  tags: Tag[];
  status: 'ATTACHABLE' | 'DELETED';
  creationTime: number;
  lastUpdatedTime: number;
}

/** A permission, AWS or customer managed, as the handlers use it. */
export interface Permission {
  arn: string;
  name: string;
  resourceType: string;
  isResourceTypeDefault: boolean;
  permissionType: 'AWS_MANAGED' | 'CUSTOMER_MANAGED';
  defaultVersion: number;
  versions: PermissionVersion[];
  status: string;
  creationTime: number;
  lastUpdatedTime: number;
  tags?: Tag[];
  /** The owner of a customer managed permission. */
  account?: string;
}

function fromManaged(name: string): Permission | undefined {
  const p = MANAGED_PERMISSIONS.find((m) => m.name === name);
  if (!p) return undefined;
  return {
    arn: permissionArn(p.name), name: p.name, resourceType: p.resourceType, isResourceTypeDefault: p.isResourceTypeDefault, permissionType: 'AWS_MANAGED',
    defaultVersion: 1, versions: [{ version: 1, template: managedTemplate(p), creationTime: MANAGED_PERMISSIONS_PUBLISHED, lastUpdatedTime: MANAGED_PERMISSIONS_PUBLISHED }],
    status: 'ATTACHABLE', creationTime: MANAGED_PERMISSIONS_PUBLISHED, lastUpdatedTime: MANAGED_PERMISSIONS_PUBLISHED,
  };
}

function fromRecord(r: PermissionRecord): Permission {
  return {
    arn: r.key, name: r.name, resourceType: r.resourceType, isResourceTypeDefault: false, permissionType: 'CUSTOMER_MANAGED', defaultVersion: r.defaultVersion,
    versions: r.versions, status: r.status, creationTime: r.creationTime, lastUpdatedTime: r.lastUpdatedTime, tags: r.tags, account: r.account,
  };
}

/** Any permission by ARN (a deleted customer permission included), whoever owns it. */
export function findPermission(store: Store, arn: string): Permission | undefined {
  const managed = managedPermissionByArn(arn);
  if (managed) return fromManaged(managed.name);
  const record = store.get(arn);
  return record?.kind === PERMISSION ? fromRecord(record as unknown as PermissionRecord) : undefined;
}

function checkPermissionArn(arn: string): void {
  if (!PERMISSION_ARN.test(arn)) throw ramError('MalformedArnException', `The specified permission ARN ${arn} is not valid. Verify the ARN and try again.`);
}

const unknownPermission = (arn: string) => ramError('UnknownResourceException', `Permission ${arn} could not be found.`);

/** A permission the caller may read: AWS managed, or its own customer managed one (not deleted). */
export function readablePermission(c: Ctx, arn: string): Permission {
  checkPermissionArn(arn);
  const p = findPermission(c.store, arn);
  if (!p || (p.permissionType === 'CUSTOMER_MANAGED' && (p.account !== c.account || p.status === 'DELETED'))) throw unknownPermission(arn);
  return p;
}

/** The caller's own customer managed permission; an AWS managed one cannot be changed. */
function ownPermission(c: Ctx, arn: string): PermissionRecord {
  const p = readablePermission(c, arn);
  if (p.permissionType === 'AWS_MANAGED') throw notPermitted(`${arn} is an AWS managed permission; only customer managed permissions can be changed.`);
  return c.store.get(arn) as unknown as PermissionRecord;
}

function versionOf(p: Permission, version: number | undefined, arn: string): PermissionVersion {
  const v = p.versions.find((x) => x.version === (version ?? p.defaultVersion));
  if (!v) throw unknownPermission(`${arn} version ${version}`);
  return v;
}

function summaryView(p: Permission, v: PermissionVersion, status = p.status) {
  return {
    arn: p.arn,
    version: String(v.version),
    defaultVersion: v.version === p.defaultVersion,
    name: p.name,
    resourceType: p.resourceType,
    status,
    creationTime: v.creationTime,
    lastUpdatedTime: v.lastUpdatedTime,
    isResourceTypeDefault: p.isResourceTypeDefault,
    permissionType: p.permissionType,
    featureSet: 'STANDARD',
    tags: p.tags,
  };
}

const detailView = (p: Permission, v: PermissionVersion) => ({ ...summaryView(p, v), permission: v.template });

/**
 * A policy template as RAM takes one: a JSON object with Effect Allow and the actions of the
 * permission's resource type's service; no Principal or Resource (RAM fills those in).
 */
function checkTemplate(template: string, resourceType: string): void {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(template) as Record<string, unknown>;
  } catch {
    throw ramError('MalformedPolicyTemplateException', 'The policy template is not valid JSON.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw ramError('MalformedPolicyTemplateException', 'The policy template must be a JSON object.');
  for (const key of Object.keys(parsed)) {
    if (!['Effect', 'Action', 'Condition'].includes(key)) throw ramError('MalformedPolicyTemplateException', `The policy template cannot contain ${key}; RAM supplies the principal and resource.`);
  }
  if (parsed.Effect !== 'Allow') throw ramError('MalformedPolicyTemplateException', 'The policy template must have Effect Allow.');
  const actions = typeof parsed.Action === 'string' ? [parsed.Action] : parsed.Action;
  if (!Array.isArray(actions) || actions.length === 0 || !actions.every((a) => typeof a === 'string')) {
    throw ramError('MalformedPolicyTemplateException', 'The policy template must name at least one action.');
  }
  const service = resourceType.split(':')[0]!;
  const foreign = (actions as string[]).filter((a) => !a.toLowerCase().startsWith(`${service}:`));
  if (foreign.length) throw ramError('InvalidPolicyException', `The actions ${foreign.join(', ')} do not apply to resource type ${resourceType}.`);
}

// ---- Listing permissions ---------------------------------------------------------------------

export const ListPermissions: Handler = (c) => {
  const resourceType = checkResourceType(c.input.resourceType, 'InvalidParameterException');
  const type = (c.input.permissionType as string | undefined) ?? 'ALL';
  const managed = type === 'CUSTOMER_MANAGED' ? [] : MANAGED_PERMISSIONS.map((m) => fromManaged(m.name)!);
  const own = type === 'AWS_MANAGED' ? [] : ownPermissions(c);
  const rows = [...managed, ...own].filter((p) => !resourceType || p.resourceType === resourceType);
  const page = paginate(rows, c.input, `ListPermissions:${c.scope}:${resourceType ?? ''}:${type}`);
  return { permissions: page.items.map((p) => summaryView(p, versionOf(p, undefined, p.arn))), nextToken: page.nextToken };
};

const ownPermissions = (c: Ctx) =>
  (c.store.byIndex(PERMISSION, 'scope', c.scope) as unknown as PermissionRecord[]).filter((r) => r.status !== 'DELETED').map(fromRecord);

export const GetPermission: Handler = (c) => {
  const p = readablePermission(c, c.input.permissionArn);
  return { permission: detailView(p, versionOf(p, c.input.permissionVersion, p.arn)) };
};

export const ListPermissionVersions: Handler = (c) => {
  const p = readablePermission(c, c.input.permissionArn);
  const rows = [...p.versions].sort((a, b) => a.version - b.version);
  const page = paginate(rows, c.input, `ListPermissionVersions:${c.scope}:${p.arn}`);
  return { permissions: page.items.map((v) => summaryView(p, v)), nextToken: page.nextToken };
};

// ---- Customer managed permissions -----------------------------------------------------------

export const CreatePermission: Handler = (c) =>
  idempotent(c, () => {
    const resourceType = checkResourceType(c.input.resourceType, 'InvalidParameterException')!;
    const name = c.input.name as string;
    const arn = customerPermissionArnOf(c.region, c.account, name);
    const existing = c.store.get(arn) as unknown as PermissionRecord | undefined;
    if (existing && existing.status !== 'DELETED') throw ramError('PermissionAlreadyExistsException', `A permission named ${name} already exists in this account and Region.`);
    checkTemplate(c.input.policyTemplate, resourceType);
    const tags = (c.input.tags ?? []) as Tag[];
    const record = c.store.put({
      key: arn, kind: PERMISSION, account: c.account, region: c.region, name, resourceType, defaultVersion: 1,
      versions: [{ version: 1, template: c.input.policyTemplate, creationTime: c.now, lastUpdatedTime: c.now }],
      tags, status: 'ATTACHABLE', creationTime: c.now, lastUpdatedTime: c.now,
    }) as unknown as PermissionRecord;
    const p = fromRecord(record);
    return { permission: summaryView(p, p.versions[0]!) };
  });

export const CreatePermissionVersion: Handler = (c) =>
  idempotent(c, () => {
    const record = ownPermission(c, c.input.permissionArn);
    if (record.versions.length >= MAX_PERMISSION_VERSIONS) {
      throw ramError('PermissionVersionsLimitExceededException', `Permission ${record.key} already has ${MAX_PERMISSION_VERSIONS} versions; delete one before creating another.`);
    }
    checkTemplate(c.input.policyTemplate, record.resourceType);
    const version = Math.max(...record.versions.map((v) => v.version)) + 1;
    const updated = c.store.put({ ...record, versions: [...record.versions, { version, template: c.input.policyTemplate, creationTime: c.now, lastUpdatedTime: c.now }], lastUpdatedTime: c.now }) as unknown as PermissionRecord;
    const p = fromRecord(updated);
    return { permission: detailView(p, versionOf(p, version, p.arn)) };
  });

export const SetDefaultPermissionVersion: Handler = (c) =>
  idempotent(c, () => {
    const record = ownPermission(c, c.input.permissionArn);
    const version = c.input.permissionVersion as number;
    if (!record.versions.some((v) => v.version === version)) throw unknownPermission(`${record.key} version ${version}`);
    c.store.put({ ...record, defaultVersion: version, lastUpdatedTime: c.now });
    return { returnValue: true };
  });

/** Shares (the caller's, active) that carry a permission, optionally one version of it. */
function sharesUsing(c: Ctx, arn: string, version?: number): ShareRecord[] {
  return (c.store.byIndex(SHARE, 'scope', c.scope) as ShareRecord[]).filter(
    (s) => s.status === 'ACTIVE' && s.permissionArns.includes(arn) && (version === undefined || versionOnShare(s, arn) === version),
  );
}

/** The version of a named permission a share carries (the default version at the time it was attached). */
function versionOnShare(share: ShareRecord, arn: string): number | undefined {
  return (share.permissionVersions as Record<string, number> | undefined)?.[arn];
}

export const DeletePermissionVersion: Handler = (c) =>
  idempotent(c, () => {
    const record = ownPermission(c, c.input.permissionArn);
    const version = c.input.permissionVersion as number;
    if (!record.versions.some((v) => v.version === version)) throw unknownPermission(`${record.key} version ${version}`);
    if (version === record.defaultVersion) throw notPermitted(`Version ${version} is the default version of ${record.key}; make another version the default first.`);
    if (sharesUsing(c, record.key, version).length) throw notPermitted(`Version ${version} of ${record.key} is attached to resource shares; replace it first.`);
    c.store.put({ ...record, versions: record.versions.filter((v) => v.version !== version), lastUpdatedTime: c.now });
    return { returnValue: true, permissionStatus: 'ATTACHABLE' };
  });

export const DeletePermission: Handler = (c) =>
  idempotent(c, () => {
    const record = ownPermission(c, c.input.permissionArn);
    if (sharesUsing(c, record.key).length) throw notPermitted(`Permission ${record.key} is attached to resource shares; disassociate or replace it first.`);
    c.store.put({ ...record, status: 'DELETED', lastUpdatedTime: c.now });
    return { returnValue: true, permissionStatus: 'DELETED' };
  });

// ---- The permissions a share carries ----------------------------------------------------------

export interface SharePermission {
  permission: Permission;
  version: PermissionVersion;
}

/** The permissions a share carries: the named ones, and the default of each other type it holds. */
export function sharePermissions(store: Store, share: ShareRecord): SharePermission[] {
  const out: SharePermission[] = [];
  for (const arn of share.permissionArns) {
    const p = findPermission(store, arn);
    if (!p) continue;
    const version = p.versions.find((v) => v.version === (versionOnShare(share, arn) ?? p.defaultVersion)) ?? p.versions.find((v) => v.version === p.defaultVersion)!;
    out.push({ permission: p, version });
  }
  const types = new Set(associationsOf(store, share.key).filter((a) => a.associationType === 'RESOURCE' && a.resourceType && a.status === 'ASSOCIATED').map((a) => a.resourceType!));
  for (const type of types) {
    if (out.some((x) => x.permission.resourceType === type)) continue;
    const p = fromManaged(defaultPermission(type).name)!;
    out.push({ permission: p, version: p.versions[0]! });
  }
  return out;
}

export const ListResourceSharePermissions: Handler = (c) => {
  const arn = c.input.resourceShareArn as string;
  if (!isShareArn(arn)) throw malformedShareArn(arn);
  const share = getShare(c.store, arn);
  const visible = share && share.region === c.region && (share.account === c.account || hasAccessThroughShare(c.store, share, c.account, c.now));
  if (!share || !visible) throw unknownShare(arn);
  const page = paginate(sharePermissions(c.store, share), c.input, `ListResourceSharePermissions:${c.scope}:${arn}`);
  return { permissions: page.items.map((x) => summaryView(x.permission, x.version, 'ASSOCIATED')), nextToken: page.nextToken };
};

/** Names `permission` (at `version`) on a share, instead of any other of its resource type. */
function attach(c: Ctx, share: ShareRecord, p: Permission, version: number): ShareRecord {
  const others = share.permissionArns.filter((arn) => arn !== p.arn && findPermission(c.store, arn)?.resourceType !== p.resourceType);
  const versions = { ...((share.permissionVersions as Record<string, number> | undefined) ?? {}) };
  for (const arn of Object.keys(versions)) if (!others.includes(arn)) delete versions[arn];
  versions[p.arn] = version;
  return c.store.put({ ...share, permissionArns: [...others, p.arn], permissionVersions: versions, lastUpdatedTime: c.now }) as ShareRecord;
}

export const AssociateResourceSharePermission: Handler = (c) =>
  idempotent(c, () => {
    const share = activeShare(c, c.input.resourceShareArn);
    const p = readablePermission(c, c.input.permissionArn);
    const version = versionOf(p, c.input.permissionVersion, p.arn).version;
    const carried = sharePermissions(c.store, share).find((x) => x.permission.resourceType === p.resourceType);
    const resourceTypes = associationsOf(c.store, share.key).filter((a) => a.associationType === 'RESOURCE' && a.status === 'ASSOCIATED').map((a) => a.resourceType);
    if (!resourceTypes.includes(p.resourceType)) {
      throw invalidParameter(`Permission ${p.arn} applies to ${p.resourceType}, which resource share ${share.key} does not include.`);
    }
    if (carried && carried.permission.arn !== p.arn && !c.input.replace) {
      throw invalidParameter(`Resource share ${share.key} already carries ${carried.permission.arn} for ${p.resourceType}; set replace to true to replace it.`);
    }
    attach(c, share, p, version);
    return { returnValue: true };
  });

export const DisassociateResourceSharePermission: Handler = (c) =>
  idempotent(c, () => {
    const share = activeShare(c, c.input.resourceShareArn);
    const arn = c.input.permissionArn as string;
    checkPermissionArn(arn);
    if (!share.permissionArns.includes(arn)) throw ramError('UnknownResourceException', `Permission ${arn} is not associated with resource share ${share.key}.`);
    const versions = { ...((share.permissionVersions as Record<string, number> | undefined) ?? {}) };
    delete versions[arn];
    // The resource type falls back to its AWS managed default permission.
    c.store.put({ ...share, permissionArns: share.permissionArns.filter((x) => x !== arn), permissionVersions: versions, lastUpdatedTime: c.now });
    return { returnValue: true };
  });

export const ListPermissionAssociations: Handler = (c) => {
  const input = c.input;
  if (input.permissionArn !== undefined) checkPermissionArn(input.permissionArn);
  const resourceType = checkResourceType(input.resourceType, 'InvalidParameterException');
  const rows: Record<string, unknown>[] = [];
  for (const share of (c.store.byIndex(SHARE, 'scope', c.scope) as ShareRecord[]).filter((s) => s.status === 'ACTIVE')) {
    for (const { permission, version } of sharePermissions(c.store, share)) {
      if (input.permissionArn !== undefined && permission.arn !== input.permissionArn) continue;
      if (input.permissionVersion !== undefined && version.version !== input.permissionVersion) continue;
      if (resourceType && permission.resourceType !== resourceType) continue;
      if (input.associationStatus !== undefined && input.associationStatus !== 'ASSOCIATED') continue;
      if (input.featureSet !== undefined && input.featureSet !== 'STANDARD') continue;
      const isDefault = version.version === permission.defaultVersion;
      if (input.defaultVersion !== undefined && input.defaultVersion !== isDefault) continue;
      rows.push({
        arn: permission.arn, permissionVersion: String(version.version), defaultVersion: isDefault, resourceType: permission.resourceType, status: 'ASSOCIATED',
        featureSet: 'STANDARD', lastUpdatedTime: share.lastUpdatedTime, resourceShareArn: share.key,
      });
    }
  }
  const page = paginate(rows, input, `ListPermissionAssociations:${c.scope}:${canonicalJson({ ...input, nextToken: undefined, maxResults: undefined })}`);
  return { permissions: page.items, nextToken: page.nextToken };
};

// ---- Replacing a permission across shares --------------------------------------------------

export const ReplacePermissionAssociations: Handler = (c) =>
  idempotent(c, () => {
    const from = readablePermission(c, c.input.fromPermissionArn);
    const to = readablePermission(c, c.input.toPermissionArn);
    if (from.resourceType !== to.resourceType) throw invalidParameter(`Permission ${to.arn} is for ${to.resourceType}, not ${from.resourceType}.`);
    const fromVersion = c.input.fromPermissionVersion as number | undefined;
    if (fromVersion !== undefined) versionOf(from, fromVersion, from.arn);
    const affected = (c.store.byIndex(SHARE, 'scope', c.scope) as ShareRecord[]).filter(
      (s) => s.status === 'ACTIVE' && sharePermissions(c.store, s).some((x) => x.permission.arn === from.arn && (fromVersion === undefined || x.version.version === fromVersion)),
    );
    for (const share of affected) attach(c, share, to, to.defaultVersion);
    // The work is done within the call; its record says so (RAM reports IN_PROGRESS until its background job finishes).
    const id = randomUUID();
    const work = c.store.put({
      key: `ram-replace-work:${c.account}:${c.region}:${id}`, kind: REPLACE_WORK, account: c.account, region: c.region,
      id, fromPermissionArn: from.arn, fromPermissionVersion: fromVersion === undefined ? undefined : String(fromVersion), toPermissionArn: to.arn,
      toPermissionVersion: String(to.defaultVersion), status: 'COMPLETED', statusMessage: `Replaced the permission on ${affected.length} resource share(s).`,
      creationTime: c.now, lastUpdatedTime: c.now,
    });
    return { replacePermissionAssociationsWork: work };
  });

export const ListReplacePermissionAssociationsWork: Handler = (c) => {
  const ids = c.input.workIds as string[] | undefined;
  const rows = c.store.byIndex(REPLACE_WORK, 'scope', c.scope).filter((w) => (!ids?.length || ids.includes(w.id as string)) && (c.input.status === undefined || w.status === c.input.status));
  const page = paginate(rows, c.input, `ListReplacePermissionAssociationsWork:${c.scope}:${canonicalJson({ ...c.input, nextToken: undefined, maxResults: undefined })}`);
  return { replacePermissionAssociationsWorks: page.items, nextToken: page.nextToken };
};

// ---- Policies RAM writes, and what only policy-created shares have ---------------------------

/**
 * The resource-based policy RAM keeps for each shared resource the caller owns: one statement
 * per share, granting its principals the actions of the permission it carries for that type
 * (the form aws-cli's get-resource-policies example shows: Version 2008-10-17, Sid RamStatementN).
 */
export const GetResourcePolicies: Handler = (c) => {
  const arns = c.input.resourceArns as string[];
  const principal = c.input.principal as string | undefined;
  const policies: string[] = [];
  for (const arn of arns) {
    if (!parseArn(arn)) throw ramError('MalformedArnException', `The specified resource ARN ${arn} is not valid. Verify the ARN and try again.`);
    const record = c.store.get(arn);
    if (!record || !shareableTypeOfArn(arn) || record.account !== c.account || record.region !== c.region) {
      throw ramError('ResourceArnNotFoundException', `The resource ${arn} could not be found in your account.`);
    }
    const statements: Record<string, unknown>[] = [];
    for (const association of c.store.byIndex(ASSOCIATION, 'entity', arn) as AssociationRecord[]) {
      if (association.associationType !== 'RESOURCE' || association.status !== 'ASSOCIATED') continue;
      const share = getShare(c.store, association.shareArn);
      if (!share || share.status !== 'ACTIVE') continue;
      const accounts = accountsWithAccess(c.store, share, c.now);
      if (principal !== undefined && !accounts.includes(principal)) continue;
      const carried = sharePermissions(c.store, share).find((x) => x.permission.resourceType === association.resourceType);
      if (!carried) continue;
      const template = JSON.parse(carried.version.template) as { Action: string | string[]; Condition?: unknown };
      statements.push({
        Sid: `RamStatement${statements.length + 1}`,
        Effect: 'Allow',
        Principal: { AWS: (principal !== undefined ? [principal] : accounts).map((a) => `arn:aws:iam::${a}:root`) },
        Action: template.Action,
        Resource: arn,
        ...(template.Condition ? { Condition: template.Condition } : {}),
      });
    }
    if (statements.length) policies.push(JSON.stringify({ Version: '2008-10-17', Statement: statements }));
  }
  const page = paginate(policies, c.input, `GetResourcePolicies:${c.scope}:${canonicalJson({ ...c.input, nextToken: undefined, maxResults: undefined })}`);
  return { policies: page.items, nextToken: page.nextToken };
};

/**
 * Source constraints (sourceArn, sourceAccount) apply only to shares with service principals;
 * the Lattice types are shared with accounts and organizations, so there are none to list.
 */
export const ListSourceAssociations: Handler = (c) => {
  for (const arn of (c.input.resourceShareArns ?? []) as string[]) {
    if (!isShareArn(arn)) throw malformedShareArn(arn);
    const share = getShare(c.store, arn);
    if (!share || share.account !== c.account || share.region !== c.region) throw unknownShare(arn);
  }
  const page = paginate([], c.input, `ListSourceAssociations:${c.scope}`);
  return { sourceAssociations: page.items, nextToken: page.nextToken };
};

/**
 * Shares and permissions "created from policy" come from PutResourcePolicy on resource types
 * whose policies RAM turns into shares; a Lattice resource policy creates no RAM share here, so
 * every share and permission is already a standard one and there is nothing to promote.
 */
export const PromoteResourceShareCreatedFromPolicy: Handler = (c) => {
  const share = activeShare(c, c.input.resourceShareArn);
  throw notPermitted(`Resource share ${share.key} was not created from a resource policy; it is already a standard resource share.`);
};

export const PromotePermissionCreatedFromPolicy: Handler = (c) => {
  const p = readablePermission(c, c.input.permissionArn);
  throw notPermitted(`Permission ${p.arn} was not created from a resource policy; only such permissions can be promoted.`);
};

