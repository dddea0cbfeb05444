// IAM (query protocol, global: one namespace per account, no Region): roles with their trust
// policy, inline and attached policies and tags; customer managed policies (one version);
// the AWS managed policies of ./managed.ts in every account. Errors and texts as IAM answers;
// policy documents come back URL-encoded, as IAM returns them (boto3 and the AWS CLI decode
// them, SDK v3 leaves them encoded).
import { randomBytes } from 'node:crypto';
import { describeIssues } from '@/lib/models';
import { loadModel } from '@/lib/models/loader';
import { ServiceError } from '../../protocols/errors';
import type { StoredRecord, Store } from '../../store/index';
import type { ErrorDialect, Handler, OperationContext, ServiceDefinition } from '../types';
import { authorizedRead } from './authorize';
import { MANAGED_POLICIES, managedPolicy } from './managed';
import { checkIdentityPolicy, checkTrustPolicy } from './policy';

export const ROLE_KIND = 'iam:role';
export const POLICY_KIND = 'iam:policy';
/** IAM is global: its records carry this instead of a Region. */
export const IAM_REGION = 'global';

const iamError = (code: string, message: string, status = 400) => new ServiceError(code, message, status);
const noSuchEntity = (message: string) => iamError('NoSuchEntity', message, 404);
const alreadyExists = (message: string) => iamError('EntityAlreadyExists', message, 409);
const deleteConflict = (message: string) => iamError('DeleteConflict', message, 409);
const limitExceeded = (message: string) => iamError('LimitExceeded', message, 409);

export const iamErrors: ErrorDialect = {
  // IAM names members in camelCase in these messages ("at 'roleName'").
  validation: (issues) => iamError('ValidationError', describeIssues(issues.map((i) => ({ ...i, path: i.path.charAt(0).toLowerCase() + i.path.slice(1) })))),
  cannotParse: (message) => iamError('ValidationError', message),
  unknownOperation: (what) => iamError('InvalidAction', `Could not find operation ${what} for version 2010-05-08`),
  throttling: () => new ServiceError('Throttling', 'Rate exceeded', 400, {}, 1),
  internal: () => new ServiceError('ServiceFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500, {}, 1),
  missingAuthentication: () => iamError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403),
  unrecognizedClient: () => iamError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403),
  invalidSignature: (message?: string) =>
    iamError(
      'SignatureDoesNotMatch',
      message ??
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      403,
    ),
  expiredToken: () => iamError('ExpiredToken', 'The security token included in the request is expired', 403),
};

// ---- Records ------------------------------------------------------------------------------------

const roleKey = (account: string, name: string) => `iam/${account}/role/${name.toLowerCase()}`;
const policyNameKey = (account: string, name: string) => `iam/${account}/policy-name/${name.toLowerCase()}`;

function uniqueId(prefix: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = randomBytes(17);
  let id = prefix;
  for (let i = 0; i < 17; i++) id += alphabet[bytes[i]! & 31];
  return id;
}

type Tag = { Key: string; Value: string };

/** The role named `name` in `account` (names are unique ignoring case), if any. */
export function findRole(store: Store, account: string, name: string): StoredRecord | undefined {
  return store.get(roleKey(account, name));
}

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;

/** The role an ARN names, if it exists with that path. */
export function roleByArn(store: Store, arn: string): StoredRecord | undefined {
  const match = ROLE_ARN.exec(arn);
  if (!match) return undefined;
  const role = findRole(store, match[1]!, match[2]!);
  return role && role.Arn === arn ? role : undefined;
}

/** Creates a role directly (seeds); the same checks as CreateRole minus the wire. */
export function putRole(store: Store, account: string, fields: { RoleName: string; AssumeRolePolicyDocument: string; Path?: string; Description?: string; MaxSessionDuration?: number; Tags?: Tag[] }, now = Date.now()): StoredRecord {
  const path = fields.Path ?? '/';
  return store.put({
    key: roleKey(account, fields.RoleName),
    kind: ROLE_KIND,
    account,
    region: IAM_REGION,
    RoleName: fields.RoleName,
    RoleId: uniqueId('AROA'),
    Arn: `arn:aws:iam::${account}:role${path}${fields.RoleName}`,
    Path: path,
    CreateDate: now,
    AssumeRolePolicyDocument: fields.AssumeRolePolicyDocument,
    Description: fields.Description,
    MaxSessionDuration: fields.MaxSessionDuration ?? 3600,
    Tags: fields.Tags ?? [],
    inline: {} as Record<string, string>,
    attached: [] as string[],
  });
}

