// The slice of the AWS service models the designer validates against: the input shapes of
// the calls a plan makes, and every shape they reach. It is generated from
// lib/models by `tsx lib/topology/design/generate-model-shapes.ts` (a test checks
// that it is current), so the browser validates with the same constraints as the API.
import { describeShape, type ServiceModel } from '@/lib/models';
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

/**
 * Every constraint of a field in words, generated from its model shape (lengths, ranges,
 * enums, the pattern phrased construct by construct): "3–40 characters: lowercase letters,
 * digits and hyphens; must not start with `svc-` …".
 */
export function describeConstraint(shape: ServiceModel['shapes'][string] | undefined): string | undefined {
  return describeShape(shape);
}

/** A model rule broken by a value, as a sentence naming what the field takes instead of the raw pattern. */
export function plainRule(rule: string, shape: ServiceModel['shapes'][string] | undefined): string {
  if (rule === 'Member must not be null') return 'Required: this field must be set';
  const words = describeShape(shape);
  if (!words || !/^Member must (satisfy regular expression pattern|have length)/.test(rule)) return rule;
  return mustBe(words);
}

/** A constraint sentence as a rule: "Must be 3–40 characters: …", "Must contain …". */
export function mustBe(words: string): string {
  return /^(must|either|empty)/.test(words) ? `${words[0].toUpperCase()}${words.slice(1)}` : `Must be ${words}`;
}
