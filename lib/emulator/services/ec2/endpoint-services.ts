// PrivateLink endpoint services: the provider's service configurations (behind Network or
// Gateway Load Balancers), who may connect (allowed principals), the connections consumers'
// endpoints make and their acceptance; and the services a caller can reach (AWS's own and
// the endpoint services it is allowed to use).
import type { StoredRecord } from '../../store/index';
import { isGone, listPage, newId, requestDigest, stableHex } from '../resources';
import type { Handler, OperationContext } from '../types';
import { describe, dryRun, ec2Error, endpointState, filterPredicate, tagsFor, type Filter } from './common';
import { VPC_ENDPOINT_KIND, zonesOf } from './inventory';

export const ENDPOINT_SERVICE_KIND = 'ec2:vpc-endpoint-service';

export type EndpointType = 'Interface' | 'Gateway' | 'GatewayLoadBalancer';

export interface AllowedPrincipal {
  Principal: string;
  PrincipalType: string;
  ServicePermissionId: string;
}

/**
 * AWS services reachable through VPC endpoints in every Region, by the types they offer
 * (S3 and DynamoDB both Gateway and Interface). A sample of the Region's catalogue: the services
 * Lattice and its workloads talk to.
 */
const AWS_SERVICES: { name: string; types: EndpointType[] }[] = [
  { name: 'dynamodb', types: ['Gateway', 'Interface'] },
  { name: 'ec2', types: ['Interface'] },
  { name: 'ec2messages', types: ['Interface'] },
  { name: 'ecr.api', types: ['Interface'] },
  { name: 'ecr.dkr', types: ['Interface'] },
  { name: 'elasticloadbalancing', types: ['Interface'] },
  { name: 'execute-api', types: ['Interface'] },
  { name: 'kms', types: ['Interface'] },
  { name: 'lambda', types: ['Interface'] },
  { name: 'logs', types: ['Interface'] },
  { name: 'monitoring', types: ['Interface'] },
  { name: 's3', types: ['Gateway', 'Interface'] },
  { name: 'secretsmanager', types: ['Interface'] },
  { name: 'sns', types: ['Interface'] },
  { name: 'sqs', types: ['Interface'] },
  { name: 'ssm', types: ['Interface'] },
  { name: 'ssmmessages', types: ['Interface'] },
  { name: 'sts', types: ['Interface'] },
  { name: 'vpc-lattice', types: ['Interface'] },
];

/** A service an endpoint can be created to: one of AWS's, or an endpoint service. */
export interface ReachableService {
  ServiceName: string;
  types: EndpointType[];
  /** The endpoint service record; undefined for AWS's own. */
  record?: StoredRecord;
  baseDns: string;
  PrivateDnsName?: string;
}

function awsService(region: string, name: string): ReachableService | undefined {
  const short = name.startsWith(`com.amazonaws.${region}.`) ? name.slice(`com.amazonaws.${region}.`.length) : undefined;
  const entry = AWS_SERVICES.find((s) => s.name === short);
  if (!entry) return undefined;
  return { ServiceName: name, types: entry.types, baseDns: `${entry.name}.${region}.vpce.amazonaws.com`, PrivateDnsName: `${entry.name}.${region}.amazonaws.com` };
}

const rootArn = (account: string) => `arn:aws:iam::${account}:root`;

/** The IAM principal a caller acts as: a session's role, else its own ARN. */
function callerPrincipal(ctx: OperationContext): string {
  const m = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(ctx.caller.arn);
  return m ? `arn:aws:iam::${m[1]}:role/${m[2]}` : ctx.caller.arn;
}

/**
 * Whether the caller may see and connect to an endpoint service: its owner, or a principal the
 * owner allowed (`*`, the caller's account root, or the caller's own IAM principal).
 */
export function mayUse(ctx: OperationContext, service: StoredRecord): boolean {
  if (service.account === ctx.account) return true;
  const allowed = (service.allowedPrincipals as AllowedPrincipal[] | undefined) ?? [];
  const mine = new Set(['*', rootArn(ctx.account), callerPrincipal(ctx)]);
  return allowed.some((p) => mine.has(p.Principal));
}

