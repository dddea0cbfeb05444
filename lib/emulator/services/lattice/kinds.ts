// Every VPC Lattice resource kind, declared once: id prefix, ARN form, lifecycle, quota, name rule,
// and the indexes its operations list by.
import type { StoredRecord } from '../../store/index';
import { type ResourceKind, standardIndexes } from '../resources';

/** AWS's default quotas (per account per Region unless noted), by Service Quotas code. */
export const DEFAULT_QUOTAS: Record<string, number> = {
  'L-9CAD07FB': 50, // service networks per Region
  'L-620C821E': 2000, // services per Region
  'L-BB11C6B9': 500, // target groups per Region
  'L-75D4A19E': 500, // service associations per service network
  'L-EF6E2D62': 500, // VPC associations per service network
  'L-89DEA27F': 200, // service-network VPC endpoints per service network
  'L-D64E952E': 2, // listeners per service
  'L-CF78395E': 10, // rules per listener
  'L-D71303F3': 1000, // targets per target group
  'L-5FF8F9B9': 2000, // resource configurations per Region
  'L-6095700C': 500, // resource configurations per service network
  'L-0DCA4434': 500, // resource gateways per VPC
};

const scopeOf = (ctx: { scope: string }) => ctx.scope;
const ref = (field: string) => (r: StoredRecord) => r[field] as string | undefined;

export const serviceNetworkKind: ResourceKind = {
  kind: 'vpc-lattice:service-network',
  resourceType: 'SERVICE_NETWORK',
  label: 'Service network',
  idPrefix: 'sn',
  idChars: 'hex',
  arnService: 'vpc-lattice',
  arnResource: (id) => `servicenetwork/${id}`,
  lifecycle: false,
  quota: { code: 'L-9CAD07FB', description: 'service networks per Region', index: 'scope', value: scopeOf },
  uniqueName: scopeOf,
  indexes: standardIndexes(),
};

export const serviceKind: ResourceKind = {
  kind: 'vpc-lattice:service',
  resourceType: 'SERVICE',
  label: 'Service',
  idPrefix: 'svc',
  idChars: 'hex',
  arnService: 'vpc-lattice',
  arnResource: (id) => `service/${id}`,
  lifecycle: true,
  quota: { code: 'L-620C821E', description: 'services per Region', index: 'scope', value: scopeOf },
  uniqueName: scopeOf,
  indexes: standardIndexes({
    // The names its data plane answers on, so finding a request's service costs one lookup.
    host: (r) => {
      const names: string[] = [];
      const dns = (r.dnsEntry as { domainName?: string } | undefined)?.domainName;
      if (dns) names.push(dns);
      if (typeof r.customDomainName === 'string') names.push(r.customDomainName.toLowerCase());
      return names;
    },
  }),
};

export const listenerKind: ResourceKind = {
  kind: 'vpc-lattice:listener',
  resourceType: 'LISTENER',
  label: 'Listener',
  idPrefix: 'listener',
  idChars: 'hex',
  arnService: 'vpc-lattice',
  arnResource: (id, service) => `service/${service!.id}/listener/${id}`,
  lifecycle: false,
  quota: { code: 'L-D64E952E', description: 'listeners per service', index: 'service', value: (_ctx, service) => service!.arn as string },
  uniqueName: (_ctx, service) => service!.arn as string,
  indexes: standardIndexes({ service: ref('serviceArn'), targetGroup: (r) => targetGroupsOf(r.defaultAction) }),
};

export const ruleKind: ResourceKind = {
  kind: 'vpc-lattice:rule',
  resourceType: 'RULE',
  label: 'Rule',
  idPrefix: 'rule',
  idChars: 'hex',
  arnService: 'vpc-lattice',
  arnResource: (id, listener) => `service/${listener!.serviceId}/listener/${listener!.id}/rule/${id}`,
  lifecycle: false,
  quota: { code: 'L-CF78395E', description: 'rules per listener', index: 'listener', value: (_ctx, listener) => listener!.arn as string },
  uniqueName: (_ctx, listener) => listener!.arn as string,
  indexes: standardIndexes({ listener: ref('listenerArn'), service: ref('serviceArn'), targetGroup: (r) => targetGroupsOf(r.action) }),
};

export const targetGroupKind: ResourceKind = {
  kind: 'vpc-lattice:target-group',
  resourceType: 'TARGET_GROUP',
  label: 'Target group',
  idPrefix: 'tg',
  idChars: 'hex',
  arnService: 'vpc-lattice',
  arnResource: (id) => `targetgroup/${id}`,
  lifecycle: true,
  quota: { code: 'L-BB11C6B9', description: 'target groups per Region', index: 'scope', value: scopeOf },
  uniqueName: scopeOf,
  indexes: standardIndexes(),
};

/** Targets are not ARN resources: one record per (target group, id, port). */
export const TARGET_KIND = 'vpc-lattice:target';

export const serviceNetworkServiceAssociationKind: ResourceKind = {
  kind: 'vpc-lattice:service-network-service-association',
  resourceType: 'SERVICE_NETWORK_SERVICE_ASSOCIATION',
  label: 'Service network service association',
  idPrefix: 'snsa',
  idChars: 'hex',
  arnService: 'vpc-lattice',
  arnResource: (id) => `servicenetworkserviceassociation/${id}`,
  lifecycle: true,
  quota: { code: 'L-75D4A19E', description: 'service associations per service network', index: 'serviceNetwork', value: (_ctx, sn) => sn!.arn as string },
  indexes: standardIndexes({ serviceNetwork: ref('serviceNetworkArn'), service: ref('serviceArn') }),
};

