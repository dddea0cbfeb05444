// Specs side by side: fill in what the API fills in when a request leaves it out, put
// references in key space (so a record id and the ARN it became compare equal), and list
// the fields whose values differ.
import { canonicalJson } from '@/lib/canonical';
import { jsonEqual, type FieldChange } from '../diff';
import type { Json, JsonObject } from '../types';
import { DESIGN_KIND_INFO, mapRefStrings, parentRefOf, refValues } from './kinds';
import { createKeyResolver, type KeyResolver } from './keys';
import type { DesignRecord } from './types';

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A policy document as canonical text; text that is not JSON stays as it is. */
export function canonicalPolicy(policy: Json | undefined): Json | undefined {
  if (typeof policy !== 'string') return policy === undefined ? undefined : canonicalJson(policy);
  try {
    return canonicalJson(JSON.parse(policy) as Json);
  } catch {
    return policy;
  }
}

function defaultPort(protocol: Json | undefined): number | undefined {
  if (protocol === 'HTTP') return 80;
  if (protocol === 'HTTPS' || protocol === 'TLS_PASSTHROUGH') return 443;
  return undefined;
}

/** Weights of a forward action as the API reads them: one target group alone weighs 100. */
function withWeights(action: Json | undefined): Json | undefined {
  if (!isObject(action) || !isObject(action.forward) || !Array.isArray(action.forward.targetGroups)) return action;
  const groups = action.forward.targetGroups;
  const fallback = groups.length === 1 ? 100 : 1;
  return { ...action, forward: { ...action.forward, targetGroups: groups.map((g) => (isObject(g) && g.weight === undefined ? { ...g, weight: fallback } : g)) } };
}

/**
 * The spec with the API's defaults filled in, as a request would leave the resource.
 * `resolver` finds referenced records (a target's port defaults to its group's).
 */
export function normalizedSpec(record: DesignRecord, resolver?: KeyResolver): JsonObject {
  const s: JsonObject = { ...record.spec };
  switch (record.kind) {
    case 'serviceNetwork':
    case 'service':
      if (s.authType === undefined) s.authType = 'NONE';
      break;
    case 'listener':
      if (s.port === undefined) {
        const port = defaultPort(s.protocol);
        if (port !== undefined) s.port = port;
      }
      if (s.defaultAction !== undefined) s.defaultAction = withWeights(s.defaultAction) as Json;
      break;
    case 'rule':
      if (s.action !== undefined) s.action = withWeights(s.action) as Json;
      break;
    case 'target':
      if (s.port === undefined && resolver && typeof s.targetGroupIdentifier === 'string') {
        const tg = resolver.recordOf(s.targetGroupIdentifier);
        const config = tg?.spec.config;
        if (tg && tg.spec.type !== 'LAMBDA' && isObject(config) && typeof config.port === 'number') s.port = config.port;
      }
      break;
    case 'authPolicy':
      if (s.policy !== undefined) s.policy = canonicalPolicy(s.policy) as Json;
      break;
    case 'iamRole':
      if (s.Path === undefined) s.Path = '/';
      if (s.AssumeRolePolicyDocument !== undefined) s.AssumeRolePolicyDocument = canonicalPolicy(s.AssumeRolePolicyDocument) as Json;
      break;
    case 'iamRolePolicy':
      if (s.PolicyDocument !== undefined) s.PolicyDocument = canonicalPolicy(s.PolicyDocument) as Json;
      break;
  }
  return s;
}

/**
 * The normalized spec with every reference replaced by the key of what it names. Members
 * without references are shared with the record (copied only along reference paths): read
 * it, do not change it.
 */
export function specInKeySpace(record: DesignRecord, resolver: KeyResolver): JsonObject {
  const spec = normalizedSpec(record, resolver);
  for (const field of DESIGN_KIND_INFO[record.kind].refs) mapRefStrings(spec, field.path, resolver.keyOf);
  return spec;
}

/**
 * Fields whose desired value differs from the live one. Only fields the design sets are
 * compared (a field left out keeps whatever the API chose); the kind's `exact` fields,
 * arrays and scalars are compared whole, other objects member by member.
 */
export function compareSpecs(kind: DesignRecord['kind'], desired: JsonObject, live: JsonObject): FieldChange[] {
  const exact = exactFields(kind);
  // Most records of an estate are as designed: prove that without sorting or allocating.
  if (coveredBy(desired, live, exact, '')) return [];
  const changes: FieldChange[] = [];
  const walk = (d: JsonObject, l: JsonObject | undefined, prefix: string) => {
    for (const key of Object.keys(d).sort()) {
      const path = prefix ? `${prefix}.${key}` : key;
      const want = d[key];
      const have = l?.[key];
      if (want === undefined || want === null) continue;
      if (!exact.has(path) && isObject(want) && isObject(have)) {
        walk(want, have, path);
        continue;
      }
      if (!jsonEqual(want, have)) {
        const change: FieldChange = { path, after: want };
        if (have !== undefined) change.before = have;
        changes.push(change);
      }
    }
  };
  walk(desired, live, '');
  return changes;
}

