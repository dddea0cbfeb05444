// The emulated AWS Organization RAM consults: who is a member, and whether the management
// account has enabled sharing with the organization. Kept in the store's metadata so a seed
// can replace it and a restart keeps it.
import type { Store } from '../../store/index';
import { DEMO_ACCOUNTS, DEMO_ORGANIZATION } from '../../seeds/demo-accounts';

export interface Organization {
  id: string;
  arn: string;
  managementAccountId: string;
  members: string[];
}

const ORGANIZATION_KEY = 'ram:organization';
const SHARING_KEY = 'ram:sharingWithOrganization';

/** The demo organization: the management account and the demo accounts marked as members. */
export const DEFAULT_ORGANIZATION: Organization = {
  id: DEMO_ORGANIZATION.id,
  arn: DEMO_ORGANIZATION.arn,
  managementAccountId: DEMO_ORGANIZATION.managementAccountId,
  members: DEMO_ACCOUNTS.filter((a) => a.inOrganization).map((a) => a.id),
};

export function organizationOf(store: Store): Organization {
  return store.getMeta<Organization>(ORGANIZATION_KEY) ?? DEFAULT_ORGANIZATION;
}

/** Replaces the organization (inside a store transaction). */
export function setOrganization(store: Store, organization: Organization): void {
  store.setMeta(ORGANIZATION_KEY, organization);
}

export function isMember(store: Store, account: string): boolean {
  return organizationOf(store).members.includes(account);
}

export function sharingWithOrganizationEnabled(store: Store): boolean {
  return store.getMeta<boolean>(SHARING_KEY) === true;
}

export function enableSharingWithOrganization(store: Store): void {
  store.setMeta(SHARING_KEY, true);
}
