// Design vs live estate → the operations that make the estate match the design. Resources
// are matched by natural key (names are unique in Lattice), so a record drawn in the
// designer and the live resource it became are the same thing without any state file.
// What differs from kind to kind (call inputs, labels, consequences) is in ./kinds.
import type { FieldChange, Json, JsonObject, Topology } from '@/lib/topology';
import {
  compareSpecs,
  compareTags,
  sameTags,
  createKeyResolver,
  DESIGN_KIND_INFO,
  GLOBAL_REGION,
  liveRecords,
  normalizedSpec,
  parentRefOf,
  firstRefValue,
  keyRefFields,
  refStrings,
  refValues,
  specInKeySpace,
  updatableFields,
  type Design,
  type DesignRecord,
  type KeyResolver,
} from '@/lib/topology/design';
import { planShareEdits, withShareStates } from './sharing';
import { PlanError } from './errors';
import { fingerprintOfEntries, indexLive, type LiveIndex } from './fingerprint';
import { iamTags, labelOfRecord, nameOfRef, PLAN_KIND_INFO, roleArnOf } from './kinds';
import { orderOperations } from './order';
import type { ComputedPlan, InputRef, PlanOperation, PlanSummary } from './types';

export { PlanError, labelOfRecord };

type Status = 'same' | 'create' | 'update' | 'replace' | 'delete';

interface Entry {
  key: string;
  status: Status;
  desired?: DesignRecord;
  live?: DesignRecord;
  specChanges: FieldChange[];
  tagSet: Record<string, string>;
  tagRemove: string[];
  tagChanges: FieldChange[];
  /** Why it is replaced, when a change it cannot take in place or its parent's replacement forced it. */
  replacedBecause?: string;
}

/** A live resource that refers to another; `parent` when the other contains it. */
interface Referrer {
  record: DesignRecord;
  key: string;
  parent: boolean;
}

/** What the phases after the comparison read (and the warnings they add to). */
interface PlanState {
  live: Topology;
  liveIdx: LiveIndex;
  designResolver: KeyResolver;
  entries: Map<string, Entry>;
  /** Live referrers, by the key of what they refer to. */
  referrers: LiveReferrers;
  warnings: string[];
}

/** What disappears: own deletes, and children whose parent goes (Lattice deletes them with it). */
interface Removal {
  deleting: Set<string>;
  /** The key whose delete call makes `key` disappear: its own, or its nearest deleted ancestor's. */
  disappearsWith: (key: string) => string | undefined;
}

export interface PlanOptions {
  /** Accounts the console can read; a design that acts elsewhere is refused. */
  readableAccounts?: readonly string[];
  /** Names of the configured accounts, for sharing operations' labels. */
  accountNames?: ReadonlyMap<string, string>;
  /** Told how long each phase took, in milliseconds (for benchmarks). */
  onPhase?: (phase: string, ms: number) => void;
}

/** Computes the plan that makes `live` match `design`. Throws PlanError when it cannot be planned safely. */
export function planDiff(design: Design, live: Topology, options: PlanOptions = {}): ComputedPlan {
  const phase = phaseRunner(options.onPhase);
  const records = Object.values(design.records);
  phase('refuse unreachable accounts', () => refuseUnreachableAccounts(records, live, options));
  const liveList = phase('live records', () => liveRecords(live));
  const liveIdx = phase('index live', () => indexLive(liveList));
  const designById = phase('design resolver', () => recordsById(records));
  // Design keys equal to live ones are the live index's strings: the maps of every later phase find them by identity.
  // A record imported from the estate keeps its live record's id, whose key is taken when the text is the same.
  const designResolver = createKeyResolver(designById, liveIdx.byId, { intern: liveIdx.canonicalKey, sameAs: liveIdx.keyOfId });
  const entries = phase('compare records', () => compareRecords(records, designResolver, liveIdx));
  const state: PlanState = {
    live,
    liveIdx,
    designResolver,
    entries,
    // Referrers are read only for what is replaced or deleted.
    referrers: phase('live referrers', () => (anyRemoval(entries) ? liveReferrers(liveIdx) : NO_REFERRERS)),
    warnings: [],
  };
  phase('cascade replacements', () => cascadeReplacements(state));
  const removal = phase('planned removal', () => plannedRemoval(state));
  const built = phase('build operations', () => buildOperations(state, removal));
  phase('order deletes', () => orderDeletesAfterReferrers(state, removal, built.byId));
  phase('order after roles', () => orderAfterRolesTheyName(state, built.operations));
  const sharing = phase('share edits', () => planShareEdits(design.shares ?? [], live, { accounts: options.accountNames ?? new Map() }, (n) => `share:${n}`));
  const operations = phase('order operations', () => orderOperations([...built.operations, ...sharing.operations]));
  const shareKeys = Object.keys(sharing.fingerprint);
  // The plan depends on the live state of every entry's key and of these.
  const beyond = phase('fingerprint scope', () => keysBeyondEntries(records, designById, state, removal, shareKeys));
  const fingerprint = phase('fingerprint', () => withShareStates(fingerprintOfEntries(entries, beyond, liveIdx), live, shareKeys));
  return {
    operations,
    fingerprint,
    accounts: [...new Set(operations.map((o) => o.account))].sort(),
    // IAM is global: its operations act in an account, not a Region.
    regions: [...new Set(operations.filter((o) => o.region !== GLOBAL_REGION).map((o) => o.region))].sort(),
    summary: summarize(operations),
    warnings: [...new Set([...state.warnings, ...sharing.warnings])],
    known: built.known,
  };
}

