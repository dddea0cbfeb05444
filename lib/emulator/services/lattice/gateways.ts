// Resource gateways, resource configurations (SINGLE, GROUP, CHILD, ARN) and the resource
// endpoint associations that Resource-type VPC endpoints create.
import { conflict } from '../../protocols/errors';
import type { StoredRecord } from '../../store/index';
import { SECURITY_GROUP_KIND, SUBNET_KIND } from '../ec2/inventory';
import {
  createRecord, deleteRecord, isGone, isLive, listPage, replayed, resolve, sharedRecords, statusOf, tryResolve, updateRecord,
} from '../resources';
import type { Handler, OperationContext } from '../types';
import { invalidField, requireNotDeleting, requireUnused, requireVpc, view } from './common';
import {
  domainVerificationKind, resourceConfigurationKind, resourceEndpointAssociationKind, resourceGatewayKind,
  serviceNetworkResourceAssociationKind,
} from './kinds';

// ---- Resource gateways --------------------------------------------------------------------------

function gatewayView(ctx: OperationContext, gateway: StoredRecord): Record<string, unknown> {
  return { ...view(ctx, resourceGatewayKind, gateway), vpcId: gateway.vpcIdentifier, serviceManaged: false };
}

function checkGroups(ctx: OperationContext, vpcId: string, groups: string[] | undefined, field: string): void {
  groups?.forEach((groupId, i) => {
    const group = ctx.store.byIndex(SECURITY_GROUP_KIND, 'id', groupId).find((g) => g.account === ctx.account && g.region === ctx.region);
    if (!group) invalidField(`${field}[${i}]`, `Security group ${groupId} does not exist.`);
    if (group.VpcId !== vpcId) invalidField(`${field}[${i}]`, `Security group ${groupId} belongs to ${group.VpcId}, not ${vpcId}.`);
  });
}

export const createResourceGateway: Handler = (ctx) => {
  const previous = replayed(ctx, resourceGatewayKind, ctx.input.clientToken);
  if (previous) return { ...previous, status: 'CREATE_IN_PROGRESS' };
  const input = ctx.input as {
    name: string; vpcIdentifier?: string; subnetIds?: string[]; securityGroupIds?: string[]; ipAddressType?: string;
    ipv4AddressesPerEni?: number; resourceConfigDnsResolution?: string; tags?: Record<string, string>;
  };
  if (!input.vpcIdentifier) invalidField('vpcIdentifier', 'A resource gateway needs a VPC.');
  if (!input.subnetIds?.length) invalidField('subnetIds', 'A resource gateway needs at least one subnet.');
  const vpc = requireVpc(ctx, input.vpcIdentifier);
  input.subnetIds.forEach((subnetId, i) => {
    const subnet = ctx.store.byIndex(SUBNET_KIND, 'id', subnetId).find((s) => s.account === ctx.account && s.region === ctx.region);
    if (!subnet) invalidField(`subnetIds[${i}]`, `Subnet ${subnetId} does not exist.`);
    if (subnet.VpcId !== vpc.id) invalidField(`subnetIds[${i}]`, `Subnet ${subnetId} belongs to ${subnet.VpcId}, not ${vpc.id}.`);
  });
  checkGroups(ctx, vpc.id as string, input.securityGroupIds, 'securityGroupIds');
  if (input.ipv4AddressesPerEni !== undefined && input.ipAddressType === 'IPV6') {
    invalidField('ipv4AddressesPerEni', 'is not supported for an IPV6 resource gateway');
  }
  const record = createRecord(
    ctx,
    resourceGatewayKind,
    {
      name: input.name,
      vpcIdentifier: vpc.id,
      subnetIds: input.subnetIds,
      securityGroupIds: input.securityGroupIds ?? [],
      ipAddressType: input.ipAddressType ?? 'IPV4',
      ...(input.ipAddressType !== 'IPV6' ? { ipv4AddressesPerEni: input.ipv4AddressesPerEni ?? 16 } : {}),
      resourceConfigDnsResolution: input.resourceConfigDnsResolution ?? 'IN_VPC',
      tags: input.tags,
    },
    { name: input.name },
  );
  return { ...record, status: 'CREATE_IN_PROGRESS' };
};

export const getResourceGateway: Handler = (ctx) => gatewayView(ctx, resolve(ctx, resourceGatewayKind, ctx.input.resourceGatewayIdentifier));

export const listResourceGateways: Handler = (ctx) => {
  const page = listPage(ctx, {
    sources: [ctx.store.byIndex(resourceGatewayKind.kind, 'scope', ctx.scope)],
    maxResults: ctx.input.maxResults,
    nextToken: ctx.input.nextToken,
  });
  return { items: page.items.map((g) => gatewayView(ctx, g)), nextToken: page.nextToken };
};

