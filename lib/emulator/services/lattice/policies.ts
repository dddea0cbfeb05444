// Auth policies, resource policies, tags, access log subscriptions and domain verifications.
import { randomBytes } from 'node:crypto';
import { ServiceError, conflict, notFound } from '../../protocols/errors';
import type { StoredRecord } from '../../store/index';
import { accessOf, createRecord, deleteRecord, isGone, listPage, parseArn, replayed, resolve, updateRecord } from '../resources';
import type { Handler, OperationContext } from '../types';
import { invalidField, kindOfIdentifier, resolveAnyByArn, resolvePolicyTarget, tagsOf } from './common';
import { accessLogSubscriptionKind, domainVerificationKind, serviceNetworkKind } from './kinds';
import { checkedDestination } from './references';

/** Auth policies are limited to 10 KB (a fixed quota), below the model's length limit. */
const AUTH_POLICY_LIMIT = 10 * 1024;

function checkPolicyDocument(field: string, policy: string): void {
  // The model's documentation of PutAuthPolicy and PutResourcePolicy: "The policy string in JSON
  // must not contain newlines or blank lines." AWS's exact error text is not recorded anywhere
  // we could find; the ValidationException naming the field is ours.
  if (/[\r\n]/.test(policy)) invalidField(field, 'The policy string in JSON must not contain newlines or blank lines.');
  let document: unknown;
  try {
    document = JSON.parse(policy);
  } catch {
    invalidField(field, 'is not valid JSON');
  }
  const statement = (document as { Statement?: unknown } | null)?.Statement;
  if (typeof document !== 'object' || document === null || Array.isArray(document) || statement === undefined) {
    invalidField(field, 'must be a JSON policy document with a Statement');
  }
  const statements = Array.isArray(statement) ? statement : [statement];
  statements.forEach((s, i) => {
    const effect = (s as { Effect?: unknown } | null)?.Effect;
    if (effect !== 'Allow' && effect !== 'Deny') invalidField(`${field}`, `Statement ${i + 1} needs an Effect of Allow or Deny`);
  });
}

// ---- Auth policies ------------------------------------------------------------------------------

function authState(record: StoredRecord): 'Active' | 'Inactive' {
  return record.authType === 'AWS_IAM' ? 'Active' : 'Inactive';
}

export const putAuthPolicy: Handler = (ctx) => {
  const { record } = resolvePolicyTarget(ctx, ctx.input.resourceIdentifier);
  const policy = ctx.input.policy as string;
  if (Buffer.byteLength(policy) > AUTH_POLICY_LIMIT) invalidField('policy', `An auth policy is limited to ${AUTH_POLICY_LIMIT} bytes.`);
  checkPolicyDocument('policy', policy);
  const previous = record.authPolicy as { createdAt: number } | undefined;
  updateRecord(ctx, record, { authPolicy: { policy, createdAt: previous?.createdAt ?? ctx.now, lastUpdatedAt: ctx.now } });
  return { policy, state: authState(record) };
};

export const getAuthPolicy: Handler = (ctx) => {
  const { record } = resolvePolicyTarget(ctx, ctx.input.resourceIdentifier);
  const authPolicy = record.authPolicy as { policy: string; createdAt: number; lastUpdatedAt: number } | undefined;
  if (!authPolicy) throw notFound(ctx.input.resourceIdentifier, 'AUTH_POLICY', `No auth policy is attached to ${record.id}.`);
  return { ...authPolicy, state: authState(record) };
};

export const deleteAuthPolicy: Handler = (ctx) => {
  const { record } = resolvePolicyTarget(ctx, ctx.input.resourceIdentifier);
  if (!record.authPolicy) throw notFound(ctx.input.resourceIdentifier, 'AUTH_POLICY', `No auth policy is attached to ${record.id}.`);
  updateRecord(ctx, record, { authPolicy: undefined });
  return {};
};

// ---- Resource policies --------------------------------------------------------------------------

export const putResourcePolicy: Handler = (ctx) => {
  const { record } = resolvePolicyTarget(ctx, ctx.input.resourceArn);
  checkPolicyDocument('policy', ctx.input.policy);
  updateRecord(ctx, record, { resourcePolicy: ctx.input.policy });
  return {};
};

export const getResourcePolicy: Handler = (ctx) => {
  const { record } = resolvePolicyTarget(ctx, ctx.input.resourceArn);
  if (!record.resourcePolicy) throw notFound(ctx.input.resourceArn, 'RESOURCE_POLICY', `No resource policy is attached to ${record.id}.`);
  return { policy: record.resourcePolicy };
};

