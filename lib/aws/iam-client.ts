import 'server-only';
// IAM is global: one client per account serves every Region. The account's client set for
// us-east-1 (where IAM's global endpoint is signed) is the one used.
import { clientsFor, type AccountAccess } from './clients';
import type { IAMClient } from '@aws-sdk/client-iam';

/** IAM's global endpoint is signed for this Region in the aws partition. */
export const IAM_SIGNING_REGION = 'us-east-1';

export function iamClientFor(access: AccountAccess): IAMClient {
  return clientsFor(access, IAM_SIGNING_REGION).iam;
}