export const updateResourceGateway: Handler = (ctx) => {
  const gateway = resolve(ctx, resourceGatewayKind, ctx.input.resourceGatewayIdentifier);
  const status = statusOf(gateway, ctx.now);
  if (status !== 'ACTIVE') throw conflict(gateway.id as string, resourceGatewayKind.resourceType, `Resource gateway ${gateway.id} cannot be updated while its status is ${status}.`);
  const patch: Record<string, unknown> = {};
  if (ctx.input.securityGroupIds !== undefined) {
    checkGroups(ctx, gateway.vpcIdentifier as string, ctx.input.securityGroupIds, 'securityGroupIds');
    patch.securityGroupIds = ctx.input.securityGroupIds;
    patch.updatingUntil = ctx.now + ctx.config.activationDelayMs;
  }
  const updated = updateRecord(ctx, gateway, patch);
  return gatewayView(ctx, updated);
};

export const deleteResourceGateway: Handler = (ctx) => {
  const gateway = resolve(ctx, resourceGatewayKind, ctx.input.resourceGatewayIdentifier);
  const status = statusOf(gateway, ctx.now);
  if (status === 'DELETE_IN_PROGRESS') return { ...gateway, status };
  if (status === 'CREATE_IN_PROGRESS' || status === 'UPDATE_IN_PROGRESS') {
    throw conflict(gateway.id as string, resourceGatewayKind.resourceType, `Resource gateway ${gateway.id} cannot be deleted while its status is ${status}.`);
  }
  requireUnused(ctx, resourceGatewayKind, gateway, ctx.store.byIndex(resourceConfigurationKind.kind, 'gateway', gateway.arn as string), 'resource configuration(s)');
  deleteRecord(ctx, resourceGatewayKind, gateway);
  return { ...gateway, status: 'DELETE_IN_PROGRESS' };
};

// ---- Resource configurations --------------------------------------------------------------------

type Definition = { dnsResource?: { domainName?: string; ipAddressType?: string }; ipResource?: { ipAddress?: string }; arnResource?: { arn?: string } };

function checkPortRanges(ranges: string[] | undefined): void {
  ranges?.forEach((range, i) => {
    const [from, to] = range.split('-').map(Number);
    const end = to ?? from!;
    if (!(from! >= 1 && end <= 65535 && from! <= end)) invalidField(`portRanges[${i}]`, `"${range}" is not a port or a range of ports between 1 and 65535.`);
  });
}

function checkDefinition(type: string, definition: Definition | undefined): void {
  if (type === 'GROUP') {
    if (definition) invalidField('resourceConfigurationDefinition', 'A GROUP resource configuration has no definition; its children do.');
    return;
  }
  if (!definition) invalidField('resourceConfigurationDefinition', `is required for a ${type} resource configuration`);
  if (type === 'ARN' && !definition.arnResource) invalidField('resourceConfigurationDefinition', 'An ARN resource configuration takes an arnResource.');
  if (type !== 'ARN' && definition.arnResource) invalidField('resourceConfigurationDefinition.arnResource', `is only for an ARN resource configuration, not ${type}`);
  if (definition.dnsResource && !definition.dnsResource.domainName) invalidField('resourceConfigurationDefinition.dnsResource.domainName', 'is required');
  if (definition.ipResource && !definition.ipResource.ipAddress) invalidField('resourceConfigurationDefinition.ipResource.ipAddress', 'is required');
}