const encode = (document: string) => encodeURIComponent(document);

function roleView(role: StoredRecord, detail: boolean): Record<string, unknown> {
  const tags = role.Tags as Tag[];
  return {
    Path: role.Path,
    RoleName: role.RoleName,
    RoleId: role.RoleId,
    Arn: role.Arn,
    CreateDate: role.CreateDate,
    AssumeRolePolicyDocument: encode(role.AssumeRolePolicyDocument as string),
    Description: role.Description,
    MaxSessionDuration: role.MaxSessionDuration,
    ...(detail ? { RoleLastUsed: {}, ...(tags.length ? { Tags: tags } : {}) } : {}),
  };
}

function requireRole(ctx: OperationContext, name: string): StoredRecord {
  const role = findRole(ctx.store, ctx.account, name);
  if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  return role;
}

const roleExistsIn = (store: Store) => (account: string, name: string) => findRole(store, account, name) !== undefined;

// ---- Pagination (Marker / MaxItems / IsTruncated) ---------------------------------------------

function page<T>(items: T[], input: { Marker?: string; MaxItems?: number }): { items: T[]; IsTruncated: boolean; Marker?: string } {
  let start = 0;
  if (input.Marker !== undefined) {
    const decoded = /^[A-Za-z0-9+/=]+$/.test(input.Marker) ? Buffer.from(input.Marker, 'base64').toString('utf8') : '';
    const match = /^offset:(\d+)$/.exec(decoded);
    if (!match) throw iamError('ValidationError', 'Invalid Marker.');
    start = Number(match[1]);
  }
  const size = input.MaxItems ?? 100;
  const slice = items.slice(start, start + size);
  const more = start + size < items.length;
  return { items: slice, IsTruncated: more, ...(more ? { Marker: Buffer.from(`offset:${start + size}`).toString('base64') } : {}) };
}

const byName = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0);

// ---- Roles --------------------------------------------------------------------------------------

const createRole: Handler = (ctx) => {
  const input = ctx.input as { RoleName: string; AssumeRolePolicyDocument: string; Path?: string; Description?: string; MaxSessionDuration?: number; Tags?: Tag[] };
  if (findRole(ctx.store, ctx.account, input.RoleName)) throw alreadyExists(`Role with name ${input.RoleName} already exists.`);
  checkTrustPolicy(input.AssumeRolePolicyDocument, roleExistsIn(ctx.store));
  if ((input.Tags?.length ?? 0) > 50) throw limitExceeded('Cannot exceed quota for TagsPerRole: 50');
  const role = putRole(ctx.store, ctx.account, input, ctx.now);
  return { Role: roleView(role, false) };
};

const getRole: Handler = (ctx) => ({ Role: roleView(requireRole(ctx, ctx.input.RoleName), true) });

const listRoles: Handler = (ctx) => {
  const prefix = (ctx.input.PathPrefix as string | undefined) ?? '/';
  const roles = ctx.store
    .byIndex(ROLE_KIND, 'scope', `${ctx.account}:${IAM_REGION}`)
    .filter((r) => (r.Path as string).startsWith(prefix))
    .sort((a, b) => byName(a.RoleName as string, b.RoleName as string));
  const p = page(roles, ctx.input);
  return { Roles: p.items.map((r) => roleView(r, false)), IsTruncated: p.IsTruncated, Marker: p.Marker };
};

const deleteRole: Handler = (ctx) => {
  const role = requireRole(ctx, ctx.input.RoleName);
  if (Object.keys(role.inline as Record<string, string>).length > 0) throw deleteConflict('Cannot delete entity, must delete policies first.');
  if ((role.attached as string[]).length > 0) throw deleteConflict('Cannot delete entity, must detach all policies first.');
  ctx.store.remove(role.key);
  return {};
};