export const serviceNetworkVpcAssociationKind: ResourceKind = {
  kind: 'vpc-lattice:service-network-vpc-association',
  resourceType: 'SERVICE_NETWORK_VPC_ASSOCIATION',
  label: 'Service network VPC association',
  idPrefix: 'snva',
  idChars: 'hex',
  arnService: 'vpc-lattice',
  arnResource: (id) => `servicenetworkvpcassociation/${id}`,
  lifecycle: true,
  quota: { code: 'L-EF6E2D62', description: 'VPC associations per service network', index: 'serviceNetwork', value: (_ctx, sn) => sn!.arn as string },
  indexes: standardIndexes({ serviceNetwork: ref('serviceNetworkArn'), vpc: (r) => `${r.account}:${r.region}:${r.vpcId}` }),
};

export const serviceNetworkResourceAssociationKind: ResourceKind = {
  kind: 'vpc-lattice:service-network-resource-association',
  resourceType: 'SERVICE_NETWORK_RESOURCE_ASSOCIATION',
  label: 'Service network resource association',
  idPrefix: 'snra',
  idChars: 'hex',
  arnService: 'vpc-lattice',
  arnResource: (id) => `servicenetworkresourceassociation/${id}`,
  lifecycle: true,
  quota: { code: 'L-6095700C', description: 'resource configurations per service network', index: 'serviceNetwork', value: (_ctx, sn) => sn!.arn as string },
  indexes: standardIndexes({ serviceNetwork: ref('serviceNetworkArn'), resourceConfiguration: ref('resourceConfigurationArn') }),
};

export const resourceGatewayKind: ResourceKind = {
  kind: 'vpc-lattice:resource-gateway',
  resourceType: 'RESOURCE_GATEWAY',
  label: 'Resource gateway',
  idPrefix: 'rgw',
  idChars: 'hex',
  arnService: 'vpc-lattice',
  arnResource: (id) => `resourcegateway/${id}`,
  lifecycle: true,
  quota: { code: 'L-0DCA4434', description: 'resource gateways per VPC', index: 'vpc', value: (ctx) => `${ctx.scope}:${(ctx.input as { vpcIdentifier?: string }).vpcIdentifier}` },
  uniqueName: scopeOf,
  indexes: standardIndexes({ vpc: (r) => `${r.account}:${r.region}:${r.vpcIdentifier}` }),
};

export const resourceConfigurationKind: ResourceKind = {
  kind: 'vpc-lattice:resource-configuration',
  resourceType: 'RESOURCE_CONFIGURATION',
  label: 'Resource configuration',
  idPrefix: 'rcfg',
  idChars: 'hex',
  arnService: 'vpc-lattice',
  arnResource: (id) => `resourceconfiguration/${id}`,
  lifecycle: true,
  quota: { code: 'L-5FF8F9B9', description: 'resource configurations per Region', index: 'scope', value: scopeOf },
  uniqueName: scopeOf,
  indexes: standardIndexes({ gateway: ref('resourceGatewayArn'), group: ref('resourceConfigurationGroupArn') }),
};

export const accessLogSubscriptionKind: ResourceKind = {
  kind: 'vpc-lattice:access-log-subscription',
  resourceType: 'ACCESS_LOG_SUBSCRIPTION',
  label: 'Access log subscription',
  idPrefix: 'als',
  idChars: 'hex',
  arnService: 'vpc-lattice',
  arnResource: (id) => `accesslogsubscription/${id}`,
  lifecycle: false,
  indexes: standardIndexes({ resource: ref('resourceArn') }),
};

export const domainVerificationKind: ResourceKind = {
  kind: 'vpc-lattice:domain-verification',
  resourceType: 'DOMAIN_VERIFICATION',
  label: 'Domain verification',
  idPrefix: 'dv',
  idChars: 'hex',
  arnService: 'vpc-lattice',
  arnResource: (id) => `domainverification/${id}`,
  lifecycle: false,
  indexes: standardIndexes(),
};

export const resourceEndpointAssociationKind: ResourceKind = {
  kind: 'vpc-lattice:resource-endpoint-association',
  resourceType: 'RESOURCE_ENDPOINT_ASSOCIATION',
  label: 'Resource endpoint association',
  idPrefix: 'rea',
  idChars: 'hex',
  arnService: 'vpc-lattice',
  arnResource: (id) => `resourceendpointassociation/${id}`,
  lifecycle: false,
  indexes: standardIndexes({ resourceConfiguration: ref('resourceConfigurationArn'), vpcEndpoint: ref('vpcEndpointId') }),
};

export const LATTICE_KINDS: ResourceKind[] = [
  serviceNetworkKind,
  serviceKind,
  listenerKind,
  ruleKind,
  targetGroupKind,
  serviceNetworkServiceAssociationKind,
  serviceNetworkVpcAssociationKind,
  serviceNetworkResourceAssociationKind,
  resourceGatewayKind,
  resourceConfigurationKind,
  accessLogSubscriptionKind,
  domainVerificationKind,
  resourceEndpointAssociationKind,
];

/** Target group ids a rule action forwards to. */
export function targetGroupsOf(action: unknown): string[] {
  const forward = (action as { forward?: { targetGroups?: { targetGroupIdentifier: string }[] } } | undefined)?.forward;
  return forward?.targetGroups?.map((t) => t.targetGroupIdentifier) ?? [];
}