/** The service behind a ServiceName, if the caller may use it; undefined otherwise (EC2 then says it does not exist). */
export function reachableService(ctx: OperationContext, serviceName: string): ReachableService | undefined {
  const aws = awsService(ctx.region, serviceName);
  if (aws) return aws;
  const record = ctx.store.byIndex(ENDPOINT_SERVICE_KIND, 'name', serviceName).find((s) => s.region === ctx.region && !isGone(s, ctx.now));
  if (!record || !mayUse(ctx, record)) return undefined;
  return {
    ServiceName: serviceName,
    types: (record.ServiceType as { ServiceType: EndpointType }[]).map((t) => t.ServiceType),
    record,
    baseDns: (record.BaseEndpointDnsNames as string[])[0]!,
    PrivateDnsName: record.PrivateDnsName as string | undefined,
  };
}

export const unknownServiceName = (name: string) => ec2Error('InvalidServiceName', `The Vpc Endpoint Service '${name}' does not exist`);

// ---- Service configurations (the provider's side) --------------------------------------------

/** A load balancer ARN of the kind named (`net` or `gwy`) in the caller's account and Region. */
function checkLoadBalancers(ctx: OperationContext, arns: string[] | undefined, kind: 'net' | 'gwy', member: string): string[] {
  const pattern = new RegExp(`^arn:aws:elasticloadbalancing:${ctx.region}:${ctx.account}:loadbalancer/${kind}/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}$`);
  for (const arn of arns ?? []) {
    if (!pattern.test(arn)) {
      throw ec2Error('InvalidParameterValue', `Value (${arn}) for parameter ${member} is invalid. Expected a ${kind === 'net' ? 'Network' : 'Gateway'} Load Balancer ARN in account ${ctx.account} and Region ${ctx.region}.`);
    }
  }
  return [...new Set(arns ?? [])];
}

function ownService(ctx: OperationContext, serviceId: string): StoredRecord {
  const record = ctx.store.byIndex(ENDPOINT_SERVICE_KIND, 'scope', ctx.scope).find((s) => s.id === serviceId && !isGone(s, ctx.now));
  if (!record) throw ec2Error('InvalidVpcEndpointServiceId.NotFound', `The Vpc Endpoint Service Id '${serviceId}' does not exist`);
  return record;
}

function privateDnsConfiguration(serviceId: string, name: string | undefined) {
  if (!name) return undefined;
  return { State: 'pendingVerification', Type: 'TXT', Value: `vpce:${stableHex(`${serviceId}|${name}`, 20)}`, Name: `_${stableHex(name, 20)}` };
}

