// Named edits of a design. Each takes the document as it is and returns the patch that makes
// the edit (nothing is mutated); the caller applies it and records it for undo.
import { parseArn } from '../arn';
import type { Json, JsonObject } from '../types';
import { DESIGN_KIND_INFO, GLOBAL_REGION, parentRefOf, recordName, refValues } from './kinds';
import { applyPatch } from './patch';
import type { Design, DesignKind, DesignRecord, DocumentChange, Patch, Position } from './types';

export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

export interface CommandOptions {
  /** Makes record ids; tests pass a counter, the designer leaves it out. */
  newId?: () => string;
}

export function newRecordId(): string {
  return `new-${globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The records a user sees: tombstones left out. */
export function activeRecords(design: Design): DesignRecord[] {
  return Object.values(design.records).filter((r) => !r.removed);
}

/** Active records whose parent reference names `id` (listeners of a service, rules of a listener…). */
export function childrenOf(design: Design, id: string): DesignRecord[] {
  return activeRecords(design).filter((r) => {
    const parent = parentRefOf(r.kind);
    return parent ? refValues(r.spec, parent.path).some((v) => v.value === id) : false;
  });
}

/** The first name `base`, `base-2`, `base-3`… not yet used by an active record of the kind in the same scope. */
export function uniqueName(design: Design, kind: DesignKind, base: string, scope?: { parent?: string; account?: string }, alsoTaken: Iterable<string> = []): string {
  const taken = new Set([...alsoTaken,

    activeRecords(design)
      .filter((r) => r.kind === kind && (!scope?.account || r.account === scope.account))
      .filter((r) => {
        if (!scope?.parent) return true;
        const parent = parentRefOf(kind);
        return parent ? refValues(r.spec, parent.path).some((v) => v.value === scope.parent) : true;
      })
      .map((r) => recordName(r)),
  ]);
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

export interface NewRecord {
  kind: DesignKind;
  spec: JsonObject;
  account?: string;
  region?: string;
  tags?: Record<string, string>;
  position?: Position;
  id?: string;
}

function buildRecord(design: Design, input: NewRecord, options: CommandOptions): DesignRecord {
  const record: DesignRecord = {
    id: input.id ?? (options.newId ?? newRecordId)(),
    kind: input.kind,
    account: input.account ?? design.defaults.account,
    // IAM records belong to the account alone.
    region: DESIGN_KIND_INFO[input.kind].global ? GLOBAL_REGION : (input.region ?? design.defaults.region),
    spec: structuredClone(input.spec),
  };
  if (input.tags) record.tags = { ...input.tags };
  if (design.records[record.id]) throw new CommandError(`A record with id ${record.id} already exists.`);
  return record;
}

function labelOf(record: Pick<DesignRecord, 'kind' | 'spec'>): string {
  const name = typeof record.spec.name === 'string' ? ` ${record.spec.name}` : '';
  return `${DESIGN_KIND_INFO[record.kind].label.toLowerCase()}${name}`;
}

/** Adds records (a service and its first listener go in one patch, so one undo takes both away). */
export function addRecords(design: Design, inputs: readonly NewRecord[], options: CommandOptions = {}, label?: string): { patch: Patch; ids: string[] } {
  const changes: DocumentChange[] = [];
  const ids: string[] = [];
  for (const input of inputs) {
    const record = buildRecord(design, input, options);
    ids.push(record.id);
    changes.push({ collection: 'records', id: record.id, after: record });
    if (input.position) changes.push({ collection: 'positions', id: record.id, after: { ...input.position } });
  }
  return { patch: { label: label ?? `add ${inputs.map((i) => labelOf(i)).join(', ')}`, changes }, ids };
}

export function addRecord(design: Design, input: NewRecord, options: CommandOptions = {}): { patch: Patch; id: string } {
  const { patch, ids } = addRecords(design, [input], options);
  return { patch, id: ids[0] };
}

function requireRecord(design: Design, id: string): DesignRecord {
  const record = design.records[id];
  if (!record || record.removed) throw new CommandError(`No record ${id} in this design.`);
  return record;
}

/** Sets (or with `undefined`, clears) the value at `path` of an object, returning a copy. */
export function setIn(target: JsonObject, path: readonly (string | number)[], value: Json | undefined): JsonObject {
  if (!path.length) throw new CommandError('An empty field path names no field.');
  const [head, ...rest] = path;
  const copy: JsonObject | Json[] = Array.isArray(target) ? [...(target as Json[])] : { ...target };
  const current = (copy as Record<string | number, Json>)[head];
  if (!rest.length) {
    if (value === undefined) {
      if (Array.isArray(copy)) copy.splice(Number(head), 1);
      else delete (copy as JsonObject)[head as string];
    } else (copy as Record<string | number, Json>)[head] = value;
    return copy as JsonObject;
  }
  const child = isObject(current) || Array.isArray(current) ? current : typeof rest[0] === 'number' ? [] : {};
  const next = setIn(child as JsonObject, rest, value);
  const pruned = !Array.isArray(next) && Object.keys(next).length === 0 && value === undefined;
  if (pruned && !Array.isArray(copy)) delete (copy as JsonObject)[head as string];
  else (copy as Record<string | number, Json>)[head] = next;
  return copy as JsonObject;
}

export function getIn(target: Json | undefined, path: readonly (string | number)[]): Json | undefined {
  let cur: Json | undefined = target;
  for (const part of path) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, Json>)[part];
  }
  return cur;
}

function replaceRecord(before: DesignRecord, after: DesignRecord): DocumentChange {
  return { collection: 'records', id: before.id, before, after };
}

/** Sets one field of a record's spec (`['config', 'port']`), or clears it with `undefined`. */
export function setField(design: Design, id: string, path: readonly (string | number)[], value: Json | undefined): Patch {
  const record = requireRecord(design, id);
  const spec = setIn(record.spec, path, value);
  return { label: `set ${path.join('.')} of ${labelOf(record)}`, changes: [replaceRecord(record, { ...record, spec })] };
}

export function setTags(design: Design, id: string, tags: Record<string, string>): Patch {
  const record = requireRecord(design, id);
  return { label: `set tags of ${labelOf(record)}`, changes: [replaceRecord(record, { ...record, tags: { ...tags } })] };
}

/** Moves a record to another account or Region (its children follow: they live where it lives). */
export function setPlacement(design: Design, id: string, account: string, region: string): Patch {
  const record = requireRecord(design, id);
  const changes: DocumentChange[] = [];
  const visit = (r: DesignRecord) => {
    changes.push(replaceRecord(r, { ...r, account, region: DESIGN_KIND_INFO[r.kind].global ? GLOBAL_REGION : region }));
    for (const child of childrenOf(design, r.id)) visit(child);
  };
  visit(record);
  return { label: `move ${labelOf(record)} to ${account} ${region}`, changes };
}

/** Records that stop making sense without `id`: its children and the associations naming it. */
function dependentsOf(design: Design, id: string): DesignRecord[] {
  return activeRecords(design).filter((r) => {
    if (r.id === id) return false;
    return DESIGN_KIND_INFO[r.kind].refs.some((field) => (field.parent || isAssociationKind(r.kind)) && refValues(r.spec, field.path).some((v) => v.value === id));
  });
}

function isAssociationKind(kind: DesignKind): boolean {
  return kind === 'serviceNetworkServiceAssociation' || kind === 'serviceNetworkVpcAssociation' || kind === 'serviceNetworkResourceAssociation' || kind === 'serviceNetworkVpcEndpoint';
}

/**
 * Deletes records, with what depends on them. Each becomes a tombstone, so the plan deletes
 * the live resource it stands for. A forward to a deleted target group is dropped from
 * actions that keep another target group.
 */
export function removeRecords(design: Design, ids: readonly string[]): Patch {
  const doomed = new Map<string, DesignRecord>();
  const visit = (id: string) => {
    if (doomed.has(id)) return;
    const record = design.records[id];
    if (!record || record.removed) return;
    doomed.set(id, record);
    for (const d of dependentsOf(design, id)) visit(d.id);
  };
  ids.forEach(visit);
  const changes: DocumentChange[] = [];
  for (const record of doomed.values()) {
    const tombstone: DesignRecord = { ...record, removed: true };
    changes.push(replaceRecord(record, tombstone));
  }
  // Forward actions that still name a deleted target group.
  for (const r of activeRecords(design)) {
    if (doomed.has(r.id) || (r.kind !== 'listener' && r.kind !== 'rule')) continue;
    const field = r.kind === 'listener' ? 'defaultAction' : 'action';
    const groups = getIn(r.spec, [field, 'forward', 'targetGroups']);
    if (!Array.isArray(groups)) continue;
    const kept = groups.filter((g) => !(isObject(g) && typeof g.targetGroupIdentifier === 'string' && doomed.has(g.targetGroupIdentifier)));
    if (kept.length === groups.length || kept.length === 0) continue;
    changes.push(replaceRecord(r, { ...r, spec: setIn(r.spec, [field, 'forward', 'targetGroups'], kept) }));
  }
  for (const id of doomed.keys()) {
    const position = design.positions[id];
    if (position) changes.push({ collection: 'positions', id, before: position });
  }
  const first = doomed.values().next().value;
  const label = doomed.size === 1 && first ? `delete ${labelOf(first)}` : `delete ${doomed.size} records`;
  return { label, changes };
}

/** Moves boxes on the canvas. */
export function moveNodes(design: Design, moves: Record<string, Position>): Patch {
  const changes: DocumentChange[] = [];
  for (const [id, to] of Object.entries(moves)) {
    const before = design.positions[id];
    if (before && before.x === to.x && before.y === to.y) continue;
    changes.push(before ? { collection: 'positions', id, before, after: { x: to.x, y: to.y } } : { collection: 'positions', id, after: { x: to.x, y: to.y } });
  }
  return { label: changes.length === 1 ? 'move a box' : `move ${changes.length} boxes`, changes };
}

/**
 * Copies live records into the design (all, or the ids given with what they contain), so a
 * plan changes them from what they are. Records already in the design are left alone.
 */
export function importLive(design: Design, live: readonly DesignRecord[], selection?: readonly string[]): Patch {
  let chosen = live;
  if (selection) {
    const wanted = new Set(selection);
    // Take children along (a service's listeners and rules, a group's targets, policies).
    let grew = true;
    while (grew) {
      grew = false;
      for (const r of live) {
        if (wanted.has(r.id)) continue;
        const parent = parentRefOf(r.kind);
        const inside = parent && refValues(r.spec, parent.path).some((v) => typeof v.value === 'string' && wanted.has(v.value));
        const between = isAssociationKind(r.kind) && DESIGN_KIND_INFO[r.kind].refs.every((f) => refValues(r.spec, f.path).every((v) => typeof v.value === 'string' && wanted.has(v.value)));
        if (inside || between) {
          wanted.add(r.id);
          grew = true;
        }
      }
    }
    chosen = live.filter((r) => wanted.has(r.id));
  }
  const changes: DocumentChange[] = [];
  for (const r of chosen) {
    const existing = design.records[r.id];
    if (existing && !existing.removed) continue;
    changes.push(existing ? replaceRecord(existing, structuredClone(r)) : { collection: 'records', id: r.id, after: structuredClone(r) });
  }
  return { label: `take ${changes.length} resources from the live estate`, changes };
}

/** A live VPC the canvas shows as a box: its node id is its ARN. */
export interface VpcRef {
  id: string;
  vpcId: string;
  account: string;
  region: string;
}

export interface ConnectContext extends CommandOptions {
  /** Live VPCs by node id, for connections that name one. */
  vpcs?: ReadonlyMap<string, VpcRef>;
}

function endKind(design: Design, id: string, ctx: ConnectContext): DesignKind | 'vpc' | undefined {
  const record = design.records[id];
  if (record && !record.removed) return record.kind;
  if (ctx.vpcs?.has(id) || parseArn(id)?.resourceType === 'vpc') return 'vpc';
  return undefined;
}

function defaultForward(targetGroup: string): JsonObject {
  return { forward: { targetGroups: [{ targetGroupIdentifier: targetGroup, weight: 100 }] } };
}

/** Adds `targetGroup` to a listener's or rule's forward action, splitting nothing: new entries weigh 100 unless the action had none. */
function forwardTo(record: DesignRecord, targetGroup: string): Patch {
  const field = record.kind === 'listener' ? 'defaultAction' : 'action';
  const action = record.spec[field];
  const groups = getIn(action, ['forward', 'targetGroups']);
  let next: JsonObject;
  if (Array.isArray(groups)) {
    if (groups.some((g) => isObject(g) && g.targetGroupIdentifier === targetGroup)) throw new CommandError(`${labelOf(record)} already forwards to that target group.`);
    next = { forward: { targetGroups: [...groups, { targetGroupIdentifier: targetGroup, weight: 100 }] } };
  } else next = defaultForward(targetGroup);
  return { label: `forward ${labelOf(record)} to a target group`, changes: [replaceRecord(record, { ...record, spec: { ...record.spec, [field]: next } })] };
}

function existingAssociation(design: Design, kind: DesignKind, match: (r: DesignRecord) => boolean): boolean {
  return activeRecords(design).some((r) => r.kind === kind && match(r));
}

/**
 * Connects two boxes with the association that makes sense between them: service ↔ service
 * network, VPC ↔ service network, resource configuration ↔ service network, listener or
 * service → target group (a forward), gateway → resource configuration, endpoint → network.
 * Throws CommandError saying what can connect when the pair makes no sense.
 */
export function connect(design: Design, a: string, b: string, ctx: ConnectContext = {}): Patch {
  const ka = endKind(design, a, ctx);
  const kb = endKind(design, b, ctx);
  if (!ka || !kb) throw new CommandError('Both ends must be boxes of this design or live VPCs.');
  const pair = (x: string, y: string) => (ka === x && kb === y ? [a, b] : ka === y && kb === x ? [b, a] : null);
  const options: CommandOptions = { newId: ctx.newId };

  let p = pair('serviceNetwork', 'service');
  if (p) {
    const [sn, svc] = p;
    if (existingAssociation(design, 'serviceNetworkServiceAssociation', (r) => r.spec.serviceNetworkIdentifier === sn && r.spec.serviceIdentifier === svc)) throw new CommandError('That service is already associated with that service network.');
    const service = design.records[svc];
    return addRecord(design, { kind: 'serviceNetworkServiceAssociation', account: service.account, region: service.region, spec: { serviceNetworkIdentifier: sn, serviceIdentifier: svc } }, options).patch;
  }
  p = pair('serviceNetwork', 'vpc');
  if (p) {
    const [sn, vpcNode] = p;
    const vpc = ctx.vpcs?.get(vpcNode);
    const parsed = parseArn(vpcNode);
    const vpcId = vpc?.vpcId ?? parsed?.resourceId ?? vpcNode;
    const account = vpc?.account ?? parsed?.account ?? design.defaults.account;
    const region = vpc?.region ?? parsed?.region ?? design.defaults.region;
    if (existingAssociation(design, 'serviceNetworkVpcAssociation', (r) => r.spec.serviceNetworkIdentifier === sn && r.spec.vpcIdentifier === vpcId)) throw new CommandError('That VPC is already associated with that service network.');
    return addRecord(design, { kind: 'serviceNetworkVpcAssociation', account, region, spec: { serviceNetworkIdentifier: sn, vpcIdentifier: vpcId } }, options).patch;
  }
  p = pair('serviceNetwork', 'resourceConfiguration');
  if (p) {
    const [sn, rc] = p;
    if (existingAssociation(design, 'serviceNetworkResourceAssociation', (r) => r.spec.serviceNetworkIdentifier === sn && r.spec.resourceConfigurationIdentifier === rc)) throw new CommandError('That resource configuration is already associated with that service network.');
    const config = design.records[rc];
    return addRecord(design, { kind: 'serviceNetworkResourceAssociation', account: config.account, region: config.region, spec: { serviceNetworkIdentifier: sn, resourceConfigurationIdentifier: rc } }, options).patch;
  }
  p = pair('serviceNetworkVpcEndpoint', 'serviceNetwork');
  if (p) {
    const [endpoint, sn] = p;
    return setField(design, endpoint, ['ServiceNetworkArn'], sn);
  }
  p = pair('resourceGateway', 'resourceConfiguration');
  if (p) {
    const [gw, rc] = p;
    return setField(design, rc, ['resourceGatewayIdentifier'], gw);
  }
  for (const from of ['listener', 'rule'] as const) {
    p = pair(from, 'targetGroup');
    if (p) return forwardTo(design.records[p[0]], p[1]);
  }
  p = pair('service', 'targetGroup');
  if (p) {
    const [svc, tg] = p;
    const listener = childrenOf(design, svc).find((r) => r.kind === 'listener');
    if (listener) {
      const action = listener.spec.defaultAction;
      // A listener still answering with its placeholder fixed response starts forwarding.
      if (!getIn(action, ['forward'])) return { label: 'forward to a target group', changes: [replaceRecord(listener, { ...listener, spec: { ...listener.spec, defaultAction: defaultForward(tg) } })] };
      return forwardTo(listener, tg);
    }
    const service = design.records[svc];
    return addRecord(
      design,
      { kind: 'listener', account: service.account, region: service.region, spec: { serviceIdentifier: svc, name: 'http-80', protocol: 'HTTP', port: 80, defaultAction: defaultForward(tg) } },
      options,
    ).patch;
  }
  throw new CommandError(
    'Nothing connects those two. Connect a service network to a service, a VPC or a resource configuration; a service or listener to a target group; a resource gateway to a resource configuration; a VPC endpoint to a service network.',
  );
}

/** What a sharing edit does, for the history menu ("share platform-partners", "stop sharing a share"). */
function shareEditLabel(edit: JsonObject): string {
  if (edit.action === 'share') return `share ${typeof edit.name === 'string' && edit.name ? edit.name : 'a resource'}`;
  if (edit.action === 'stop') return 'stop sharing a share';
  return 'change the principals of a share';
}

/**
 * Adds a sharing edit (lib/sharing's ShareEdit: share, update or stop) to the design, planned
 * with its records. The edit is kept as given: lib/sharing checks it when it is previewed and
 * planned. One patch, so one undo takes it away.
 */
export function addShareEdit(design: Design, edit: JsonObject): Patch {
  if (typeof edit.action !== 'string' || !['share', 'update', 'stop'].includes(edit.action)) throw new CommandError('A sharing edit needs an action: share, update or stop.');
  const before = design.shares ?? [];
  return { label: shareEditLabel(edit), changes: [{ collection: 'shares', before, after: [...before, structuredClone(edit)] }] };
}

/** Takes sharing edits out of the design by their positions in `design.shares`. */
export function removeShareEdits(design: Design, indexes: readonly number[]): Patch {
  const before = design.shares ?? [];
  const dropped = new Set(indexes);
  for (const i of dropped) if (!Number.isInteger(i) || i < 0 || i >= before.length) throw new CommandError(`No sharing edit ${i} in this design.`);
  if (!dropped.size) return { label: 'remove no sharing edit', changes: [] };
  const label = dropped.size === 1 ? `remove ${shareEditLabel(before[[...dropped][0]])} from the plan` : `remove ${dropped.size} sharing edits`;
  return { label, changes: [{ collection: 'shares', before, after: before.filter((_, i) => !dropped.has(i)) }] };
}

/** Applies a list of commands' patches in order, for tests and scripted edits. */
export function applyAll(design: Design, patches: readonly Patch[]): Design {
  return patches.reduce(applyPatch, design);
}
