// STS: who am I (GetCallerIdentity), which account owns a key (GetAccessKeyInfo), and
// AssumeRole into an existing `arn:aws:iam::ACCOUNT:role/NAME` whose trust policy allows the
// caller, which mints ASIA… keys for that account.
import { randomBytes } from 'node:crypto';
import { loadModel } from '@/lib/models/loader';
import { describeIssues } from '@/lib/models';
import { ServiceError } from '../../protocols/errors';
import type { Caller, ErrorDialect, Handler, LocalContext, ServiceDefinition } from '../types';
import { accountOfEncodedKey, isAccountId, mintAccessKeyId } from './keys';
import { roleByArn } from '../iam/index';
import { trustAllows, type TrustCaller } from '../iam/policy';

export const SESSION_KIND = 'sts:session';
const sessionKey = (accessKeyId: string) => `sts-session/${accessKeyId}`;

const stsError = (code: string, message: string, status = 400) => new ServiceError(code, message, status);

export const stsErrors: ErrorDialect = {
  validation: (issues) => stsError('ValidationError', describeIssues(issues)),
  cannotParse: (message) => stsError('ValidationError', message),
  unknownOperation: (what) => stsError('InvalidAction', `Could not find operation ${what} for version 2011-06-15`),
  throttling: () => new ServiceError('Throttling', 'Rate exceeded', 400, {}, 1),
  internal: () => new ServiceError('InternalFailure', 'An internal error occurred. Retry your request.', 500, {}, 1),
  missingAuthentication: () => stsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403),
  unrecognizedClient: () => stsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403),
  invalidSignature: (message?: string) =>
    stsError(
      'SignatureDoesNotMatch',
      message ??
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      403,
    ),
  expiredToken: () => stsError('ExpiredToken', 'The security token included in the request is expired', 403),
};

export type CredentialCheck =
  | { ok: true; caller: Caller; secretAccessKey: string; sessionToken?: string }
  | { ok: false; reason: 'unrecognized' | 'expired' };

/**
 * What an access key stands for. Twelve digits: that account, secret `test`. An `AKIA…` key
 * that encodes an account: that account, secret `test`. An `ASIA…` key minted by AssumeRole:
 * the assumed role, with its secret, valid only with its session token and until it expires.
 */
export function resolveCredentials(local: LocalContext, accessKeyId: string, sessionToken: string | undefined, now = Date.now()): CredentialCheck {
  if (isAccountId(accessKeyId)) {
    return { ok: true, caller: { account: accessKeyId, arn: `arn:aws:iam::${accessKeyId}:root`, userId: accessKeyId, accessKeyId }, secretAccessKey: 'test' };
  }
  const session = local.store.get(sessionKey(accessKeyId));
  if (session) {
    if (sessionToken !== session.sessionToken) return { ok: false, reason: 'unrecognized' };
    if ((session.expiration as number) <= now) return { ok: false, reason: 'expired' };
    return {
      ok: true,
      caller: { account: session.account, arn: session.assumedRoleArn as string, userId: session.assumedRoleId as string, accessKeyId },
      secretAccessKey: session.secretAccessKey as string,
      sessionToken: session.sessionToken as string,
    };
  }
  if (accessKeyId.startsWith('AKIA')) {
    const account = accountOfEncodedKey(accessKeyId);
    if (account) return { ok: true, caller: { account, arn: `arn:aws:iam::${account}:root`, userId: account, accessKeyId }, secretAccessKey: 'test' };
  }
  return { ok: false, reason: 'unrecognized' };
}

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;

function randomText(bytes: number): string {
  return randomBytes(bytes).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, Math.ceil(bytes * 1.3));
}

/** The trust-policy view of a caller: root or user of an account, or a session of a role. */
function trustCallerOf(arn: string, account: string): TrustCaller {
  const session = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(arn);
  return { kind: 'aws', account, arn, ...(session ? { roleArn: `arn:aws:iam::${session[1]}:role/${session[2]}` } : {}) };
}