function recordsById(records: readonly DesignRecord[]): Map<string, DesignRecord> {
  const byId = new Map<string, DesignRecord>();
  for (const r of records) byId.set(r.id, r);
  return byId;
}

const NO_REFERRERS: LiveReferrers = { get: () => undefined };

function anyRemoval(entries: Map<string, Entry>): boolean {
  for (const e of entries.values()) if (e.status === 'delete' || e.status === 'replace') return true;
  return false;
}

/** Runs a named phase of planDiff, timing it when someone listens. */
function phaseRunner(onPhase: PlanOptions['onPhase']): <T>(name: string, run: () => T) => T {
  if (!onPhase) return (_name, run) => run();
  return (name, run) => {
    const start = performance.now();
    const value = run();
    onPhase(name, performance.now() - start);
    return value;
  };
}

/** A plan made without an account's resources could delete or duplicate them: refuse it. */
function refuseUnreachableAccounts(records: readonly DesignRecord[], live: Topology, options: PlanOptions): void {
  const unread = new Map<string, string>();
  for (const e of live.errors) if (!e.operation) unread.set(e.account, e.message);
  const readable = options.readableAccounts && new Set(options.readableAccounts);
  if (!unread.size && !readable) return;
  // Records come account by account: each account is checked once.
  let checked: string | undefined;
  for (const r of records) {
    if (r.account === checked) continue;
    if (unread.has(r.account)) throw new PlanError(`Cannot plan: account ${r.account} could not be read (${unread.get(r.account)}). A plan made without it could delete or duplicate its resources.`);
    if (readable && !readable.has(r.account)) {
      throw new PlanError(`Cannot plan: ${r.kind} ${String(r.spec.name ?? r.id)} is in account ${r.account}, which this console is not configured to reach.`);
    }
    checked = r.account;
  }
}

/** Each record of the design against the live resource with its key; removed records that still exist are deletes. */
function compareRecords(records: readonly DesignRecord[], designResolver: KeyResolver, liveIdx: LiveIndex): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  for (const record of records) {
    if (record.removed) continue;
    const key = designResolver.keyOfRecord(record);
    // A key seen before leaves the map's size as it was (one lookup per record, not two).
    const size = entries.size;
    const entry = compareEntry(key, record, liveIdx.byKey.get(key), designResolver, liveIdx);
    if (entries.set(key, entry).size === size) throw new PlanError(`Two records of the design are the same resource (${key}); rename one.`);
  }
  // A removed record yields to a kept one with the same key.
  for (const record of records) {
    if (!record.removed) continue;
    const key = designResolver.keyOfRecord(record);
    if (entries.has(key)) continue;
    const liveRecord = liveIdx.byKey.get(key);
    if (liveRecord) entries.set(key, { key, status: 'delete', live: liveRecord, specChanges: [], tagSet: NO_TAG_CHANGES.set, tagRemove: NO_TAG_CHANGES.remove, tagChanges: NO_TAG_CHANGES.changes });
  }
  return entries;
}

/** No tag change: shared by the entries that have none (never changed, never handed out). */
const NO_TAG_CHANGES: { set: Record<string, string>; remove: string[]; changes: FieldChange[] } = Object.freeze({ set: Object.freeze({}), remove: Object.freeze([]) as unknown as string[], changes: Object.freeze([]) as unknown as FieldChange[] });

