// Associations of service networks with services, VPCs and resource configurations. An
// association may cross accounts (a consumer associates its VPC with a shared service network):
// it lives in the creator's account and both sides see it and may delete it.
import { conflict, validationError } from '../../protocols/errors';
import type { StoredRecord } from '../../store/index';
import { SECURITY_GROUP_KIND } from '../ec2/inventory';
import {
  type Access, type ResourceKind, accessOf, createRecord, deleteRecord, isArn, isGone, listPage, replayed, resolve, stableHex,
  statusOf, tryResolve, updateRecord,
} from '../resources';
import type { Handler, OperationContext } from '../types';
import { invalidField, requireActive, requireNotDeleting, requireVpc, view } from './common';
import {
  resourceConfigurationKind, serviceKind, serviceNetworkKind, serviceNetworkResourceAssociationKind, serviceNetworkServiceAssociationKind,
  serviceNetworkVpcAssociationKind,
} from './kinds';

const READ: Access[] = ['owner', 'shared'];
const PARTIES: Access[] = ['owner', 'party'];
const scopeOf = (record: StoredRecord) => `${record.account}:${record.region}`;

function serviceNetworkFor(ctx: OperationContext, identifier: string): StoredRecord {
  const sn = resolve(ctx, serviceNetworkKind, identifier, { allow: READ });
  requireNotDeleting(ctx, serviceNetworkKind, sn, 'associate');
  return sn;
}

/** The caller must own at least one side of an association. */
function requireOwnsOneSide(ctx: OperationContext, a: StoredRecord, b: StoredRecord): void {
  if (accessOf(ctx, a) !== 'owner' && accessOf(ctx, b) !== 'owner') {
    throw validationError(`Account ${ctx.account} owns neither ${a.id} nor ${b.id}; the caller must own one side of an association.`, undefined, 'other');
  }
}

/** ConflictException unless an association is settled (not being created, updated or deleted). */
function requireSettledAssociation(ctx: OperationContext, kind: ResourceKind, record: StoredRecord, action: string): void {
  const status = statusOf(record, ctx.now);
  if (status === 'ACTIVE' || status.endsWith('_FAILED')) return;
  throw conflict(record.id as string, kind.resourceType, `Cannot ${action} association ${record.id} while its status is ${status}.`);
}

/** A list of associations: by the filter given, else everything visible to the caller. */
type AssociationFilter = { index: string; value: string | undefined; test: (r: StoredRecord) => unknown };

function listAssociations(ctx: OperationContext, kind: ResourceKind, filters: AssociationFilter[]): { items: StoredRecord[]; nextToken?: string } {
  const active = filters.filter((f) => f.value !== undefined);
  const sources = active.length ? [ctx.store.byIndex(kind.kind, active[0]!.index, active[0]!.value!)] : [ctx.store.byIndex(kind.kind, 'visible', ctx.scope)];
  return listPage(ctx, {
    sources,
    filter: (r) => {
      const access = accessOf(ctx, r);
      return (access === 'owner' || access === 'party') && active.every((f) => f.test(r) === f.value);
    },
    maxResults: ctx.input.maxResults,
    nextToken: ctx.input.nextToken,
  });
}

/** A filter identifier resolved to an ARN; an unknown one matches nothing. */
function filterArn(ctx: OperationContext, kind: ResourceKind, identifier: string | undefined): string | undefined {
  if (identifier === undefined) return undefined;
  const record = tryResolve(ctx, kind, identifier, ['owner', 'shared', 'party']);
  return (record?.arn as string | undefined) ?? (isArn(identifier) ? identifier : `missing:${identifier}`);
}

// ---- Service network ↔ service ------------------------------------------------------------------