export const createResourceConfiguration: Handler = (ctx) => {
  const previous = replayed(ctx, resourceConfigurationKind, ctx.input.clientToken);
  if (previous) return { ...previous, status: 'CREATE_IN_PROGRESS' };
  const input = ctx.input as {
    name: string; type: string; portRanges?: string[]; protocol?: string; resourceGatewayIdentifier?: string;
    resourceConfigurationGroupIdentifier?: string; resourceConfigurationDefinition?: Definition;
    allowAssociationToShareableServiceNetwork?: boolean; customDomainName?: string; groupDomain?: string;
    domainVerificationIdentifier?: string; tags?: Record<string, string>;
  };
  checkDefinition(input.type, input.resourceConfigurationDefinition);
  checkPortRanges(input.portRanges);
  let gateway: StoredRecord | undefined;
  let group: StoredRecord | undefined;
  if (input.type === 'CHILD') {
    if (!input.resourceConfigurationGroupIdentifier) invalidField('resourceConfigurationGroupIdentifier', 'is required for a CHILD resource configuration');
    if (input.resourceGatewayIdentifier) invalidField('resourceGatewayIdentifier', 'A CHILD resource configuration uses its group\'s gateway.');
    group = resolve(ctx, resourceConfigurationKind, input.resourceConfigurationGroupIdentifier);
    if (group.type !== 'GROUP') invalidField('resourceConfigurationGroupIdentifier', `${group.id} is a ${group.type} resource configuration, not a GROUP.`);
    requireNotDeleting(ctx, resourceConfigurationKind, group, 'add a child');
    gateway = ctx.store.get(group.resourceGatewayArn as string);
  } else {
    if (input.resourceConfigurationGroupIdentifier) invalidField('resourceConfigurationGroupIdentifier', 'is only for a CHILD resource configuration');
    if (!input.resourceGatewayIdentifier) invalidField('resourceGatewayIdentifier', `is required for a ${input.type} resource configuration`);
    gateway = resolve(ctx, resourceGatewayKind, input.resourceGatewayIdentifier);
    requireNotDeleting(ctx, resourceGatewayKind, gateway, 'add a resource configuration');
    if (input.type !== 'ARN' && !input.portRanges?.length) invalidField('portRanges', `is required for a ${input.type} resource configuration`);
  }
  const verification = input.domainVerificationIdentifier ? resolve(ctx, domainVerificationKind, input.domainVerificationIdentifier) : undefined;
  const record = createRecord(
    ctx,
    resourceConfigurationKind,
    {
      name: input.name,
      type: input.type,
      portRanges: input.portRanges ?? (group?.portRanges as string[] | undefined),
      protocol: input.protocol ?? 'TCP',
      resourceGatewayId: gateway?.id,
      resourceGatewayArn: gateway?.arn,
      resourceConfigurationGroupId: group?.id,
      resourceConfigurationGroupArn: group?.arn,
      resourceConfigurationDefinition: input.resourceConfigurationDefinition,
      allowAssociationToShareableServiceNetwork: input.allowAssociationToShareableServiceNetwork ?? true,
      customDomainName: input.customDomainName,
      groupDomain: input.groupDomain,
      domainVerificationId: verification?.id,
      domainVerificationArn: verification?.arn,
      amazonManaged: false,
      tags: input.tags,
    },
    { name: input.name, ...(group ? { shareRoot: group.arn as string } : {}) },
  );
  return { ...record, status: 'CREATE_IN_PROGRESS' };
};

function configurationView(ctx: OperationContext, rcfg: StoredRecord): Record<string, unknown> {
  const verification = rcfg.domainVerificationArn ? ctx.store.get(rcfg.domainVerificationArn as string) : undefined;
  return {
    ...view(ctx, resourceConfigurationKind, rcfg),
    ...(verification ? { domainVerificationStatus: ctx.now >= (verification.verifiedAt as number) ? 'VERIFIED' : 'PENDING' } : {}),
  };
}

export const getResourceConfiguration: Handler = (ctx) =>
  configurationView(ctx, resolve(ctx, resourceConfigurationKind, ctx.input.resourceConfigurationIdentifier, { allow: ['owner', 'shared'] }));

export const listResourceConfigurations: Handler = (ctx) => {
  const input = ctx.input as { resourceGatewayIdentifier?: string; resourceConfigurationGroupIdentifier?: string; domainVerificationIdentifier?: string };
  const gateway = input.resourceGatewayIdentifier ? (tryResolve(ctx, resourceGatewayKind, input.resourceGatewayIdentifier, ['owner'])?.arn ?? 'none') : undefined;
  const group = input.resourceConfigurationGroupIdentifier
    ? (tryResolve(ctx, resourceConfigurationKind, input.resourceConfigurationGroupIdentifier, ['owner', 'shared'])?.arn ?? 'none')
    : undefined;
  const verification = input.domainVerificationIdentifier
    ? (tryResolve(ctx, domainVerificationKind, input.domainVerificationIdentifier, ['owner'])?.arn ?? 'none')
    : undefined;
  const shared = sharedRecords(ctx, resourceConfigurationKind);
  // Children of a shared group come with it.
  const sharedChildren = shared.filter((g) => g.type === 'GROUP').flatMap((g) => [...ctx.store.byIndex(resourceConfigurationKind.kind, 'group', g.arn as string)]);
  const page = listPage(ctx, {
    sources: [ctx.store.byIndex(resourceConfigurationKind.kind, 'scope', ctx.scope), shared, sharedChildren.sort((a, b) => a.seq - b.seq)],
    filter: (r) =>
      (gateway === undefined || r.resourceGatewayArn === gateway) &&
      (group === undefined || r.resourceConfigurationGroupArn === group) &&
      (verification === undefined || r.domainVerificationArn === verification),
    maxResults: ctx.input.maxResults,
    nextToken: ctx.input.nextToken,
  });
  return { items: page.items.map((r) => configurationView(ctx, r)), nextToken: page.nextToken };
};