function compareEntry(key: string, desired: DesignRecord, live: DesignRecord | undefined, dr: KeyResolver, liveIdx: LiveIndex): Entry {
  if (!live) return { key, status: 'create', desired, specChanges: [], tagSet: NO_TAG_CHANGES.set, tagRemove: NO_TAG_CHANGES.remove, tagChanges: NO_TAG_CHANGES.changes };
  const specChanges = sameSpecAsLive(desired, live, dr, liveIdx.resolver) ? [] : compareSpecs(desired.kind, specInKeySpace(desired, dr), liveIdx.keySpec(live));
  const tags = DESIGN_KIND_INFO[desired.kind].taggable && desired.tags && !sameTags(desired.tags, live.tags ?? {}) ? compareTags(desired.tags, live.tags) : NO_TAG_CHANGES;
  let because: string | undefined;
  if (specChanges.length) {
    const updatable = [...updatableFields(desired.kind)];
    const fixed = specChanges.filter((c) => !updatable.some((u) => c.path === u || c.path.startsWith(`${u}.`)));
    if (fixed.length) because = `${fixed.map((c) => c.path).join(', ')} cannot change in place`;
  }
  const forced = PLAN_KIND_INFO[desired.kind].forcedReplacement?.(specChanges);
  if (forced) because = forced;
  const replace = because !== undefined;
  const entry: Entry = { key, status: replace ? 'replace' : specChanges.length || tags.changes.length ? 'update' : 'same', desired, live, specChanges, tagSet: tags.set, tagRemove: tags.remove, tagChanges: tags.changes };
  if (because) entry.replacedBecause = because;
  return entry;
}

/**
 * True when the design's spec is the live one as read, member for member, and each reference
 * in it names the same key on both sides: then both are the same in key space and
 * compareSpecs would find no change. Most records of an estate are as designed, and this
 * proves it without building the key-space copies. A target without a port takes its
 * group's, which may differ between the sides: it goes the long way.
 */
function sameSpecAsLive(desired: DesignRecord, live: DesignRecord, dr: KeyResolver, lr: KeyResolver): boolean {
  if (desired.kind !== live.kind || !sameJson(desired.spec, live.spec)) return false;
  if (desired.kind === 'target' && (desired.spec.port === undefined || desired.spec.port === null)) return false;
  const refs = DESIGN_KIND_INFO[desired.kind].refs;
  // Both records have the same key (the live one was found by the design's): the references it is made of name the same keys.
  const inKey = keyRefFields(desired.kind);
  for (let f = 0; f < refs.length; f++) {
    const path = refs[f].path;
    if (inKey.has(path)) continue;
    // A reference held directly (most are) is read without collecting.
    if (!path.includes('.') && !path.endsWith('[]')) {
      const value = desired.spec[path];
      if (typeof value === 'string' && dr.keyOf(value) !== lr.keyOf(value)) return false;
      continue;
    }
    const from = SAME_SPEC_REFS.start();
    refStrings(desired.spec, path, SAME_SPEC_REFS.list);
    for (let i = from; i < SAME_SPEC_REFS.list.length; i++) if (dr.keyOf(SAME_SPEC_REFS.list[i]) !== lr.keyOf(SAME_SPEC_REFS.list[i])) return false;
  }
  return true;
}

/**
 * A list that reference strings are pushed onto, read from where each use started. Emptying
 * an array gives its room back and the next push allocates again, once per reference of an
 * estate: it is emptied only when long.
 */
class Scratch {
  readonly list: string[] = [];

  /** Where the strings pushed from now on begin. */
  start(): number {
    if (this.list.length > 4096) this.list.length = 0;
    return this.list.length;
  }
}

const SAME_SPEC_REFS = new Scratch();

/** The same JSON: the same members (an undefined one too) with the same values, arrays item by item. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    const v = y[k];
    // Reading a member costs less than asking whether it is own: asked only where `y` may lack it (undefined, or inherited: `__proto__`, a method).
    if (((v === undefined || typeof v === 'function' || k === '__proto__') && !Object.hasOwn(y, k)) || !sameJson(x[k], v)) return false;
    n++;
  }
  for (const k in y) if (--n < 0) return false;
  return n === 0;
}

/** Who refers to what, live: a replaced or deleted resource takes its referrers with it. */
interface LiveReferrers {
  /** The live records that refer to the live resource with `key`, in estate order. */
  get(key: string): readonly Referrer[] | undefined;
}