export const createServiceNetworkServiceAssociation: Handler = (ctx) => {
  const previous = replayed(ctx, serviceNetworkServiceAssociationKind, ctx.input.clientToken);
  if (previous) return { ...previous, status: 'CREATE_IN_PROGRESS' };
  const service = resolve(ctx, serviceKind, ctx.input.serviceIdentifier, { allow: READ });
  requireActive(ctx, serviceKind, service);
  const sn = serviceNetworkFor(ctx, ctx.input.serviceNetworkIdentifier);
  requireOwnsOneSide(ctx, service, sn);
  for (const existing of ctx.store.byIndex(serviceNetworkServiceAssociationKind.kind, 'serviceNetwork', sn.arn as string)) {
    if (existing.serviceArn !== service.arn || isGone(existing, ctx.now)) continue;
    const status = statusOf(existing, ctx.now);
    throw conflict(
      existing.id as string,
      serviceNetworkServiceAssociationKind.resourceType,
      status === 'DELETE_IN_PROGRESS'
        ? `A disassociation of ${service.id} from ${sn.id} is in progress.`
        : `Service ${service.id} is already associated with service network ${sn.id} (${existing.id}).`,
    );
  }
  const record = createRecord(
    ctx,
    serviceNetworkServiceAssociationKind,
    {
      serviceNetworkId: sn.id,
      serviceNetworkName: sn.name,
      serviceNetworkArn: sn.arn,
      serviceId: service.id,
      serviceName: service.name,
      serviceArn: service.arn,
      createdBy: ctx.account,
      dnsEntry: service.dnsEntry,
      customDomainName: service.customDomainName,
      tags: ctx.input.tags,
    },
    { parent: sn, visibleTo: [scopeOf(sn), scopeOf(service)] },
  );
  return { ...record, status: 'CREATE_IN_PROGRESS' };
};

export const getServiceNetworkServiceAssociation: Handler = (ctx) =>
  view(ctx, serviceNetworkServiceAssociationKind, resolve(ctx, serviceNetworkServiceAssociationKind, ctx.input.serviceNetworkServiceAssociationIdentifier, { allow: PARTIES }));

export const listServiceNetworkServiceAssociations: Handler = (ctx) => {
  const page = listAssociations(ctx, serviceNetworkServiceAssociationKind, [
    { index: 'serviceNetwork', value: filterArn(ctx, serviceNetworkKind, ctx.input.serviceNetworkIdentifier), test: (r) => r.serviceNetworkArn },
    { index: 'service', value: filterArn(ctx, serviceKind, ctx.input.serviceIdentifier), test: (r) => r.serviceArn },
  ]);
  return { items: page.items.map((r) => view(ctx, serviceNetworkServiceAssociationKind, r)), nextToken: page.nextToken };
};

export const deleteServiceNetworkServiceAssociation: Handler = (ctx) => {
  const record = resolve(ctx, serviceNetworkServiceAssociationKind, ctx.input.serviceNetworkServiceAssociationIdentifier, { allow: PARTIES });
  requireSettledAssociation(ctx, serviceNetworkServiceAssociationKind, record, 'delete');
  deleteRecord(ctx, serviceNetworkServiceAssociationKind, record);
  return { ...record, status: 'DELETE_IN_PROGRESS' };
};

// ---- Service network ↔ VPC ----------------------------------------------------------------------

function checkSecurityGroups(ctx: OperationContext, vpcId: string, groups: string[] | undefined, field: string): void {
  groups?.forEach((groupId, i) => {
    const group = ctx.store.byIndex(SECURITY_GROUP_KIND, 'id', groupId).find((g) => g.account === ctx.account && g.region === ctx.region);
    if (!group) invalidField(`${field}[${i}]`, `Security group ${groupId} does not exist.`);
    if (group.VpcId !== vpcId) invalidField(`${field}[${i}]`, `Security group ${groupId} belongs to ${group.VpcId}, not ${vpcId}.`);
  });
}

