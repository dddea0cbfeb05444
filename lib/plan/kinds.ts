// What the plan engine knows about each kind beyond DESIGN_KIND_INFO: how its calls name the
// live resource, how its inputs depart from its spec, what the API refuses to change in place,
// and how a person reads it and what deleting it breaks. Kept here, not in lib/topology/design,
// because only planning needs it; planDiff itself stays free of kind-specific branches.
import type { FieldChange, Json, JsonObject } from '@/lib/topology';
import { parseArn } from '@/lib/topology';
import { DESIGN_KIND_INFO, destinationType, recordName, type DesignKind, type DesignRecord, type KeyResolver } from '@/lib/topology/design';
import type { InputRef, OperationAction } from './types';

/** What a kind's create input is built from, for kinds whose input is not their spec. */
export interface CreateInputContext {
  record: DesignRecord;
  /** The normalized spec, references not yet resolved. */
  spec: JsonObject;
  /** Resolves a reference to a live ARN or to the operation that creates it (and depends on it). */
  reference: (value: string) => string | InputRef;
  /** A record of the design, by id or ARN. */
  designRecordOf: (ref: string) => DesignRecord | undefined;
}

/** What a consequence sentence may say about a resource that is deleted or replaced. */
export interface ConsequenceContext {
  live: DesignRecord;
  replace: boolean;
  /** ` Replaced because …` when it is replaced for a reason, else empty. */
  because: string;
  /** ` It leaves RAM share …` when it is shared, else empty. */
  shareText: string;
  /** How many live children of these kinds it has. */
  children: (kinds: DesignKind[]) => number;
  /** The name of what a reference names, as the live estate knows it. */
  nameOf: (ref: unknown) => string;
  /** A field of the record a reference names: as the design sets it, else as it is live. */
  fieldOf: (ref: string, field: string) => Json | undefined;
}

export interface PlanKindInfo {
  actions: { create: OperationAction; update: OperationAction; delete: OperationAction };
  /** The members of the update and delete inputs that name the live resource. */
  identity: (live: DesignRecord, liveById: ReadonlyMap<string, DesignRecord>) => JsonObject;
  /** The delete input, when it says more than the identity. */
  deleteInput?: (live: DesignRecord, identity: JsonObject) => JsonObject;
  /** The create input, when it is not the spec with references resolved. */
  createInput?: (resolved: JsonObject, c: CreateInputContext) => JsonObject;
  /** Spec fields sent as the design wrote them rather than normalized. */
  verbatimFields?: readonly string[];
  /** Fills members the update call requires even when they did not change. */
  completeUpdateInput?: (input: JsonObject, resolved: JsonObject) => void;
  /** Why a change the update call accepts must still be made by replacing the resource. */
  forcedReplacement?: (changes: readonly FieldChange[]) => string | undefined;
  /** Whether creating `desired` must wait for `gone` to be deleted first. */
  createWaitsForDeleteOf?: (desired: DesignRecord, gone: DesignRecord) => boolean;
  /** The create input member that carries the idempotency token, when the call has one. */
  createTokenField?: string;
  /** For people; `nameOf` names what a reference points to. */
  label: (spec: JsonObject, nameOf: (ref: unknown) => string) => string;
  /** What deleting (or replacing) it breaks, in a sentence. */
  consequence: (c: ConsequenceContext) => string;
  /** Tag calls of kinds not tagged through TagResource / UntagResource by ARN (IAM). */
  tagging?: {
    tag: (identity: JsonObject, tags: Record<string, string>) => { call: string; input: JsonObject };
    untag: (identity: JsonObject, keys: string[]) => { call: string; input: JsonObject };
  };
}

/** IAM's tag list. */
export const iamTags = (tags: Record<string, string>): Json[] => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/** A role's name from what names it: a record of the design or the live estate, or its ARN (`…:role/path/name`). */
export function roleNameOf(ref: unknown, recordOf: (ref: string) => DesignRecord | undefined): string {
  if (typeof ref !== 'string') return '';
  const r = recordOf(ref);
  if (r && typeof r.spec.RoleName === 'string') return r.spec.RoleName;
  return ref.startsWith('arn:') ? ref.slice(ref.lastIndexOf('/') + 1) : ref;
}