/**
 * Every live reference, read once, answering for the few keys a plan asks about (what it
 * replaces or deletes). A reference names a live resource by its id, so each is held by its
 * value alone: linked lists in flat arrays, no list or object per resource of the estate.
 */
function liveReferrers(liveIdx: LiveIndex): LiveReferrers {
  const records: DesignRecord[] = [];
  /** Per reference value, its newest link; per link, [record index, 1 for a parent reference, previous link]. */
  const newest = new Map<string, number>();
  const links: number[] = [];
  const found = new Scratch();
  for (const r of liveIdx.byId.values()) {
    const refs = DESIGN_KIND_INFO[r.kind].refs;
    if (!refs.length) continue;
    const index = records.push(r) - 1;
    for (const field of refs) {
      const from = found.start();
      refStrings(r.spec, field.path, found.list);
      for (let i = from; i < found.list.length; i++) {
        const value = found.list[i];
        const link = links.length / 3;
        links.push(index, field.parent ? 1 : 0, newest.get(value) ?? -1);
        newest.set(value, link);
      }
    }
  }
  const answered = new Map<string, Referrer[]>();
  return {
    get(key) {
      const known = answered.get(key);
      if (known) return known;
      const target = liveIdx.byKey.get(key);
      const chain = target ? newest.get(target.id) : undefined;
      if (chain === undefined) return undefined;
      const backwards: number[] = [];
      for (let link = chain; link >= 0; link = links[link * 3 + 2]) backwards.push(link);
      // In estate order, each referrer once (its first reference says whether it is a child).
      const out: Referrer[] = [];
      const seen = new Set<number>();
      for (let i = backwards.length - 1; i >= 0; i--) {
        const record = links[backwards[i] * 3];
        if (seen.has(record)) continue;
        seen.add(record);
        const r = records[record];
        out.push({ record: r, key: liveIdx.resolver.keyOfRecord(r), parent: links[backwards[i] * 3 + 1] === 1 });
      }
      answered.set(key, out);
      return out;
    },
  };
}

/** A replaced resource gets a new ARN, so whatever the design keeps that refers to it is recreated too. */
function cascadeReplacements({ entries, referrers, designResolver, liveIdx, warnings }: PlanState): void {
  const queue = [...entries.values()].filter((e) => e.status === 'replace').map((e) => e.key);
  while (queue.length) {
    const key = queue.shift()!;
    for (const ref of referrers.get(key) ?? []) {
      const entry = entries.get(ref.key);
      if (entry && (entry.status === 'replace' || entry.status === 'delete')) continue;
      if (entry?.desired) {
        entry.status = 'replace';
        entry.replacedBecause = `recreated with ${labelOfKey(key, entries, designResolver)}`;
        queue.push(ref.key);
      } else if (ref.parent) {
        warnings.push(`${labelOfRecord(ref.record, liveIdx.resolver)} is not in this design: it is deleted with ${labelOfKey(key, entries, designResolver)} and not recreated.`);
      }
    }
  }
}

function plannedRemoval({ entries, liveIdx }: PlanState): Removal {
  const deleting = new Set([...entries.values()].filter((e) => e.status === 'delete' || e.status === 'replace').map((e) => e.key));
  const liveParentKey = (r: DesignRecord): string | undefined => {
    const parent = parentRefOf(r.kind);
    const v = parent ? firstRefValue(r.spec, parent.path) : undefined;
    return typeof v === 'string' ? liveIdx.resolver.keyOf(v) : undefined;
  };
  const disappearsWith = (key: string): string | undefined => {
    let found: string | undefined;
    let cur: string | undefined = key;
    for (let depth = 0; cur && depth < 8; depth++) {
      if (deleting.has(cur)) found = cur;
      const r = liveIdx.byKey.get(cur);
      cur = r ? liveParentKey(r) : undefined;
    }
    return found;
  };
  return { deleting, disappearsWith };
}

/** What building operations reads and fills: the live ARNs the inputs name go into `known`. */
interface BuildContext {
  state: PlanState;
  removal: Removal;
  known: ComputedPlan['known'];
  /** Names of the RAM shares holding each ARN, and live records by the ARN of their parent: read by consequences, built when the first is written. */
  sharesOf?: Map<string, string[]>;
  childrenOf?: Map<string, DesignRecord[]>;
}

