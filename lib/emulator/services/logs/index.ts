// CloudWatch Logs (JSON 1.1, per account and Region): log groups with retention and tags, and
// their streams and events (`streams.ts`: written by Lattice access logs, read with GetLogEvents
// and FilterLogEvents). Access-log subscriptions of Lattice refer to these groups.
import { describeIssues } from '@/lib/models';
import { loadModel } from '@/lib/models/loader';
import { ServiceError, restJsonAuthErrors } from '../../protocols/errors';
import type { StoredRecord, Store } from '../../store/index';
import type { ErrorDialect, Handler, OperationContext, ServiceDefinition } from '../types';
import { describeLogStreams, filterLogEvents, getLogEvents, removeStreamsOf, streamKinds } from './streams';

export const LOG_GROUP_KIND = 'logs:log-group';

const logsError = (code: string, message: string, status = 400) => new ServiceError(code, message, status);
const invalidParameter = (message: string) => logsError('InvalidParameterException', message);
const groupNotFound = () => logsError('ResourceNotFoundException', 'The specified log group does not exist.');

export const logsErrors: ErrorDialect = {
  validation: (issues) => invalidParameter(describeIssues(issues)),
  cannotParse: (message) => logsError('SerializationException', message),
  unknownOperation: (what) => logsError('UnknownOperationException', `Unknown operation ${what}`),
  throttling: () => new ServiceError('ThrottlingException', 'Rate exceeded', 400, {}, 1),
  internal: () => new ServiceError('ServiceUnavailableException', 'The service cannot complete the request.', 500, {}, 1),
  ...restJsonAuthErrors,
};

/** The retention periods CloudWatch Logs accepts (the model types `Days` as a bare integer). */
export const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export const logGroupArn = (region: string, account: string, name: string) => `arn:aws:logs:${region}:${account}:log-group:${name}`;

/** The log group an ARN names (with or without the trailing `:*`), if it exists. */
export function logGroupByArn(store: Store, arn: string): StoredRecord | undefined {
  const record = store.get(arn.replace(/:\*$/, ''));
  return record?.kind === LOG_GROUP_KIND ? record : undefined;
}

function requireGroup(ctx: OperationContext, name: string): StoredRecord {
  const record = ctx.store.get(logGroupArn(ctx.region, ctx.account, name));
  if (!record || record.kind !== LOG_GROUP_KIND) throw groupNotFound();
  return record;
}

function groupView(group: StoredRecord): Record<string, unknown> {
  return {
    logGroupName: group.logGroupName,
    creationTime: group.creationTime,
    retentionInDays: group.retentionInDays,
    metricFilterCount: 0,
    arn: `${group.key}:*`,
    storedBytes: 0,
    kmsKeyId: group.kmsKeyId,
    logGroupClass: group.logGroupClass,
    logGroupArn: group.key,
    deletionProtectionEnabled: group.deletionProtectionEnabled ?? false,
  };
}

/** Creates a log group (seeds and CreateLogGroup). */
export function putLogGroup(store: Store, account: string, region: string, name: string, fields: { tags?: Record<string, string>; retentionInDays?: number; logGroupClass?: string; kmsKeyId?: string } = {}, now = Date.now()): StoredRecord {
  return store.put({
    key: logGroupArn(region, account, name),
    kind: LOG_GROUP_KIND,
    account,
    region,
    logGroupName: name,
    creationTime: now,
    retentionInDays: fields.retentionInDays,
    logGroupClass: fields.logGroupClass ?? 'STANDARD',
    kmsKeyId: fields.kmsKeyId,
    tags: fields.tags ?? {},
  });
}

const createLogGroup: Handler = (ctx) => {
  const name = ctx.input.logGroupName as string;
  if (ctx.store.get(logGroupArn(ctx.region, ctx.account, name))) throw logsError('ResourceAlreadyExistsException', 'The specified log group already exists');
  if (Object.keys((ctx.input.tags as Record<string, string> | undefined) ?? {}).length > 50) throw logsError('TooManyTagsException', 'A resource can have no more than 50 tags.');
  putLogGroup(ctx.store, ctx.account, ctx.region, name, ctx.input, ctx.now);
  return {};
};

