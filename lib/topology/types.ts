import type { EdgeKind, ResourceKind } from './kinds';

/** A JSON value: descriptions are kept exactly as the API returned them, dates as ISO strings. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface TopologyNode {
  /** The resource's ARN; for things without one (targets, principals) a stable key built from their parent. */
  id: string;
  kind: ResourceKind;
  /** The owning account (from the ARN), or '' when the owner is not known. */
  account: string;
  region: string;
  name: string;
  /** The API's own status word (ACTIVE, CREATE_IN_PROGRESS, HEALTHY, available, PENDING…). */
  status: string;
  /** The short resource id (sn-…, svc-…, vpc-…) where the API has one. */
  resourceId?: string;
  /** The node that contains this one: listener → service, rule → listener, target → target group, subnet → VPC. */
  parent?: string;
  tags: Record<string, string>;
  /** Accounts whose discovery saw this resource: the owner and every consumer it is shared with. */
  seenBy: string[];
  /**
   * True for a node known only from a reference (an association naming a VPC or service in an
   * account Trellis does not read). It carries what the reference said and nothing more.
   */
  external?: boolean;
  /** Every field the API returned, merged from the list summary and the detail call. */
  description: JsonObject;
  /** Auth policy (Lattice GetAuthPolicy), parsed when it is JSON. */
  authPolicy?: { state?: string; policy: Json };
  /**
   * Resource policy, parsed when it is JSON: Lattice GetResourcePolicy, or a Lambda function's
   * policy (GetPolicy; null when the function has none). Absent when it was not read.
   */
  resourcePolicy?: Json;
  /** An IAM role's trust policy (who may assume it). */
  trustPolicy?: Json;
  /** An IAM role's identity policies, inline and attached; absent when they were not read. */
  identityPolicies?: IdentityPolicy[];
}

/** One identity policy of a role: inline (by name) or managed (by ARN), its document parsed. */
export interface IdentityPolicy {
  name: string;
  kind: 'inline' | 'managed';
  /** The managed policy's ARN. */
  arn?: string;
  /** The document (the default version of a managed policy); null when it could not be read. */
  policy: Json;
}

export interface TopologyEdge {
  /** The association's ARN when the link is an AWS resource, otherwise `kind:source->target`. */
  id: string;
  kind: EdgeKind;
  source: string;
  target: string;
  /** Account that made the link (association `createdBy`), when the API says. */
  account?: string;
  status?: string;
  /** Weight of a forward action. */
  weight?: number;
  description?: JsonObject;
}

export interface DiscoveryError {
  account: string;
  region: string;
  /** A readable message: the AWS error code and text, never a stack trace. */
  message: string;
  /** The AWS error name (AccessDenied, ThrottlingException, …) when there is one. */
  code?: string;
  /** The operation that failed, when the failure is narrower than the whole account. */
  operation?: string;
}

export interface Topology {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  errors: DiscoveryError[];
  /** ISO time at which discovery finished. */
  discoveredAt?: string;
  /**
   * Kinds a fast discovery left for later (the first view reads only what the graph needs):
   * their absence means "not read yet", not "none". Absent when everything was read.
   */
  deferred?: DeferredKind[];
}

/** Kinds only the details panel and later work need, which a fast discovery may leave for later. */
export const DEFERRED_KINDS = ['accessLogSubscription'] as const;
export type DeferredKind = (typeof DEFERRED_KINDS)[number];

export function emptyTopology(): Topology {
  return { nodes: [], edges: [], errors: [] };
}
