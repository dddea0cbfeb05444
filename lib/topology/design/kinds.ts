// What the designer and the plan engine know about each kind of record: its API calls,
// which fields name other records, how the API fills fields left out, and which fields
// an update call can change (read from the model: the update call's input members).
import type { JsonObject } from '../types';
import { MODEL_SHAPES } from './model-shapes';
import type { DesignKind, DesignRecord } from './types';

export interface RefField {
  /** Where in the spec: `serviceIdentifier`, `defaultAction.forward.targetGroups[].targetGroupIdentifier`. */
  path: string;
  kinds: readonly DesignKind[];
  /** The referenced record contains this one: deleting it deletes this one too. */
  parent?: boolean;
  /** Must be set (the API requires it, or the kind makes no sense without it). */
  required?: boolean;
}

/** The service models a design's calls come from. */
export type DesignModel = 'vpc-lattice' | 'ec2' | 'iam';

/** IAM is global: its records carry this instead of a Region, as the account owns them alone. */
export const GLOBAL_REGION = 'global';

export interface DesignKindInfo {
  kind: DesignKind;
  label: string;
  model: DesignModel;
  create: string;
  /** The call that changes the resource in place, when there is one. */
  update?: string;
  delete: string;
  refs: readonly RefField[];
  /** Fields compared whole; other object fields are compared only where the design sets them. */
  exact: readonly string[];
  /** Goes through CREATE_IN_PROGRESS → ACTIVE, so apply waits for it. */
  lifecycle: boolean;
  taggable: boolean;
  /** Drawn as its own box on the designer canvas. */
  canvas: boolean;
  /** Where an update call's member lives in the spec, when not at the top (target group health checks). */
  updatePaths?: Record<string, string>;
  /** Members of the update call that name the resource rather than change it (besides `…Identifier`). */
  identifiers?: readonly string[];
  /** Fields changed in place by a call of their own (IAM's trust policy): the call and its member. */
  fieldUpdates?: Record<string, { call: string; member: string }>;
  /** Belongs to the account, not to a Region (IAM): the record's region is GLOBAL_REGION. */
  global?: boolean;
  /** Tags go in the create call as IAM's `Tags: [{ Key, Value }]` list rather than a map. */
  tagList?: boolean;
}

const TG = ['targetGroup'] as const;

/** The kinds a design holds in IAM (global, per account). */
export const IAM_DESIGN_KINDS = ['iamRole', 'iamRolePolicy'] as const satisfies readonly DesignKind[];
export type IamDesignKind = (typeof IAM_DESIGN_KINDS)[number];
export const isIamKind = (kind: string): kind is IamDesignKind => (IAM_DESIGN_KINDS as readonly string[]).includes(kind);