function pageOf(items: StoredRecord[], token: unknown, limit: unknown): { items: StoredRecord[]; nextToken?: string } {
  let start = 0;
  if (token !== undefined) {
    const decoded = /^offset:(\d+)$/.exec(Buffer.from(String(token), 'base64').toString('utf8'));
    if (!decoded) throw invalidParameter('The specified nextToken is invalid.');
    start = Number(decoded[1]);
  }
  const size = (limit as number | undefined) ?? 50;
  const more = start + size < items.length;
  return { items: items.slice(start, start + size), ...(more ? { nextToken: Buffer.from(`offset:${start + size}`).toString('base64') } : {}) };
}

const describeLogGroups: Handler = (ctx) => {
  const prefix = ctx.input.logGroupNamePrefix as string | undefined;
  const pattern = ctx.input.logGroupNamePattern as string | undefined;
  if (prefix !== undefined && pattern !== undefined) invalidParameterThrow('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
  const identifiers = ctx.input.logGroupIdentifiers as string[] | undefined;
  const groups = ctx.store
    .byIndex(LOG_GROUP_KIND, 'scope', ctx.scope)
    .filter((g) => prefix === undefined || (g.logGroupName as string).startsWith(prefix))
    .filter((g) => pattern === undefined || (g.logGroupName as string).toLowerCase().includes(pattern.toLowerCase()))
    .filter((g) => !identifiers || identifiers.some((id) => id === g.logGroupName || id.replace(/:\*$/, '') === g.key))
    .filter((g) => ctx.input.logGroupClass === undefined || g.logGroupClass === ctx.input.logGroupClass)
    .slice()
    .sort((a, b) => ((a.logGroupName as string) < (b.logGroupName as string) ? -1 : 1));
  const page = pageOf(groups, ctx.input.nextToken, ctx.input.limit);
  return { logGroups: page.items.map(groupView), nextToken: page.nextToken };
};

function invalidParameterThrow(message: string): never {
  throw invalidParameter(message);
}

const deleteLogGroup: Handler = (ctx) => {
  const group = requireGroup(ctx, ctx.input.logGroupName);
  removeStreamsOf(ctx.store, group.key);
  ctx.store.remove(group.key);
  return {};
};

const putRetentionPolicy: Handler = (ctx) => {
  const days = ctx.input.retentionInDays as number;
  if (!RETENTION_DAYS.includes(days)) {
    throw invalidParameter(`1 validation error detected: Value '${days}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`);
  }
  const group = requireGroup(ctx, ctx.input.logGroupName);
  ctx.store.put({ ...group, retentionInDays: days });
  return {};
};

/** TagResource and ListTagsForResource take the log group's ARN without the trailing `:*`. */
function groupOfArn(ctx: OperationContext, arn: string): StoredRecord {
  const match = /^arn:aws[a-z-]*:logs:([a-z0-9-]+):(\d{12}):log-group:([^:]+)$/.exec(arn);
  if (!match) throw invalidParameter(`Invalid resource arn: ${arn}`);
  if (match[1] !== ctx.region || match[2] !== ctx.account) throw logsError('ResourceNotFoundException', 'The specified resource does not exist.');
  const record = ctx.store.get(arn);
  if (!record || record.kind !== LOG_GROUP_KIND) throw logsError('ResourceNotFoundException', 'The specified resource does not exist.');
  return record;
}

const tagResource: Handler = (ctx) => {
  const group = groupOfArn(ctx, ctx.input.resourceArn);
  const tags = { ...(group.tags as Record<string, string>), ...(ctx.input.tags as Record<string, string>) };
  if (Object.keys(tags).length > 50) throw logsError('TooManyTagsException', 'A resource can have no more than 50 tags.');
  ctx.store.put({ ...group, tags });
  return {};
};

const listTagsForResource: Handler = (ctx) => ({ tags: groupOfArn(ctx, ctx.input.resourceArn).tags });

export const logsService: ServiceDefinition = {
  name: 'logs',
  signingName: 'logs',
  protocol: 'json',
  model: loadModel('logs'),
  handlers: {
    CreateLogGroup: createLogGroup,
    DescribeLogGroups: describeLogGroups,
    DeleteLogGroup: deleteLogGroup,
    PutRetentionPolicy: putRetentionPolicy,
    TagResource: tagResource,
    ListTagsForResource: listTagsForResource,
    DescribeLogStreams: describeLogStreams,
    GetLogEvents: getLogEvents,
    FilterLogEvents: filterLogEvents,
  },
  errors: logsErrors,
  kinds: { [LOG_GROUP_KIND]: {}, ...streamKinds },
};
