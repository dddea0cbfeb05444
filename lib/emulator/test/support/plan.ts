// An ordered walk through every implemented operation of the four services: each step
// builds a valid request from the operation's input shape (required members generated from
// their constraints, references filled from what earlier steps created) and records what
// later steps need. Creates come first, reads and updates next, deletes last in the order
// the dependencies allow.
import { loadModel, patternRegex, type Model, type ServiceKey } from './shapes';
import type { Clients } from '@/lib/testing/clients';
// The method/path policy of the demo estate, so the suites check the one the seed uses.
import { ordersAuthPolicy } from '../../seeds/demo';

export { ordersAuthPolicy };

export const RAM_OPERATIONS = [
  'CreateResourceShare', 'GetResourceShares', 'UpdateResourceShare', 'DeleteResourceShare', 'AssociateResourceShare',
  'DisassociateResourceShare', 'GetResourceShareAssociations', 'GetResourceShareInvitations', 'AcceptResourceShareInvitation',
  'RejectResourceShareInvitation', 'ListPendingInvitationResources', 'ListResources', 'ListPrincipals', 'ListResourceTypes',
  'ListPermissions', 'ListResourceSharePermissions', 'EnableSharingWithAwsOrganization', 'TagResource', 'UntagResource',
  'GetPermission', 'ListPermissionVersions', 'CreatePermission', 'CreatePermissionVersion', 'SetDefaultPermissionVersion',
  'DeletePermissionVersion', 'DeletePermission', 'AssociateResourceSharePermission', 'DisassociateResourceSharePermission',
  'ListPermissionAssociations', 'ReplacePermissionAssociations', 'ListReplacePermissionAssociationsWork', 'GetResourcePolicies',
  'ListSourceAssociations', 'PromoteResourceShareCreatedFromPolicy', 'PromotePermissionCreatedFromPolicy',
] as const;
export const STS_OPERATIONS = ['GetCallerIdentity', 'AssumeRole', 'GetAccessKeyInfo'] as const;

export function implementedOperations(service: ServiceKey): string[] {
  if (service === 'ram') return [...RAM_OPERATIONS];
  if (service === 'sts') return [...STS_OPERATIONS];
  return Object.keys(loadModel(service).operations);
}

/** Who sends a step: the owner of the fixtures, or another account of the walk. */
export type Actor = 'owner' | 'invitee' | 'rejecter' | 'management';

export interface Ctx {
  account: string;
  inviteeAccount: string;
  rejecterAccount: string;
  region: string;
  clients: Record<Actor, Clients>;
  /** Values created along the way (ids, ARNs), by name. */
  v: Record<string, string>;
}

export interface Step {
  service: ServiceKey;
  operation: string;
  actor?: Actor;
  /** Overrides and references; the rest of the required members come from the shapes. */
  input: (ctx: Ctx) => Record<string, unknown>;
  /** Records what later steps need from the output. */
  after?: (ctx: Ctx, output: Record<string, any>) => void;
  /** Whether this step's broken variants are checked (the constraint suite). */
  checkViolations?: boolean;
  /** The error AWS answers this valid request with, where nothing in lattice-local's estate can succeed (the step then checks that answer). */
  expectError?: string;
}

let nameCounter = 0;

/** A fresh value for a required string member, derived from its constraints. */
function generateString(model: Model, shapeName: string, member: string): string {
  const shape = model.shapes[shapeName];
  if (shape.enum) return shape.enum[0];
  const min = shape.min ?? 1;
  const re = shape.pattern ? patternRegex(shape.pattern) : null;
  nameCounter += 1;
  const candidates = [
    `${member.toLowerCase().replace(/[^a-z0-9]/g, '')}-${nameCounter}`.replace(/^(svc|tg|rcfg|rgw|listener|rule)-/, 'n$1-'),
    `x${nameCounter}abc`,
    'example-value',
  ];
  for (let c of candidates) {
    while (c.length < min) c += 'a';
    if (shape.max !== undefined && c.length > shape.max) continue;
    if (!re || re.test(c)) return c;
  }
  throw new Error(`cannot generate a value for ${member} (${shapeName}); give the step an override`);
}

/** Fills the required members of `shapeName` that `given` leaves out, from their shapes. */
export function fromShape(model: Model, shapeName: string, given: Record<string, unknown>): Record<string, unknown> {
  const shape = model.shapes[shapeName];
  const out: Record<string, unknown> = { ...given };
  for (const req of shape.required ?? []) {
    if (out[req] !== undefined) continue;
    const ms = model.shapes[shape.members![req].shape];
    switch (ms.type) {
      case 'string':
        out[req] = generateString(model, shape.members![req].shape, req);
        break;
      case 'integer':
      case 'long':
        out[req] = ms.min ?? 1;
        break;
      case 'boolean':
        out[req] = false;
        break;
      case 'structure':
        out[req] = fromShape(model, shape.members![req].shape, {});
        break;
      case 'map':
        out[req] = {};
        break;
      default:
        throw new Error(`cannot generate required ${req} (${ms.type}) of ${shapeName}; give the step an override`);
    }
  }
  return out;
}