export const DESIGN_KIND_INFO: Record<DesignKind, DesignKindInfo> = {
  serviceNetwork: {
    kind: 'serviceNetwork', label: 'Service network', model: 'vpc-lattice',
    create: 'CreateServiceNetwork', update: 'UpdateServiceNetwork', delete: 'DeleteServiceNetwork',
    refs: [], exact: [], lifecycle: false, taggable: true, canvas: true,
  },
  service: {
    kind: 'service', label: 'Service', model: 'vpc-lattice',
    create: 'CreateService', update: 'UpdateService', delete: 'DeleteService',
    refs: [], exact: [], lifecycle: true, taggable: true, canvas: true,
  },
  listener: {
    kind: 'listener', label: 'Listener', model: 'vpc-lattice',
    create: 'CreateListener', update: 'UpdateListener', delete: 'DeleteListener',
    refs: [
      { path: 'serviceIdentifier', kinds: ['service'], parent: true, required: true },
      { path: 'defaultAction.forward.targetGroups[].targetGroupIdentifier', kinds: TG, required: true },
    ],
    exact: ['defaultAction'], lifecycle: false, taggable: false, canvas: false,
  },
  rule: {
    kind: 'rule', label: 'Rule', model: 'vpc-lattice',
    create: 'CreateRule', update: 'UpdateRule', delete: 'DeleteRule',
    refs: [
      { path: 'listenerIdentifier', kinds: ['listener'], parent: true, required: true },
      { path: 'action.forward.targetGroups[].targetGroupIdentifier', kinds: TG, required: true },
    ],
    exact: ['match', 'action'], lifecycle: false, taggable: false, canvas: false,
  },
  targetGroup: {
    kind: 'targetGroup', label: 'Target group', model: 'vpc-lattice',
    create: 'CreateTargetGroup', update: 'UpdateTargetGroup', delete: 'DeleteTargetGroup',
    refs: [], exact: [], lifecycle: true, taggable: true, canvas: true, updatePaths: { healthCheck: 'config.healthCheck' },
  },
  target: {
    kind: 'target', label: 'Target', model: 'vpc-lattice',
    create: 'RegisterTargets', delete: 'DeregisterTargets',
    refs: [{ path: 'targetGroupIdentifier', kinds: TG, parent: true, required: true }],
    exact: [], lifecycle: false, taggable: false, canvas: false,
  },
  resourceGateway: {
    kind: 'resourceGateway', label: 'Resource gateway', model: 'vpc-lattice',
    create: 'CreateResourceGateway', update: 'UpdateResourceGateway', delete: 'DeleteResourceGateway',
    refs: [], exact: ['subnetIds', 'securityGroupIds'], lifecycle: true, taggable: true, canvas: true,
  },
  resourceConfiguration: {
    kind: 'resourceConfiguration', label: 'Resource configuration', model: 'vpc-lattice',
    create: 'CreateResourceConfiguration', update: 'UpdateResourceConfiguration', delete: 'DeleteResourceConfiguration',
    refs: [
      { path: 'resourceGatewayIdentifier', kinds: ['resourceGateway'] },
      { path: 'resourceConfigurationGroupIdentifier', kinds: ['resourceConfiguration'] },
    ],
    exact: ['portRanges', 'resourceConfigurationDefinition'], lifecycle: true, taggable: true, canvas: true,
  },
  serviceNetworkServiceAssociation: {
    kind: 'serviceNetworkServiceAssociation', label: 'Service association', model: 'vpc-lattice',
    create: 'CreateServiceNetworkServiceAssociation', delete: 'DeleteServiceNetworkServiceAssociation',
    refs: [
      { path: 'serviceNetworkIdentifier', kinds: ['serviceNetwork'], required: true },
      { path: 'serviceIdentifier', kinds: ['service'], required: true },
    ],
    exact: [], lifecycle: true, taggable: false, canvas: false,
  },
  serviceNetworkVpcAssociation: {
    kind: 'serviceNetworkVpcAssociation', label: 'VPC association', model: 'vpc-lattice',
    create: 'CreateServiceNetworkVpcAssociation', update: 'UpdateServiceNetworkVpcAssociation', delete: 'DeleteServiceNetworkVpcAssociation',
    refs: [{ path: 'serviceNetworkIdentifier', kinds: ['serviceNetwork'], required: true }],
    exact: ['securityGroupIds'], lifecycle: true, taggable: false, canvas: false,
  },
  serviceNetworkResourceAssociation: {
    kind: 'serviceNetworkResourceAssociation', label: 'Resource association', model: 'vpc-lattice',
    create: 'CreateServiceNetworkResourceAssociation', delete: 'DeleteServiceNetworkResourceAssociation',
    refs: [
      { path: 'serviceNetworkIdentifier', kinds: ['serviceNetwork'], required: true },
      { path: 'resourceConfigurationIdentifier', kinds: ['resourceConfiguration'], required: true },
    ],
    exact: [], lifecycle: true, taggable: false, canvas: false,
  },
  serviceNetworkVpcEndpoint: {
    kind: 'serviceNetworkVpcEndpoint', label: 'Service-network VPC endpoint', model: 'ec2',
    create: 'CreateVpcEndpoint', delete: 'DeleteVpcEndpoints',
    refs: [{ path: 'ServiceNetworkArn', kinds: ['serviceNetwork'], required: true }],
    exact: ['SubnetIds', 'SecurityGroupIds'], lifecycle: true, taggable: false, canvas: true,
  },
  authPolicy: {
    kind: 'authPolicy', label: 'Auth policy', model: 'vpc-lattice',
    create: 'PutAuthPolicy', update: 'PutAuthPolicy', delete: 'DeleteAuthPolicy',
    refs: [{ path: 'resourceIdentifier', kinds: ['serviceNetwork', 'service'], parent: true, required: true }],
    exact: ['policy'], lifecycle: false, taggable: false, canvas: false,
  },
  accessLogSubscription: {
    kind: 'accessLogSubscription', label: 'Access log subscription', model: 'vpc-lattice',
    create: 'CreateAccessLogSubscription', update: 'UpdateAccessLogSubscription', delete: 'DeleteAccessLogSubscription',
    refs: [{ path: 'resourceIdentifier', kinds: ['serviceNetwork', 'service'], parent: true, required: true }],
    exact: [], lifecycle: false, taggable: false, canvas: false,
  },
  iamRole: {
    kind: 'iamRole', label: 'IAM role', model: 'iam',
    create: 'CreateRole', update: 'UpdateRole', delete: 'DeleteRole',
    refs: [], exact: [], lifecycle: false, taggable: true, canvas: true,
    identifiers: ['RoleName'], fieldUpdates: { AssumeRolePolicyDocument: { call: 'UpdateAssumeRolePolicy', member: 'PolicyDocument' } }, global: true, tagList: true,
  },
  iamRolePolicy: {
    kind: 'iamRolePolicy', label: 'Role policy', model: 'iam',
    create: 'PutRolePolicy', update: 'PutRolePolicy', delete: 'DeleteRolePolicy',
    refs: [{ path: 'RoleName', kinds: ['iamRole'], parent: true, required: true }],
    exact: [], lifecycle: false, taggable: false, canvas: false,
    identifiers: ['RoleName', 'PolicyName'], global: true,
  },
};