export const createVpcEndpointServiceConfiguration: Handler = (ctx) => {
  dryRun(ctx);
  const input = ctx.input as {
    AcceptanceRequired?: boolean; PrivateDnsName?: string; NetworkLoadBalancerArns?: string[]; GatewayLoadBalancerArns?: string[];
    SupportedIpAddressTypes?: string[]; SupportedRegions?: string[]; ClientToken?: string;
  };
  if (input.ClientToken) {
    const previous = ctx.store.byIndex(ENDPOINT_SERVICE_KIND, 'token', `${ctx.scope}:${input.ClientToken}`).find((r) => !isGone(r, ctx.now));
    if (previous) {
      if (previous.requestDigest !== requestDigest(ctx.input)) {
        throw ec2Error('IdempotentParameterMismatch', 'The client token you have provided is associated with a resource that is already deleted or has different parameters.');
      }
      return { ServiceConfiguration: previous, ClientToken: input.ClientToken };
    }
  }
  const nlbs = checkLoadBalancers(ctx, input.NetworkLoadBalancerArns, 'net', 'NetworkLoadBalancerArns');
  const gwlbs = checkLoadBalancers(ctx, input.GatewayLoadBalancerArns, 'gwy', 'GatewayLoadBalancerArns');
  if (nlbs.length === 0 && gwlbs.length === 0) throw ec2Error('InvalidParameter', 'Either NetworkLoadBalancerArns or GatewayLoadBalancerArns must be specified.');
  if (nlbs.length && gwlbs.length) throw ec2Error('InvalidParameter', 'NetworkLoadBalancerArns and GatewayLoadBalancerArns cannot both be specified.');
  if (gwlbs.length && input.PrivateDnsName) throw ec2Error('InvalidParameter', 'A private DNS name cannot be specified for a Gateway Load Balancer endpoint service.');
  const ipTypes = input.SupportedIpAddressTypes?.length ? [...new Set(input.SupportedIpAddressTypes)] : ['ipv4'];
  for (const t of ipTypes) if (t !== 'ipv4' && t !== 'ipv6') throw ec2Error('InvalidParameterValue', `Value (${t}) for parameter SupportedIpAddressTypes is invalid.`);
  const serviceId = newId('vpce-svc', 'hex');
  const zones = zonesOf(ctx.region);
  return {
    ServiceConfiguration: ctx.store.put({
      key: `arn:aws:ec2:${ctx.region}:${ctx.account}:vpc-endpoint-service/${serviceId}`,
      kind: ENDPOINT_SERVICE_KIND,
      account: ctx.account,
      region: ctx.region,
      id: serviceId,
      createdAt: ctx.now,
      ...(input.ClientToken ? { clientToken: input.ClientToken, requestDigest: requestDigest(ctx.input) } : {}),
      ServiceId: serviceId,
      ServiceName: `com.amazonaws.vpce.${ctx.region}.${serviceId}`,
      ServiceType: [{ ServiceType: gwlbs.length ? 'GatewayLoadBalancer' : 'Interface' }],
      ServiceState: 'Available',
      // The load balancers' zones; lattice-local has no load balancers, so the Region's zones.
      AvailabilityZones: zones.map((z) => z.name),
      AvailabilityZoneIds: zones.map((z) => z.id),
      AcceptanceRequired: input.AcceptanceRequired ?? false,
      ManagesVpcEndpoints: false,
      NetworkLoadBalancerArns: nlbs,
      GatewayLoadBalancerArns: gwlbs,
      SupportedIpAddressTypes: ipTypes,
      BaseEndpointDnsNames: [`${serviceId}.${ctx.region}.vpce.amazonaws.com`],
      PrivateDnsName: input.PrivateDnsName,
      PrivateDnsNameConfiguration: privateDnsConfiguration(serviceId, input.PrivateDnsName),
      PayerResponsibility: 'ServiceOwner',
      SupportedRegions: [ctx.region, ...(input.SupportedRegions ?? []).filter((r) => r !== ctx.region)].map((Region) => ({ Region, ServiceState: 'Available' })),
      RemoteAccessEnabled: false,
      Tags: tagsFor(ctx, 'vpc-endpoint-service'),
      allowedPrincipals: [],
    }),
    ClientToken: input.ClientToken,
  };
};

const serviceConfigurationFields = {
  'service-name': (r: StoredRecord) => r.ServiceName,
  'service-id': (r: StoredRecord) => r.ServiceId,
  'service-state': (r: StoredRecord) => r.ServiceState,
  'supported-ip-address-types': (r: StoredRecord) => r.SupportedIpAddressTypes,
};

export const describeVpcEndpointServiceConfigurations: Handler = (ctx) => {
  const page = describe(ctx, ENDPOINT_SERVICE_KIND, ctx.input.ServiceIds as string[] | undefined, 'InvalidVpcEndpointServiceId.NotFound', 'Vpc Endpoint Service', serviceConfigurationFields);
  return { ServiceConfigurations: page.items, NextToken: page.nextToken };
};

const withoutRemoved = (list: string[], remove: string[] | undefined) => list.filter((x) => !(remove ?? []).includes(x));

