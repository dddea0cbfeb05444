// Turning on sharing with the organization (the organization itself is in organization.ts).
import type { Handler } from '../types';
import { notPermitted } from './errors';
import { enableSharingWithOrganization, organizationOf, sharingWithOrganizationEnabled } from './organization';

export const EnableSharingWithAwsOrganization: Handler = (c) => {
  const org = organizationOf(c.store);
  if (!org) throw notPermitted(`Account ${c.account} is not a member of an organization in AWS Organizations.`);
  if (c.account !== org.managementAccountId) {
    throw notPermitted(`Only the management account of organization ${org.id} (${org.managementAccountId}) can enable sharing with AWS Organizations.`);
  }
  if (!sharingWithOrganizationEnabled(c.store)) enableSharingWithOrganization(c.store);
  return { returnValue: true };
};
