// The live state a plan was computed from, as one hash per natural key (or `absent`). Apply
// reads the estate again and refuses the plan when any entry moved: someone changed,
// created or deleted a resource the plan touches since it was computed.
import { canonicalHash, canonicalJson, Hash53, hash53 } from '@/lib/canonical';
import { createKeyResolver, specInKeySpace, type DesignRecord, type KeyResolver } from '@/lib/topology/design';
import type { Json, JsonObject } from '@/lib/topology';
import type { Fingerprint } from './types';

function stateOf(spec: JsonObject, record: DesignRecord): Json {
  return { spec, tags: record.tags ?? null };
}

export function recordHash(record: DesignRecord, resolver: KeyResolver): string {
  return canonicalHash(stateOf(specInKeySpace(record, resolver), record));
}

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

export function fingerprintOf(keys: Iterable<string>, live: LiveIndex): Fingerprint {
  const sorted = [...(keys instanceof Set ? (keys as Set<string>) : new Set(keys))].sort();
  const entries: Record<string, string> = {};
  const states: Record<string, Json> = {};
  for (let i = 0; i < sorted.length; i++) {
    const key = sorted[i];
    const record = live.byKey.get(key);
    if (!record) {
      entries[key] = 'absent';
      continue;
    }
    const spec = live.lastKeySpec(record);
    const tags = record.tags ?? null;
    entries[key] = stateHash(spec, tags);
    states[key] = { spec, tags };
  }
  return { digest: entriesDigest(sorted, entries), entries, states };
}

/** canonicalHash(stateOf(spec, record)), written without sorting the state's two known members. */
function stateHash(spec: JsonObject, tags: Record<string, string> | null): string {
  const h = new Hash53();
  h.text('{"spec":');
  h.value(spec);
  h.text(',"tags":');
  h.value(tags);
  h.char(125);
  return h.digest();
}

/**
 * hash53(JSON.stringify(entries)), fed entry by entry. JSON.stringify writes an object's
 * members in insertion order unless a key is an array index (those come first), so keys
 * that could be one take the text's path.
 */
function entriesDigest(sorted: readonly string[], entries: Record<string, string>): string {
  const h = new Hash53();
  h.char(123);
  for (let i = 0; i < sorted.length; i++) {
    const key = sorted[i];
    const c = key.charCodeAt(0);
    if (c >= 48 && c <= 57) return hash53(JSON.stringify(entries));
    if (i) h.char(44);
    h.quoted(key);
    h.char(58);
    h.quoted(entries[key]);
  }
  h.char(125);
  return h.digest();
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
  return jsonFieldDiff(before, after).map((m) => ({ ...m, path: m.path.replace(/^spec\./, '') }));
}

export interface FingerprintChange {
  key: string;
  /** What happened since the plan: created, deleted or changed out of band. */
  change: 'appeared' | 'disappeared' | 'changed';
  /** For a change, the fields that moved (when both states are known). */
  fields?: FieldMove[];
}

/** Keys whose live state differs from the plan's. */
export function fingerprintChanges(planned: Fingerprint, now: Fingerprint): FingerprintChange[] {
  if (planned.digest === now.digest) return [];
  const out: FingerprintChange[] = [];
  for (const [key, was] of Object.entries(planned.entries)) {
    const is = now.entries[key] ?? 'absent';
    if (was === is) continue;
    const change = was === 'absent' ? 'appeared' : is === 'absent' ? 'disappeared' : 'changed';
    const before = planned.states?.[key];
    const after = now.states?.[key];
    if (change === 'changed' && before !== undefined && after !== undefined) out.push({ key, change, fields: fieldsChanged(before, after) });
    else out.push({ key, change });
  }
  return out;
}
