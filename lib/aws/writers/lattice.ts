// One function per VPC Lattice write call a plan makes, keyed by the operation's model name.
import {
  CreateAccessLogSubscriptionCommand,
  CreateListenerCommand,
  CreateResourceConfigurationCommand,
  CreateResourceGatewayCommand,
  CreateRuleCommand,
  CreateServiceCommand,
  CreateServiceNetworkCommand,
  CreateServiceNetworkResourceAssociationCommand,
  CreateServiceNetworkServiceAssociationCommand,
  CreateServiceNetworkVpcAssociationCommand,
  CreateTargetGroupCommand,
  DeleteAccessLogSubscriptionCommand,
  DeleteAuthPolicyCommand,
  DeleteListenerCommand,
  DeleteResourceConfigurationCommand,
  DeleteResourceGatewayCommand,
  DeleteRuleCommand,
  DeleteServiceCommand,
  DeleteServiceNetworkCommand,
  DeleteServiceNetworkResourceAssociationCommand,
  DeleteServiceNetworkServiceAssociationCommand,
  DeleteServiceNetworkVpcAssociationCommand,
  DeleteTargetGroupCommand,
  DeregisterTargetsCommand,
  PutAuthPolicyCommand,
  RegisterTargetsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAccessLogSubscriptionCommand,
  UpdateListenerCommand,
  UpdateResourceConfigurationCommand,
  UpdateResourceGatewayCommand,
  UpdateRuleCommand,
  UpdateServiceCommand,
  UpdateServiceNetworkCommand,
  UpdateServiceNetworkVpcAssociationCommand,
  UpdateTargetGroupCommand,
  type VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';

// The inputs come from a plan (JSON checked against the model when the design was validated);
// each function hands it to its command as the SDK's own input type.
type Input = Record<string, unknown>;
type Writer = (client: VPCLatticeClient, input: Input) => Promise<unknown>;
const as = <T>(input: Input) => input as unknown as T;

/**
 * A JSON policy on one line: Lattice refuses a policy string with newlines or blank lines
 * (PutAuthPolicy in the model), and the editor's templates are indented. Anything that is not
 * JSON goes as it is, for Lattice to refuse.
 */
function oneLine(policy: unknown): unknown {
  if (typeof policy !== 'string' || !/[\r\n]/.test(policy)) return policy;
  try {
    return JSON.stringify(JSON.parse(policy));
  } catch {
    return policy;
  }
}

export const latticeWriters = {
  CreateServiceNetwork: (c, i) => c.send(new CreateServiceNetworkCommand(as(i))),
  UpdateServiceNetwork: (c, i) => c.send(new UpdateServiceNetworkCommand(as(i))),
  DeleteServiceNetwork: (c, i) => c.send(new DeleteServiceNetworkCommand(as(i))),
  CreateService: (c, i) => c.send(new CreateServiceCommand(as(i))),
  UpdateService: (c, i) => c.send(new UpdateServiceCommand(as(i))),
  DeleteService: (c, i) => c.send(new DeleteServiceCommand(as(i))),
  CreateListener: (c, i) => c.send(new CreateListenerCommand(as(i))),
  UpdateListener: (c, i) => c.send(new UpdateListenerCommand(as(i))),
  DeleteListener: (c, i) => c.send(new DeleteListenerCommand(as(i))),
  CreateRule: (c, i) => c.send(new CreateRuleCommand(as(i))),
  UpdateRule: (c, i) => c.send(new UpdateRuleCommand(as(i))),
  DeleteRule: (c, i) => c.send(new DeleteRuleCommand(as(i))),
  CreateTargetGroup: (c, i) => c.send(new CreateTargetGroupCommand(as(i))),
  UpdateTargetGroup: (c, i) => c.send(new UpdateTargetGroupCommand(as(i))),
  DeleteTargetGroup: (c, i) => c.send(new DeleteTargetGroupCommand(as(i))),
  RegisterTargets: (c, i) => c.send(new RegisterTargetsCommand(as(i))),
  DeregisterTargets: (c, i) => c.send(new DeregisterTargetsCommand(as(i))),
  CreateServiceNetworkServiceAssociation: (c, i) => c.send(new CreateServiceNetworkServiceAssociationCommand(as(i))),
  DeleteServiceNetworkServiceAssociation: (c, i) => c.send(new DeleteServiceNetworkServiceAssociationCommand(as(i))),
  CreateServiceNetworkVpcAssociation: (c, i) => c.send(new CreateServiceNetworkVpcAssociationCommand(as(i))),
  UpdateServiceNetworkVpcAssociation: (c, i) => c.send(new UpdateServiceNetworkVpcAssociationCommand(as(i))),
  DeleteServiceNetworkVpcAssociation: (c, i) => c.send(new DeleteServiceNetworkVpcAssociationCommand(as(i))),
  CreateServiceNetworkResourceAssociation: (c, i) => c.send(new CreateServiceNetworkResourceAssociationCommand(as(i))),
  DeleteServiceNetworkResourceAssociation: (c, i) => c.send(new DeleteServiceNetworkResourceAssociationCommand(as(i))),
  CreateResourceGateway: (c, i) => c.send(new CreateResourceGatewayCommand(as(i))),
  UpdateResourceGateway: (c, i) => c.send(new UpdateResourceGatewayCommand(as(i))),
  DeleteResourceGateway: (c, i) => c.send(new DeleteResourceGatewayCommand(as(i))),
  CreateResourceConfiguration: (c, i) => c.send(new CreateResourceConfigurationCommand(as(i))),
  UpdateResourceConfiguration: (c, i) => c.send(new UpdateResourceConfigurationCommand(as(i))),
  DeleteResourceConfiguration: (c, i) => c.send(new DeleteResourceConfigurationCommand(as(i))),
  PutAuthPolicy: (c, i) => c.send(new PutAuthPolicyCommand(as({ ...i, policy: oneLine(i.policy) }))),
  DeleteAuthPolicy: (c, i) => c.send(new DeleteAuthPolicyCommand(as(i))),
  CreateAccessLogSubscription: (c, i) => c.send(new CreateAccessLogSubscriptionCommand(as(i))),
  UpdateAccessLogSubscription: (c, i) => c.send(new UpdateAccessLogSubscriptionCommand(as(i))),
  DeleteAccessLogSubscription: (c, i) => c.send(new DeleteAccessLogSubscriptionCommand(as(i))),
  TagResource: (c, i) => c.send(new TagResourceCommand(as(i))),
  UntagResource: (c, i) => c.send(new UntagResourceCommand(as(i))),
} satisfies Record<string, Writer>;

export type LatticeWriteCall = keyof typeof latticeWriters;
