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
  /**
   * The key another resolver gave the resource a record may be (the live record with its id):
   * used as it is when the key this record gets has the same text, which saves building a
   * key per record of a design imported from the estate.
   */
  sameAs?: (record: DesignRecord) => string | undefined;
}

/** A key's pieces, in order (a scratch list: keys are built one at a time, their parts' keys first). */
const PIECES: string[] = [];

/** Puts the pieces of a key into PIECES; how many there are. Parameters rather than a rest list: this runs for every record. */
function pieces(a: string, b: string, c: string, d: string, e: string, f?: string, g?: string, h?: string, i?: string): number {
  PIECES[0] = a;
  PIECES[1] = b;
  PIECES[2] = c;
  PIECES[3] = d;
  PIECES[4] = e;
  if (f === undefined) return 5;
  PIECES[5] = f;
  if (g === undefined) return 6;
  PIECES[6] = g;
  if (h === undefined) return 7;
  PIECES[7] = h;
  if (i === undefined) return 8;
  PIECES[8] = i;
  return 9;
}

/** True when `key` is the first `n` pieces joined. */
function piecesMake(key: string, n: number): boolean {
  let at = 0;
  for (let i = 0; i < n; i++) {
    const piece = PIECES[i];
    if (!key.startsWith(piece, at)) return false;
    at += piece.length;
  }
  return at === key.length;
}

/** The first `n` pieces as one flat string (joined at once rather than piece by piece and flattened after). */
function joinPieces(n: number): string {
  PIECES.length = n;
  return PIECES.join('');
}

/** How deep a key follows references (a chain this long is a cycle). */
const MAX_DEPTH = 8;

const TOP_LEVEL = new Set(['serviceNetwork', 'service', 'targetGroup', 'resourceGateway', 'resourceConfiguration', 'iamRole']);

/** The references whose keys an association's key (or an endpoint's) is made of, in order. */
const KEY_ENDS: Partial<Record<DesignRecord['kind'], readonly string[]>> = {
  serviceNetworkServiceAssociation: ['serviceNetworkIdentifier', 'serviceIdentifier'],
  serviceNetworkResourceAssociation: ['serviceNetworkIdentifier', 'resourceConfigurationIdentifier'],
  serviceNetworkVpcAssociation: ['serviceNetworkIdentifier'],
  serviceNetworkVpcEndpoint: ['ServiceNetworkArn'],
};

/**
 * Resolves keys over `primary` records (a design, or the live estate), falling back to
 * `fallback` (the live estate) for references to resources the design does not hold.
 */
export function createKeyResolver(primary: ReadonlyMap<string, DesignRecord>, fallback?: ReadonlyMap<string, DesignRecord>, options: KeyResolverOptions = {}): KeyResolver {
  const { intern, sameAs } = options;
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
    const region = info.global ? GLOBAL_REGION : record.region;
    // The key's pieces go into PIECES once every key it contains is known (those calls fill PIECES too).
    let n: number;
    if (TOP_LEVEL.has(record.kind)) n = pieces(record.kind, ':', record.account, ':', region, ':', name);
    else {
      // The key of what a reference field names (no closure: this runs for every record).
      const d = depth + 1;
      const ends = KEY_ENDS[record.kind];
      switch (record.kind) {
        case 'serviceNetworkServiceAssociation':
        case 'serviceNetworkResourceAssociation': {
          const network = keyOf(firstRef(record, ends![0]), d);
          n = pieces(record.kind, ':', network, '|', keyOf(firstRef(record, ends![1]), d));
          break;
        }
        case 'serviceNetworkVpcAssociation':
          n = pieces(record.kind, ':', keyOf(firstRef(record, ends![0]), d), '|', record.account, ':', region, ':', String((record.spec as Record<string, unknown>).vpcIdentifier ?? ''));
          break;
        case 'serviceNetworkVpcEndpoint':
          n = pieces(record.kind, ':', record.account, ':', region, ':', name, '|', keyOf(firstRef(record, ends![0]), d));
          break;
        default: {
          const parent = parentRefOf(record.kind);
          if (parent) n = pieces(record.kind, ':', keyOf(firstRef(record, parent.path), d), '/', name);
          else n = pieces(record.kind, ':', record.account, ':', region, '/', name);
        }
      }
    }
    // The same resource's key on the other side, when its text is this key's: taken as it is, not built again.
    const same = sameAs?.(record);
    let key: string;
    if (same !== undefined && piecesMake(same, n)) key = same;
    else {
      key = joinPieces(n);
      if (intern) key = intern(key);
    }
    cache.set(record, key);
    return key;
  };
  return { keyOf: (ref) => keyOf(ref), keyOfRecord: (r) => keyOfRecord(r), recordOf };
}

/**
 * The reference fields held directly in a record of `kind` whose keys are part of the
 * record's own key (its parent, an association's two ends). Two records with the same key
 * name the same keys there.
 */
export function keyRefFields(kind: DesignRecord['kind']): ReadonlySet<string> {
  let fields = KEY_REF_FIELDS.get(kind);
  if (!fields) {
    const parent = parentRefOf(kind);
    // keyOfRecord reads the first value of a parent path: only a path to one value is the key's whole reference.
    const list = KEY_ENDS[kind] ?? (!TOP_LEVEL.has(kind) && parent && !parent.path.includes('.') && !parent.path.endsWith('[]') ? [parent.path] : []);
    KEY_REF_FIELDS.set(kind, (fields = new Set(list)));
  }
  return fields;
}
const KEY_REF_FIELDS = new Map<DesignRecord['kind'], ReadonlySet<string>>();

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
