// What RAM shares in lattice-local: the three VPC Lattice resource types, their AWS managed
// permissions, and the ARN forms of shares, invitations and permissions.
import { parseArn as parseAnyArn, type ParsedArn } from '@/lib/topology/arn';

export interface ShareableType {
  /** RAM's resource type string (ListResources, ListResourceTypes, permissions). */
  resourceType: string;
  serviceName: string;
  /** The resource part of the Lattice ARN before the `/`. */
  arnResource: string;
}

export const SHAREABLE_TYPES: readonly ShareableType[] = [
  { resourceType: 'vpc-lattice:ServiceNetwork', serviceName: 'vpc-lattice', arnResource: 'servicenetwork' },
  { resourceType: 'vpc-lattice:Service', serviceName: 'vpc-lattice', arnResource: 'service' },
  { resourceType: 'vpc-lattice:ResourceConfiguration', serviceName: 'vpc-lattice', arnResource: 'resourceconfiguration' },
];

export interface ManagedPermission {
  name: string;
  resourceType: string;
  isResourceTypeDefault: boolean;
  /** The actions the permission grants a consumer on the shared resource. */
  actions: readonly string[];
}

// AWS managed permissions for the Lattice types. The defaults are what RAM attaches when a
// share names no permission. Actions: what a consumer does with each shared type (associate
// its VPCs and services with a network, a service with its networks, a resource configuration
// with its networks and endpoints), per the VPC Lattice sharing guide.
export const MANAGED_PERMISSIONS: readonly ManagedPermission[] = [
  {
    name: 'AWSRAMDefaultPermissionVpcLatticeServiceNetwork',
    resourceType: 'vpc-lattice:ServiceNetwork',
    isResourceTypeDefault: true,
    actions: ['vpc-lattice:CreateServiceNetworkVpcAssociation', 'vpc-lattice:CreateServiceNetworkServiceAssociation', 'vpc-lattice:GetServiceNetwork'],
  },
  {
    name: 'AWSRAMPermissionVpcLatticeServiceNetworkReadWrite',
    resourceType: 'vpc-lattice:ServiceNetwork',
    isResourceTypeDefault: false,
    actions: [
      'vpc-lattice:CreateServiceNetworkVpcAssociation', 'vpc-lattice:CreateServiceNetworkServiceAssociation', 'vpc-lattice:CreateServiceNetworkResourceAssociation',
      'vpc-lattice:GetServiceNetwork',
    ],
  },
  {
    name: 'AWSRAMDefaultPermissionVpcLatticeService',
    resourceType: 'vpc-lattice:Service',
    isResourceTypeDefault: true,
    actions: ['vpc-lattice:CreateServiceNetworkServiceAssociation', 'vpc-lattice:GetService'],
  },
  {
    name: 'AWSRAMPermissionVpcLatticeResourceConfiguration',
    resourceType: 'vpc-lattice:ResourceConfiguration',
    isResourceTypeDefault: true,
    actions: ['vpc-lattice:CreateServiceNetworkResourceAssociation', 'vpc-lattice:GetResourceConfiguration', 'vpc-lattice:AssociateViaAWSService'],
  },
];

/** A managed permission's policy template, as GetPermission writes it (Effect and Action, no Principal or Resource). */
export const managedTemplate = (permission: ManagedPermission) => JSON.stringify({ Effect: 'Allow', Action: permission.actions });

/** A permission ARN: AWS managed (`arn:aws:ram::aws:permission/NAME`) or customer managed (`arn:aws:ram:REGION:ACCOUNT:permission/NAME`). */
export const PERMISSION_ARN = /^arn:aws[a-z-]*:ram:([a-z0-9-]*):(aws|\d{12}):permission\/([\w.-]+)$/;

export const customerPermissionArnOf = (region: string, account: string, name: string) => `arn:aws:ram:${region}:${account}:permission/${name}`;

/** When the managed permissions were published (their creation and update times). */
export const MANAGED_PERMISSIONS_PUBLISHED = Date.UTC(2024, 11, 1);

export const permissionArn = (name: string) => `arn:aws:ram::aws:permission/${name}`;

export function managedPermissionByArn(arn: string): ManagedPermission | undefined {
  return MANAGED_PERMISSIONS.find((p) => permissionArn(p.name) === arn);
}

export function defaultPermission(resourceType: string): ManagedPermission {
  return MANAGED_PERMISSIONS.find((p) => p.resourceType === resourceType && p.isResourceTypeDefault)!;
}

/** `vpc-lattice:ServiceNetwork` for a service network's ARN; undefined for types RAM does not share here. */
export function shareableTypeOfArn(arn: string): ShareableType | undefined {
  const m = /^arn:aws[a-z-]*:vpc-lattice:[a-z0-9-]+:\d{12}:([a-z]+)\/[a-z]+-[0-9a-z]{17}$/.exec(arn);
  if (!m) return undefined;
  return SHAREABLE_TYPES.find((t) => t.arnResource === m[1]);
}

/** Matches a resource type as callers write it (RAM compares them case-insensitively). */
export function findResourceType(resourceType: string): ShareableType | undefined {
  return SHAREABLE_TYPES.find((t) => t.resourceType.toLowerCase() === resourceType.toLowerCase());
}

/** An ARN as RAM accepts one (an AWS partition, a 12-digit or `aws` owner, a resource), else undefined. */
export function parseArn(arn: string): ParsedArn | undefined {
  const parsed = parseAnyArn(arn);
  const wellFormed =
    parsed && /^aws[a-z-]*$/.test(parsed.partition) && /^[a-z0-9-]+$/.test(parsed.service) && /^[a-z0-9-]*$/.test(parsed.region) && /^(\d{12}|aws)?$/.test(parsed.account) && parsed.resource !== '';
  return wellFormed ? parsed : undefined;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const SHARE_ARN = new RegExp(`^arn:aws[a-z-]*:ram:([a-z0-9-]+):(\\d{12}):resource-share/${UUID}$`);
const INVITATION_ARN = new RegExp(`^arn:aws[a-z-]*:ram:([a-z0-9-]+):(\\d{12}):resource-share-invitation/${UUID}$`);

export const isShareArn = (arn: string) => SHARE_ARN.test(arn);
export const isInvitationArn = (arn: string) => INVITATION_ARN.test(arn);

export const shareArnOf = (region: string, account: string, id: string) => `arn:aws:ram:${region}:${account}:resource-share/${id}`;
export const invitationArnOf = (region: string, account: string, id: string) =>
  `arn:aws:ram:${region}:${account}:resource-share-invitation/${id}`;