/** The input shape of a call, from the model slice. */
export function inputShapeOf(info: DesignKindInfo, call: string): string | undefined {
  return MODEL_SHAPES[info.model].inputs[call];
}

/**
 * Spec paths an update call changes in place: the members of its input shape (identifiers
 * aside). A change anywhere else can only be made by replacing the resource.
 */
export function updatableFields(kind: DesignKind): ReadonlySet<string> {
  const cached = updatableCache.get(kind);
  if (cached) return cached;
  const info = DESIGN_KIND_INFO[kind];
  const fields = new Set<string>();
  if (info.update) {
    const slice = MODEL_SHAPES[info.model];
    const shape = slice.shapes[slice.inputs[info.update]];
    for (const name of Object.keys(shape?.members ?? {})) {
      if (!name.endsWith('Identifier') && !info.identifiers?.includes(name)) fields.add(info.updatePaths?.[name] ?? name);
    }
  }
  for (const field of Object.keys(info.fieldUpdates ?? {})) fields.add(field);
  updatableCache.set(kind, fields);
  return fields;
}
const updatableCache = new Map<DesignKind, ReadonlySet<string>>();

/** The record that contains this one, through its parent reference. */
export function parentRefOf(kind: DesignKind): RefField | undefined {
  if (!parentRefCache.has(kind)) parentRefCache.set(kind, DESIGN_KIND_INFO[kind].refs.find((r) => r.parent));
  return parentRefCache.get(kind);
}
const parentRefCache = new Map<DesignKind, RefField | undefined>();

/** Values of a path like `a.b[].c` in a JSON object, with a setter for each. */
export function refValues(spec: JsonObject, path: string): RefSlot[] {
  const out: RefSlot[] = [];
  collectRefValues(spec as Record<string, unknown>, pathParts(path), 0, out);
  return out;
}

/** One value a reference path reaches, and where it sits (a class: plans make one per reference of an estate). */
export class RefSlot {
  constructor(
    private readonly holder: Record<string, unknown> | unknown[],
    private readonly at: string | number,
    readonly value: unknown,
  ) {}

  set(v: unknown): void {
    (this.holder as Record<string | number, unknown>)[this.at] = v;
  }
}

/**
 * The strings a reference path reaches (the string values refValues finds), pushed onto `out`
 * and returned: plans read every reference of an estate, so no slot is made per value.
 */
export function refStrings(spec: JsonObject, path: string, out: string[]): string[] {
  collectRefStrings(spec as Record<string, unknown>, pathParts(path), 0, out);
  return out;
}

function collectRefStrings(holder: Record<string, unknown>, parts: readonly PathPart[], i: number, out: string[]): void {
  const { name, isList } = parts[i];
  const value = holder[name];
  if (i === parts.length - 1) {
    if (isList) {
      if (Array.isArray(value)) for (let j = 0; j < value.length; j++) if (typeof value[j] === 'string') out.push(value[j] as string);
    } else if (typeof value === 'string') out.push(value);
    return;
  }
  if (isList) {
    if (Array.isArray(value)) for (const item of value) if (item && typeof item === 'object') collectRefStrings(item as Record<string, unknown>, parts, i + 1, out);
  } else if (value && typeof value === 'object' && !Array.isArray(value)) collectRefStrings(value as Record<string, unknown>, parts, i + 1, out);
}

/** The first value a reference path reaches (what refValues(spec, path)[0]?.value is), without collecting the rest. */
export function firstRefValue(spec: JsonObject, path: string): unknown {
  return firstAlong(spec as Record<string, unknown>, pathParts(path), 0);
}