export const createServiceNetworkVpcAssociation: Handler = (ctx) => {
  const previous = replayed(ctx, serviceNetworkVpcAssociationKind, ctx.input.clientToken);
  if (previous) return { ...previous, status: 'CREATE_IN_PROGRESS' };
  const input = ctx.input as {
    serviceNetworkIdentifier: string; vpcIdentifier: string; securityGroupIds?: string[]; privateDnsEnabled?: boolean;
    dnsOptions?: object; tags?: Record<string, string>;
  };
  const sn = serviceNetworkFor(ctx, input.serviceNetworkIdentifier);
  const vpc = requireVpc(ctx, input.vpcIdentifier);
  checkSecurityGroups(ctx, vpc.id as string, input.securityGroupIds, 'securityGroupIds');
  // A VPC joins one service network; more need service-network VPC endpoints. AWS's text, to
  // any second association: "VPC has already been associated to a service network."
  // (aws/aws-application-networking-k8s docs/guides/service-network-endpoint.md, issue #984).
  // A disassociation still in progress gets the same answer (a guess).
  for (const existing of ctx.store.byIndex(serviceNetworkVpcAssociationKind.kind, 'vpc', `${ctx.scope}:${vpc.id}`)) {
    if (isGone(existing, ctx.now)) continue;
    throw conflict(existing.id as string, serviceNetworkVpcAssociationKind.resourceType, 'VPC has already been associated to a service network.');
  }
  const record = createRecord(
    ctx,
    serviceNetworkVpcAssociationKind,
    {
      serviceNetworkId: sn.id,
      serviceNetworkName: sn.name,
      serviceNetworkArn: sn.arn,
      vpcId: vpc.id,
      securityGroupIds: input.securityGroupIds ?? [],
      privateDnsEnabled: input.privateDnsEnabled,
      dnsOptions: input.dnsOptions,
      createdBy: ctx.account,
      tags: input.tags,
    },
    { parent: sn, visibleTo: [scopeOf(sn)] },
  );
  return { ...record, status: 'CREATE_IN_PROGRESS' };
};

export const getServiceNetworkVpcAssociation: Handler = (ctx) =>
  view(ctx, serviceNetworkVpcAssociationKind, resolve(ctx, serviceNetworkVpcAssociationKind, ctx.input.serviceNetworkVpcAssociationIdentifier, { allow: PARTIES }));

export const listServiceNetworkVpcAssociations: Handler = (ctx) => {
  const page = listAssociations(ctx, serviceNetworkVpcAssociationKind, [
    { index: 'serviceNetwork', value: filterArn(ctx, serviceNetworkKind, ctx.input.serviceNetworkIdentifier), test: (r) => r.serviceNetworkArn },
    { index: 'vpc', value: ctx.input.vpcIdentifier === undefined ? undefined : `${ctx.scope}:${ctx.input.vpcIdentifier}`, test: (r) => `${r.account}:${r.region}:${r.vpcId}` },
  ]);
  return { items: page.items.map((r) => view(ctx, serviceNetworkVpcAssociationKind, r)), nextToken: page.nextToken };
};

export const updateServiceNetworkVpcAssociation: Handler = (ctx) => {
  const record = resolve(ctx, serviceNetworkVpcAssociationKind, ctx.input.serviceNetworkVpcAssociationIdentifier);
  requireSettledAssociation(ctx, serviceNetworkVpcAssociationKind, record, 'update');
  const groups = ctx.input.securityGroupIds as string[];
  if ((record.securityGroupIds as string[]).length > 0 && groups.length === 0) {
    invalidField('securityGroupIds', 'An association with security groups keeps at least one; delete and recreate it to remove them all.');
  }
  checkSecurityGroups(ctx, record.vpcId as string, groups, 'securityGroupIds');
  const updated = updateRecord(ctx, record, { securityGroupIds: groups, updatingUntil: ctx.now + ctx.config.activationDelayMs });
  return { ...updated, status: ctx.config.activationDelayMs > 0 ? 'UPDATE_IN_PROGRESS' : 'ACTIVE' };
};

export const deleteServiceNetworkVpcAssociation: Handler = (ctx) => {
  const record = resolve(ctx, serviceNetworkVpcAssociationKind, ctx.input.serviceNetworkVpcAssociationIdentifier, { allow: PARTIES });
  requireSettledAssociation(ctx, serviceNetworkVpcAssociationKind, record, 'delete');
  deleteRecord(ctx, serviceNetworkVpcAssociationKind, record);
  return { ...record, status: 'DELETE_IN_PROGRESS' };
};

// ---- Service network ↔ resource configuration -----------------------------------------------------