export const modifyVpcEndpointServiceConfiguration: Handler = (ctx) => {
  dryRun(ctx);
  const input = ctx.input as {
    ServiceId: string; PrivateDnsName?: string; RemovePrivateDnsName?: boolean; AcceptanceRequired?: boolean;
    AddNetworkLoadBalancerArns?: string[]; RemoveNetworkLoadBalancerArns?: string[]; AddGatewayLoadBalancerArns?: string[]; RemoveGatewayLoadBalancerArns?: string[];
    AddSupportedIpAddressTypes?: string[]; RemoveSupportedIpAddressTypes?: string[]; AddSupportedRegions?: string[]; RemoveSupportedRegions?: string[];
  };
  const service = ownService(ctx, input.ServiceId);
  if (input.PrivateDnsName && input.RemovePrivateDnsName) throw ec2Error('InvalidParameter', 'PrivateDnsName and RemovePrivateDnsName cannot both be specified.');
  const isGateway = (service.GatewayLoadBalancerArns as string[]).length > 0;
  if (isGateway && (input.AddNetworkLoadBalancerArns?.length || input.PrivateDnsName)) {
    throw ec2Error('InvalidParameter', 'A Gateway Load Balancer endpoint service cannot have Network Load Balancers or a private DNS name.');
  }
  if (!isGateway && input.AddGatewayLoadBalancerArns?.length) throw ec2Error('InvalidParameter', 'A Network Load Balancer endpoint service cannot have Gateway Load Balancers.');
  const nlbs = [...new Set([...withoutRemoved(service.NetworkLoadBalancerArns as string[], input.RemoveNetworkLoadBalancerArns), ...checkLoadBalancers(ctx, input.AddNetworkLoadBalancerArns, 'net', 'AddNetworkLoadBalancerArns')])];
  const gwlbs = [...new Set([...withoutRemoved(service.GatewayLoadBalancerArns as string[], input.RemoveGatewayLoadBalancerArns), ...checkLoadBalancers(ctx, input.AddGatewayLoadBalancerArns, 'gwy', 'AddGatewayLoadBalancerArns')])];
  if (nlbs.length + gwlbs.length === 0) throw ec2Error('InvalidParameter', 'An endpoint service must keep at least one load balancer.');
  const ipTypes = [...new Set([...withoutRemoved(service.SupportedIpAddressTypes as string[], input.RemoveSupportedIpAddressTypes), ...(input.AddSupportedIpAddressTypes ?? [])])];
  for (const t of ipTypes) if (t !== 'ipv4' && t !== 'ipv6') throw ec2Error('InvalidParameterValue', `Value (${t}) for parameter AddSupportedIpAddressTypes is invalid.`);
  if (ipTypes.length === 0) throw ec2Error('InvalidParameter', 'An endpoint service must support at least one IP address type.');
  const regions = (service.SupportedRegions as { Region: string }[]).map((r) => r.Region);
  if (input.RemoveSupportedRegions?.includes(ctx.region)) throw ec2Error('InvalidParameter', `The service Region ${ctx.region} cannot be removed from the supported Regions.`);
  const supported = [...new Set([...withoutRemoved(regions, input.RemoveSupportedRegions), ...(input.AddSupportedRegions ?? [])])];
  const privateDnsName = input.RemovePrivateDnsName ? undefined : (input.PrivateDnsName ?? (service.PrivateDnsName as string | undefined));
  ctx.store.put({
    ...service,
    AcceptanceRequired: input.AcceptanceRequired ?? service.AcceptanceRequired,
    NetworkLoadBalancerArns: nlbs,
    GatewayLoadBalancerArns: gwlbs,
    SupportedIpAddressTypes: ipTypes,
    SupportedRegions: supported.map((Region) => ({ Region, ServiceState: 'Available' })),
    PrivateDnsName: privateDnsName,
    PrivateDnsNameConfiguration: privateDnsName === service.PrivateDnsName ? service.PrivateDnsNameConfiguration : privateDnsConfiguration(service.id as string, privateDnsName),
  });
  return { Return: true };
};

/** Connections that keep a service from being deleted (EC2: "ExistingVpcEndpointConnections"). */
const blocksDeletion = (ctx: OperationContext, endpoint: StoredRecord) => {
  const state = connectionState(ctx, endpoint);
  return state === 'available' || state === 'pending' || state === 'pendingAcceptance';
};

export const deleteVpcEndpointServiceConfigurations: Handler = (ctx) => {
  dryRun(ctx);
  const unsuccessful: unknown[] = [];
  for (const serviceId of ctx.input.ServiceIds as string[]) {
    const service = ctx.store.byIndex(ENDPOINT_SERVICE_KIND, 'scope', ctx.scope).find((s) => s.id === serviceId && !isGone(s, ctx.now));
    if (!service) {
      unsuccessful.push({ ResourceId: serviceId, Error: { Code: 'InvalidVpcEndpointService.NotFound', Message: `The VpcEndpointService Id '${serviceId}' does not exist` } });
      continue;
    }
    if (connectionsOf(ctx, service).some((e) => blocksDeletion(ctx, e))) {
      unsuccessful.push({ ResourceId: serviceId, Error: { Code: 'ExistingVpcEndpointConnections', Message: 'Service has existing active VPC Endpoint connections!' } });
      continue;
    }
    ctx.store.remove(service.key);
  }
  return { Unsuccessful: unsuccessful };
};

