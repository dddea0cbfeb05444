// A Plan is data: the operations that turn the live estate into a design, in an order that
// respects what depends on what, with the live state they were computed from. It is saved
// before it runs, so it can be reviewed, approved, applied, resumed and audited.
import type { FieldChange, Json, JsonObject } from '@/lib/topology';
import type { DesignKind } from '@/lib/topology/design';

export const OPERATION_ACTIONS = ['create', 'update', 'delete', 'associate', 'disassociate', 'putPolicy', 'deletePolicy'] as const;
export type OperationAction = (typeof OPERATION_ACTIONS)[number];

/** A value of an operation's input that is only known once another operation has run. */
export interface InputRef {
  $ref: string;
  /** `arn` (every Lattice identifier takes one) or `id`. */
  attr: 'arn' | 'id';
}

export interface PlanOperation {
  /** `op-001`…, unique in the plan; with the plan id it makes the operation's clientToken. */
  id: string;
  action: OperationAction;
  /** One half (the delete or the create) of replacing a resource. */
  replacement?: boolean;
  kind: DesignKind | 'resourceShare';
  /** The natural key of the resource (see lib/topology/design/keys.ts). */
  key: string;
  /** For people: `service orders`, `listener https-443 of orders`. */
  label: string;
  /** The design record the operation comes from, when there is one. */
  recordId?: string;
  /** The live resource's ARN, for operations on something that exists. */
  arn?: string;
  account: string;
  region: string;
  service: 'vpc-lattice' | 'ec2' | 'ram' | 'iam';
  /** The SDK operation, as the model names it. */
  call: string;
  /** The call's input; `{ $ref, attr }` objects are filled in when the operation runs. */
  input: JsonObject;
  /** Ids of operations that must succeed first. */
  dependsOn: string[];
  /** Fields changed, before → after (absent before = added, absent after = removed). */
  changes: FieldChange[];
  /** What a destructive operation breaks or loses, in a sentence. */
  consequence?: string;
  /** After the call, wait until the resource is ACTIVE, or gone. */
  waitFor?: 'active' | 'gone';
  /** The input member that carries the idempotency token, when the call has one. */
  tokenField?: string;
}

/**
 * The live state a plan was computed from: per natural key, the resource as the plan read it
 * (its spec as read and its tags; for a RAM share, its status, principals and resources), or
 * null where nothing had the key. Apply reads the estate again and refuses the plan when any
 * state moved. States are compared as they are, so computing a plan hashes nothing. Kept as
 * [key, state] pairs: an estate's keys as the members of one object would each be interned.
 */
export interface Fingerprint {
  states: [key: string, state: Json | null][];
}

/**
 * A fingerprint as plans were stored before states were compared directly: one hash of each
 * state (`absent` where nothing had the key), a digest of them all, and the states beside.
 * Still read, so a plan stored then can be applied.
 */
export interface HashedFingerprint {
  digest: string;
  entries: Record<string, string>;
  states?: Record<string, Json>;
}

/** A fingerprint as a saved plan holds it. */
export type StoredFingerprint = Fingerprint | HashedFingerprint;

export interface PlanSummary {
  create: number;
  update: number;
  replace: number;
  delete: number;
  associate: number;
  disassociate: number;
  putPolicy: number;
  deletePolicy: number;
  /** Auth policies put where there was none: additions (plans stored before this count lack it). */
  addPolicy?: number;
}

export interface ComputedPlan {
  operations: PlanOperation[];
  fingerprint: Fingerprint;
  /** Accounts the operations act in: the apply locks each. */
  accounts: string[];
  regions: string[];
  summary: PlanSummary;
  /** What the plan cannot fix but the user should know (a delete another account's association will block…). */
  warnings: string[];
  /** Live ARNs and ids of resources the operations refer to, by key (filled into inputs at apply). */
  known: Record<string, { arn: string; id?: string }>;
}

export type { Json, JsonObject };