const updateAssumeRolePolicy: Handler = (ctx) => {
  const role = requireRole(ctx, ctx.input.RoleName);
  checkTrustPolicy(ctx.input.PolicyDocument, roleExistsIn(ctx.store));
  ctx.store.put({ ...role, AssumeRolePolicyDocument: ctx.input.PolicyDocument });
  return {};
};

const tagRole: Handler = (ctx) => {
  const role = requireRole(ctx, ctx.input.RoleName);
  const tags = new Map((role.Tags as Tag[]).map((t) => [t.Key, t]));
  for (const tag of ctx.input.Tags as Tag[]) tags.set(tag.Key, tag);
  if (tags.size > 50) throw limitExceeded('Cannot exceed quota for TagsPerRole: 50');
  ctx.store.put({ ...role, Tags: [...tags.values()] });
  return {};
};

const untagRole: Handler = (ctx) => {
  const role = requireRole(ctx, ctx.input.RoleName);
  const remove = new Set(ctx.input.TagKeys as string[]);
  ctx.store.put({ ...role, Tags: (role.Tags as Tag[]).filter((t) => !remove.has(t.Key)) });
  return {};
};

const updateRole: Handler = (ctx) => {
  const role = requireRole(ctx, ctx.input.RoleName);
  const input = ctx.input as { Description?: string; MaxSessionDuration?: number };
  ctx.store.put({
    ...role,
    ...(input.Description !== undefined ? { Description: input.Description } : {}),
    ...(input.MaxSessionDuration !== undefined ? { MaxSessionDuration: input.MaxSessionDuration } : {}),
  });
  return {};
};

// ---- Inline policies ----------------------------------------------------------------------------

/** IAM counts every inline policy of a role together, whitespace excluded. */
const INLINE_LIMIT = 10240;

const putRolePolicy: Handler = (ctx) => {
  const role = requireRole(ctx, ctx.input.RoleName);
  checkIdentityPolicy(ctx.input.PolicyDocument);
  const inline: Record<string, string> = { ...(role.inline as Record<string, string>), [ctx.input.PolicyName as string]: ctx.input.PolicyDocument as string };
  const size = Object.values(inline).reduce((n, d) => n + d.replace(/\s/g, '').length, 0);
  if (size > INLINE_LIMIT) throw limitExceeded(`Maximum policy size of ${INLINE_LIMIT} bytes exceeded for role ${role.RoleName}`);
  ctx.store.put({ ...role, inline });
  return {};
};

function inlinePolicy(ctx: OperationContext): { role: StoredRecord; name: string; document: string } {
  const role = requireRole(ctx, ctx.input.RoleName);
  const inline = role.inline as Record<string, string>;
  const name = Object.keys(inline).find((n) => n.toLowerCase() === (ctx.input.PolicyName as string).toLowerCase());
  if (name === undefined) throw noSuchEntity(`The role policy with name ${ctx.input.PolicyName} cannot be found.`);
  return { role, name, document: inline[name]! };
}

const getRolePolicy: Handler = (ctx) => {
  const { role, name, document } = inlinePolicy(ctx);
  return { RoleName: role.RoleName, PolicyName: name, PolicyDocument: encode(document) };
};

const deleteRolePolicy: Handler = (ctx) => {
  const { role, name } = inlinePolicy(ctx);
  const inline = { ...(role.inline as Record<string, string>) };
  delete inline[name];
  ctx.store.put({ ...role, inline });
  return {};
};

const listRolePolicies: Handler = (ctx) => {
  const role = requireRole(ctx, ctx.input.RoleName);
  const p = page(Object.keys(role.inline as Record<string, string>).sort(byName), ctx.input);
  return { PolicyNames: p.items, IsTruncated: p.IsTruncated, Marker: p.Marker };
};

// ---- Managed policies ---------------------------------------------------------------------------

interface PolicyView {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  DefaultVersionId: string;
  Description?: string;
  CreateDate: number;
  UpdateDate: number;
  Document: string;
  Tags?: Tag[];
  aws: boolean;
}

/** A managed policy the caller can see: AWS's, or a customer policy of the caller's account. */
function lookupPolicy(ctx: OperationContext, arn: string): PolicyView | undefined {
  const aws = managedPolicy(arn);
  if (aws) return { ...aws, aws: true };
  const record = ctx.store.get(arn);
  if (!record || record.kind !== POLICY_KIND || record.account !== ctx.account) return undefined;
  return { ...(record as unknown as PolicyView), aws: false };
}