// ---- Allowed principals --------------------------------------------------------------------

/** The principal type EC2 reports for an allowed principal, or undefined when it is not one EC2 takes. */
function principalType(principal: string): string | undefined {
  if (principal === '*') return 'All';
  const iam = /^arn:aws:iam::\d{12}:(root|role\/.+|user\/.+)$/.exec(principal);
  if (iam) return iam[1] === 'root' ? 'Account' : iam[1]!.startsWith('role/') ? 'Role' : 'User';
  if (/^arn:aws:organizations::\d{12}:(organization|ou)\/.+$/.test(principal)) return 'OrganizationUnit';
  if (/^[a-z0-9.-]+\.amazonaws\.com$/.test(principal)) return 'Service';
  return undefined;
}

export const modifyVpcEndpointServicePermissions: Handler = (ctx) => {
  dryRun(ctx);
  const input = ctx.input as { ServiceId: string; AddAllowedPrincipals?: string[]; RemoveAllowedPrincipals?: string[] };
  const service = ownService(ctx, input.ServiceId);
  let allowed = [...((service.allowedPrincipals as AllowedPrincipal[] | undefined) ?? [])];
  const added: AllowedPrincipal[] = [];
  for (const principal of input.AddAllowedPrincipals ?? []) {
    const type = principalType(principal);
    if (!type) throw ec2Error('InvalidPrincipal', `Invalid principal ${principal}`);
    if (allowed.some((p) => p.Principal === principal)) continue;
    const entry = { Principal: principal, PrincipalType: type, ServicePermissionId: newId('vpce-svc-perm', 'hex') };
    allowed.push(entry);
    added.push(entry);
  }
  for (const principal of input.RemoveAllowedPrincipals ?? []) {
    if (!principalType(principal)) throw ec2Error('InvalidPrincipal', `Invalid principal ${principal}`);
    allowed = allowed.filter((p) => p.Principal !== principal);
  }
  ctx.store.put({ ...service, allowedPrincipals: allowed });
  return { AddedPrincipals: added.length ? added.map((p) => ({ ...p, ServiceId: service.id })) : undefined, ReturnValue: true };
};

export const describeVpcEndpointServicePermissions: Handler = (ctx) => {
  dryRun(ctx);
  const service = ownService(ctx, ctx.input.ServiceId as string);
  const keep = filterPredicate(ctx.input.Filters as Filter[] | undefined, {
    principal: (r) => r.Principal,
    'principal-type': (r) => r.PrincipalType,
  });
  const rows: StoredRecord[] = ((service.allowedPrincipals as AllowedPrincipal[] | undefined) ?? []).map((p, i) => ({
    key: `${service.key}/permission/${p.ServicePermissionId}`,
    kind: 'ec2:vpc-endpoint-service-permission',
    account: ctx.account,
    region: ctx.region,
    seq: i + 1,
    ...p,
    ServiceId: service.id,
    Tags: [],
  }));
  const page = pageOf(ctx, rows.filter(keep));
  return { AllowedPrincipals: page.items, NextToken: page.nextToken };
};

/** A page of computed rows (their `seq` counting from 1), with EC2's opaque, signed tokens. */
function pageOf(ctx: OperationContext, rows: StoredRecord[]): { items: StoredRecord[]; nextToken?: string } {
  return listPage(ctx, {
    sources: [rows],
    maxResults: (ctx.input.MaxResults as number | undefined) ?? Number.MAX_SAFE_INTEGER,
    nextToken: ctx.input.NextToken as string | undefined,
    invalidToken: () => ec2Error('InvalidParameterValue', 'The token provided is invalid'),
  });
}

// ---- Connections ----------------------------------------------------------------------------

/** The endpoints connected to a service (from any account), in creation order. */
export function connectionsOf(ctx: OperationContext, service: StoredRecord): StoredRecord[] {
  return ctx.store.byIndex(VPC_ENDPOINT_KIND, 'endpointService', service.key).filter((e) => !isGone(e, ctx.now));
}

