import 'server-only';
// IAM clients, one per account: IAM is global, so one client (signed for us-east-1, where the
// global endpoint lives) serves every Region. Kept apart from ./clients so the per-Region
// client set does not create an IAM client per Region.
import { IAMClient } from '@aws-sdk/client-iam';
import { assumedRoleCredentials, DEFAULT_MAX_ATTEMPTS, type AccountAccess } from './clients';

/** IAM's global endpoint is signed for this Region in the aws partition. */
export const IAM_SIGNING_REGION = 'us-east-1';

const state = globalThis as typeof globalThis & { __trellisIamClients?: Map<string, IAMClient> };
const cache = (state.__trellisIamClients ??= new Map());

export function iamClientFor(access: AccountAccess, maxAttempts = DEFAULT_MAX_ATTEMPTS): IAMClient {
  const key = `${access.roleArn ?? 'base'}|${access.externalId ?? ''}|${maxAttempts}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const credentials = access.roleArn ? assumedRoleCredentials(access.roleArn, IAM_SIGNING_REGION, access.externalId, maxAttempts) : undefined;
  const client = new IAMClient({
    region: IAM_SIGNING_REGION,
    maxAttempts,
    retryMode: 'adaptive',
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
    ...(credentials ? { credentials } : {}),
  });
  cache.set(key, client);
  return client;
}

/** Forgets the cached IAM clients (after an account's configuration changes). */
export function forgetIamClients(): void {
  for (const c of cache.values()) c.destroy();
  cache.clear();
}
