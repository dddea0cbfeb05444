import 'server-only';
// SDK clients, one per (account, region, service): adaptive retry keeps its rate limiter in
// the client instance, and AWS throttles per account, so sharing a client between accounts
// would let one account's throttling slow the others. Endpoints come only from the SDK's
// own settings (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_VPC_LATTICE, profiles), never from here.

import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { RAMClient } from '@aws-sdk/client-ram';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export type CredentialsProvider = () => Promise<Credentials>;

/** How Trellis reaches one account: the base credentials, or a role it assumes with them. */
export interface AccountAccess {
  /** The 12-digit account id. */
  id: string;
  /** Absent: the SDK's default credential chain (the base account). */
  roleArn?: string;
  externalId?: string;
}

export interface ClientOptions {
  /** Attempts per call, the first included (adaptive retry mode). */
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 6;
/** Refresh assumed-role credentials this long before they expire. */
const REFRESH_MARGIN_MS = 5 * 60_000;
const SESSION_NAME = 'trellis-console';
// Unreachable endpoints should fail in seconds, not hang a refresh.
const REQUEST_HANDLER = { connectionTimeout: 5_000, requestTimeout: 60_000 };

interface ClientSet {
  lattice: VPCLatticeClient;
  ram: RAMClient;
  ec2: EC2Client;
  sts: STSClient;
  /** Global: signed for us-east-1 whatever the Region (the SDK's endpoint rules). */
  iam: IAMClient;
  lambda: LambdaClient;
  logs: CloudWatchLogsClient;
  tagging: ResourceGroupsTaggingAPIClient;
}

const state = globalThis as typeof globalThis & {
  __trellisAwsClients?: Map<string, ClientSet>;
  __trellisRoleCredentials?: Map<string, { credentials?: Credentials; pending?: Promise<Credentials> }>;
};
const clientCache = (state.__trellisAwsClients ??= new Map());
const roleCache = (state.__trellisRoleCredentials ??= new Map());

function baseStsClient(region: string, maxAttempts: number): STSClient {
  return new STSClient({ region, maxAttempts, retryMode: 'adaptive', requestHandler: REQUEST_HANDLER });
}

/**
 * Credentials for a role, assumed with the base credentials and kept until five minutes
 * before they expire. Concurrent callers share one AssumeRole call.
 */
export function assumedRoleCredentials(roleArn: string, region: string, externalId?: string, maxAttempts = DEFAULT_MAX_ATTEMPTS): CredentialsProvider {
  const key = `${roleArn}|${externalId ?? ''}`;
  return async () => {
    let entry = roleCache.get(key);
    if (!entry) {
      entry = {};
      roleCache.set(key, entry);
    }
    const fresh = entry.credentials?.expiration && entry.credentials.expiration.getTime() - Date.now() > REFRESH_MARGIN_MS;
    if (fresh) return entry.credentials!;
    if (!entry.pending) {
      const current = entry;
      current.pending = (async () => {
        try {
          const out = await baseStsClient(region, maxAttempts).send(
            new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: SESSION_NAME, ...(externalId ? { ExternalId: externalId } : {}) }),
          );
          const c = out.Credentials;
          if (!c?.AccessKeyId || !c.SecretAccessKey) throw Object.assign(new Error(`AssumeRole into ${roleArn} returned no credentials`), { name: 'InvalidCredentials' });
          const credentials: Credentials = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
          current.credentials = credentials;
          return credentials;
        } finally {
          current.pending = undefined;
        }
      })();
    }
    return entry.pending;
  };
}

/** True when a role's credentials are cached and fresh, so using them costs no AssumeRole call. */
export function hasFreshRoleCredentials(roleArn: string, externalId?: string): boolean {
  const c = roleCache.get(`${roleArn}|${externalId ?? ''}`)?.credentials;
  return !!c?.expiration && c.expiration.getTime() - Date.now() > REFRESH_MARGIN_MS;
}

/** A role's assumed credentials as they cross to another process (the discovery process, and back). */
export interface RoleCredentialsEntry {
  key: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** ISO time. */
  expiration: string;
}

/** The cached role credentials still fresh, so another process reading the same accounts need not assume the roles again. */
export function freshRoleCredentials(): RoleCredentialsEntry[] {
  const out: RoleCredentialsEntry[] = [];
  for (const [key, entry] of roleCache) {
    const c = entry.credentials;
    if (!c?.expiration || c.expiration.getTime() - Date.now() <= REFRESH_MARGIN_MS) continue;
    out.push({ key, accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}), expiration: c.expiration.toISOString() });
  }
  return out;
}

/** Keeps role credentials another process assumed (see freshRoleCredentials); stale ones are ignored. */
export function rememberRoleCredentials(entries: readonly RoleCredentialsEntry[]): void {
  for (const e of entries) {
    const expiration = new Date(e.expiration);
    if (!(expiration.getTime() - Date.now() > REFRESH_MARGIN_MS)) continue;
    const entry = roleCache.get(e.key) ?? {};
    entry.credentials = { accessKeyId: e.accessKeyId, secretAccessKey: e.secretAccessKey, ...(e.sessionToken ? { sessionToken: e.sessionToken } : {}), expiration };
    roleCache.set(e.key, entry);
  }
}

function accessKey(access: AccountAccess): string {
  return access.roleArn ? `${access.roleArn}|${access.externalId ?? ''}` : 'base';
}

/** The clients for one account in one region, created once and reused. */
export function clientsFor(access: AccountAccess, region: string, options: ClientOptions = {}): ClientSet {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const key = `${accessKey(access)}|${region}|${maxAttempts}`;
  const cached = clientCache.get(key);
  if (cached) return cached;
  const credentials = access.roleArn ? assumedRoleCredentials(access.roleArn, region, access.externalId, maxAttempts) : undefined;
  const config = { region, maxAttempts, retryMode: 'adaptive' as const, requestHandler: REQUEST_HANDLER, ...(credentials ? { credentials } : {}) };
  const set: ClientSet = {
    lattice: new VPCLatticeClient(config),
    ram: new RAMClient(config),
    ec2: new EC2Client(config),
    sts: new STSClient(config),
    iam: new IAMClient(config),
    lambda: new LambdaClient(config),
    logs: new CloudWatchLogsClient(config),
    tagging: new ResourceGroupsTaggingAPIClient(config),
  };
  clientCache.set(key, set);
  return set;
}

/** Forgets cached clients and assumed-role credentials (after an account's configuration changes). */
export function forgetClients(): void {
  for (const set of clientCache.values()) {
    set.lattice.destroy();
    set.ram.destroy();
    set.ec2.destroy();
    set.sts.destroy();
    set.iam.destroy();
    set.lambda.destroy();
    set.logs.destroy();
    set.tagging.destroy();
  }
  clientCache.clear();
  roleCache.clear();
}