const connectionState = (ctx: OperationContext, endpoint: StoredRecord) => endpointState(endpoint, ctx.now);

function connectionView(ctx: OperationContext, endpoint: StoredRecord, service: StoredRecord): Record<string, unknown> {
  return {
    ...endpoint,
    ServiceId: service.id,
    VpcEndpointId: endpoint.id,
    VpcEndpointOwner: endpoint.account,
    VpcEndpointState: connectionState(ctx, endpoint),
    CreationTimestamp: endpoint.CreationTimestamp,
    DnsEntries: endpoint.DnsEntries,
    NetworkLoadBalancerArns: service.NetworkLoadBalancerArns,
    GatewayLoadBalancerArns: service.GatewayLoadBalancerArns,
    IpAddressType: endpoint.IpAddressType,
    VpcEndpointConnectionId: endpoint.VpcEndpointConnectionId,
    VpcEndpointRegion: endpoint.region,
    Tags: undefined,
  };
}

export const describeVpcEndpointConnections: Handler = (ctx) => {
  const services = ctx.store.byIndex(ENDPOINT_SERVICE_KIND, 'scope', ctx.scope).filter((s) => !isGone(s, ctx.now));
  const serviceOf = new Map<string, StoredRecord>();
  const endpoints = services
    .flatMap((s) => connectionsOf(ctx, s).map((e) => (serviceOf.set(e.key, s), e)))
    .sort((a, b) => a.seq - b.seq);
  const page = describe(
    ctx,
    VPC_ENDPOINT_KIND,
    undefined,
    'InvalidVpcEndpointId.NotFound',
    'VPC endpoint',
    {
      'ip-address-type': (r) => r.IpAddressType,
      'service-id': (r) => serviceOf.get(r.key)!.id,
      'vpc-endpoint-owner': (r) => r.account,
      'vpc-endpoint-region': (r) => r.region,
      'vpc-endpoint-state': (r) => connectionState(ctx, r),
      'vpc-endpoint-id': (r) => r.id,
    },
    endpoints,
  );
  return { VpcEndpointConnections: page.items.map((e) => connectionView(ctx, e, serviceOf.get(e.key)!)), NextToken: page.nextToken };
};

/** Accepts or rejects connections: the endpoints must be connected to the caller's service. */
function decide(ctx: OperationContext, decision: 'accept' | 'reject') {
  dryRun(ctx);
  const service = ownService(ctx, ctx.input.ServiceId as string);
  const connected = connectionsOf(ctx, service);
  const unsuccessful: unknown[] = [];
  for (const id of ctx.input.VpcEndpointIds as string[]) {
    const endpoint = connected.find((e) => e.id === id);
    if (!endpoint) {
      unsuccessful.push({ ResourceId: id, Error: { Code: 'InvalidVpcEndpoint.NotFound', Message: `The VpcEndpoint Id '${id}' does not exist` } });
      continue;
    }
    const state = connectionState(ctx, endpoint);
    const allowed = decision === 'accept' ? state === 'pendingAcceptance' : state === 'pendingAcceptance' || state === 'available' || state === 'pending';
    if (!allowed) {
      unsuccessful.push({ ResourceId: id, Error: { Code: 'InvalidVpcEndpointState', Message: `Endpoint ${id} is in state ${state} and cannot be ${decision === 'accept' ? 'accepted' : 'rejected'}` } });
      continue;
    }
    if (decision === 'accept') {
      // Accepted: pending while the endpoint's interfaces come up, then available.
      ctx.store.put({ ...endpoint, State: undefined, activeAt: ctx.now + ctx.config.activationDelayMs });
    } else {
      ctx.store.put({ ...endpoint, State: 'rejected' });
    }
  }
  return { Unsuccessful: unsuccessful };
}

export const acceptVpcEndpointConnections: Handler = (ctx) => decide(ctx, 'accept');
export const rejectVpcEndpointConnections: Handler = (ctx) => decide(ctx, 'reject');

// ---- The consumer's view: DescribeVpcEndpointServices ----------------------------------------