export function buildInput(step: Step, ctx: Ctx): Record<string, unknown> {
  const model = loadModel(step.service);
  const op = model.operations[step.operation];
  if (!op.input) return step.input(ctx);
  return fromShape(model, op.input.shape, step.input(ctx));
}

const lambdaArn = (ctx: Ctx, name: string) => `arn:aws:lambda:${ctx.region}:${ctx.account}:function:${name}`;
const logGroupArn = (ctx: Ctx) => `arn:aws:logs:${ctx.region}:${ctx.account}:log-group:/lattice/conformance`;


const noop = () => ({});
const MANAGED_SN_PERMISSION = 'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionVpcLatticeServiceNetwork';
const READ_WRITE_SN_PERMISSION = 'arn:aws:ram::aws:permission/AWSRAMPermissionVpcLatticeServiceNetworkReadWrite';

/** The walk. Steps that share an operation name count once; the first is the one measured. */
export const PLAN: Step[] = [
  // ---- STS and EC2 inventory first: the VPC, subnets and security groups the rest attach to.
  { service: 'sts', operation: 'GetCallerIdentity', input: noop, checkViolations: true },
  { service: 'sts', operation: 'AssumeRole', input: (c) => ({ RoleArn: `arn:aws:iam::${c.account}:role/conformance`, RoleSessionName: 'conformance', DurationSeconds: 900 }), after: (c, o) => { c.v.assumedKey = o.Credentials.AccessKeyId; }, checkViolations: true },
  { service: 'sts', operation: 'GetAccessKeyInfo', input: (c) => ({ AccessKeyId: c.v.assumedKey }), checkViolations: true },
  { service: 'ec2', operation: 'DescribeAvailabilityZones', input: noop, checkViolations: true },
  { service: 'ec2', operation: 'DescribeVpcs', input: noop, after: (c, o) => { c.v.vpc = o.Vpcs[0].VpcId; }, checkViolations: true },
  { service: 'ec2', operation: 'DescribeSubnets', input: (c) => ({ Filters: [{ Name: 'vpc-id', Values: [c.v.vpc] }] }), after: (c, o) => { c.v.subnet1 = o.Subnets[0].SubnetId; c.v.subnet2 = (o.Subnets[1] ?? o.Subnets[0]).SubnetId; }, checkViolations: true },
  { service: 'ec2', operation: 'DescribeSecurityGroups', input: (c) => ({ Filters: [{ Name: 'vpc-id', Values: [c.v.vpc] }] }), after: (c, o) => { c.v.sg = o.SecurityGroups[0].GroupId; }, checkViolations: true },
  { service: 'ec2', operation: 'DescribeInstances', input: noop, checkViolations: true },

  // ---- Lattice creates.
  { service: 'lattice', operation: 'CreateServiceNetwork', input: () => ({ authType: 'AWS_IAM' }), after: (c, o) => { c.v.sn = o.id; c.v.snArn = o.arn; }, checkViolations: true },
  { service: 'lattice', operation: 'CreateServiceNetwork', input: () => ({ authType: 'NONE' }), after: (c, o) => { c.v.sn2 = o.id; c.v.sn2Arn = o.arn; } },
  { service: 'lattice', operation: 'CreateService', input: () => ({ authType: 'AWS_IAM' }), after: (c, o) => { c.v.svc = o.id; c.v.svcArn = o.arn; }, checkViolations: true },
  { service: 'lattice', operation: 'CreateTargetGroup', input: () => ({ type: 'LAMBDA', config: { lambdaEventStructureVersion: 'V2' } }), after: (c, o) => { c.v.tg = o.id; c.v.tgArn = o.arn; }, checkViolations: true },
  { service: 'lattice', operation: 'CreateTargetGroup', input: (c) => ({ type: 'INSTANCE', config: { port: 8080, protocol: 'HTTP', vpcIdentifier: c.v.vpc } }), after: (c, o) => { c.v.tg2 = o.id; } },
  { service: 'lattice', operation: 'CreateListener', input: (c) => ({ serviceIdentifier: c.v.svc, protocol: 'HTTP', port: 80, defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: c.v.tg, weight: 100 }] } } }), after: (c, o) => { c.v.listener = o.id; c.v.listenerArn = o.arn; }, checkViolations: true },
  { service: 'lattice', operation: 'CreateRule', input: (c) => ({ serviceIdentifier: c.v.svc, listenerIdentifier: c.v.listener, priority: 10, match: { httpMatch: { method: 'GET', pathMatch: { match: { prefix: '/orders' } }, headerMatches: [{ name: 'x-canary', match: { exact: 'true' } }] } }, action: { forward: { targetGroups: [{ targetGroupIdentifier: c.v.tg, weight: 90 }, { targetGroupIdentifier: c.v.tg2, weight: 10 }] } } }), after: (c, o) => { c.v.rule = o.id; c.v.ruleArn = o.arn; }, checkViolations: true },
  { service: 'lattice', operation: 'CreateServiceNetworkServiceAssociation', input: (c) => ({ serviceIdentifier: c.v.svc, serviceNetworkIdentifier: c.v.sn }), after: (c, o) => { c.v.snsa = o.id; }, checkViolations: true },
  { service: 'lattice', operation: 'CreateServiceNetworkVpcAssociation', input: (c) => ({ serviceNetworkIdentifier: c.v.sn, vpcIdentifier: c.v.vpc, securityGroupIds: [c.v.sg] }), after: (c, o) => { c.v.snva = o.id; }, checkViolations: true },
  { service: 'lattice', operation: 'CreateResourceGateway', input: (c) => ({ vpcIdentifier: c.v.vpc, subnetIds: [c.v.subnet1], securityGroupIds: [c.v.sg], ipAddressType: 'IPV4' }), after: (c, o) => { c.v.rgw = o.id; }, checkViolations: true },
  { service: 'lattice', operation: 'CreateResourceConfiguration', input: (c) => ({ type: 'SINGLE', resourceGatewayIdentifier: c.v.rgw, portRanges: ['5432'], protocol: 'TCP', resourceConfigurationDefinition: { dnsResource: { domainName: 'orders-db.internal.example.com', ipAddressType: 'IPV4' } } }), after: (c, o) => { c.v.rcfg = o.id; c.v.rcfgArn = o.arn; }, checkViolations: true },
  { service: 'lattice', operation: 'CreateServiceNetworkResourceAssociation', input: (c) => ({ resourceConfigurationIdentifier: c.v.rcfg, serviceNetworkIdentifier: c.v.sn }), after: (c, o) => { c.v.snra = o.id; }, checkViolations: true },
  { service: 'lattice', operation: 'CreateAccessLogSubscription', input: (c) => ({ resourceIdentifier: c.v.sn, destinationArn: logGroupArn(c) }), after: (c, o) => { c.v.als = o.id; }, checkViolations: true },
  { service: 'lattice', operation: 'StartDomainVerification', input: () => ({ domainName: 'conformance.example.com' }), after: (c, o) => { c.v.dv = o.id; }, checkViolations: true },
  { service: 'lattice', operation: 'PutAuthPolicy', input: (c) => ({ resourceIdentifier: c.v.svc, policy: ordersAuthPolicy(c.v.svcArn, `arn:aws:iam::${c.account}:role/checkout-service`) }), checkViolations: true },
  { service: 'lattice', operation: 'PutResourcePolicy', input: (c) => ({ resourceArn: c.v.snArn, policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${c.inviteeAccount}:root`] }, Action: ['vpc-lattice:CreateServiceNetworkVpcAssociation'], Resource: [c.v.snArn] }] }) }), checkViolations: true },
  { service: 'lattice', operation: 'RegisterTargets', input: (c) => ({ targetGroupIdentifier: c.v.tg, targets: [{ id: lambdaArn(c, 'orders-handler') }] }), checkViolations: true },

  // ---- EC2 endpoints into Lattice.
  { service: 'ec2', operation: 'CreateVpcEndpoint', input: (c) => ({ VpcId: c.v.vpc, VpcEndpointType: 'ServiceNetwork', ServiceNetworkArn: c.v.sn2Arn, SubnetIds: [c.v.subnet1], SecurityGroupIds: [c.v.sg] }), after: (c, o) => { c.v.vpce = o.VpcEndpoint.VpcEndpointId; }, checkViolations: true },
  { service: 'ec2', operation: 'CreateVpcEndpoint', input: (c) => ({ VpcId: c.v.vpc, VpcEndpointType: 'Resource', ResourceConfigurationArn: c.v.rcfgArn, SubnetIds: [c.v.subnet1], SecurityGroupIds: [c.v.sg] }), after: (c, o) => { c.v.vpceResource = o.VpcEndpoint.VpcEndpointId; } },
  { service: 'ec2', operation: 'DescribeVpcEndpoints', input: noop, checkViolations: true },
  { service: 'ec2', operation: 'ModifyVpcEndpoint', input: (c) => ({ VpcEndpointId: c.v.vpce, AddSecurityGroupIds: [c.v.sg], PrivateDnsEnabled: true }), checkViolations: true },

  // ---- EC2: a VPC built through the API, and a PrivateLink endpoint service another account connects to.
  { service: 'ec2', operation: 'CreateVpc', input: () => ({ CidrBlock: '10.90.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'conformance' }] }] }), after: (c, o) => { c.v.newVpc = o.Vpc.VpcId; }, checkViolations: true },
  { service: 'ec2', operation: 'CreateSubnet', input: (c) => ({ VpcId: c.v.newVpc, CidrBlock: '10.90.1.0/24', AvailabilityZone: 'us-east-1b' }), after: (c, o) => { c.v.newSubnet = o.Subnet.SubnetId; }, checkViolations: true },
  { service: 'ec2', operation: 'CreateSecurityGroup', input: (c) => ({ VpcId: c.v.newVpc, GroupName: 'conformance', Description: 'conformance walk' }), after: (c, o) => { c.v.newSg = o.GroupId; }, checkViolations: true },
  { service: 'ec2', operation: 'CreateVpcEndpointServiceConfiguration', input: (c) => ({ NetworkLoadBalancerArns: [`arn:aws:elasticloadbalancing:${c.region}:${c.account}:loadbalancer/net/conformance/0123456789abcdef`], AcceptanceRequired: false }), after: (c, o) => { c.v.endpointService = o.ServiceConfiguration.ServiceId; c.v.endpointServiceName = o.ServiceConfiguration.ServiceName; }, checkViolations: true },
  { service: 'ec2', operation: 'ModifyVpcEndpointServiceConfiguration', input: (c) => ({ ServiceId: c.v.endpointService, AcceptanceRequired: true }), checkViolations: true },
  { service: 'ec2', operation: 'ModifyVpcEndpointServicePermissions', input: (c) => ({ ServiceId: c.v.endpointService, AddAllowedPrincipals: [`arn:aws:iam::${c.inviteeAccount}:root`] }), checkViolations: true },
  { service: 'ec2', operation: 'DescribeVpcEndpointServicePermissions', input: (c) => ({ ServiceId: c.v.endpointService }), checkViolations: true },
  { service: 'ec2', operation: 'DescribeVpcEndpointServiceConfigurations', input: (c) => ({ ServiceIds: [c.v.endpointService] }), checkViolations: true },
  { service: 'ec2', operation: 'DescribeVpcEndpointServices', actor: 'invitee', input: (c) => ({ ServiceNames: [c.v.endpointServiceName] }), checkViolations: true },
  { service: 'ec2', operation: 'DescribeSubnets', actor: 'invitee', input: noop, after: (c, o) => { c.v.inviteeVpc = o.Subnets[0].VpcId; c.v.inviteeSubnet = o.Subnets[0].SubnetId; } },
  { service: 'ec2', operation: 'CreateVpcEndpoint', actor: 'invitee', input: (c) => ({ VpcId: c.v.inviteeVpc, VpcEndpointType: 'Interface', ServiceName: c.v.endpointServiceName, SubnetIds: [c.v.inviteeSubnet] }), after: (c, o) => { c.v.consumerEndpoint = o.VpcEndpoint.VpcEndpointId; } },
  { service: 'ec2', operation: 'CreateVpcEndpoint', actor: 'invitee', input: (c) => ({ VpcId: c.v.inviteeVpc, VpcEndpointType: 'Gateway', ServiceName: `com.amazonaws.${c.region}.s3` }), after: (c, o) => { c.v.consumerEndpoint2 = o.VpcEndpoint.VpcEndpointId; } },
  { service: 'ec2', operation: 'DescribeVpcEndpointConnections', input: (c) => ({ Filters: [{ Name: 'service-id', Values: [c.v.endpointService] }] }), checkViolations: true },
  { service: 'ec2', operation: 'AcceptVpcEndpointConnections', input: (c) => ({ ServiceId: c.v.endpointService, VpcEndpointIds: [c.v.consumerEndpoint] }), checkViolations: true },
  { service: 'ec2', operation: 'RejectVpcEndpointConnections', input: (c) => ({ ServiceId: c.v.endpointService, VpcEndpointIds: [c.v.consumerEndpoint] }), checkViolations: true },
  { service: 'ec2', operation: 'DeleteVpcEndpoints', actor: 'invitee', input: (c) => ({ VpcEndpointIds: [c.v.consumerEndpoint, c.v.consumerEndpoint2] }), checkViolations: true },
  { service: 'ec2', operation: 'DeleteVpcEndpointServiceConfigurations', input: (c) => ({ ServiceIds: [c.v.endpointService] }), checkViolations: true },
  { service: 'ec2', operation: 'DeleteSecurityGroup', input: (c) => ({ GroupId: c.v.newSg }), checkViolations: true },
  { service: 'ec2', operation: 'DeleteSubnet', input: (c) => ({ SubnetId: c.v.newSubnet }), checkViolations: true },
  { service: 'ec2', operation: 'DeleteVpc', input: (c) => ({ VpcId: c.v.newVpc }), checkViolations: true },

  // ---- Lattice reads.
  { service: 'lattice', operation: 'GetServiceNetwork', input: (c) => ({ serviceNetworkIdentifier: c.v.sn }), checkViolations: true },
  { service: 'lattice', operation: 'ListServiceNetworks', input: () => ({ maxResults: 10 }), checkViolations: true },
  { service: 'lattice', operation: 'GetService', input: (c) => ({ serviceIdentifier: c.v.svcArn }), checkViolations: true },
  { service: 'lattice', operation: 'ListServices', input: () => ({ maxResults: 10 }), checkViolations: true },
  { service: 'lattice', operation: 'GetTargetGroup', input: (c) => ({ targetGroupIdentifier: c.v.tg }), checkViolations: true },
  { service: 'lattice', operation: 'ListTargetGroups', input: () => ({ targetGroupType: 'LAMBDA' }), checkViolations: true },
  { service: 'lattice', operation: 'ListTargets', input: (c) => ({ targetGroupIdentifier: c.v.tg }), checkViolations: true },
  { service: 'lattice', operation: 'GetListener', input: (c) => ({ serviceIdentifier: c.v.svc, listenerIdentifier: c.v.listener }), checkViolations: true },
  { service: 'lattice', operation: 'ListListeners', input: (c) => ({ serviceIdentifier: c.v.svc }), checkViolations: true },
  { service: 'lattice', operation: 'GetRule', input: (c) => ({ serviceIdentifier: c.v.svc, listenerIdentifier: c.v.listener, ruleIdentifier: c.v.rule }), checkViolations: true },
  { service: 'lattice', operation: 'ListRules', input: (c) => ({ serviceIdentifier: c.v.svc, listenerIdentifier: c.v.listener }), checkViolations: true },
  { service: 'lattice', operation: 'GetServiceNetworkServiceAssociation', input: (c) => ({ serviceNetworkServiceAssociationIdentifier: c.v.snsa }), checkViolations: true },
  { service: 'lattice', operation: 'ListServiceNetworkServiceAssociations', input: (c) => ({ serviceNetworkIdentifier: c.v.sn }), checkViolations: true },
  { service: 'lattice', operation: 'GetServiceNetworkVpcAssociation', input: (c) => ({ serviceNetworkVpcAssociationIdentifier: c.v.snva }), checkViolations: true },
  { service: 'lattice', operation: 'ListServiceNetworkVpcAssociations', input: (c) => ({ serviceNetworkIdentifier: c.v.sn }), checkViolations: true },
  { service: 'lattice', operation: 'ListServiceNetworkVpcEndpointAssociations', input: (c) => ({ serviceNetworkIdentifier: c.v.sn2 }), checkViolations: true },
  { service: 'lattice', operation: 'GetResourceGateway', input: (c) => ({ resourceGatewayIdentifier: c.v.rgw }), checkViolations: true },
  { service: 'lattice', operation: 'ListResourceGateways', input: noop, checkViolations: true },
  { service: 'lattice', operation: 'GetResourceConfiguration', input: (c) => ({ resourceConfigurationIdentifier: c.v.rcfg }), checkViolations: true },
  { service: 'lattice', operation: 'ListResourceConfigurations', input: (c) => ({ resourceGatewayIdentifier: c.v.rgw }), checkViolations: true },
  { service: 'lattice', operation: 'GetServiceNetworkResourceAssociation', input: (c) => ({ serviceNetworkResourceAssociationIdentifier: c.v.snra }), checkViolations: true },
  { service: 'lattice', operation: 'ListServiceNetworkResourceAssociations', input: (c) => ({ serviceNetworkIdentifier: c.v.sn }), checkViolations: true },
  { service: 'lattice', operation: 'ListResourceEndpointAssociations', input: (c) => ({ resourceConfigurationIdentifier: c.v.rcfg }), after: (c, o) => { c.v.rea = o.items[0].id; }, checkViolations: true },
  { service: 'lattice', operation: 'GetAccessLogSubscription', input: (c) => ({ accessLogSubscriptionIdentifier: c.v.als }), checkViolations: true },
  { service: 'lattice', operation: 'ListAccessLogSubscriptions', input: (c) => ({ resourceIdentifier: c.v.sn }), checkViolations: true },
  { service: 'lattice', operation: 'GetDomainVerification', input: (c) => ({ domainVerificationIdentifier: c.v.dv }), checkViolations: true },
  { service: 'lattice', operation: 'ListDomainVerifications', input: noop, checkViolations: true },
  { service: 'lattice', operation: 'GetAuthPolicy', input: (c) => ({ resourceIdentifier: c.v.svc }), checkViolations: true },
  { service: 'lattice', operation: 'GetResourcePolicy', input: (c) => ({ resourceArn: c.v.snArn }), checkViolations: true },
  { service: 'lattice', operation: 'TagResource', input: (c) => ({ resourceArn: c.v.svcArn, tags: { team: 'orders', env: 'test' } }), checkViolations: true },
  { service: 'lattice', operation: 'ListTagsForResource', input: (c) => ({ resourceArn: c.v.svcArn }), checkViolations: true },
  { service: 'lattice', operation: 'UntagResource', input: (c) => ({ resourceArn: c.v.svcArn, tagKeys: ['env'] }), checkViolations: true },

  // ---- Lattice updates.
  { service: 'lattice', operation: 'UpdateServiceNetwork', input: (c) => ({ serviceNetworkIdentifier: c.v.sn, authType: 'AWS_IAM' }), checkViolations: true },
  { service: 'lattice', operation: 'UpdateService', input: (c) => ({ serviceIdentifier: c.v.svc, authType: 'AWS_IAM' }), checkViolations: true },
  { service: 'lattice', operation: 'UpdateTargetGroup', input: (c) => ({ targetGroupIdentifier: c.v.tg2, healthCheck: { enabled: true, path: '/health', healthCheckIntervalSeconds: 30, matcher: { httpCode: '200-299' } } }), checkViolations: true },
  { service: 'lattice', operation: 'UpdateListener', input: (c) => ({ serviceIdentifier: c.v.svc, listenerIdentifier: c.v.listener, defaultAction: { fixedResponse: { statusCode: 404 } } }), checkViolations: true },
  { service: 'lattice', operation: 'UpdateRule', input: (c) => ({ serviceIdentifier: c.v.svc, listenerIdentifier: c.v.listener, ruleIdentifier: c.v.rule, priority: 20 }), checkViolations: true },
  { service: 'lattice', operation: 'BatchUpdateRule', input: (c) => ({ serviceIdentifier: c.v.svc, listenerIdentifier: c.v.listener, rules: [{ ruleIdentifier: c.v.rule, priority: 30 }] }), checkViolations: true },
  { service: 'lattice', operation: 'UpdateServiceNetworkVpcAssociation', input: (c) => ({ serviceNetworkVpcAssociationIdentifier: c.v.snva, securityGroupIds: [c.v.sg] }), checkViolations: true },
  { service: 'lattice', operation: 'UpdateResourceGateway', input: (c) => ({ resourceGatewayIdentifier: c.v.rgw, securityGroupIds: [c.v.sg] }), checkViolations: true },
  { service: 'lattice', operation: 'UpdateResourceConfiguration', input: (c) => ({ resourceConfigurationIdentifier: c.v.rcfg, portRanges: ['5432', '6432'] }), checkViolations: true },
  { service: 'lattice', operation: 'UpdateAccessLogSubscription', input: (c) => ({ accessLogSubscriptionIdentifier: c.v.als, destinationArn: `${logGroupArn(c)}-archive` }), checkViolations: true },

  // ---- RAM: share the service network with an account outside the organization.
  { service: 'ram', operation: 'CreateResourceShare', input: (c) => ({ name: 'conformance-share', resourceArns: [c.v.snArn], principals: [c.inviteeAccount, c.rejecterAccount], tags: [{ key: 'team', value: 'network' }] }), after: (c, o) => { c.v.share = o.resourceShare.resourceShareArn; }, checkViolations: true },
  { service: 'ram', operation: 'GetResourceShares', input: () => ({ resourceOwner: 'SELF' }), checkViolations: true },
  { service: 'ram', operation: 'UpdateResourceShare', input: (c) => ({ resourceShareArn: c.v.share, name: 'conformance-share-renamed' }), checkViolations: true },
  { service: 'ram', operation: 'GetResourceShareAssociations', input: (c) => ({ associationType: 'PRINCIPAL', resourceShareArns: [c.v.share] }), checkViolations: true },
  { service: 'ram', operation: 'GetResourceShareInvitations', actor: 'invitee', input: (c) => ({ resourceShareArns: [c.v.share] }), after: (c, o) => { c.v.invitation = o.resourceShareInvitations[0].resourceShareInvitationArn; }, checkViolations: true },
  { service: 'ram', operation: 'GetResourceShareInvitations', actor: 'rejecter', input: (c) => ({ resourceShareArns: [c.v.share] }), after: (c, o) => { c.v.rejectedInvitation = o.resourceShareInvitations[0].resourceShareInvitationArn; } },
  { service: 'ram', operation: 'ListPendingInvitationResources', actor: 'invitee', input: (c) => ({ resourceShareInvitationArn: c.v.invitation }), checkViolations: true },
  { service: 'ram', operation: 'AcceptResourceShareInvitation', actor: 'invitee', input: (c) => ({ resourceShareInvitationArn: c.v.invitation }), checkViolations: true },
  { service: 'ram', operation: 'RejectResourceShareInvitation', actor: 'rejecter', input: (c) => ({ resourceShareInvitationArn: c.v.rejectedInvitation }), checkViolations: true },
  { service: 'ram', operation: 'AssociateResourceShare', input: (c) => ({ resourceShareArn: c.v.share, resourceArns: [c.v.svcArn] }), checkViolations: true },
  { service: 'ram', operation: 'ListResources', input: () => ({ resourceOwner: 'SELF' }), checkViolations: true },
  { service: 'ram', operation: 'ListPrincipals', input: () => ({ resourceOwner: 'SELF' }), checkViolations: true },
  { service: 'ram', operation: 'ListResourceTypes', input: noop, checkViolations: true },
  { service: 'ram', operation: 'ListPermissions', input: () => ({ resourceType: 'vpc-lattice:ServiceNetwork' }), checkViolations: true },
  { service: 'ram', operation: 'ListResourceSharePermissions', input: (c) => ({ resourceShareArn: c.v.share }), checkViolations: true },
  { service: 'ram', operation: 'GetPermission', input: () => ({ permissionArn: MANAGED_SN_PERMISSION }), checkViolations: true },
  { service: 'ram', operation: 'ListPermissionVersions', input: () => ({ permissionArn: MANAGED_SN_PERMISSION }), checkViolations: true },
  { service: 'ram', operation: 'CreatePermission', input: () => ({ name: 'conformance-read', resourceType: 'vpc-lattice:ServiceNetwork', policyTemplate: JSON.stringify({ Effect: 'Allow', Action: ['vpc-lattice:GetServiceNetwork'] }) }), after: (c, o) => { c.v.permission = o.permission.arn; }, checkViolations: true },
  { service: 'ram', operation: 'CreatePermissionVersion', input: (c) => ({ permissionArn: c.v.permission, policyTemplate: JSON.stringify({ Effect: 'Allow', Action: ['vpc-lattice:GetServiceNetwork', 'vpc-lattice:CreateServiceNetworkVpcAssociation'] }) }), checkViolations: true },
  { service: 'ram', operation: 'SetDefaultPermissionVersion', input: (c) => ({ permissionArn: c.v.permission, permissionVersion: 2 }), checkViolations: true },
  { service: 'ram', operation: 'DeletePermissionVersion', input: (c) => ({ permissionArn: c.v.permission, permissionVersion: 1 }), checkViolations: true },
  { service: 'ram', operation: 'AssociateResourceSharePermission', input: (c) => ({ resourceShareArn: c.v.share, permissionArn: c.v.permission, replace: true }), checkViolations: true },
  { service: 'ram', operation: 'ListPermissionAssociations', input: (c) => ({ permissionArn: c.v.permission }), checkViolations: true },
  { service: 'ram', operation: 'ReplacePermissionAssociations', input: (c) => ({ fromPermissionArn: c.v.permission, toPermissionArn: READ_WRITE_SN_PERMISSION }), after: (c, o) => { c.v.replaceWork = o.replacePermissionAssociationsWork.id; }, checkViolations: true },
  { service: 'ram', operation: 'ListReplacePermissionAssociationsWork', input: (c) => ({ workIds: [c.v.replaceWork] }), checkViolations: true },
  { service: 'ram', operation: 'DisassociateResourceSharePermission', input: (c) => ({ resourceShareArn: c.v.share, permissionArn: READ_WRITE_SN_PERMISSION }), checkViolations: true },
  { service: 'ram', operation: 'DeletePermission', input: (c) => ({ permissionArn: c.v.permission }), checkViolations: true },
  { service: 'ram', operation: 'GetResourcePolicies', input: (c) => ({ resourceArns: [c.v.snArn] }), checkViolations: true },
  { service: 'ram', operation: 'ListSourceAssociations', input: (c) => ({ resourceShareArns: [c.v.share] }), checkViolations: true },
  // No share or permission here comes from a resource policy: RAM refuses to promote a standard one.
  { service: 'ram', operation: 'PromoteResourceShareCreatedFromPolicy', input: (c) => ({ resourceShareArn: c.v.share }), expectError: 'OperationNotPermittedException' },
  { service: 'ram', operation: 'PromotePermissionCreatedFromPolicy', input: () => ({ permissionArn: MANAGED_SN_PERMISSION, name: 'promoted' }), expectError: 'OperationNotPermittedException' },
  { service: 'ram', operation: 'EnableSharingWithAwsOrganization', actor: 'management', input: noop, checkViolations: true },
  { service: 'ram', operation: 'TagResource', input: (c) => ({ resourceShareArn: c.v.share, tags: [{ key: 'env', value: 'test' }] }), checkViolations: true },
  { service: 'ram', operation: 'UntagResource', input: (c) => ({ resourceShareArn: c.v.share, tagKeys: ['env'] }), checkViolations: true },
  { service: 'ram', operation: 'DisassociateResourceShare', input: (c) => ({ resourceShareArn: c.v.share, resourceArns: [c.v.svcArn] }), checkViolations: true },
  { service: 'ram', operation: 'DeleteResourceShare', input: (c) => ({ resourceShareArn: c.v.share }), checkViolations: true },

  // ---- Deletes, in the order the dependencies allow.
  { service: 'lattice', operation: 'DeregisterTargets', input: (c) => ({ targetGroupIdentifier: c.v.tg, targets: [{ id: lambdaArn(c, 'orders-handler') }] }), checkViolations: true },
  { service: 'lattice', operation: 'DeleteRule', input: (c) => ({ serviceIdentifier: c.v.svc, listenerIdentifier: c.v.listener, ruleIdentifier: c.v.rule }), checkViolations: true },
  { service: 'lattice', operation: 'DeleteListener', input: (c) => ({ serviceIdentifier: c.v.svc, listenerIdentifier: c.v.listener }), checkViolations: true },
  { service: 'lattice', operation: 'DeleteTargetGroup', input: (c) => ({ targetGroupIdentifier: c.v.tg }), checkViolations: true },
  { service: 'lattice', operation: 'DeleteTargetGroup', input: (c) => ({ targetGroupIdentifier: c.v.tg2 }) },
  { service: 'lattice', operation: 'DeleteAuthPolicy', input: (c) => ({ resourceIdentifier: c.v.svc }), checkViolations: true },
  { service: 'lattice', operation: 'DeleteResourcePolicy', input: (c) => ({ resourceArn: c.v.snArn }), checkViolations: true },
  { service: 'lattice', operation: 'DeleteAccessLogSubscription', input: (c) => ({ accessLogSubscriptionIdentifier: c.v.als }), checkViolations: true },
  { service: 'lattice', operation: 'DeleteServiceNetworkServiceAssociation', input: (c) => ({ serviceNetworkServiceAssociationIdentifier: c.v.snsa }), checkViolations: true },
  { service: 'lattice', operation: 'DeleteService', input: (c) => ({ serviceIdentifier: c.v.svc }), checkViolations: true },
  { service: 'lattice', operation: 'DeleteServiceNetworkVpcAssociation', input: (c) => ({ serviceNetworkVpcAssociationIdentifier: c.v.snva }), checkViolations: true },
  { service: 'lattice', operation: 'DeleteServiceNetworkResourceAssociation', input: (c) => ({ serviceNetworkResourceAssociationIdentifier: c.v.snra }), checkViolations: true },
  { service: 'lattice', operation: 'DeleteResourceEndpointAssociation', input: (c) => ({ resourceEndpointAssociationIdentifier: c.v.rea }), checkViolations: true },
  { service: 'ec2', operation: 'DeleteVpcEndpoints', input: (c) => ({ VpcEndpointIds: [c.v.vpce, c.v.vpceResource] }) },
  { service: 'lattice', operation: 'DeleteResourceConfiguration', input: (c) => ({ resourceConfigurationIdentifier: c.v.rcfg }), checkViolations: true },
  { service: 'lattice', operation: 'DeleteResourceGateway', input: (c) => ({ resourceGatewayIdentifier: c.v.rgw }), checkViolations: true },
  { service: 'lattice', operation: 'DeleteDomainVerification', input: (c) => ({ domainVerificationIdentifier: c.v.dv }), checkViolations: true },
  { service: 'lattice', operation: 'DeleteServiceNetwork', input: (c) => ({ serviceNetworkIdentifier: c.v.sn }), checkViolations: true },
  { service: 'lattice', operation: 'DeleteServiceNetwork', input: (c) => ({ serviceNetworkIdentifier: c.v.sn2 }) },
];