export const deleteResourcePolicy: Handler = (ctx) => {
  const { record } = resolvePolicyTarget(ctx, ctx.input.resourceArn);
  if (!record.resourcePolicy) throw notFound(ctx.input.resourceArn, 'RESOURCE_POLICY', `No resource policy is attached to ${record.id}.`);
  updateRecord(ctx, record, { resourcePolicy: undefined });
  return {};
};

// ---- Tags ---------------------------------------------------------------------------------------

const TAG_LIMIT = 50;

export const tagResource: Handler = (ctx) => {
  const { record } = resolveAnyByArn(ctx, ctx.input.resourceArn, { allow: ['owner'] });
  const added = ctx.input.tags as Record<string, string>;
  for (const key of Object.keys(added)) if (key.toLowerCase().startsWith('aws:')) invalidField(`tags[${key}]`, 'Tag keys starting with "aws:" are reserved.');
  const tags = { ...tagsOf(record), ...added };
  if (Object.keys(tags).length > TAG_LIMIT) invalidField('tags', `A resource can have at most ${TAG_LIMIT} tags.`);
  ctx.store.put({ ...record, tags });
  return {};
};

export const untagResource: Handler = (ctx) => {
  const { record } = resolveAnyByArn(ctx, ctx.input.resourceArn, { allow: ['owner'] });
  const tags = { ...tagsOf(record) };
  for (const key of ctx.input.tagKeys as string[]) delete tags[key];
  ctx.store.put({ ...record, tags });
  return {};
};

/**
 * Tags of another account's resource, as AWS is reported to answer: a resource RAM shared with
 * the caller gets AccessDeniedException 403 (hashicorp/terraform-provider-aws#32938, #41270); one
 * the caller may not see, or an association it is only party to, gets 404 with the unmodeled code
 * NotFoundException rather than ResourceNotFoundException (aws/aws-application-networking-k8s#367,
 * #600). The 404's message is ours.
 */
export const listTagsForResource: Handler = (ctx) => {
  const arn = ctx.input.resourceArn as string;
  const parsed = parseArn(arn);
  if (parsed && (parsed.account !== ctx.account || parsed.region !== ctx.region)) {
    const record = ctx.store.get(arn);
    const access = record && !isGone(record, ctx.now) ? accessOf(ctx, record) : 'none';
    if (access !== 'shared') throw new ServiceError('NotFoundException', `Resource ${arn} was not found.`, 404);
  }
  const { record } = resolveAnyByArn(ctx, arn, { allow: ['owner'] });
  return { tags: tagsOf(record) };
};

// ---- Access log subscriptions -------------------------------------------------------------------

/** The destination's kind: S3 bucket, CloudWatch Logs log group or Firehose delivery stream. */
function destinationType(arn: string): 's3' | 'logs' | 'firehose' | undefined {
  const parsed = parseArn(arn);
  if (!parsed) return undefined;
  if (parsed.service === 's3' && parsed.resource.length > 0 && !parsed.resource.includes('/')) return 's3';
  if (parsed.service === 'logs' && parsed.resource.startsWith('log-group:')) return 'logs';
  if (parsed.service === 'firehose' && parsed.resource.startsWith('deliverystream/')) return 'firehose';
  return undefined;
}

function requireDestination(arn: string): 's3' | 'logs' | 'firehose' {
  const type = destinationType(arn);
  if (!type) invalidField('destinationArn', 'must be an S3 bucket, a CloudWatch Logs log group or a Kinesis Data Firehose delivery stream ARN');
  return type;
}

export const createAccessLogSubscription: Handler = (ctx) => {
  const previous = replayed(ctx, accessLogSubscriptionKind, ctx.input.clientToken);
  if (previous) return previous;
  const { kind, record: resource } = resolvePolicyTarget(ctx, ctx.input.resourceIdentifier);
  const destination = requireDestination(ctx.input.destinationArn);
  const destinationArn = checkedDestination(ctx.store, ctx.input.destinationArn);
  let logType = ctx.input.serviceNetworkLogType as string | undefined;
  if (kind === serviceNetworkKind) logType ??= 'SERVICE';
  else if (logType !== undefined) invalidField('serviceNetworkLogType', 'applies only to service networks');
  for (const existing of ctx.store.byIndex(accessLogSubscriptionKind.kind, 'resource', resource.arn as string)) {
    if (isGone(existing, ctx.now) || destinationType(existing.destinationArn as string) !== destination || existing.serviceNetworkLogType !== logType) continue;
    throw conflict(existing.id as string, accessLogSubscriptionKind.resourceType, `${resource.id} already has an access log subscription to a ${destination} destination (${existing.id}).`);
  }
  return createRecord(ctx, accessLogSubscriptionKind, {
    resourceId: resource.id,
    resourceArn: resource.arn,
    destinationArn,
    serviceNetworkLogType: logType,
    tags: ctx.input.tags,
  });
};