function attachmentCount(ctx: OperationContext, arn: string): number {
  return ctx.store.byIndex(ROLE_KIND, 'scope', `${ctx.account}:${IAM_REGION}`).filter((r) => (r.attached as string[]).includes(arn)).length;
}

function policyOut(ctx: OperationContext, p: PolicyView, withTags: boolean): Record<string, unknown> {
  return {
    PolicyName: p.PolicyName,
    PolicyId: p.PolicyId,
    Arn: p.Arn,
    Path: p.Path,
    DefaultVersionId: p.DefaultVersionId,
    AttachmentCount: attachmentCount(ctx, p.Arn),
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    ...(withTags && p.Description ? { Description: p.Description } : {}),
    CreateDate: p.CreateDate,
    UpdateDate: p.UpdateDate,
    ...(withTags && p.Tags?.length ? { Tags: p.Tags } : {}),
  };
}

const createPolicy: Handler = (ctx) => {
  const input = ctx.input as { PolicyName: string; PolicyDocument: string; Path?: string; Description?: string; Tags?: Tag[] };
  if (ctx.store.get(policyNameKey(ctx.account, input.PolicyName))) {
    throw alreadyExists(`A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`);
  }
  checkIdentityPolicy(input.PolicyDocument);
  const path = input.Path ?? '/';
  const arn = `arn:aws:iam::${ctx.account}:policy${path}${input.PolicyName}`;
  const record = {
    key: arn,
    kind: POLICY_KIND,
    account: ctx.account,
    region: IAM_REGION,
    PolicyName: input.PolicyName,
    PolicyId: uniqueId('ANPA'),
    Arn: arn,
    Path: path,
    DefaultVersionId: 'v1',
    Description: input.Description,
    CreateDate: ctx.now,
    UpdateDate: ctx.now,
    Document: input.PolicyDocument,
    Tags: input.Tags ?? [],
  };
  ctx.store.put(record);
  ctx.store.put({ key: policyNameKey(ctx.account, input.PolicyName), kind: 'iam:policy-name', account: ctx.account, region: IAM_REGION, arn });
  return { Policy: policyOut(ctx, { ...record, aws: false }, true) };
};

function requirePolicy(ctx: OperationContext, arn: string): PolicyView {
  const policy = lookupPolicy(ctx, arn);
  if (!policy) throw noSuchEntity(`Policy ${arn} was not found.`);
  return policy;
}

const getPolicy: Handler = (ctx) => ({ Policy: policyOut(ctx, requirePolicy(ctx, ctx.input.PolicyArn), true) });

const getPolicyVersion: Handler = (ctx) => {
  const policy = requirePolicy(ctx, ctx.input.PolicyArn);
  if (ctx.input.VersionId !== policy.DefaultVersionId) throw noSuchEntity(`Policy ${policy.Arn} version ${ctx.input.VersionId} does not exist or is not attachable.`);
  return { PolicyVersion: { Document: encode(policy.Document), VersionId: policy.DefaultVersionId, IsDefaultVersion: true, CreateDate: policy.CreateDate } };
};

const listPolicies: Handler = (ctx) => {
  const scope = (ctx.input.Scope as string | undefined) ?? 'All';
  const prefix = (ctx.input.PathPrefix as string | undefined) ?? '/';
  const local: PolicyView[] = ctx.store
    .byIndex(POLICY_KIND, 'scope', `${ctx.account}:${IAM_REGION}`)
    .map((r) => ({ ...(r as unknown as PolicyView), aws: false }));
  const all = [...(scope === 'Local' ? [] : MANAGED_POLICIES.map((p) => ({ ...p, aws: true }))), ...(scope === 'AWS' ? [] : local)]
    .filter((p) => p.Path.startsWith(prefix))
    .filter((p) => !ctx.input.OnlyAttached || attachmentCount(ctx, p.Arn) > 0)
    .sort((a, b) => byName(a.PolicyName, b.PolicyName));
  const p = page(all, ctx.input);
  return { Policies: p.items.map((x) => policyOut(ctx, x, false)), IsTruncated: p.IsTruncated, Marker: p.Marker };
};

