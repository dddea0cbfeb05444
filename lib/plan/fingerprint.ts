// The live state a plan was computed from, per natural key (null where nothing had it). Apply
// reads the estate again and refuses the plan when any state moved: someone changed,
// created or deleted a resource the plan touches since it was computed.
import { canonicalHash, canonicalJson } from '@/lib/canonical';
import { createKeyResolver, specInKeySpace, type DesignRecord, type KeyResolver } from '@/lib/topology/design';
import type { Json, JsonObject } from '@/lib/topology';
import type { Fingerprint, StoredFingerprint } from './types';

/** Index of live records by natural key. */
export interface LiveIndex {
  byKey: Map<string, DesignRecord>;
  byId: Map<string, DesignRecord>;
  resolver: KeyResolver;
  /** A live record's spec in key space, computed once (the comparison and the fingerprint both read it). */
  keySpec(record: DesignRecord): JsonObject;
  /** The same, for the last reader (the fingerprint): computed without being kept when no one asked before. */
  lastKeySpec(record: DesignRecord): JsonObject;
  /** The live index's own string for a key equal to `key` (`key` itself when no live record has it). */
  canonicalKey(key: string): string;
  /** The key of the live record with the id of `record`, if one is of its kind. */
  keyOfId(record: DesignRecord): string | undefined;
}

export function indexLive(records: readonly DesignRecord[]): LiveIndex {
  const byId = new Map<string, DesignRecord>();
  for (const r of records) byId.set(r.id, r);
  const resolver = createKeyResolver(byId);
  const byKey = new Map<string, DesignRecord>();
  for (const r of records) byKey.set(resolver.keyOfRecord(r), r);
  const specs = new Map<DesignRecord, JsonObject>();
  const keySpec = (record: DesignRecord) => {
    let spec = specs.get(record);
    if (!spec) specs.set(record, (spec = specInKeySpace(record, resolver)));
    return spec;
  };
  const lastKeySpec = (record: DesignRecord) => (specs.size ? specs.get(record) : undefined) ?? specInKeySpace(record, resolver);
  const canonicalKey = (key: string) => {
    const record = byKey.get(key);
    return record ? resolver.keyOfRecord(record) : key;
  };
  const keyOfId = (record: DesignRecord) => {
    const live = byId.get(record.id);
    return live && live.kind === record.kind ? resolver.keyOfRecord(live) : undefined;
  };
  return { byKey, byId, resolver, keySpec, lastKeySpec, canonicalKey, keyOfId };
}

/**
 * The live state of each key, as a plan keeps it: the spec as read, references by ARN, so a
 * resource recreated out of band (a new ARN, the same key) moves whatever names it. With
 * `keySpace`, references are the keys they name: the form plans stored with hashes hashed,
 * to compare with one of those.
 */
export function fingerprintOf(keys: Iterable<string>, live: LiveIndex, options: { keySpace?: boolean } = {}): Fingerprint {
  return { states: statesOf(keys, live, options.keySpace ?? false, []) };
}

function statesOf(keys: Iterable<string>, live: LiveIndex, keySpace: boolean, states: Fingerprint['states']): Fingerprint['states'] {
  for (const key of keys) {
    const record = live.byKey.get(key);
    states.push([key, record ? stateOf(record, keySpace ? live.lastKeySpec(record) : record.spec) : null]);
  }
  return states;
}

/** A live resource's state: its spec (as read, or in key space) and its tags. */
function stateOf(record: DesignRecord, spec: JsonObject): Json {
  return { spec, tags: record.tags ?? null };
}

/**
 * fingerprintOf the entries' keys and then `beyond`, where each entry holds the live record
 * with its key already (a plan's comparison found it): an estate's keys are not looked up again.
 */
export function fingerprintOfEntries(entries: ReadonlyMap<string, { live?: DesignRecord }>, beyond: Iterable<string>, live: LiveIndex): Fingerprint {
  const states: Fingerprint['states'] = [];
  for (const [key, { live: record }] of entries) states.push([key, record ? stateOf(record, record.spec) : null]);
  return { states: statesOf(beyond, live, false, states) };
}

/** The keys a saved plan's fingerprint covers, whichever form it was stored in. */
export function fingerprintKeys(fingerprint: StoredFingerprint): string[] {
  return 'entries' in fingerprint ? Object.keys(fingerprint.entries) : fingerprint.states.map(([key]) => key);
}

/** A field that changed out of band: its path (`spec.config.port`, `tags.team`) and both values. */
export interface FieldMove {
  path: string;
  before?: Json;
  after?: Json;
}

const isObject = (v: Json | undefined): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Member-by-member differences of two JSON values; arrays and scalars compare whole. */
export function jsonFieldDiff(before: Json | undefined, after: Json | undefined, prefix = ''): FieldMove[] {
  if (isObject(before) && isObject(after)) {
    const out: FieldMove[] = [];
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      out.push(...jsonFieldDiff(before[key], after[key], prefix ? `${prefix}.${key}` : key));
    }
    return out;
  }
  if (canonicalJson(before ?? null) === canonicalJson(after ?? null)) return [];
  return [{ path: prefix, ...(before !== undefined && before !== null ? { before } : {}), ...(after !== undefined && after !== null ? { after } : {}) }];
}

/** What changed in a resource's state, as its fields read (`config.port`, `tags.team`). */
function fieldsChanged(before: Json | undefined, after: Json | undefined): FieldMove[] {
  // A share's state is the list of shares with its name, most often one on each side: that one is compared member by member.
  if (Array.isArray(before) && Array.isArray(after) && before.length === 1 && after.length === 1) return jsonFieldDiff(before[0], after[0]);
  return jsonFieldDiff(before, after).map((m) => ({ ...m, path: m.path.replace(/^spec\./, '') }));
}

export interface FingerprintChange {
  key: string;
  /** What happened since the plan: created, deleted or changed out of band. */
  change: 'appeared' | 'disappeared' | 'changed';
  /** For a change, the fields that moved (when both states are known). */
  fields?: FieldMove[];
}

/** Keys whose live state differs from the plan's, in key order. */
export function fingerprintChanges(planned: StoredFingerprint, now: Fingerprint): FingerprintChange[] {
  const hashed = 'entries' in planned ? planned : undefined;
  const plannedStates = hashed ? undefined : new Map((planned as Fingerprint).states);
  const nowStates = new Map(now.states);
  const out: FingerprintChange[] = [];
  for (const key of fingerprintKeys(planned).sort()) {
    const is = nowStates.get(key) ?? null;
    let was: Json | null | undefined;
    if (hashed) {
      // A plan stored with hashes: the state now is hashed as the plan hashed its own.
      const hash = hashed.entries[key];
      if (hash === (is === null ? 'absent' : canonicalHash(is))) continue;
      was = hash === 'absent' ? null : hashed.states?.[key];
    } else {
      was = plannedStates!.get(key) ?? null;
      if (canonicalJson(was) === canonicalJson(is)) continue;
    }
    const change = was === null ? 'appeared' : is === null ? 'disappeared' : 'changed';
    if (change === 'changed' && was !== undefined) out.push({ key, change, fields: fieldsChanged(was, is) });
    else out.push({ key, change });
  }
  return out;
}
