// Natural keys: what makes a resource the same resource on both sides of a plan. Lattice
// names are unique per account and Region (listeners per service, rules per listener), so a
// record drawn in the designer and the live resource it became share a key without any
// state file. Associations are keyed by their two ends.
import { DESIGN_KIND_INFO, firstRefValue, GLOBAL_REGION, parentRefOf, recordName, refValues } from './kinds';
import type { DesignRecord } from './types';

export interface KeyResolver {
  /** The key of a record id or a live ARN; `ref:<value>` when neither side knows it. */
  keyOf(ref: string): string;
  /** The key of a record. */
  keyOfRecord(record: DesignRecord): string;
  /** The record a reference names: a record of the design first, else a live one. */
  recordOf(ref: string): DesignRecord | undefined;
}

export interface KeyResolverOptions {
  /**
   * The one string to use for a key equal to `key` (another resolver's, say). Maps keyed by
   * keys then find a key by identity rather than comparing its characters.
   */
  intern?: (key: string) => string;
}

/** How deep a key follows references (a chain this long is a cycle). */
const MAX_DEPTH = 8;

const TOP_LEVEL = new Set(['serviceNetwork', 'service', 'targetGroup', 'resourceGateway', 'resourceConfiguration', 'iamRole']);

/**
 * Resolves keys over `primary` records (a design, or the live estate), falling back to
 * `fallback` (the live estate) for references to resources the design does not hold.
 */
export function createKeyResolver(primary: ReadonlyMap<string, DesignRecord>, fallback?: ReadonlyMap<string, DesignRecord>, options: KeyResolverOptions = {}): KeyResolver {
  const { intern } = options;
  const cache = new Map<DesignRecord, string>();
  // Keys by the reference that named them: one lookup where a reference is resolved again
  // (a plan resolves each reference of an estate in several phases).
  const refKeys = new Map<string, string>();
  const recordOf = (ref: string) => primary.get(ref) ?? fallback?.get(ref);
  const firstRef = (record: DesignRecord, path: string) => {
    const v = firstRefValue(record.spec, path);
    return typeof v === 'string' ? v : '';
  };
  const keyOf = (ref: string, depth = 0): string => {
    const known = refKeys.get(ref);
    if (known !== undefined) return known;
    const record = recordOf(ref);
    if (!record) {
      const key = `ref:${ref}`;
      flatten(key);
      refKeys.set(ref, key);
      return key;
    }
    const cached = cache.get(record);
    const key = cached ?? keyOfRecord(record, depth);
    // A key first computed inside another (depth > 0) may be cut short by a cycle: kept once final.
    if (cached !== undefined || depth === 0) refKeys.set(ref, key);
    return key;
  };
  const keyOfRecord = (record: DesignRecord, depth = 0): string => {
    const cached = cache.get(record);
    if (cached) return cached;
    if (depth > MAX_DEPTH) return `ref:${record.id}`;
    let name = recordName(record);
    if (record.kind === 'target' && (record.spec.port === undefined || record.spec.port === null)) {
      // A target registered without a port gets its group's: the same target either way.
      const tg = recordOf(firstRef(record, 'targetGroupIdentifier'));
      const config = tg?.spec.config as Record<string, unknown> | undefined;
      if (tg && tg.spec.type !== 'LAMBDA' && typeof config?.port === 'number') name = `${name}:${config.port}`;
    }
    const info = DESIGN_KIND_INFO[record.kind];
    // IAM names belong to the account (no Region) and are unique ignoring case.
    if (info.global) name = name.toLowerCase();
    const where = `${record.account}:${info.global ? GLOBAL_REGION : record.region}`;
    let key: string;
    if (TOP_LEVEL.has(record.kind)) key = `${record.kind}:${where}:${name}`;
    else {
      const s = record.spec as Record<string, unknown>;
      // The key of what a reference field names (no closure: this runs for every record).
      const d = depth + 1;
      switch (record.kind) {
        case 'serviceNetworkServiceAssociation':
          key = `${record.kind}:${keyOf(firstRef(record, 'serviceNetworkIdentifier'), d)}|${keyOf(firstRef(record, 'serviceIdentifier'), d)}`;
          break;
        case 'serviceNetworkResourceAssociation':
          key = `${record.kind}:${keyOf(firstRef(record, 'serviceNetworkIdentifier'), d)}|${keyOf(firstRef(record, 'resourceConfigurationIdentifier'), d)}`;
          break;
        case 'serviceNetworkVpcAssociation':
          key = `${record.kind}:${keyOf(firstRef(record, 'serviceNetworkIdentifier'), d)}|${where}:${String(s.vpcIdentifier ?? '')}`;
          break;
        case 'serviceNetworkVpcEndpoint':
          key = `${record.kind}:${where}:${name}|${keyOf(firstRef(record, 'ServiceNetworkArn'), d)}`;
          break;
        default: {
          const parent = parentRefOf(record.kind);
          key = `${record.kind}:${parent ? keyOf(firstRef(record, parent.path), d) : where}/${name}`;
        }
      }
    }
    flatten(key);
    if (intern) key = intern(key);
    cache.set(record, key);
    return key;
  };
  return { keyOf: (ref) => keyOf(ref), keyOfRecord: (r) => keyOfRecord(r), recordOf };
}

/**
 * Makes V8 store a joined string as one flat run of characters. A key is built by joining its
 * parent's key with its own part, and Maps hash and compare a joined string piece by piece
 * each time it is looked up fresh; flat, it is hashed once and compared as one block. Reading
 * a character is what flattens it.
 */
function flatten(text: string): void {
  if (text.length) text.charCodeAt(text.length - 1);
}

/** The kind a key is of (its first segment). */
export function kindOfKey(key: string): string {
  return key.slice(0, key.indexOf(':'));
}

/** Every kind's label, by key, for messages about keys. */
export function describeKey(key: string): string {
  const kind = kindOfKey(key) as keyof typeof DESIGN_KIND_INFO;
  const info = DESIGN_KIND_INFO[kind];
  const rest = key.slice(key.indexOf(':') + 1);
  const name = rest.slice(rest.lastIndexOf(rest.includes('/') ? '/' : ':') + 1);
  return info ? `${info.label.toLowerCase()} ${name}` : key;
}
