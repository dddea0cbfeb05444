// The emulated AWS Organization RAM consults: who is a member, and whether the management
// account has enabled sharing with the organization. Kept in the store's metadata so a seed
// can create it and a restart keeps it. There is none until a seed (or a test) sets one: every
// account then stands alone, as an account outside any organization does on AWS.
import type { Store } from '../../store/index';

export interface Organization {
  id: string;
  arn: string;
  managementAccountId: string;
  members: string[];
}

const ORGANIZATION_KEY = 'ram:organization';
const SHARING_KEY = 'ram:sharingWithOrganization';

export function organizationOf(store: Store): Organization | undefined {
  return store.getMeta<Organization>(ORGANIZATION_KEY);
}

/** Replaces the organization (inside a store transaction). */
export function setOrganization(store: Store, organization: Organization): void {
  store.setMeta(ORGANIZATION_KEY, organization);
}

export function isMember(store: Store, account: string): boolean {
  return organizationOf(store)?.members.includes(account) ?? false;
}

export function sharingWithOrganizationEnabled(store: Store): boolean {
  return store.getMeta<boolean>(SHARING_KEY) === true;
}

export function enableSharingWithOrganization(store: Store): void {
  store.setMeta(SHARING_KEY, true);
}
