// The live state a plan was computed from, as one hash per natural key (or `absent`). Apply
// reads the estate again and refuses the plan when any entry moved: someone changed,
// created or deleted a resource the plan touches since it was computed.
import { canonicalJson, hash53 } from '@/lib/canonical';
import { createKeyResolver, specInKeySpace, type DesignRecord, type KeyResolver } from '@/lib/topology/design';
import type { Json, JsonObject } from '@/lib/topology';
import type { Fingerprint } from './types';

export function recordHash(record: DesignRecord, resolver: KeyResolver): string {
  return hashOf(specInKeySpace(record, resolver), record);
}

function hashOf(spec: JsonObject, record: DesignRecord): string {
  const state: Json = { spec, tags: record.tags ?? null };
  return hash53(canonicalJson(state));
}

/** Index of live records by natural key. */
export interface LiveIndex {
  byKey: Map<string, DesignRecord>;
  byId: Map<string, DesignRecord>;
  resolver: KeyResolver;
  /** A live record's spec in key space, computed once (the comparison and the fingerprint both read it). */
  keySpec(record: DesignRecord): JsonObject;
}

export function indexLive(records: readonly DesignRecord[]): LiveIndex {
  const byId = new Map(records.map((r) => [r.id, r]));
  const resolver = createKeyResolver(byId);
  const byKey = new Map<string, DesignRecord>();
  for (const r of records) byKey.set(resolver.keyOfRecord(r), r);
  const specs = new Map<DesignRecord, JsonObject>();
  const keySpec = (record: DesignRecord) => {
    let spec = specs.get(record);
    if (!spec) specs.set(record, (spec = specInKeySpace(record, resolver)));
    return spec;
  };
  return { byKey, byId, resolver, keySpec };
}

export function fingerprintOf(keys: Iterable<string>, live: LiveIndex): Fingerprint {
  const entries: Record<string, string> = {};
  for (const key of [...new Set(keys)].sort()) {
    const record = live.byKey.get(key);
    entries[key] = record ? hashOf(live.keySpec(record), record) : 'absent';
  }
  return { digest: hash53(JSON.stringify(entries)), entries };
}

export interface FingerprintChange {
  key: string;
  /** What happened since the plan: created, deleted or changed out of band. */
  change: 'appeared' | 'disappeared' | 'changed';
}

/** Keys whose live state differs from the plan's. */
export function fingerprintChanges(planned: Fingerprint, now: Fingerprint): FingerprintChange[] {
  if (planned.digest === now.digest) return [];
  const out: FingerprintChange[] = [];
  for (const [key, was] of Object.entries(planned.entries)) {
    const is = now.entries[key] ?? 'absent';
    if (was === is) continue;
    out.push({ key, change: was === 'absent' ? 'appeared' : is === 'absent' ? 'disappeared' : 'changed' });
  }
  return out;
}