/** Per entry: the delete, the create, or the update and tagging calls, with the dependencies each knows of. */
function buildOperations(state: PlanState, removal: Removal): { operations: PlanOperation[]; byId: Map<string, PlanOperation>; known: ComputedPlan['known'] } {
  const c: BuildContext = { state, removal, known: {} };
  const operations: PlanOperation[] = [];
  for (const entry of state.entries.values()) {
    if ((entry.status === 'delete' || entry.status === 'replace') && entry.live && removal.disappearsWith(entry.key) === entry.key) operations.push(deleteOperation(c, entry, entry.live));
    if ((entry.status === 'create' || entry.status === 'replace') && entry.desired) operations.push(createOperation(c, entry, entry.desired));
    if (entry.status === 'update' && entry.desired && entry.live) operations.push(...updateOperations(c, entry, entry.desired, entry.live));
  }
  return { operations, byId: new Map(operations.map((op) => [op.id, op])), known: c.known };
}

function deleteOperation(c: BuildContext, entry: Entry, l: DesignRecord): PlanOperation {
  const kind = (entry.desired ?? l).kind;
  const info = DESIGN_KIND_INFO[kind];
  const kindPlan = PLAN_KIND_INFO[kind];
  const identity = PLAN_KIND_INFO[l.kind].identity(l, c.state.liveIdx.byId);
  const input = kindPlan.deleteInput ? kindPlan.deleteInput(l, identity) : identity;
  const consequence = consequenceOf(c, entry, l);
  return {
    id: `delete:${entry.key}`,
    kind,
    key: entry.key,
    service: info.model,
    action: kindPlan.actions.delete,
    ...(entry.status === 'replace' ? { replacement: true } : {}),
    label: labelOfRecord(l, c.state.liveIdx.resolver),
    ...(entry.desired ? { recordId: entry.desired.id } : {}),
    arn: l.arn ?? l.id,
    account: l.account,
    region: l.region,
    call: info.delete,
    input,
    dependsOn: [],
    changes: entry.status === 'replace' ? entry.specChanges : [],
    ...(consequence ? { consequence } : {}),
    ...(info.lifecycle ? { waitFor: 'gone' as const } : {}),
  };
}

function createOperation(c: BuildContext, entry: Entry, d: DesignRecord): PlanOperation {
  const { entries, designResolver } = c.state;
  const info = DESIGN_KIND_INFO[d.kind];
  const kindPlan = PLAN_KIND_INFO[d.kind];
  const deps = new Set<string>();
  const spec = specForCalls(d, designResolver);
  let input = inputWithRefs(c, d, spec, deps);
  if (kindPlan.createInput) {
    input = kindPlan.createInput(input, { record: d, spec, reference: (value) => resolveRef(c, value, deps, d), designRecordOf: (ref) => designResolver.recordOf(ref) });
  }
  if (info.taggable && d.tags && Object.keys(d.tags).length) {
    if (info.tagList) input.Tags = iamTags(d.tags);
    else input.tags = { ...d.tags };
  }
  if (entry.status === 'replace') {
    const by = c.removal.disappearsWith(entry.key);
    if (by) deps.add(`delete:${by}`);
  }
  if (kindPlan.createWaitsForDeleteOf) {
    // The deleted keys, in the order of the entries they came from.
    for (const key of c.removal.deleting) {
      const other = entries.get(key)!;
      if (other.key !== entry.key && other.live && kindPlan.createWaitsForDeleteOf(d, other.live)) deps.add(`delete:${c.removal.disappearsWith(other.key)}`);
    }
  }
  const changes = entry.status === 'replace' ? entry.specChanges : createdFields(d, specInKeySpace(d, designResolver));
  return {
    id: `create:${entry.key}`,
    kind: d.kind,
    key: entry.key,
    service: info.model,
    action: kindPlan.actions.create,
    ...(entry.status === 'replace' ? { replacement: true } : {}),
    label: labelOfRecord(d, designResolver),
    recordId: d.id,
    account: d.account,
    region: d.region,
    call: info.create,
    input,
    dependsOn: [...deps],
    changes,
    ...(entry.status === 'replace' && entry.replacedBecause ? { consequence: `Replaced: ${entry.replacedBecause}.` } : {}),
    ...(info.lifecycle ? { waitFor: 'active' as const } : {}),
    ...(kindPlan.createTokenField ? { tokenField: kindPlan.createTokenField } : {}),
  };
}