function awsServiceDetails(region: string): Record<string, unknown>[] {
  const zones = zonesOf(region);
  return AWS_SERVICES.flatMap((s) =>
    s.types.map((type) => ({
      ServiceName: `com.amazonaws.${region}.${s.name}`,
      ServiceId: `vpce-svc-0${stableHex(`${region}|${s.name}|${type}`, 16)}`,
      ServiceType: [{ ServiceType: type }],
      ServiceRegion: region,
      AvailabilityZones: zones.map((z) => z.name),
      AvailabilityZoneIds: zones.map((z) => z.id),
      Owner: 'amazon',
      BaseEndpointDnsNames: [type === 'Gateway' ? `${s.name}.${region}.amazonaws.com` : `${s.name}.${region}.vpce.amazonaws.com`],
      PrivateDnsName: type === 'Interface' ? `${s.name}.${region}.amazonaws.com` : undefined,
      PrivateDnsNames: type === 'Interface' ? [{ PrivateDnsName: `${s.name}.${region}.amazonaws.com` }] : undefined,
      VpcEndpointPolicySupported: true,
      AcceptanceRequired: false,
      ManagesVpcEndpoints: false,
      Tags: [],
      PrivateDnsNameVerificationState: type === 'Interface' ? 'verified' : undefined,
      SupportedIpAddressTypes: ['ipv4'],
    })),
  );
}

function endpointServiceDetail(service: StoredRecord): Record<string, unknown> {
  return {
    ServiceName: service.ServiceName,
    ServiceId: service.id,
    ServiceType: service.ServiceType,
    ServiceRegion: service.region,
    AvailabilityZones: service.AvailabilityZones,
    AvailabilityZoneIds: service.AvailabilityZoneIds,
    Owner: service.account,
    BaseEndpointDnsNames: service.BaseEndpointDnsNames,
    PrivateDnsName: service.PrivateDnsName,
    PrivateDnsNames: service.PrivateDnsName ? [{ PrivateDnsName: service.PrivateDnsName }] : undefined,
    VpcEndpointPolicySupported: false,
    AcceptanceRequired: service.AcceptanceRequired,
    ManagesVpcEndpoints: false,
    PayerResponsibility: 'ServiceOwner',
    Tags: service.Tags,
    PrivateDnsNameVerificationState: (service.PrivateDnsNameConfiguration as { State?: string } | undefined)?.State,
    SupportedIpAddressTypes: service.SupportedIpAddressTypes,
  };
}

export const describeVpcEndpointServices: Handler = (ctx) => {
  dryRun(ctx);
  const input = ctx.input as { ServiceNames?: string[]; Filters?: Filter[]; MaxResults?: number; NextToken?: string; ServiceRegions?: string[] };
  const visible = ctx.store
    .all(ENDPOINT_SERVICE_KIND)
    .filter((s) => s.region === ctx.region && !isGone(s, ctx.now) && mayUse(ctx, s))
    .sort((a, b) => a.seq - b.seq)
    .map(endpointServiceDetail);
  const details = [...awsServiceDetails(ctx.region), ...visible].sort((a, b) => String(a.ServiceName).localeCompare(String(b.ServiceName)));
  const names = input.ServiceNames ?? [];
  const unknown = names.filter((n) => !details.some((d) => d.ServiceName === n));
  if (unknown.length) throw ec2Error('InvalidServiceName', `The Vpc Endpoint Service '${unknown[0]}' does not exist`);
  const rows: StoredRecord[] = details.map((d, i) => ({ key: `${d.ServiceName as string}|${i}`, kind: 'ec2:service-detail', account: ctx.account, region: ctx.region, seq: i + 1, ...d }));
  const keep = filterPredicate(input.Filters, {
    owner: (r) => r.Owner,
    'service-name': (r) => r.ServiceName,
    'service-region': (r) => r.ServiceRegion,
    'service-type': (r) => (r.ServiceType as { ServiceType: string }[]).map((t) => t.ServiceType),
    'supported-ip-address-types': (r) => r.SupportedIpAddressTypes,
  });
  const matching = rows.filter((r) => (!names.length || names.includes(r.ServiceName as string)) && (!input.ServiceRegions?.length || input.ServiceRegions.includes(r.ServiceRegion as string)) && keep(r));
  const page = pageOf(ctx, matching);
  return {
    ServiceDetails: page.items,
    ServiceNames: [...new Set(page.items.map((r) => r.ServiceName as string))],
    NextToken: page.nextToken,
  };
};