function resourceDns(record: { id: string; region: string }, rcfgId: string): { domainName: string; hostedZoneId: string } {
  return {
    domainName: `${record.id}.${rcfgId}.${stableHex(rcfgId, 7)}.vpc-lattice-rsc.${record.region}.on.aws`,
    hostedZoneId: `Z${stableHex(`lattice-rsc-zone|${record.region}`, 20).toUpperCase()}`,
  };
}

export const createServiceNetworkResourceAssociation: Handler = (ctx) => {
  const previous = replayed(ctx, serviceNetworkResourceAssociationKind, ctx.input.clientToken);
  if (previous) return { ...previous, status: 'CREATE_IN_PROGRESS' };
  const rcfg = resolve(ctx, resourceConfigurationKind, ctx.input.resourceConfigurationIdentifier, { allow: READ });
  requireActive(ctx, resourceConfigurationKind, rcfg);
  const sn = serviceNetworkFor(ctx, ctx.input.serviceNetworkIdentifier);
  requireOwnsOneSide(ctx, rcfg, sn);
  if (rcfg.type === 'CHILD') invalidField('resourceConfigurationIdentifier', 'A CHILD resource configuration is associated through its group.');
  if (rcfg.allowAssociationToShareableServiceNetwork === false && (sn.sharingConfig as { enabled?: boolean } | undefined)?.enabled !== false) {
    invalidField('serviceNetworkIdentifier', `Resource configuration ${rcfg.id} does not allow association with a shareable service network.`);
  }
  for (const existing of ctx.store.byIndex(serviceNetworkResourceAssociationKind.kind, 'serviceNetwork', sn.arn as string)) {
    if (existing.resourceConfigurationArn !== rcfg.arn || isGone(existing, ctx.now)) continue;
    throw conflict(existing.id as string, serviceNetworkResourceAssociationKind.resourceType, `Resource configuration ${rcfg.id} is already associated with service network ${sn.id} (${existing.id}).`);
  }
  const record = createRecord(
    ctx,
    serviceNetworkResourceAssociationKind,
    {
      resourceConfigurationId: rcfg.id,
      resourceConfigurationArn: rcfg.arn,
      resourceConfigurationName: rcfg.name,
      serviceNetworkId: sn.id,
      serviceNetworkArn: sn.arn,
      serviceNetworkName: sn.name,
      createdBy: ctx.account,
      privateDnsEnabled: ctx.input.privateDnsEnabled,
      isManagedAssociation: false,
      tags: ctx.input.tags,
    },
    { parent: sn, visibleTo: [scopeOf(sn), scopeOf(rcfg)] },
  );
  const withDns = ctx.store.put({ ...record, dnsEntry: resourceDns(record as unknown as { id: string; region: string }, rcfg.id as string) });
  return { ...withDns, status: 'CREATE_IN_PROGRESS' };
};

export const getServiceNetworkResourceAssociation: Handler = (ctx) =>
  view(ctx, serviceNetworkResourceAssociationKind, resolve(ctx, serviceNetworkResourceAssociationKind, ctx.input.serviceNetworkResourceAssociationIdentifier, { allow: PARTIES }));

export const listServiceNetworkResourceAssociations: Handler = (ctx) => {
  const page = listAssociations(ctx, serviceNetworkResourceAssociationKind, [
    { index: 'serviceNetwork', value: filterArn(ctx, serviceNetworkKind, ctx.input.serviceNetworkIdentifier), test: (r) => r.serviceNetworkArn },
    { index: 'resourceConfiguration', value: filterArn(ctx, resourceConfigurationKind, ctx.input.resourceConfigurationIdentifier), test: (r) => r.resourceConfigurationArn },
  ]);
  return { items: page.items.map((r) => view(ctx, serviceNetworkResourceAssociationKind, r)), nextToken: page.nextToken };
};

export const deleteServiceNetworkResourceAssociation: Handler = (ctx) => {
  const record = resolve(ctx, serviceNetworkResourceAssociationKind, ctx.input.serviceNetworkResourceAssociationIdentifier, { allow: PARTIES });
  requireSettledAssociation(ctx, serviceNetworkResourceAssociationKind, record, 'delete');
  deleteRecord(ctx, serviceNetworkResourceAssociationKind, record);
  return { ...record, status: 'DELETE_IN_PROGRESS' };
};