/** The update call for spec changes, and TagResource / UntagResource for tag changes. */
function updateOperations(c: BuildContext, entry: Entry, d: DesignRecord, l: DesignRecord): PlanOperation[] {
  const { designResolver, liveIdx } = c.state;
  const info = DESIGN_KIND_INFO[d.kind];
  const kindPlan = PLAN_KIND_INFO[d.kind];
  const arn = l.arn ?? l.id;
  const common = { kind: d.kind, key: entry.key, service: info.model, recordId: d.id, arn, account: l.account, region: l.region, label: labelOfRecord(d, designResolver) };
  const out: PlanOperation[] = [];
  const identity = kindPlan.identity(l, liveIdx.byId);
  const touches = (field: string) => (ch: FieldChange) => ch.path === field || ch.path.startsWith(`${field}.`);
  const ownCalls = info.fieldUpdates ?? {};
  const mainChanges = entry.specChanges.filter((ch) => !Object.keys(ownCalls).some((f) => touches(f)(ch)));
  if (entry.specChanges.length) {
    const deps = new Set<string>();
    const resolved = inputWithRefs(c, d, specForCalls(d, designResolver), deps);
    const valueOf = (field: string) => field.split('.').reduce<Json | undefined>((o, p) => (o && typeof o === 'object' && !Array.isArray(o) ? o[p] : undefined), resolved);
    if (mainChanges.length) {
      const input: JsonObject = { ...identity };
      for (const field of updatableFields(d.kind)) {
        if (field in ownCalls || !mainChanges.some(touches(field))) continue;
        const value = valueOf(field);
        if (value !== undefined) input[field.split('.').pop()!] = value;
      }
      kindPlan.completeUpdateInput?.(input, resolved);
      out.push({ id: `update:${entry.key}`, ...common, action: kindPlan.actions.update, call: info.update!, input, dependsOn: [...deps], changes: mainChanges });
    }
    // Fields with a call of their own (a role's trust policy) are changed by that call.
    for (const [field, { call, member }] of Object.entries(ownCalls)) {
      const changes = entry.specChanges.filter(touches(field));
      const value = valueOf(field);
      if (!changes.length || value === undefined) continue;
      out.push({ id: `update:${entry.key}:${field}`, ...common, action: 'update', call, input: { ...identity, [member]: value }, dependsOn: [...deps], changes });
    }
  }
  const tagging = kindPlan.tagging;
  if (Object.keys(entry.tagSet).length) {
    const { call, input } = tagging ? tagging.tag(identity, entry.tagSet) : { call: 'TagResource', input: { resourceArn: arn, tags: entry.tagSet } };
    out.push({ id: `tag:${entry.key}`, ...common, action: 'update', call, input, dependsOn: [], changes: entry.tagChanges.filter((ch) => ch.after !== undefined) });
  }
  if (entry.tagRemove.length) {
    const { call, input } = tagging ? tagging.untag(identity, entry.tagRemove) : { call: 'UntagResource', input: { resourceArn: arn, tagKeys: entry.tagRemove } };
    out.push({ id: `untag:${entry.key}`, ...common, action: 'update', call, input, dependsOn: [], changes: entry.tagChanges.filter((ch) => ch.after === undefined) });
  }
  return out;
}

/** The spec a call sends: normalized, except the fields the kind sends as written. */
function specForCalls(record: DesignRecord, resolver: KeyResolver): JsonObject {
  const spec = normalizedSpec(record, resolver);
  for (const field of PLAN_KIND_INFO[record.kind].verbatimFields ?? []) {
    const written = record.spec[field];
    if (typeof written === 'string') spec[field] = written;
  }
  return spec;
}

function inputWithRefs(c: BuildContext, record: DesignRecord, spec: JsonObject, deps: Set<string>): JsonObject {
  const input = structuredClone(spec);
  for (const field of DESIGN_KIND_INFO[record.kind].refs) {
    for (const slot of refValues(input, field.path)) if (typeof slot.value === 'string' && slot.value) slot.set(resolveRef(c, slot.value, deps, record));
  }
  return input;
}

