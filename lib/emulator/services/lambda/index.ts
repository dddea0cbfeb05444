// Lambda (REST-JSON, per account and Region): functions are stored, never run. CreateFunction
// keeps the deployment package's size and SHA-256 (the zip itself is not kept), checks that the
// execution role exists and trusts lambda.amazonaws.com; resource policies are edited with
// AddPermission / RemovePermission and read with GetPolicy, as Lambda builds them.
import { createHash, randomUUID } from 'node:crypto';
import { describeIssues } from '@/lib/models';
import { loadModel } from '@/lib/models/loader';
import { ServiceError, restJsonAuthErrors } from '../../protocols/errors';
import type { StoredRecord, Store } from '../../store/index';
import type { ErrorDialect, Handler, OperationContext, ServiceDefinition } from '../types';
import { roleByArn } from '../iam/index';
import { trustAllows } from '../iam/policy';

export const FUNCTION_KIND = 'lambda:function';

const model = loadModel('lambda');

/** A modeled Lambda error: status from the model, body `{Type, message}` (and `Message`). */
function lambdaError(code: string, message: string): ServiceError {
  const status = model.shapes[code]?.error?.httpStatusCode ?? 400;
  return new ServiceError(code, message, status, { Type: 'User', Message: message });
}

const invalidValue = (message: string) => lambdaError('InvalidParameterValueException', message);

export const lambdaErrors: ErrorDialect = {
  validation: (issues) => new ServiceError('ValidationException', describeIssues(issues), 400),
  cannotParse: (message) => invalidValue(message),
  unknownOperation: (what) => new ServiceError('UnknownOperationException', `Unknown operation ${what}`, 404),
  throttling: () => new ServiceError('TooManyRequestsException', 'Rate exceeded', 429, { Type: 'User', Reason: 'CallerRateLimitExceeded' }, 1),
  internal: () => new ServiceError('ServiceException', 'An internal error occurred. Retry your request.', 500, { Type: 'Service' }, 1),
  ...restJsonAuthErrors,
};

// ---- Names and records --------------------------------------------------------------------------