const deletePolicy: Handler = (ctx) => {
  const arn = ctx.input.PolicyArn as string;
  if (managedPolicy(arn)) throw iamError('InvalidInput', `ARN ${arn} is not valid.`);
  const policy = requirePolicy(ctx, arn);
  if (attachmentCount(ctx, arn) > 0) throw deleteConflict('Cannot delete a policy attached to entities.');
  ctx.store.remove(arn);
  ctx.store.remove(policyNameKey(ctx.account, policy.PolicyName));
  return {};
};

const ATTACHED_LIMIT = 10;

const attachRolePolicy: Handler = (ctx) => {
  const role = requireRole(ctx, ctx.input.RoleName);
  const arn = ctx.input.PolicyArn as string;
  if (!lookupPolicy(ctx, arn)) throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
  const attached = role.attached as string[];
  if (attached.includes(arn)) return {};
  if (attached.length >= ATTACHED_LIMIT) throw limitExceeded(`Cannot exceed quota for PoliciesPerRole: ${ATTACHED_LIMIT}`);
  ctx.store.put({ ...role, attached: [...attached, arn] });
  return {};
};

const detachRolePolicy: Handler = (ctx) => {
  const role = requireRole(ctx, ctx.input.RoleName);
  const arn = ctx.input.PolicyArn as string;
  const attached = role.attached as string[];
  if (!attached.includes(arn)) throw noSuchEntity(`Policy ${arn} was not found.`);
  ctx.store.put({ ...role, attached: attached.filter((a) => a !== arn) });
  return {};
};

const listAttachedRolePolicies: Handler = (ctx) => {
  const role = requireRole(ctx, ctx.input.RoleName);
  const prefix = (ctx.input.PathPrefix as string | undefined) ?? '/';
  const items = (role.attached as string[])
    .map((arn) => lookupPolicy(ctx, arn))
    .filter((p): p is PolicyView => p !== undefined && p.Path.startsWith(prefix))
    .map((p) => ({ PolicyName: p.PolicyName, PolicyArn: p.Arn }));
  const p = page(items, ctx.input);
  return { AttachedPolicies: p.items, IsTruncated: p.IsTruncated, Marker: p.Marker };
};

/** The role a role operation is about, as IAM names it in AccessDenied (with its path when it exists). */
const roleResource = (ctx: OperationContext) => (findRole(ctx.store, ctx.account, ctx.input.RoleName)?.Arn as string | undefined) ?? `arn:aws:iam::${ctx.account}:role/${ctx.input.RoleName}`;

export const iamService: ServiceDefinition = {
  name: 'iam',
  signingName: 'iam',
  protocol: 'query',
  model: loadModel('iam'),
  handlers: {
    CreateRole: createRole,
    GetRole: authorizedRead(getRole, roleResource),
    ListRoles: authorizedRead(listRoles, (ctx) => `arn:aws:iam::${ctx.account}:role/`),
    DeleteRole: deleteRole,
    UpdateAssumeRolePolicy: updateAssumeRolePolicy,
    TagRole: tagRole,
    UntagRole: untagRole,
    UpdateRole: updateRole,
    PutRolePolicy: putRolePolicy,
    GetRolePolicy: authorizedRead(getRolePolicy, roleResource),
    ListRolePolicies: authorizedRead(listRolePolicies, roleResource),
    DeleteRolePolicy: deleteRolePolicy,
    AttachRolePolicy: attachRolePolicy,
    DetachRolePolicy: detachRolePolicy,
    ListAttachedRolePolicies: authorizedRead(listAttachedRolePolicies, roleResource),
    CreatePolicy: createPolicy,
    GetPolicy: authorizedRead(getPolicy, (ctx) => ctx.input.PolicyArn),
    GetPolicyVersion: authorizedRead(getPolicyVersion, (ctx) => ctx.input.PolicyArn),
    ListPolicies: authorizedRead(listPolicies, (ctx) => `arn:aws:iam::${ctx.account}:policy/`),
    DeletePolicy: deletePolicy,
  },
  errors: iamErrors,
  kinds: { [ROLE_KIND]: {}, [POLICY_KIND]: {}, 'iam:policy-name': {} },
};