/** A reference in an input: the live ARN when it exists and stays, else a placeholder for the creating operation. */
function resolveRef(c: BuildContext, value: string, deps: Set<string>, forRecord: DesignRecord): string | InputRef {
  const { entries, designResolver, liveIdx } = c.state;
  const key = designResolver.keyOf(value);
  const provider = entries.get(key);
  if (provider && (provider.status === 'create' || provider.status === 'replace')) {
    deps.add(`create:${key}`);
    return { $ref: key, attr: 'arn' };
  }
  const liveRecord = liveIdx.byKey.get(key);
  if (liveRecord && !c.removal.deleting.has(key)) {
    const arn = liveRecord.arn ?? liveRecord.id;
    c.known[key] = { arn };
    return arn;
  }
  if (value.startsWith('arn:') && !liveRecord) return value;
  const target = designResolver.recordOf(value);
  throw new PlanError(`${labelOfRecord(forRecord, designResolver)} names ${target ? labelOfRecord(target, designResolver) : value}, which does not exist and is not created by this design.`);
}

/** A delete waits for everything that stops referring to the resource. */
function orderDeletesAfterReferrers({ entries, referrers, designResolver, liveIdx, warnings }: PlanState, { deleting, disappearsWith }: Removal, byId: Map<string, PlanOperation>): void {
  for (const key of deleting) {
    const op = byId.get(`delete:${key}`);
    if (!op) continue;
    const deps = new Set(op.dependsOn);
    for (const ref of referrers.get(key) ?? []) {
      const goneWith = disappearsWith(ref.key);
      if (goneWith) {
        if (goneWith !== key) deps.add(`delete:${goneWith}`);
        continue;
      }
      const update = byId.get(`update:${ref.key}`);
      const entry = entries.get(ref.key);
      const stillRefers = entry?.desired ? DESIGN_KIND_INFO[entry.desired.kind].refs.some((f) => refValues(entry.desired!.spec, f.path).some((v) => typeof v.value === 'string' && designResolver.keyOf(v.value) === key)) : true;
      if (update && !stillRefers) deps.add(update.id);
      else if (!ref.parent) warnings.push(`${labelOfRecord(ref.record, liveIdx.resolver)} still uses ${op.label} and is not changed by this plan: deleting it will fail until that is removed.`);
    }
    op.dependsOn = [...deps];
  }
}

/**
 * A policy that names a role the plan creates (an auth policy's principal, another role's
 * trust) waits for it: IAM and Lattice refuse a principal that does not exist yet. A role's
 * ARN is made from its account, path and name, so the reference is found in the text.
 */