const assumeRole: Handler = (ctx) => {
  const input = ctx.input as { RoleArn: string; RoleSessionName: string; DurationSeconds?: number; SourceIdentity?: string; ExternalId?: string };
  const match = ROLE_ARN.exec(input.RoleArn);
  if (!match) throw stsError('ValidationError', `${input.RoleArn} is invalid`);
  const denied = () =>
    stsError('AccessDenied', `User: ${ctx.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`, 403);
  if (ctx.config.deniedRoles.has(input.RoleArn)) throw denied();
  // The role must exist and its trust policy allow the caller; AWS answers both the same way,
  // so a missing role is not told apart from a refusal.
  const role = roleByArn(ctx.store, input.RoleArn);
  const caller = trustCallerOf(ctx.caller.arn, ctx.caller.account);
  const allowed =
    role !== undefined &&
    trustAllows(role.AssumeRolePolicyDocument as string, {
      caller,
      action: 'sts:AssumeRole',
      context: {
        'sts:ExternalId': input.ExternalId,
        'sts:RoleSessionName': input.RoleSessionName,
        'sts:SourceIdentity': input.SourceIdentity,
        'aws:SourceIdentity': input.SourceIdentity,
        'aws:PrincipalArn': caller.kind === 'aws' ? (caller.roleArn ?? caller.arn) : undefined,
        'aws:PrincipalAccount': ctx.caller.account,
      },
    });
  if (!allowed) throw denied();
  const duration = input.DurationSeconds ?? 3600;
  const chained = caller.kind === 'aws' && caller.roleArn !== undefined;
  if (chained && duration > 3600) {
    throw stsError('ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  }
  if (duration > (role.MaxSessionDuration as number)) {
    throw stsError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  const account = match[1]!;
  const roleName = match[2]!;
  const accessKeyId = mintAccessKeyId(account, 'ASIA');
  const roleId = role.RoleId as string;
  const expiration = ctx.now + duration * 1000;
  const assumedRoleArn = `arn:aws:sts::${account}:assumed-role/${roleName}/${input.RoleSessionName}`;
  const session = {
    key: sessionKey(accessKeyId),
    kind: SESSION_KIND,
    account,
    region: ctx.region,
    accessKeyId,
    secretAccessKey: randomText(30).slice(0, 40),
    sessionToken: `IQoJb3JpZ2luX2Vj${randomText(240)}`,
    expiration,
    roleArn: input.RoleArn,
    assumedRoleArn,
    assumedRoleId: `${roleId}:${input.RoleSessionName}`,
  };
  ctx.store.put(session);
  return {
    Credentials: {
      AccessKeyId: accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: expiration,
    },
    AssumedRoleUser: { AssumedRoleId: session.assumedRoleId, Arn: assumedRoleArn },
    ...(input.SourceIdentity ? { SourceIdentity: input.SourceIdentity } : {}),
  };
};

const getCallerIdentity: Handler = (ctx) => ({ UserId: ctx.caller.userId, Account: ctx.caller.account, Arn: ctx.caller.arn });

const getAccessKeyInfo: Handler = (ctx) => {
  const { AccessKeyId } = ctx.input as { AccessKeyId: string };
  const session = ctx.store.get(sessionKey(AccessKeyId));
  const account = session?.account ?? accountOfEncodedKey(AccessKeyId) ?? (isAccountId(AccessKeyId) ? AccessKeyId : undefined);
  if (!account) throw stsError('InvalidParameterValue', `The access key ID ${AccessKeyId} is not valid`);
  return { Account: account };
};

export const stsService: ServiceDefinition = {
  name: 'sts',
  signingName: 'sts',
  protocol: 'query',
  model: loadModel('sts'),
  handlers: { AssumeRole: assumeRole, GetCallerIdentity: getCallerIdentity, GetAccessKeyInfo: getAccessKeyInfo },
  errors: stsErrors,
  kinds: { [SESSION_KIND]: {} },
  sweep(local, now) {
    // Expired sessions are kept an hour (so their keys get ExpiredToken, not "unknown"), then dropped.
    const stale = local.store.all(SESSION_KIND).filter((s) => (s.expiration as number) < now - 3_600_000);
    if (stale.length) local.store.transaction(() => stale.forEach((s) => local.store.remove(s.key)));
  },
};
