// The resource kinds and edge kinds a Topology holds, with the facts every view needs
// about them (label, whether they are drawn at the top level of the canvas).

export const RESOURCE_KINDS = [
  'serviceNetwork',
  'service',
  'listener',
  'rule',
  'targetGroup',
  'target',
  'resourceGateway',
  'resourceConfiguration',
  'accessLogSubscription',
  'vpc',
  'subnet',
  'securityGroup',
  'vpcEndpoint',
  'vpcEndpointService',
  'instance',
  'iamRole',
  'lambdaFunction',
  'logGroup',
  'resourceShare',
  'resourceShareInvitation',
  'principal',
] as const;

export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const KIND_LABELS: Record<ResourceKind, string> = {
  serviceNetwork: 'Service network',
  service: 'Service',
  listener: 'Listener',
  rule: 'Rule',
  targetGroup: 'Target group',
  target: 'Target',
  resourceGateway: 'Resource gateway',
  resourceConfiguration: 'Resource configuration',
  accessLogSubscription: 'Access log subscription',
  vpc: 'VPC',
  subnet: 'Subnet',
  securityGroup: 'Security group',
  vpcEndpoint: 'VPC endpoint',
  vpcEndpointService: 'VPC endpoint service',
  instance: 'EC2 instance',
  iamRole: 'IAM role',
  lambdaFunction: 'Lambda function',
  logGroup: 'Log group',
  resourceShare: 'Resource share',
  resourceShareInvitation: 'Share invitation',
  principal: 'Principal',
};

/** Kinds drawn as their own boxes on the canvas; the others live inside a parent or the details panel. */
export const CANVAS_KINDS: readonly ResourceKind[] = [
  'vpc',
  'vpcEndpoint',
  'vpcEndpointService',
  'serviceNetwork',
  'service',
  'resourceConfiguration',
  'resourceGateway',
];

export function isResourceKind(value: string): value is ResourceKind {
  return (RESOURCE_KINDS as readonly string[]).includes(value);
}

export const EDGE_KINDS = [
  'serviceNetworkService', // service-network ↔ service association
  'serviceNetworkVpc', // service-network ↔ VPC association
  'serviceNetworkResourceConfiguration', // service-network ↔ resource-configuration association
  'vpcEndpointServiceNetwork', // SN-type VPC endpoint → service network
  'vpcEndpointVpc', // VPC endpoint lives in a VPC
  'vpcEndpointConnection', // Interface endpoint → the endpoint service it connects to (PrivateLink), with its connection state
  'vpcEndpointResourceConfiguration', // Resource-type VPC endpoint → resource configuration
  'serviceListener', // service → listener
  'listenerRule', // listener → rule
  'forward', // listener default action or rule → target group, with weight
  'targetGroupTarget', // target group → target
  'targetResource', // target → what it points at (Lambda function, EC2 instance, load balancer)
  'targetGroupVpc', // target group lives in a VPC
  'resourceGatewayResourceConfiguration', // gateway → configuration
  'resourceGatewayVpc', // gateway lives in a VPC
  'resourceConfigurationChild', // GROUP configuration → CHILD configuration
  'subnetVpc', // subnet → VPC
  'securityGroupVpc', // security group → VPC
  'accessLog', // access-log subscription → the resource it logs
  'accessLogDestination', // access-log subscription → its log group (or bucket, stream)
  'callerService', // IAM role → a service whose auth policies name it (a caller)
  'shareResource', // resource share → shared resource
  'sharePrincipal', // resource share → principal
  'invitationShare', // invitation → resource share
] as const;

export type EdgeKind = (typeof EDGE_KINDS)[number];

export const EDGE_LABELS: Record<EdgeKind, string> = {
  serviceNetworkService: 'service association',
  serviceNetworkVpc: 'VPC association',
  serviceNetworkResourceConfiguration: 'resource association',
  vpcEndpointServiceNetwork: 'endpoint',
  vpcEndpointVpc: 'in VPC',
  vpcEndpointConnection: 'connects to',
  vpcEndpointResourceConfiguration: 'endpoint for',
  serviceListener: 'listener',
  listenerRule: 'rule',
  forward: 'forwards to',
  targetGroupTarget: 'target',
  targetResource: 'points at',
  targetGroupVpc: 'in VPC',
  resourceGatewayResourceConfiguration: 'gateway for',
  resourceGatewayVpc: 'in VPC',
  resourceConfigurationChild: 'child',
  subnetVpc: 'in VPC',
  securityGroupVpc: 'in VPC',
  accessLog: 'logs',
  accessLogDestination: 'delivers to',
  callerService: 'may call',
  shareResource: 'shares',
  sharePrincipal: 'shared with',
  invitationShare: 'invites to',
};

/** Status, reduced to what a badge needs. */
export type StatusClass = 'active' | 'pending' | 'failed' | 'inactive' | 'unknown';

export const STATUS_CLASSES: readonly StatusClass[] = ['active', 'pending', 'failed', 'inactive', 'unknown'];

/**
 * Folds the APIs' status vocabularies (Lattice `*_IN_PROGRESS`/`*_FAILED`, target health,
 * EC2 `available`/`pending`/`pendingAcceptance`, instances `running`/`stopped`, RAM `PENDING`/`ASSOCIATED`/`EXPIRED`) into one scale.
 */
export function statusClass(status: string | undefined): StatusClass {
  if (!status) return 'unknown';
  const s = status.toUpperCase().replace(/-/g, '_');
  if (s.endsWith('_FAILED') || s === 'FAILED' || s === 'UNHEALTHY' || s.startsWith('FAILED') || s === 'REJECTED' || s === 'PARTIAL' || s === 'LIMIT_EXCEEDED') {
    return 'failed';
  }
  if (s.endsWith('_IN_PROGRESS') || s.startsWith('PENDING') || s === 'INITIAL' || s === 'DRAINING' || s === 'ASSOCIATING' || s === 'DISASSOCIATING' || s === 'DELETING' || s === 'RESTORING' || s === 'SUSPENDING' || s === 'STOPPING' || s === 'SHUTTING_DOWN') {
    return 'pending';
  }
  if (s === 'ACTIVE' || s === 'AVAILABLE' || s === 'HEALTHY' || s === 'ASSOCIATED' || s === 'ACCEPTED' || s === 'RUNNING') return 'active';
  if (s === 'DELETED' || s === 'EXPIRED' || s === 'UNUSED' || s === 'UNAVAILABLE' || s === 'DISASSOCIATED' || s === 'SUSPENDED' || s === 'INACTIVE' || s === 'STOPPED' || s === 'TERMINATED') {
    return 'inactive';
  }
  return 'unknown';
}