function orderAfterRolesTheyName({ entries }: PlanState, operations: PlanOperation[]): void {
  const created = operations.filter((op) => op.kind === 'iamRole' && op.action === 'create' && entries.get(op.key)?.desired);
  if (!created.length) return;
  for (const role of created) {
    const arn = roleArnOf(entries.get(role.key)!.desired!);
    const tail = new RegExp(`${escapeRegExp(arn.slice(arn.indexOf(':iam::')))}(?![\\w+=,.@-])`);
    for (const op of operations) {
      if (op === role || op.key === role.key || op.action === 'delete' || op.action === 'deletePolicy' || op.action === 'disassociate') continue;
      if (tail.test(JSON.stringify(op.input)) && !op.dependsOn.includes(role.id)) op.dependsOn.push(role.id);
    }
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The keys whose live state the plan depends on beyond its entries' (what it touches): what it
 * names, or takes down with a delete.
 */
function keysBeyondEntries(records: readonly DesignRecord[], designById: ReadonlyMap<string, DesignRecord>, { entries, referrers, designResolver }: PlanState, { deleting }: Removal, shareKeys: readonly string[]): Set<string> {
  const beyond = new Set<string>();
  const add = (key: string) => {
    if (!entries.has(key)) beyond.add(key);
  };
  const found = new Scratch();
  for (const r of records) {
    // A kept record's key is an entry's already.
    if (r.removed) add(designResolver.keyOfRecord(r));
    const refs = DESIGN_KIND_INFO[r.kind].refs;
    for (let f = 0; f < refs.length; f++) {
      const from = found.start();
      refStrings(r.spec, refs[f].path, found.list);
      // A reference to a record of the design names its key, which is in the scope already
      // (kept records' keys are entries', removed ones' are added above).
      for (let i = from; i < found.list.length; i++) if (!designById.has(found.list[i])) add(designResolver.keyOf(found.list[i]));
    }
  }
  for (const key of deleting) for (const ref of referrers.get(key) ?? []) add(ref.key);
  for (const key of shareKeys) add(key);
  return beyond;
}

/** The fields a create sets, references shown as the keys of what they name (whole-field references are in the label). */
function createdFields(record: DesignRecord, spec: JsonObject): FieldChange[] {
  const out: FieldChange[] = [];
  const refs = DESIGN_KIND_INFO[record.kind].refs.filter((f) => !f.path.includes('.')).map((f) => f.path);
  // The key-space spec shares members with the design record: the plan gets copies.
  for (const [k, v] of Object.entries(spec).sort()) if (!refs.includes(k) && v !== undefined) out.push({ path: k, after: structuredClone(v) });
  for (const [k, v] of Object.entries(record.tags ?? {}).sort()) out.push({ path: `tags.${k}`, after: v });
  return out;
}

function labelOfKey(key: string, entries: Map<string, Entry>, resolver: KeyResolver): string {
  const e = entries.get(key);
  const r = e?.desired ?? e?.live;
  return r ? labelOfRecord(r, resolver) : key;
}

function consequenceOf(c: BuildContext, entry: Entry, l: DesignRecord): string {
  const { liveIdx, entries } = c.state;
  const arn = l.arn ?? l.id;
  const replace = entry.status === 'replace';
  const shares = (c.sharesOf ??= sharesByResource(c.state.live)).get(arn) ?? [];
  return PLAN_KIND_INFO[l.kind].consequence({
    live: l,
    replace,
    because: replace && entry.replacedBecause ? ` Replaced because ${entry.replacedBecause}.` : '',
    shareText: shares.length ? ` It leaves RAM share${shares.length > 1 ? 's' : ''} ${shares.join(', ')}: consumers lose it.` : '',
    children: (kinds) => ((c.childrenOf ??= childrenByParent(liveIdx)).get(arn) ?? []).filter((r) => kinds.includes(r.kind)).length,
    nameOf: (ref) => nameOfRef(ref, liveIdx.resolver),
    fieldOf: (ref, field) => {
      const owner = liveIdx.resolver.recordOf(ref);
      const designed = owner ? entries.get(liveIdx.resolver.keyOfRecord(owner))?.desired : undefined;
      return designed?.spec[field] ?? owner?.spec[field];
    },
  });
}

/** Per resource ARN, the names of the RAM shares it is in (edge order). */
function sharesByResource(topology: Topology): Map<string, string[]> {
  const names = new Map<string, string>();
  for (const n of topology.nodes) if (!names.has(n.id)) names.set(n.id, n.name);
  const out = new Map<string, string[]>();
  for (const e of topology.edges) {
    if (e.kind !== 'shareResource') continue;
    const name = names.get(e.source) ?? e.source;
    const list = out.get(e.target);
    if (list) list.push(name);
    else out.set(e.target, [name]);
  }
  return out;
}

/** Live records by each value of their parent reference. */
function childrenByParent(liveIdx: LiveIndex): Map<string, DesignRecord[]> {
  const out = new Map<string, DesignRecord[]>();
  const found = new Scratch();
  for (const r of liveIdx.byId.values()) {
    const parent = parentRefOf(r.kind);
    if (!parent) continue;
    const from = found.start();
    refStrings(r.spec, parent.path, found.list);
    for (let i = from; i < found.list.length; i++) {
      const value = found.list[i];
      // A record is its parent's child once, however often it names it (no set per record: this runs for every resource).
      if (found.list.indexOf(value, from) < i) continue;
      const list = out.get(value);
      if (list) list.push(r);
      else out.set(value, [r]);
    }
  }
  return out;
}

export function summarize(ops: readonly PlanOperation[]): PlanSummary {
  const s: PlanSummary = { create: 0, update: 0, replace: 0, delete: 0, associate: 0, disassociate: 0, putPolicy: 0, deletePolicy: 0, addPolicy: 0 };
  const replaced = new Set<string>();
  const updated = new Set<string>();
  for (const op of ops) {
    if (op.replacement) {
      replaced.add(op.key);
      continue;
    }
    if (op.action === 'update') updated.add(op.key);
    // A policy put where none was adds it; one put over a live policy changes it.
    else if (op.action === 'putPolicy' && op.changes.every((c) => c.before === undefined)) s.addPolicy = (s.addPolicy ?? 0) + 1;
    else s[op.action] += 1;
  }
  s.replace = replaced.size;
  s.update = updated.size;
  return s;
}
