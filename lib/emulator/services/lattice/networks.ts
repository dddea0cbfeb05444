// Service networks and services.
import { conflict } from '../../protocols/errors';
import type { StoredRecord } from '../../store/index';
import {
  countLive, createRecord, deleteRecord, isLive, listPage, replayed, resolve, sharedRecords, stableHex, statusOf, updateRecord,
} from '../resources';
import type { Handler, OperationContext } from '../types';
import { cascade, requireNotDeleting, requireUnused, view } from './common';
import {
  accessLogSubscriptionKind, listenerKind, ruleKind, serviceKind, serviceNetworkKind, serviceNetworkResourceAssociationKind,
  serviceNetworkServiceAssociationKind, serviceNetworkVpcAssociationKind,
} from './kinds';
import { VPC_ENDPOINT_KIND } from '../ec2/inventory';

// ---- Service networks ---------------------------------------------------------------------------

function serviceNetworkView(ctx: OperationContext, sn: StoredRecord): Record<string, unknown> {
  const arn = sn.arn as string;
  return {
    ...sn,
    numberOfAssociatedVPCs: countLive(ctx, serviceNetworkVpcAssociationKind.kind, 'serviceNetwork', arn),
    numberOfAssociatedServices: countLive(ctx, serviceNetworkServiceAssociationKind.kind, 'serviceNetwork', arn),
    numberOfAssociatedResourceConfigurations: countLive(ctx, serviceNetworkResourceAssociationKind.kind, 'serviceNetwork', arn),
  };
}

export const createServiceNetwork: Handler = (ctx) => {
  const input = ctx.input as { name: string; authType?: string; tags?: Record<string, string>; sharingConfig?: { enabled?: boolean } };
  const record =
    replayed(ctx, serviceNetworkKind, ctx.input.clientToken) ??
    createRecord(
      ctx,
      serviceNetworkKind,
      { name: input.name, authType: input.authType ?? 'NONE', sharingConfig: { enabled: input.sharingConfig?.enabled ?? true }, tags: input.tags },
      { name: input.name },
    );
  return record;
};

export const getServiceNetwork: Handler = (ctx) =>
  serviceNetworkView(ctx, resolve(ctx, serviceNetworkKind, ctx.input.serviceNetworkIdentifier, { allow: ['owner', 'shared'] }));

export const listServiceNetworks: Handler = (ctx) => {
  const page = listPage(ctx, {
    sources: [ctx.store.byIndex(serviceNetworkKind.kind, 'scope', ctx.scope), sharedRecords(ctx, serviceNetworkKind)],
    maxResults: ctx.input.maxResults,
    nextToken: ctx.input.nextToken,
  });
  return { items: page.items.map((sn) => serviceNetworkView(ctx, sn)), nextToken: page.nextToken };
};

export const updateServiceNetwork: Handler = (ctx) => {
  const sn = resolve(ctx, serviceNetworkKind, ctx.input.serviceNetworkIdentifier);
  return updateRecord(ctx, sn, { authType: ctx.input.authType });
};

export const deleteServiceNetwork: Handler = (ctx) => {
  const sn = resolve(ctx, serviceNetworkKind, ctx.input.serviceNetworkIdentifier);
  const arn = sn.arn as string;
  requireUnused(ctx, serviceNetworkKind, sn, ctx.store.byIndex(serviceNetworkVpcAssociationKind.kind, 'serviceNetwork', arn), 'VPC(s)');
  requireUnused(ctx, serviceNetworkKind, sn, ctx.store.byIndex(serviceNetworkServiceAssociationKind.kind, 'serviceNetwork', arn), 'service(s)');
  requireUnused(ctx, serviceNetworkKind, sn, ctx.store.byIndex(serviceNetworkResourceAssociationKind.kind, 'serviceNetwork', arn), 'resource(s)');
  const endpoints = ctx.store.byIndex(VPC_ENDPOINT_KIND, 'serviceNetwork', arn).filter((e) => statusOf(e, ctx.now) !== 'GONE');
  if (endpoints.length) throw conflict(sn.id as string, serviceNetworkKind.resourceType, `Service network ${sn.id} has VPC endpoint(s) associated.`);
  cascade(ctx, accessLogSubscriptionKind, ctx.store.byIndex(accessLogSubscriptionKind.kind, 'resource', arn));
  deleteRecord(ctx, serviceNetworkKind, sn);
  return {};
};