/** The ARN a role will have: IAM makes it from the account, path and name, so it is known before the role exists. */
export function roleArnOf(r: Pick<DesignRecord, 'account' | 'spec'>, partition = 'aws'): string {
  const path = typeof r.spec.Path === 'string' && r.spec.Path ? r.spec.Path : '/';
  return `arn:${partition}:iam::${r.account}:role${path}${String(r.spec.RoleName ?? '')}`;
}

const CRUD = { create: 'create', update: 'update', delete: 'delete' } as const;
const ASSOCIATION_ACTIONS = { create: 'associate', update: 'update', delete: 'disassociate' } as const;

const byIdentifier = (member: string) => (live: DesignRecord): JsonObject => ({ [member]: live.arn ?? live.id });

const nameLabel = (kind: DesignKind) => (spec: JsonObject) => `${DESIGN_KIND_INFO[kind].label.toLowerCase()} ${typeof spec.name === 'string' ? spec.name : ''}`;
const nameOf = (spec: JsonObject) => (typeof spec.name === 'string' ? spec.name : '');

export function targetOf(r: DesignRecord): JsonObject {
  const out: JsonObject = { id: r.spec.id as string };
  if (typeof r.spec.port === 'number') out.port = r.spec.port;
  return out;
}

export const PLAN_KIND_INFO: Record<DesignKind, PlanKindInfo> = {
  serviceNetwork: {
    actions: CRUD,
    identity: byIdentifier('serviceNetworkIdentifier'),
    // UpdateServiceNetwork requires authType even when only something else changed.
    completeUpdateInput: (input, resolved) => {
      if (input.authType === undefined) input.authType = resolved.authType ?? 'NONE';
    },
    createTokenField: 'clientToken',
    label: nameLabel('serviceNetwork'),
    consequence: (c) => `${c.replace ? 'A replaced service network gets a new ARN: ' : ''}VPCs and services associated with it lose connectivity through it.${c.shareText}${c.because}`,
  },
  service: {
    actions: CRUD,
    identity: byIdentifier('serviceIdentifier'),
    createTokenField: 'clientToken',
    label: nameLabel('service'),
    consequence: (c) => {
      if (c.replace) return `A replaced service gets a new ARN and DNS name: clients using the old name fail, and it loses its shares.${c.shareText}${c.because}`;
      const n = c.children(['listener']);
      return `Clients can no longer reach it; its ${n} listener${n === 1 ? '' : 's'}, rules, auth policy and access logs are deleted with it.${c.shareText}`;
    },
  },
  listener: {
    actions: CRUD,
    identity: (l) => ({ serviceIdentifier: l.spec.serviceIdentifier as string, listenerIdentifier: l.arn ?? l.id }),
    createTokenField: 'clientToken',
    label: (s, name) => `listener ${nameOf(s)} of ${name(s.serviceIdentifier)}`,
    consequence: (c) => `Traffic on port ${String(c.live.spec.port ?? '?')} stops; its rules are deleted with it.${c.because}`,
  },
  rule: {
    actions: CRUD,
    identity: (l, liveById) => {
      const listener = liveById.get(String(l.spec.listenerIdentifier));
      return { serviceIdentifier: String(listener?.spec.serviceIdentifier ?? ''), listenerIdentifier: l.spec.listenerIdentifier as string, ruleIdentifier: l.arn ?? l.id };
    },
    // CreateRule names the service as well as the listener; the design holds only the listener.
    createInput: (input, c) => {
      const service = c.designRecordOf(String(c.record.spec.listenerIdentifier))?.spec.serviceIdentifier;
      return typeof service === 'string' ? { serviceIdentifier: c.reference(service) as Json, ...input } : input;
    },
    createTokenField: 'clientToken',
    label: (s, name) => `rule ${nameOf(s)} of ${name(s.listenerIdentifier)}`,
    consequence: (c) => `Requests it matched fall through to the listener's default action.${c.because}`,
  },
  targetGroup: {
    actions: CRUD,
    identity: byIdentifier('targetGroupIdentifier'),
    createTokenField: 'clientToken',
    label: nameLabel('targetGroup'),
    consequence: (c) => `Its targets are deregistered and traffic forwarded to it stops.${c.because}`,
  },
  target: {
    actions: ASSOCIATION_ACTIONS,
    identity: (l) => ({ targetGroupIdentifier: l.spec.targetGroupIdentifier as string }),
    // A target is registered and deregistered as a one-element list of its group.
    deleteInput: (l, identity) => ({ ...identity, targets: [targetOf(l)] }),
    createInput: (input, c) => ({ targetGroupIdentifier: input.targetGroupIdentifier, targets: [targetOf({ ...c.record, spec: c.spec })] }),
    label: (s, name) => `target ${String(s.id)}${s.port !== undefined ? `:${String(s.port)}` : ''} of ${name(s.targetGroupIdentifier)}`,
    consequence: () => 'The target stops receiving traffic.',
  },
  resourceGateway: {
    actions: CRUD,
    identity: byIdentifier('resourceGatewayIdentifier'),
    createTokenField: 'clientToken',
    label: nameLabel('resourceGateway'),
    consequence: (c) => `Resource configurations behind it become unreachable.${c.because}`,
  },
  resourceConfiguration: {
    actions: CRUD,
    identity: byIdentifier('resourceConfigurationIdentifier'),
    createTokenField: 'clientToken',
    label: nameLabel('resourceConfiguration'),
    consequence: (c) => `Clients lose access to the resource.${c.shareText}${c.because}`,
  },
  serviceNetworkServiceAssociation: {
    actions: ASSOCIATION_ACTIONS,
    identity: byIdentifier('serviceNetworkServiceAssociationIdentifier'),
    createTokenField: 'clientToken',
    label: (s, name) => `service association ${name(s.serviceNetworkIdentifier)} ↔ ${name(s.serviceIdentifier)}`,
    consequence: (c) => `Clients in the network's VPCs can no longer reach ${c.nameOf(c.live.spec.serviceIdentifier)}.`,
  },
  serviceNetworkVpcAssociation: {
    actions: ASSOCIATION_ACTIONS,
    identity: byIdentifier('serviceNetworkVpcAssociationIdentifier'),
    // UpdateServiceNetworkVpcAssociation requires the security groups even when unchanged.
    completeUpdateInput: (input, resolved) => {
      if (input.securityGroupIds === undefined) input.securityGroupIds = resolved.securityGroupIds ?? [];
    },
    // Lattice cannot remove every security group from a VPC association: it is recreated.
    forcedReplacement: (changes) => {
      const sg = changes.find((c) => c.path === 'securityGroupIds');
      return sg && Array.isArray(sg.before) && sg.before.length && Array.isArray(sg.after) && !sg.after.length ? 'its security groups cannot all be removed in place' : undefined;
    },
    // A VPC leaves one service network before it joins another (no create during a disassociation).
    createWaitsForDeleteOf: (desired, gone) => gone.kind === 'serviceNetworkVpcAssociation' && gone.spec.vpcIdentifier === desired.spec.vpcIdentifier && gone.account === desired.account,
    createTokenField: 'clientToken',
    label: (s, name) => `VPC association ${name(s.serviceNetworkIdentifier)} ↔ ${String(s.vpcIdentifier)}`,
    consequence: (c) => `Workloads in ${String(c.live.spec.vpcIdentifier)} can no longer reach the network's services.${c.because}`,
  },
  serviceNetworkResourceAssociation: {
    actions: ASSOCIATION_ACTIONS,
    identity: byIdentifier('serviceNetworkResourceAssociationIdentifier'),
    createTokenField: 'clientToken',
    label: (s, name) => `resource association ${name(s.serviceNetworkIdentifier)} ↔ ${name(s.resourceConfigurationIdentifier)}`,
    consequence: (c) => `Clients in the network can no longer reach ${c.nameOf(c.live.spec.resourceConfigurationIdentifier)}.`,
  },
  serviceNetworkVpcEndpoint: {
    actions: CRUD,
    // An EC2 call: endpoints are named by id, in a list.
    identity: (l) => {
      const arn = l.arn ?? l.id;
      return { VpcEndpointIds: [parseArn(arn)?.resourceId ?? arn] };
    },
    createInput: (input) => ({ VpcEndpointType: 'ServiceNetwork', ...input }),
    createTokenField: 'ClientToken',
    label: (s, name) => `VPC endpoint in ${String(s.VpcId)} to ${name(s.ServiceNetworkArn)}`,
    consequence: (c) => `${String(c.live.spec.VpcId)} loses its path to the service network.`,
  },
  authPolicy: {
    actions: { create: 'putPolicy', update: 'putPolicy', delete: 'deletePolicy' },
    identity: (l) => ({ resourceIdentifier: l.spec.resourceIdentifier as string }),
    // The policy document goes out as the user wrote it.
    verbatimFields: ['policy'],
    label: (s, name) => `auth policy of ${name(s.resourceIdentifier)}`,
    consequence: (c) =>
      c.fieldOf(String(c.live.spec.resourceIdentifier), 'authType') === 'AWS_IAM'
        ? 'With AWS_IAM and no auth policy, every request is denied.'
        : 'The resource uses auth type NONE: no request changes fate.',
  },
  accessLogSubscription: {
    actions: CRUD,
    identity: byIdentifier('accessLogSubscriptionIdentifier'),
    createTokenField: 'clientToken',
    label: (s, name) => `access logs of ${name(s.resourceIdentifier)} to ${destinationType(String(s.destinationArn ?? ''))}`,
    consequence: () => 'Access logs stop flowing to the destination.',
  },
  iamRole: {
    actions: CRUD,
    identity: (l) => ({ RoleName: l.spec.RoleName as string }),
    // The trust policy goes out as the user wrote it.
    verbatimFields: ['AssumeRolePolicyDocument'],
    tagging: {
      tag: (identity, tags) => ({ call: 'TagRole', input: { ...identity, Tags: iamTags(tags) } }),
      untag: (identity, keys) => ({ call: 'UntagRole', input: { ...identity, TagKeys: keys } }),
    },
    label: (s) => `IAM role ${String(s.RoleName ?? '')}`,
    consequence: (c) =>
      c.replace
        ? `A replaced role gets a new unique id: policies that name it (auth policies, trust policies) stop matching it until they are saved again, and sessions of the old role end.${c.because}`
        : 'Workloads that assume it lose their identity and every request they sign; its inline policies are deleted and its managed policies detached with it.',
  },
  iamRolePolicy: {
    actions: { create: 'putPolicy', update: 'putPolicy', delete: 'deletePolicy' },
    identity: (l, liveById) => ({ RoleName: roleNameOf(l.spec.RoleName, (ref) => liveById.get(ref)), PolicyName: l.spec.PolicyName as string }),
    // PutRolePolicy names the role by name, not ARN; the name is the design's, so it is known before the role exists.
    createInput: (input, c) => ({ ...input, RoleName: roleNameOf(c.record.spec.RoleName, c.designRecordOf) }),
    completeUpdateInput: (input, resolved) => {
      if (input.PolicyDocument === undefined) input.PolicyDocument = resolved.PolicyDocument;
    },
    verbatimFields: ['PolicyDocument'],
    label: (s, name) => `policy ${String(s.PolicyName ?? '')} of role ${name(s.RoleName)}`,
    consequence: (c) => `The role ${c.nameOf(c.live.spec.RoleName)} loses what the policy allowed.`,
  },
};

/** The name of what a reference points to: its record's name, else the ARN's resource id. */
export function nameOfRef(ref: unknown, resolver: KeyResolver): string {
  if (typeof ref !== 'string') return '?';
  const r = resolver.recordOf(ref);
  if (!r) return parseArn(ref)?.resourceId ?? ref;
  return recordName(r) || r.id;
}

export function labelOfRecord(r: DesignRecord, resolver: KeyResolver): string {
  return PLAN_KIND_INFO[r.kind].label(r.spec, (ref) => nameOfRef(ref, resolver));
}
