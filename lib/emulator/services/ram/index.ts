// AWS RAM in lattice-local: REST-JSON, every operation of RAM's model, for the resource types
// lattice-local shares (the VPC Lattice ones).
import { loadModel } from '@/lib/models/loader';
import type { Handler, ServiceDefinition } from '../types';
import * as associations from './associations';
import { ramErrorDialect } from './errors';
import * as invitations from './invitations';
import * as organizationSharing from './organization-sharing';
import * as permissions from './permissions';
import * as sharedResources from './shared-resources';
import * as shares from './shares';
import { RAM_KINDS } from './state';

const ramHandlers: Record<string, Handler> = {
  CreateResourceShare: shares.CreateResourceShare,
  GetResourceShares: shares.GetResourceShares,
  UpdateResourceShare: shares.UpdateResourceShare,
  DeleteResourceShare: shares.DeleteResourceShare,
  TagResource: shares.TagResource,
  UntagResource: shares.UntagResource,

  AssociateResourceShare: associations.AssociateResourceShare,
  DisassociateResourceShare: associations.DisassociateResourceShare,
  GetResourceShareAssociations: associations.GetResourceShareAssociations,

  GetResourceShareInvitations: invitations.GetResourceShareInvitations,
  AcceptResourceShareInvitation: invitations.AcceptResourceShareInvitation,
  RejectResourceShareInvitation: invitations.RejectResourceShareInvitation,
  ListPendingInvitationResources: invitations.ListPendingInvitationResources,

  ListResources: sharedResources.ListResources,
  ListPrincipals: sharedResources.ListPrincipals,
  ListResourceTypes: sharedResources.ListResourceTypes,

  ListPermissions: permissions.ListPermissions,
  ListResourceSharePermissions: permissions.ListResourceSharePermissions,
  GetPermission: permissions.GetPermission,
  ListPermissionVersions: permissions.ListPermissionVersions,
  CreatePermission: permissions.CreatePermission,
  CreatePermissionVersion: permissions.CreatePermissionVersion,
  SetDefaultPermissionVersion: permissions.SetDefaultPermissionVersion,
  DeletePermissionVersion: permissions.DeletePermissionVersion,
  DeletePermission: permissions.DeletePermission,
  AssociateResourceSharePermission: permissions.AssociateResourceSharePermission,
  DisassociateResourceSharePermission: permissions.DisassociateResourceSharePermission,
  ListPermissionAssociations: permissions.ListPermissionAssociations,
  ReplacePermissionAssociations: permissions.ReplacePermissionAssociations,
  ListReplacePermissionAssociationsWork: permissions.ListReplacePermissionAssociationsWork,
  GetResourcePolicies: permissions.GetResourcePolicies,
  ListSourceAssociations: permissions.ListSourceAssociations,
  PromoteResourceShareCreatedFromPolicy: permissions.PromoteResourceShareCreatedFromPolicy,
  PromotePermissionCreatedFromPolicy: permissions.PromotePermissionCreatedFromPolicy,

  EnableSharingWithAwsOrganization: organizationSharing.EnableSharingWithAwsOrganization,
};

export const ramService: ServiceDefinition = {
  name: 'ram',
  signingName: 'ram',
  protocol: 'rest-json',
  model: loadModel('ram'),
  handlers: ramHandlers,
  errors: ramErrorDialect,
  kinds: RAM_KINDS,
};

export { setOrganization, organizationOf, type Organization } from './organization';
export { INVITATION_TTL_MS } from './state';
