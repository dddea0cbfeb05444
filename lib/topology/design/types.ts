// The design document: what a user wants the estate to be, as plain records. It is edited by
// named commands (commands.ts) that return patches, and diffed against the live Topology by
// lib/plan. React Flow renders it and never owns it.
import type { Json, JsonObject } from '../types';

export const DESIGN_KINDS = [
  'serviceNetwork',
  'service',
  'listener',
  'rule',
  'targetGroup',
  'target',
  'resourceGateway',
  'resourceConfiguration',
  'serviceNetworkServiceAssociation',
  'serviceNetworkVpcAssociation',
  'serviceNetworkResourceAssociation',
  'serviceNetworkVpcEndpoint',
  'authPolicy',
  'accessLogSubscription',
  'iamRole',
  'iamRolePolicy',
] as const;

export type DesignKind = (typeof DESIGN_KINDS)[number];

export interface Position {
  x: number;
  y: number;
}

export interface DesignRecord {
  /** `new-…` for a record drawn in the designer; the live ARN (or key) for one taken from the live estate. */
  id: string;
  kind: DesignKind;
  /** The account that owns the resource (and makes the API call). */
  account: string;
  /** The Region; `global` for IAM, whose resources belong to the account alone. */
  region: string;
  /**
   * The request fields, named as in the create call of the kind. A field that names another
   * resource (serviceIdentifier, targetGroupIdentifier…) holds a record id of this design or
   * the ARN of a live resource the design does not hold.
   */
  spec: JsonObject;
  tags?: Record<string, string>;
  /** The live resource this record was taken from. */
  arn?: string;
  /**
   * Deleted in the design. The record stays as a tombstone so that a plan deletes the live
   * resource it stands for; undo brings it back.
   */
  removed?: true;
}

export interface Design {
  schemaVersion: 1;
  records: Record<string, DesignRecord>;
  /** Where the canvas draws each box: record ids and live VPC ARNs. */
  positions: Record<string, Position>;
  /** Account and region given to new records. */
  defaults: { account: string; region: string };
  /** Sharing edits (lib/sharing's ShareEdit), planned with the records. */
  shares?: JsonObject[];
}

export function emptyDesign(account: string, region: string): Design {
  return { schemaVersion: 1, records: {}, positions: {}, defaults: { account, region } };
}

/** One change to one entry of the document: `before` absent = added, `after` absent = deleted. */
export type DocumentChange =
  | { collection: 'records'; id: string; before?: DesignRecord; after?: DesignRecord }
  | { collection: 'positions'; id: string; before?: Position; after?: Position }
  /** The design's sharing edits, replaced as a whole list (an empty list means none). */
  | { collection: 'shares'; before: JsonObject[]; after: JsonObject[] };

/** What a command did, and enough to undo it. */
export interface Patch {
  /** What the command was, for the history menu ("add service orders"). */
  label: string;
  changes: DocumentChange[];
}

export type { Json, JsonObject };
