// VPC Lattice: all 73 operations of vpc-lattice.service.json, over the resource kinds in kinds.ts.
import { loadModel } from '@/lib/models/loader';
import type { StoredRecord } from '../../store/index';
import { VPC_ENDPOINT_KIND } from '../ec2/inventory';
import { listPage, statusOf, sweepGone, tryResolve } from '../resources';
import type { Handler, ServiceDefinition } from '../types';
import * as associations from './associations';
import { latticeErrors } from './common';
import * as gateways from './gateways';
import { LATTICE_KINDS, TARGET_KIND, serviceNetworkKind } from './kinds';
import * as listeners from './listeners';
import * as networks from './networks';
import * as policies from './policies';
import * as targetGroups from './target-groups';

const listServiceNetworkVpcEndpointAssociations: Handler = (ctx) => {
  const sn = tryResolve(ctx, serviceNetworkKind, ctx.input.serviceNetworkIdentifier, ['owner', 'shared']);
  if (!sn) return { items: [] };
  const page = listPage(ctx, {
    sources: [ctx.store.byIndex(VPC_ENDPOINT_KIND, 'serviceNetwork', sn.arn as string)],
    // The owner sees every endpoint into its network; a consumer sees its own.
    filter: (e) => sn.account === ctx.account || e.account === ctx.account,
    maxResults: ctx.input.maxResults,
    nextToken: ctx.input.nextToken,
  });
  return {
    items: page.items.map((e) => {
      const status = statusOf(e, ctx.now);
      return {
        vpcEndpointId: e.VpcEndpointId,
        vpcId: e.VpcId,
        vpcEndpointOwnerId: e.account,
        // Lattice's own vocabulary: "state": "ACTIVE" in aws-cli's
        // examples/vpc-lattice/list-service-network-vpc-endpoint-associations.rst; the
        // in-progress words are the lifecycle's (a guess: no example shows them).
        state: status,
        serviceNetworkArn: e.ServiceNetworkArn,
        createdAt: e.createdAt,
      };
    }),
    nextToken: page.nextToken,
  };
};