function firstAlong(holder: Record<string, unknown>, parts: readonly PathPart[], i: number): unknown {
  const { name, isList } = parts[i];
  const value = holder[name];
  if (i === parts.length - 1) {
    if (isList) return Array.isArray(value) ? value[0] : undefined;
    return value === null ? undefined : value;
  }
  if (isList) {
    if (!Array.isArray(value)) return undefined;
    for (const item of value) {
      if (!item || typeof item !== 'object') continue;
      const found = firstAlong(item as Record<string, unknown>, parts, i + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return value && typeof value === 'object' && !Array.isArray(value) ? firstAlong(value as Record<string, unknown>, parts, i + 1) : undefined;
}

/**
 * Replaces every string a reference path reaches with `map(value)`, copying each object and
 * array on the way rather than changing them: `spec` itself must be a copy the caller owns,
 * and the rest of it stays shared with whatever it was copied from.
 */
export function mapRefStrings(spec: JsonObject, path: string, map: (value: string) => string): void {
  mapAlong(spec as Record<string, unknown>, pathParts(path), 0, map);
}

function mapAlong(holder: Record<string, unknown>, parts: readonly PathPart[], i: number, map: (value: string) => string): void {
  const { name, isList } = parts[i];
  const value = holder[name];
  // Loops rather than callbacks: this runs for every reference of every record of an estate.
  if (i === parts.length - 1) {
    if (isList) {
      if (Array.isArray(value)) {
        const out = new Array<unknown>(value.length);
        for (let j = 0; j < value.length; j++) out[j] = typeof value[j] === 'string' ? map(value[j]) : value[j];
        holder[name] = out;
      }
    } else if (typeof value === 'string') holder[name] = map(value);
    return;
  }
  if (isList) {
    if (Array.isArray(value)) {
      const out = new Array<unknown>(value.length);
      for (let j = 0; j < value.length; j++) {
        const item = value[j];
        if (!item || typeof item !== 'object' || Array.isArray(item)) out[j] = item;
        else {
          const copy = { ...(item as Record<string, unknown>) };
          mapAlong(copy, parts, i + 1, map);
          out[j] = copy;
        }
      }
      holder[name] = out;
    }
  } else if (value && typeof value === 'object' && !Array.isArray(value)) {
    const copy = { ...(value as Record<string, unknown>) };
    holder[name] = copy;
    mapAlong(copy, parts, i + 1, map);
  }
}

interface PathPart {
  name: string;
  isList: boolean;
}

/** Paths split once: the plan walks the same few paths for every record of an estate. */
const pathPartsCache = new Map<string, readonly PathPart[]>();
function pathParts(path: string): readonly PathPart[] {
  let parts = pathPartsCache.get(path);
  if (!parts) {
    parts = path.split('.').map((part) => (part.endsWith('[]') ? { name: part.slice(0, -2), isList: true } : { name: part, isList: false }));
    pathPartsCache.set(path, parts);
  }
  return parts;
}

function collectRefValues(holder: Record<string, unknown>, parts: readonly PathPart[], i: number, out: RefSlot[]): void {
  const { name, isList } = parts[i];
  const value = holder[name];
  if (i === parts.length - 1) {
    if (isList) {
      if (Array.isArray(value)) for (let j = 0; j < value.length; j++) out.push(new RefSlot(value, j, value[j]));
    } else if (value !== undefined && value !== null) out.push(new RefSlot(holder, name, value));
    return;
  }
  if (isList) {
    if (Array.isArray(value)) for (const item of value) if (item && typeof item === 'object') collectRefValues(item as Record<string, unknown>, parts, i + 1, out);
  } else if (value && typeof value === 'object' && !Array.isArray(value)) collectRefValues(value as Record<string, unknown>, parts, i + 1, out);
}

/** The name the record's own part of its key comes from. */
export function recordName(record: Pick<DesignRecord, 'kind' | 'spec'>): string {
  const s = record.spec as Record<string, unknown>;
  switch (record.kind) {
    case 'target':
      return s.port === undefined || s.port === null ? String(s.id ?? '') : `${s.id}:${s.port}`;
    case 'serviceNetworkVpcAssociation':
      return String(s.vpcIdentifier ?? '');
    case 'serviceNetworkVpcEndpoint':
      return String(s.VpcId ?? '');
    case 'accessLogSubscription':
      return destinationType(String(s.destinationArn ?? ''));
    case 'iamRole':
      return typeof s.RoleName === 'string' ? s.RoleName : '';
    case 'iamRolePolicy':
      return typeof s.PolicyName === 'string' ? s.PolicyName : '';
    default:
      return typeof s.name === 'string' ? s.name : '';
  }
}

/** `logs`, `s3` or `firehose`: Lattice allows one subscription per destination type per resource. */
export function destinationType(arn: string): string {
  return arn.split(':')[2] ?? '';
}