// ---- Services -----------------------------------------------------------------------------------

/** `{name}-{id without svc-}.{7 hex}.vpc-lattice-svcs.{region}.on.aws`, as AWS names services. */
export function serviceDnsEntry(account: string, region: string, name: string, id: string): { domainName: string; hostedZoneId: string } {
  return {
    domainName: `${name}-${id.slice(4)}.${stableHex(`${account}|${region}`, 7)}.vpc-lattice-svcs.${region}.on.aws`,
    hostedZoneId: `Z${stableHex(`lattice-zone|${region}`, 20).toUpperCase()}`,
  };
}

export const createService: Handler = (ctx) => {
  const input = ctx.input as { name: string; customDomainName?: string; certificateArn?: string; authType?: string; tags?: Record<string, string> };
  const previous = replayed(ctx, serviceKind, ctx.input.clientToken);
  if (previous) return { ...previous, status: 'CREATE_IN_PROGRESS' };
  const record = createRecord(
    ctx,
    serviceKind,
    {
      name: input.name,
      customDomainName: input.customDomainName,
      certificateArn: input.certificateArn,
      authType: input.authType ?? 'NONE',
      tags: input.tags,
    },
    { name: input.name },
  );
  const withDns = ctx.store.put({ ...record, dnsEntry: serviceDnsEntry(ctx.account, ctx.region, input.name, record.id as string) });
  return { ...withDns, status: 'CREATE_IN_PROGRESS' };
};

export const getService: Handler = (ctx) =>
  view(ctx, serviceKind, resolve(ctx, serviceKind, ctx.input.serviceIdentifier, { allow: ['owner', 'shared'] }));

export const listServices: Handler = (ctx) => {
  const page = listPage(ctx, {
    sources: [ctx.store.byIndex(serviceKind.kind, 'scope', ctx.scope), sharedRecords(ctx, serviceKind)],
    maxResults: ctx.input.maxResults,
    nextToken: ctx.input.nextToken,
  });
  return { items: page.items.map((s) => view(ctx, serviceKind, s)), nextToken: page.nextToken };
};

export const updateService: Handler = (ctx) => {
  const service = resolve(ctx, serviceKind, ctx.input.serviceIdentifier);
  requireNotDeleting(ctx, serviceKind, service, 'update the service');
  const patch: Record<string, unknown> = {};
  if (ctx.input.certificateArn !== undefined) patch.certificateArn = ctx.input.certificateArn;
  if (ctx.input.authType !== undefined) patch.authType = ctx.input.authType;
  return updateRecord(ctx, service, patch);
};

export const deleteService: Handler = (ctx) => {
  const service = resolve(ctx, serviceKind, ctx.input.serviceIdentifier);
  const status = statusOf(service, ctx.now);
  if (status === 'DELETE_IN_PROGRESS') return { ...service, status };
  if (status === 'CREATE_IN_PROGRESS') {
    throw conflict(service.id as string, serviceKind.resourceType, `Service ${service.id} cannot be deleted while its creation is in progress.`);
  }
  const arn = service.arn as string;
  const associations = ctx.store.byIndex(serviceNetworkServiceAssociationKind.kind, 'service', arn);
  if (associations.some((a) => isLive(a, ctx.now) || statusOf(a, ctx.now) === 'DELETE_IN_PROGRESS')) {
    throw conflict(service.id as string, serviceKind.resourceType, `Service ${service.id} is associated with a service network; delete the association first.`);
  }
  // Listeners, rules, policies and access log subscriptions go with the service.
  cascade(ctx, ruleKind, ctx.store.byIndex(ruleKind.kind, 'service', arn));
  cascade(ctx, listenerKind, ctx.store.byIndex(listenerKind.kind, 'service', arn));
  cascade(ctx, accessLogSubscriptionKind, ctx.store.byIndex(accessLogSubscriptionKind.kind, 'resource', arn));
  deleteRecord(ctx, serviceKind, service);
  return { ...service, status: 'DELETE_IN_PROGRESS' };
};