const FUNCTION_REF = /^(?:arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):)?(?:(\d{12}):)?(?:function:)?([a-zA-Z0-9_.-]+)(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/;

export const functionArn = (region: string, account: string, name: string) => `arn:aws:lambda:${region}:${account}:function:${name}`;

/** The function a name, partial ARN or ARN refers to (Region and account must be the caller's). */
function functionKeyOf(ctx: OperationContext, ref: string): { key: string; name: string } {
  const match = FUNCTION_REF.exec(ref);
  const name = match?.[3] ?? ref;
  const region = match?.[1] ?? ctx.region;
  const account = match?.[2] ?? ctx.account;
  return { key: functionArn(region, account, name), name };
}

function requireFunction(ctx: OperationContext, ref: string): StoredRecord {
  const { key } = functionKeyOf(ctx, ref);
  const record = ctx.store.get(key);
  if (!record || record.kind !== FUNCTION_KIND) throw lambdaError('ResourceNotFoundException', `Function not found: ${key}`);
  return record;
}

/** The function an ARN names, if it exists (Lattice checks LAMBDA targets with this). */
export function functionByArn(store: Store, arn: string): StoredRecord | undefined {
  const unqualified = arn.replace(/^(arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:[a-zA-Z0-9_-]+)(:[^:]+)?$/, '$1');
  const record = store.get(unqualified);
  return record?.kind === FUNCTION_KIND ? record : undefined;
}

/** Lambda's `LastModified`: `2024-05-01T12:00:00.000+0000`. */
const lastModified = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');

function configuration(ctx: OperationContext, fn: StoredRecord): Record<string, unknown> {
  const active = ctx.now >= (fn.activeAt as number);
  return {
    FunctionName: fn.FunctionName,
    FunctionArn: fn.FunctionArn,
    Runtime: fn.Runtime,
    Role: fn.Role,
    Handler: fn.Handler,
    CodeSize: fn.CodeSize,
    Description: fn.Description ?? '',
    Timeout: fn.Timeout,
    MemorySize: fn.MemorySize,
    LastModified: lastModified(fn.lastModified as number),
    CodeSha256: fn.CodeSha256,
    Version: '$LATEST',
    ...(fn.Environment ? { Environment: { Variables: fn.Environment } } : {}),
    TracingConfig: { Mode: fn.TracingMode ?? 'PassThrough' },
    RevisionId: fn.RevisionId,
    State: active ? 'Active' : 'Pending',
    ...(active ? {} : { StateReason: 'The function is being created.', StateReasonCode: 'Creating' }),
    ...(active ? { LastUpdateStatus: 'Successful' } : {}),
    PackageType: fn.PackageType,
    Architectures: fn.Architectures,
    EphemeralStorage: { Size: fn.EphemeralStorageSize ?? 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${fn.FunctionName}` },
  };
}

// ---- Functions ----------------------------------------------------------------------------------

const ZIP_MAGIC = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];

const createFunction: Handler = (ctx) => {
  const input = ctx.input as {
    FunctionName: string;
    Role: string;
    Runtime?: string;
    Handler?: string;
    Code: { ZipFile?: string; S3Bucket?: string; S3Key?: string; ImageUri?: string };
    Description?: string;
    Timeout?: number;
    MemorySize?: number;
    PackageType?: 'Zip' | 'Image';
    Environment?: { Variables?: Record<string, string> };
    TracingConfig?: { Mode?: string };
    Tags?: Record<string, string>;
    Architectures?: string[];
    EphemeralStorage?: { Size: number };
  };
  const { key, name } = functionKeyOf(ctx, input.FunctionName);
  if (ctx.store.get(key)) throw lambdaError('ResourceConflictException', `Function already exist: ${name}`);
  const packageType = input.PackageType ?? 'Zip';
  if (packageType === 'Zip' && (!input.Runtime || !input.Handler)) {
    throw invalidValue('Runtime and Handler are mandatory parameters for functions created with deployment packages.');
  }
  let code: Buffer;
  if (packageType === 'Image') {
    if (!input.Code.ImageUri) throw invalidValue('Please provide ImageUri when PackageType is Image.');
    code = Buffer.from(input.Code.ImageUri);
  } else if (input.Code.ZipFile !== undefined) {
    code = Buffer.from(input.Code.ZipFile, 'base64');
    if (!ZIP_MAGIC.some((magic) => code.subarray(0, 4).equals(magic))) {
      throw invalidValue('Could not unzip uploaded file. Please check your file, then try to upload again.');
    }
  } else if (input.Code.S3Bucket && input.Code.S3Key) {
    // S3 is not emulated: the object is taken on trust, its location stands in for its bytes.
    code = Buffer.from(`s3://${input.Code.S3Bucket}/${input.Code.S3Key}`);
  } else {
    throw invalidValue('Please do not provide other FunctionCode parameters when providing a ZipFile.');
  }
  // The execution role must exist and let Lambda assume it; AWS answers both cases alike.
  const role = roleByArn(ctx.store, input.Role);
  if (!role || !trustAllows(role.AssumeRolePolicyDocument as string, { caller: { kind: 'service', service: 'lambda.amazonaws.com' }, action: 'sts:AssumeRole', context: {} })) {
    throw invalidValue('The role defined for the function cannot be assumed by Lambda.');
  }
  const record = ctx.store.put({
    key,
    kind: FUNCTION_KIND,
    account: ctx.account,
    region: ctx.region,
    FunctionName: name,
    FunctionArn: key,
    Runtime: input.Runtime,
    Role: input.Role,
    Handler: input.Handler,
    CodeSize: code.length,
    CodeSha256: createHash('sha256').update(code).digest('base64'),
    Description: input.Description,
    Timeout: input.Timeout ?? 3,
    MemorySize: input.MemorySize ?? 128,
    PackageType: packageType,
    Environment: input.Environment?.Variables,
    TracingMode: input.TracingConfig?.Mode,
    Architectures: input.Architectures ?? ['x86_64'],
    EphemeralStorageSize: input.EphemeralStorage?.Size,
    Tags: input.Tags ?? {},
    RevisionId: randomUUID(),
    lastModified: ctx.now,
    activeAt: ctx.now + ctx.config.activationDelayMs,
    policy: [] as Record<string, unknown>[],
  });
  return configuration(ctx, record);
};

const getFunction: Handler = (ctx) => {
  const fn = requireFunction(ctx, ctx.input.FunctionName);
  const tags = fn.Tags as Record<string, string>;
  return {
    Configuration: configuration(ctx, fn),
    Code: {
      RepositoryType: 'S3',
      Location: `https://awslambda-${fn.region}-tasks.s3.${fn.region}.amazonaws.com/snapshots/${fn.account}/${fn.FunctionName}-${(fn.RevisionId as string).slice(0, 8)}`,
    },
    ...(Object.keys(tags).length ? { Tags: tags } : {}),
  };
};

const listFunctions: Handler = (ctx) => {
  const all = ctx.store.byIndex(FUNCTION_KIND, 'scope', ctx.scope).slice().sort((a, b) => ((a.FunctionName as string) < (b.FunctionName as string) ? -1 : 1));
  let start = 0;
  const marker = ctx.input.Marker as string | undefined;
  if (marker !== undefined) {
    const decoded = /^offset:(\d+)$/.exec(Buffer.from(marker, 'base64').toString('utf8'));
    if (!decoded) throw invalidValue('Invalid marker');
    start = Number(decoded[1]);
  }
  const size = Math.min((ctx.input.MaxItems as number | undefined) ?? 50, 50);
  const items = all.slice(start, start + size);
  const more = start + size < all.length;
  return { Functions: items.map((fn) => configuration(ctx, fn)), ...(more ? { NextMarker: Buffer.from(`offset:${start + size}`).toString('base64') } : {}) };
};

const deleteFunction: Handler = (ctx) => {
  const fn = requireFunction(ctx, ctx.input.FunctionName);
  ctx.store.remove(fn.key);
  return {};
};

// ---- Resource policy ----------------------------------------------------------------------------

function principalOf(principal: string): unknown {
  if (principal === '*') return '*';
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (principal.startsWith('arn:')) return { AWS: principal };
  return { Service: principal };
}

const addPermission: Handler = (ctx) => {
  const fn = requireFunction(ctx, ctx.input.FunctionName);
  const input = ctx.input as { StatementId: string; Action: string; Principal: string; SourceArn?: string; SourceAccount?: string; PrincipalOrgID?: string; RevisionId?: string };
  if (input.RevisionId !== undefined && input.RevisionId !== fn.RevisionId) {
    throw lambdaError('PreconditionFailedException', 'The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the latest Revision Id');
  }
  const policy = fn.policy as Record<string, unknown>[];
  if (policy.some((s) => s.Sid === input.StatementId)) {
    throw lambdaError('ResourceConflictException', `The statement id (${input.StatementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`);
  }
  const condition: Record<string, Record<string, string>> = {};
  if (input.SourceAccount) condition.StringEquals = { 'AWS:SourceAccount': input.SourceAccount };
  if (input.PrincipalOrgID) condition.StringEquals = { ...(condition.StringEquals ?? {}), 'aws:PrincipalOrgID': input.PrincipalOrgID };
  if (input.SourceArn) condition.ArnLike = { 'AWS:SourceArn': input.SourceArn };
  const statement = {
    Sid: input.StatementId,
    Effect: 'Allow',
    Principal: principalOf(input.Principal),
    Action: input.Action,
    Resource: fn.FunctionArn,
    ...(Object.keys(condition).length ? { Condition: condition } : {}),
  };
  ctx.store.put({ ...fn, policy: [...policy, statement], RevisionId: randomUUID() });
  return { Statement: JSON.stringify(statement) };
};

const removePermission: Handler = (ctx) => {
  const fn = requireFunction(ctx, ctx.input.FunctionName);
  const policy = fn.policy as Record<string, unknown>[];
  if (policy.length === 0) throw lambdaError('ResourceNotFoundException', 'No policy is associated with the given resource.');
  if (!policy.some((s) => s.Sid === ctx.input.StatementId)) {
    throw lambdaError('ResourceNotFoundException', `Statement ${ctx.input.StatementId} is not found in resource policy.`);
  }
  if (ctx.input.RevisionId !== undefined && ctx.input.RevisionId !== fn.RevisionId) {
    throw lambdaError('PreconditionFailedException', 'The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the latest Revision Id');
  }
  ctx.store.put({ ...fn, policy: policy.filter((s) => s.Sid !== ctx.input.StatementId), RevisionId: randomUUID() });
  return {};
};

/** The function's resource policy as Lambda returns it, or undefined when it has none. */
export function functionPolicy(fn: StoredRecord): string | undefined {
  const policy = fn.policy as Record<string, unknown>[];
  if (policy.length === 0) return undefined;
  return JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: policy });
}

const getPolicy: Handler = (ctx) => {
  const fn = requireFunction(ctx, ctx.input.FunctionName);
  const policy = functionPolicy(fn);
  if (!policy) throw lambdaError('ResourceNotFoundException', 'The resource you requested does not exist.');
  return { Policy: policy, RevisionId: fn.RevisionId };
};

export const lambdaService: ServiceDefinition = {
  name: 'lambda',
  signingName: 'lambda',
  protocol: 'rest-json',
  model,
  handlers: {
    CreateFunction: createFunction,
    GetFunction: getFunction,
    ListFunctions: listFunctions,
    DeleteFunction: deleteFunction,
    AddPermission: addPermission,
    RemovePermission: removePermission,
    GetPolicy: getPolicy,
  },
  errors: lambdaErrors,
  kinds: { [FUNCTION_KIND]: {} },
};