/** True when compareSpecs would find no change: every field the design sets has the live value. */
function coveredBy(d: JsonObject, l: JsonObject | undefined, exact: ReadonlySet<string>, prefix: string): boolean {
  for (const key in d) {
    const want = d[key];
    if (want === undefined || want === null) continue;
    const have = l?.[key];
    const path = exact.size ? (prefix ? `${prefix}.${key}` : key) : '';
    if (isObject(want) && isObject(have) && !(exact.size && exact.has(path))) {
      if (!coveredBy(want, have, exact, path)) return false;
    } else if (!jsonEqual(want, have)) return false;
  }
  return true;
}

const exactCache = new Map<DesignRecord['kind'], ReadonlySet<string>>();
function exactFields(kind: DesignRecord['kind']): ReadonlySet<string> {
  let exact = exactCache.get(kind);
  if (!exact) exactCache.set(kind, (exact = new Set(DESIGN_KIND_INFO[kind].exact)));
  return exact;
}

/** Tag changes: keys added or changed, and keys to remove. */
export function compareTags(desired: Record<string, string> | undefined, live: Record<string, string> | undefined): { set: Record<string, string>; remove: string[]; changes: FieldChange[] } {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  const changes: FieldChange[] = [];
  if (!desired) return { set, remove, changes };
  const have = live ?? {};
  if (sameTags(desired, have)) return { set, remove, changes };
  for (const [k, v] of Object.entries(desired).sort()) {
    if (have[k] !== v) {
      set[k] = v;
      changes.push(have[k] === undefined ? { path: `tags.${k}`, after: v } : { path: `tags.${k}`, before: have[k], after: v });
    }
  }
  for (const k of Object.keys(have).sort()) {
    if (!(k in desired)) {
      remove.push(k);
      changes.push({ path: `tags.${k}`, before: have[k] });
    }
  }
  return { set, remove, changes };
}

/** The same keys with the same values (what compareTags tells apart first, without building a diff). */
export function sameTags(a: Record<string, string>, b: Record<string, string>): boolean {
  let n = 0;
  for (const k in a) {
    if (b[k] !== a[k]) return false;
    n++;
  }
  for (const k in b) if (!(k in a) || --n < 0) return false;
  return true;
}

export type RecordMark = 'new' | 'changed' | 'live' | 'unknown';

/**
 * The accounts whose live state is unknown: discovery could not read them (an account-level
 * error), so a design record there that matches nothing read may well exist.
 */
export function unreadAccounts(errors: readonly { account: string; operation?: string }[]): Set<string> {
  return new Set(errors.filter((e) => !e.operation).map((e) => e.account));
}

/**
 * How each active record stands against the live estate, for the canvas: not there yet
 * (`new`), there but different (`changed`), or as designed (`live`), with the live ARN.
 * In an account of `unread` (or any, with `'*'`), a record that matches nothing read is
 * `unknown`, not new: the read was incomplete.
 */
export function markRecords(records: Readonly<Record<string, DesignRecord>>, live: readonly DesignRecord[], unread: ReadonlySet<string> = new Set()): Map<string, { mark: RecordMark; arn?: string }> {
  const liveById = new Map(live.map((r) => [r.id, r]));
  const liveResolver = createKeyResolver(liveById);
  const byKey = new Map<string, DesignRecord>();
  for (const r of live) byKey.set(liveResolver.keyOfRecord(r), r);
  const resolver = createKeyResolver(new Map(Object.entries(records)), liveById);
  const out = new Map<string, { mark: RecordMark; arn?: string }>();
  for (const r of Object.values(records)) {
    if (r.removed) continue;
    const l = byKey.get(resolver.keyOfRecord(r));
    if (!l) {
      out.set(r.id, { mark: unread.has('*') || unread.has(r.account) ? 'unknown' : 'new' });
      continue;
    }
    const changed = compareSpecs(r.kind, specInKeySpace(r, resolver), specInKeySpace(l, liveResolver)).length > 0 || (DESIGN_KIND_INFO[r.kind].taggable && compareTags(r.tags, l.tags).changes.length > 0);
    out.set(r.id, { mark: changed ? 'changed' : 'live', arn: l.arn ?? l.id });
  }
  return out;
}

/**
 * How many resources a design changes against the live estate: records not there yet or
 * different, and live records it removes. One resource, one change, however many API calls
 * it takes, which is how a plan counts the resources its operations touch.
 */
export function pendingChanges(records: Readonly<Record<string, DesignRecord>>, live: readonly DesignRecord[], marks = markRecords(records, live)): number {
  const liveIds = new Set(live.map((r) => r.id));
  const isRemovedLive = (r: DesignRecord | undefined) => !!r && !!r.removed && (liveIds.has(r.id) || (r.arn !== undefined && liveIds.has(r.arn)));
  // A child removed with its parent goes with the parent's delete call: Lattice deletes it.
  const parentOf = (r: DesignRecord): DesignRecord | undefined => {
    const ref = parentRefOf(r.kind);
    const v = ref ? refValues(r.spec, ref.path)[0]?.value : undefined;
    return typeof v === 'string' ? records[v] : undefined;
  };
  const goesWithParent = (r: DesignRecord) => {
    for (let p = parentOf(r), depth = 0; p && depth < 8; p = parentOf(p), depth++) if (isRemovedLive(p)) return true;
    return false;
  };
  const removedLive = Object.values(records).filter((r) => isRemovedLive(r) && !goesWithParent(r)).length;
  // A record whose live state is unknown (its account was not read) is not counted as a change: nothing says it is one.
  return [...marks.values()].filter((m) => m.mark === 'new' || m.mark === 'changed').length + removedLive;
}