export const updateResourceConfiguration: Handler = (ctx) => {
  const rcfg = resolve(ctx, resourceConfigurationKind, ctx.input.resourceConfigurationIdentifier);
  const status = statusOf(rcfg, ctx.now);
  if (status !== 'ACTIVE') throw conflict(rcfg.id as string, resourceConfigurationKind.resourceType, `Resource configuration ${rcfg.id} cannot be updated while its status is ${status}.`);
  const input = ctx.input as { resourceConfigurationDefinition?: Definition; allowAssociationToShareableServiceNetwork?: boolean; portRanges?: string[] };
  const patch: Record<string, unknown> = {};
  if (input.resourceConfigurationDefinition !== undefined) {
    checkDefinition(rcfg.type as string, input.resourceConfigurationDefinition);
    patch.resourceConfigurationDefinition = input.resourceConfigurationDefinition;
  }
  if (input.portRanges !== undefined) {
    if (rcfg.type === 'CHILD') invalidField('portRanges', 'A CHILD resource configuration uses its group\'s port ranges.');
    checkPortRanges(input.portRanges);
    patch.portRanges = input.portRanges;
  }
  if (input.allowAssociationToShareableServiceNetwork !== undefined) patch.allowAssociationToShareableServiceNetwork = input.allowAssociationToShareableServiceNetwork;
  if (Object.keys(patch).length) patch.updatingUntil = ctx.now + ctx.config.activationDelayMs;
  return view(ctx, resourceConfigurationKind, updateRecord(ctx, rcfg, patch));
};

export const deleteResourceConfiguration: Handler = (ctx) => {
  const rcfg = resolve(ctx, resourceConfigurationKind, ctx.input.resourceConfigurationIdentifier);
  const status = statusOf(rcfg, ctx.now);
  if (status === 'DELETE_IN_PROGRESS') return {};
  if (status === 'CREATE_IN_PROGRESS' || status === 'UPDATE_IN_PROGRESS') {
    throw conflict(rcfg.id as string, resourceConfigurationKind.resourceType, `Resource configuration ${rcfg.id} cannot be deleted while its status is ${status}.`);
  }
  const arn = rcfg.arn as string;
  requireUnused(ctx, resourceConfigurationKind, rcfg, ctx.store.byIndex(serviceNetworkResourceAssociationKind.kind, 'resourceConfiguration', arn), 'service network association(s)');
  requireUnused(ctx, resourceConfigurationKind, rcfg, ctx.store.byIndex(resourceEndpointAssociationKind.kind, 'resourceConfiguration', arn), 'VPC endpoint association(s)');
  requireUnused(ctx, resourceConfigurationKind, rcfg, ctx.store.byIndex(resourceConfigurationKind.kind, 'group', arn), 'child resource configuration(s)');
  deleteRecord(ctx, resourceConfigurationKind, rcfg);
  return {};
};

// ---- Resource endpoint associations ---------------------------------------------------------------

export const listResourceEndpointAssociations: Handler = (ctx) => {
  const input = ctx.input as { resourceConfigurationIdentifier: string; resourceEndpointAssociationIdentifier?: string; vpcEndpointId?: string; vpcEndpointOwner?: string };
  const rcfg = tryResolve(ctx, resourceConfigurationKind, input.resourceConfigurationIdentifier, ['owner', 'shared']);
  if (!rcfg) return { items: [] };
  const page = listPage(ctx, {
    sources: [ctx.store.byIndex(resourceEndpointAssociationKind.kind, 'resourceConfiguration', rcfg.arn as string)],
    filter: (r) => {
      const owner = r.account === ctx.account || rcfg.account === ctx.account;
      return (
        owner &&
        (input.resourceEndpointAssociationIdentifier === undefined || r.id === input.resourceEndpointAssociationIdentifier || r.arn === input.resourceEndpointAssociationIdentifier) &&
        (input.vpcEndpointId === undefined || r.vpcEndpointId === input.vpcEndpointId) &&
        (input.vpcEndpointOwner === undefined || r.vpcEndpointOwner === input.vpcEndpointOwner)
      );
    },
    maxResults: ctx.input.maxResults,
    nextToken: ctx.input.nextToken,
  });
  return page;
};

export const deleteResourceEndpointAssociation: Handler = (ctx) => {
  const record = resolve(ctx, resourceEndpointAssociationKind, ctx.input.resourceEndpointAssociationIdentifier, { allow: ['owner', 'party'] });
  deleteRecord(ctx, resourceEndpointAssociationKind, record);
  return record;
};