const handlers: Record<string, Handler> = {
  CreateServiceNetwork: networks.createServiceNetwork,
  GetServiceNetwork: networks.getServiceNetwork,
  ListServiceNetworks: networks.listServiceNetworks,
  UpdateServiceNetwork: networks.updateServiceNetwork,
  DeleteServiceNetwork: networks.deleteServiceNetwork,
  CreateService: networks.createService,
  GetService: networks.getService,
  ListServices: networks.listServices,
  UpdateService: networks.updateService,
  DeleteService: networks.deleteService,

  CreateListener: listeners.createListener,
  GetListener: listeners.getListener,
  ListListeners: listeners.listListeners,
  UpdateListener: listeners.updateListener,
  DeleteListener: listeners.deleteListener,
  CreateRule: listeners.createRule,
  GetRule: listeners.getRule,
  ListRules: listeners.listRules,
  UpdateRule: listeners.updateRule,
  BatchUpdateRule: listeners.batchUpdateRule,
  DeleteRule: listeners.deleteRule,

  CreateTargetGroup: targetGroups.createTargetGroup,
  GetTargetGroup: targetGroups.getTargetGroup,
  ListTargetGroups: targetGroups.listTargetGroups,
  UpdateTargetGroup: targetGroups.updateTargetGroup,
  DeleteTargetGroup: targetGroups.deleteTargetGroup,
  RegisterTargets: targetGroups.registerTargets,
  DeregisterTargets: targetGroups.deregisterTargets,
  ListTargets: targetGroups.listTargets,

  CreateServiceNetworkServiceAssociation: associations.createServiceNetworkServiceAssociation,
  GetServiceNetworkServiceAssociation: associations.getServiceNetworkServiceAssociation,
  ListServiceNetworkServiceAssociations: associations.listServiceNetworkServiceAssociations,
  DeleteServiceNetworkServiceAssociation: associations.deleteServiceNetworkServiceAssociation,
  CreateServiceNetworkVpcAssociation: associations.createServiceNetworkVpcAssociation,
  GetServiceNetworkVpcAssociation: associations.getServiceNetworkVpcAssociation,
  ListServiceNetworkVpcAssociations: associations.listServiceNetworkVpcAssociations,
  UpdateServiceNetworkVpcAssociation: associations.updateServiceNetworkVpcAssociation,
  DeleteServiceNetworkVpcAssociation: associations.deleteServiceNetworkVpcAssociation,
  CreateServiceNetworkResourceAssociation: associations.createServiceNetworkResourceAssociation,
  GetServiceNetworkResourceAssociation: associations.getServiceNetworkResourceAssociation,
  ListServiceNetworkResourceAssociations: associations.listServiceNetworkResourceAssociations,
  DeleteServiceNetworkResourceAssociation: associations.deleteServiceNetworkResourceAssociation,
  ListServiceNetworkVpcEndpointAssociations: listServiceNetworkVpcEndpointAssociations,

  CreateResourceGateway: gateways.createResourceGateway,
  GetResourceGateway: gateways.getResourceGateway,
  ListResourceGateways: gateways.listResourceGateways,
  UpdateResourceGateway: gateways.updateResourceGateway,
  DeleteResourceGateway: gateways.deleteResourceGateway,
  CreateResourceConfiguration: gateways.createResourceConfiguration,
  GetResourceConfiguration: gateways.getResourceConfiguration,
  ListResourceConfigurations: gateways.listResourceConfigurations,
  UpdateResourceConfiguration: gateways.updateResourceConfiguration,
  DeleteResourceConfiguration: gateways.deleteResourceConfiguration,
  ListResourceEndpointAssociations: gateways.listResourceEndpointAssociations,
  DeleteResourceEndpointAssociation: gateways.deleteResourceEndpointAssociation,

  PutAuthPolicy: policies.putAuthPolicy,
  GetAuthPolicy: policies.getAuthPolicy,
  DeleteAuthPolicy: policies.deleteAuthPolicy,
  PutResourcePolicy: policies.putResourcePolicy,
  GetResourcePolicy: policies.getResourcePolicy,
  DeleteResourcePolicy: policies.deleteResourcePolicy,
  TagResource: policies.tagResource,
  UntagResource: policies.untagResource,
  ListTagsForResource: policies.listTagsForResource,
  CreateAccessLogSubscription: policies.createAccessLogSubscription,
  GetAccessLogSubscription: policies.getAccessLogSubscription,
  ListAccessLogSubscriptions: policies.listAccessLogSubscriptions,
  UpdateAccessLogSubscription: policies.updateAccessLogSubscription,
  DeleteAccessLogSubscription: policies.deleteAccessLogSubscription,
  StartDomainVerification: policies.startDomainVerification,
  GetDomainVerification: policies.getDomainVerification,
  ListDomainVerifications: policies.listDomainVerifications,
  DeleteDomainVerification: policies.deleteDomainVerification,
};

const kinds = Object.fromEntries(LATTICE_KINDS.map((k) => [k.kind, { indexes: k.indexes }]));
kinds[TARGET_KIND] = {
  indexes: { targetGroup: (r: StoredRecord) => r.targetGroupArn as string, leaving: (r: StoredRecord) => (r.goneAt !== undefined ? 'yes' : undefined) },
};

export const latticeService: ServiceDefinition = {
  name: 'vpc-lattice',
  signingName: 'vpc-lattice',
  protocol: 'rest-json',
  model: loadModel('vpc-lattice'),
  handlers,
  errors: latticeErrors,
  kinds,
  sweep: (local, now) => sweepGone(local.store, [...LATTICE_KINDS.filter((k) => k.lifecycle).map((k) => k.kind), TARGET_KIND], now),
};

export { setTargetHealth } from './target-groups';
export { DEFAULT_QUOTAS } from './kinds';