export const getAccessLogSubscription: Handler = (ctx) => resolve(ctx, accessLogSubscriptionKind, ctx.input.accessLogSubscriptionIdentifier);

export const listAccessLogSubscriptions: Handler = (ctx) => {
  const identifier = ctx.input.resourceIdentifier as string;
  const kind = kindOfIdentifier(identifier);
  let resource: StoredRecord | undefined;
  try {
    resource = kind ? resolve(ctx, kind, identifier) : undefined;
  } catch (error) {
    if ((error as { code?: string }).code === 'AccessDeniedException') throw error;
  }
  if (!resource) return { items: [] };
  return listPage(ctx, {
    sources: [ctx.store.byIndex(accessLogSubscriptionKind.kind, 'resource', resource.arn as string)],
    maxResults: ctx.input.maxResults,
    nextToken: ctx.input.nextToken,
  });
};

export const updateAccessLogSubscription: Handler = (ctx) => {
  const record = resolve(ctx, accessLogSubscriptionKind, ctx.input.accessLogSubscriptionIdentifier);
  const destination = requireDestination(ctx.input.destinationArn);
  if (destination !== destinationType(record.destinationArn as string)) {
    invalidField('destinationArn', `must be of the same kind as the current destination (${destinationType(record.destinationArn as string)})`);
  }
  return updateRecord(ctx, record, { destinationArn: checkedDestination(ctx.store, ctx.input.destinationArn) });
};

export const deleteAccessLogSubscription: Handler = (ctx) => {
  deleteRecord(ctx, accessLogSubscriptionKind, resolve(ctx, accessLogSubscriptionKind, ctx.input.accessLogSubscriptionIdentifier));
  return {};
};

// ---- Domain verifications -----------------------------------------------------------------------

/** Verification completes once the activation delay has passed (there is no DNS to check). */
function verificationView(ctx: OperationContext, record: StoredRecord): Record<string, unknown> {
  const verified = ctx.now >= (record.verifiedAt as number);
  return { ...record, status: verified ? 'VERIFIED' : 'PENDING', ...(verified ? { lastVerifiedTime: record.verifiedAt } : {}) };
}

export const startDomainVerification: Handler = (ctx) => {
  const previous = replayed(ctx, domainVerificationKind, ctx.input.clientToken);
  if (previous) return verificationView(ctx, previous);
  const domainName = (ctx.input.domainName as string).toLowerCase();
  for (const existing of ctx.store.byIndex(domainVerificationKind.kind, 'scope', ctx.scope)) {
    if (existing.domainName === domainName && !isGone(existing, ctx.now)) {
      throw conflict(existing.id as string, domainVerificationKind.resourceType, `A verification of ${domainName} already exists (${existing.id}).`);
    }
  }
  const record = createRecord(ctx, domainVerificationKind, {
    domainName,
    txtMethodConfig: { name: `_lattice-verification.${domainName}`, value: `lattice-verification=${randomBytes(16).toString('hex')}` },
    verifiedAt: ctx.now + ctx.config.activationDelayMs,
    tags: ctx.input.tags,
  });
  return { ...record, status: 'PENDING' };
};

export const getDomainVerification: Handler = (ctx) => verificationView(ctx, resolve(ctx, domainVerificationKind, ctx.input.domainVerificationIdentifier));

export const listDomainVerifications: Handler = (ctx) => {
  const page = listPage(ctx, {
    sources: [ctx.store.byIndex(domainVerificationKind.kind, 'scope', ctx.scope)],
    maxResults: ctx.input.maxResults,
    nextToken: ctx.input.nextToken,
  });
  return { items: page.items.map((r) => verificationView(ctx, r)), nextToken: page.nextToken };
};

export const deleteDomainVerification: Handler = (ctx) => {
  const record = resolve(ctx, domainVerificationKind, ctx.input.domainVerificationIdentifier);
  deleteRecord(ctx, domainVerificationKind, record);
  return {};
};


