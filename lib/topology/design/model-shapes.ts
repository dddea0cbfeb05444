// The slice of the AWS service models the designer validates against: the input shapes of
// the calls a plan makes, and every shape they reach. It is generated from
// lib/models by `tsx lib/topology/design/generate-model-shapes.ts` (a test checks
// that it is current), so the browser validates with the same constraints as the API.
import type { ServiceModel } from '@/lib/models';
import generated from './model-shapes.generated.json';

export interface ModelSlice {
  /** Operation name → its input shape name. */
  inputs: Record<string, string>;
  shapes: ServiceModel['shapes'];
}

export const MODEL_SHAPES = generated as unknown as { 'vpc-lattice': ModelSlice; ec2: ModelSlice; iam: ModelSlice };

/** The operations whose inputs the slice covers, per model. */
export const SLICED_OPERATIONS = {
  'vpc-lattice': [
    'CreateServiceNetwork', 'UpdateServiceNetwork', 'DeleteServiceNetwork',
    'CreateService', 'UpdateService', 'DeleteService',
    'CreateListener', 'UpdateListener', 'DeleteListener',
    'CreateRule', 'UpdateRule', 'DeleteRule',
    'CreateTargetGroup', 'UpdateTargetGroup', 'DeleteTargetGroup',
    'RegisterTargets', 'DeregisterTargets',
    'CreateServiceNetworkServiceAssociation', 'DeleteServiceNetworkServiceAssociation',
    'CreateServiceNetworkVpcAssociation', 'UpdateServiceNetworkVpcAssociation', 'DeleteServiceNetworkVpcAssociation',
    'CreateServiceNetworkResourceAssociation', 'DeleteServiceNetworkResourceAssociation',
    'CreateResourceGateway', 'UpdateResourceGateway', 'DeleteResourceGateway',
    'CreateResourceConfiguration', 'UpdateResourceConfiguration', 'DeleteResourceConfiguration',
    'PutAuthPolicy', 'DeleteAuthPolicy',
    'CreateAccessLogSubscription', 'UpdateAccessLogSubscription', 'DeleteAccessLogSubscription',
    'TagResource', 'UntagResource',
  ],
  ec2: ['CreateVpcEndpoint', 'DeleteVpcEndpoints'],
  iam: ['CreateRole', 'UpdateRole', 'UpdateAssumeRolePolicy', 'DeleteRole', 'TagRole', 'UntagRole', 'PutRolePolicy', 'DeleteRolePolicy'],
} as const;

/** A slice as a ServiceModel, which is what the models' validator takes. */
export function sliceAsModel(slice: ModelSlice): ServiceModel {
  return { metadata: { apiVersion: '', endpointPrefix: '', protocol: 'rest-json', serviceId: '' }, operations: {}, shapes: slice.shapes, paginators: {} };
}

/**
 * The model's shape for a spec path of a kind's create call (`['config', 'port']`), so a form
 * can read its type, enum, range and pattern from the model. Array indexes step into lists.
 */
export function shapeAt(model: keyof typeof MODEL_SHAPES, inputShape: string, path: readonly (string | number)[]): ServiceModel['shapes'][string] | undefined {
  const shapes = MODEL_SHAPES[model].shapes;
  let shape: ServiceModel['shapes'][string] | undefined = shapes[inputShape];
  for (const part of path) {
    if (!shape) return undefined;
    if (typeof part === 'number') {
      shape = shape.member ? shapes[shape.member.shape] : undefined;
      continue;
    }
    if (shape.type === 'list' && shape.member) shape = shapes[shape.member.shape];
    const member = shape?.members?.[part];
    shape = member ? shapes[member.shape] : undefined;
  }
  return shape;
}

/** A constraint in words for a form hint: "3–40 characters", "1–65535", "one of HTTP, HTTPS". */
export function describeConstraint(shape: ServiceModel['shapes'][string] | undefined): string | undefined {
  if (!shape) return undefined;
  if (shape.enum) return `one of ${shape.enum.join(', ')}`;
  if (shape.type === 'string' && (shape.min !== undefined || shape.max !== undefined)) {
    if (shape.min !== undefined && shape.max !== undefined) return `${shape.min}–${shape.max} characters`;
    return shape.max !== undefined ? `up to ${shape.max} characters` : `at least ${shape.min} characters`;
  }
  if ((shape.type === 'integer' || shape.type === 'long') && (shape.min !== undefined || shape.max !== undefined)) return `${shape.min ?? '…'}–${shape.max ?? '…'}`;
  if (shape.type === 'list' && shape.max !== undefined) return `at most ${shape.max}`;
  return undefined;
}
