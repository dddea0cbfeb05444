// Design vs live estate → the operations that make the estate match the design. Resources
// are matched by natural key (names are unique in Lattice), so a record drawn in the
// designer and the live resource it became are the same thing without any state file.
import type { FieldChange, Json, JsonObject, Topology } from '@/lib/topology';
import { parseArn } from '@/lib/topology';
import {
  compareSpecs,
  compareTags,
  createKeyResolver,
  DESIGN_KIND_INFO,
  destinationType,
  liveRecords,
  normalizedSpec,
  parentRefOf,
  refValues,
  specInKeySpace,
  updatableFields,
  type Design,
  type DesignKind,
  type DesignRecord,
  type KeyResolver,
} from '@/lib/topology/design';
import { planShareEdits, withShareEntries } from './sharing';
import { PlanError } from './errors';
import { fingerprintOf, indexLive, type LiveIndex } from './fingerprint';
import { orderOperations } from './order';
import type { ComputedPlan, InputRef, OperationAction, PlanOperation, PlanSummary } from './types';

export { PlanError };

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

const ASSOCIATION_KINDS = new Set<DesignKind>(['serviceNetworkServiceAssociation', 'serviceNetworkVpcAssociation', 'serviceNetworkResourceAssociation']);

/** The input member that names a resource of each kind in its update and delete calls. */
const IDENTIFIER: Partial<Record<DesignKind, string>> = {
  serviceNetwork: 'serviceNetworkIdentifier',
  service: 'serviceIdentifier',
  listener: 'listenerIdentifier',
  rule: 'ruleIdentifier',
  targetGroup: 'targetGroupIdentifier',
  resourceGateway: 'resourceGatewayIdentifier',
  resourceConfiguration: 'resourceConfigurationIdentifier',
  serviceNetworkServiceAssociation: 'serviceNetworkServiceAssociationIdentifier',
  serviceNetworkVpcAssociation: 'serviceNetworkVpcAssociationIdentifier',
  serviceNetworkResourceAssociation: 'serviceNetworkResourceAssociationIdentifier',
  accessLogSubscription: 'accessLogSubscriptionIdentifier',
};

function actionFor(kind: DesignKind, phase: 'create' | 'delete' | 'update'): OperationAction {
  if (kind === 'authPolicy') return phase === 'delete' ? 'deletePolicy' : 'putPolicy';
  if (ASSOCIATION_KINDS.has(kind) || kind === 'target') {
    if (phase === 'create') return 'associate';
    if (phase === 'delete') return 'disassociate';
  }
  return phase;
}

function tokenFieldFor(info: (typeof DESIGN_KIND_INFO)[DesignKind], call: string): string | undefined {
  if (call !== info.create) return undefined;
  if (info.model === 'ec2') return 'ClientToken';
  return ['RegisterTargets', 'PutAuthPolicy'].includes(call) ? undefined : 'clientToken';
}

export interface PlanOptions {
  /** Accounts the console can read; a design that acts elsewhere is refused. */
  readableAccounts?: readonly string[];
  /** Names of the configured accounts, for sharing operations' labels. */
  accountNames?: ReadonlyMap<string, string>;
}

/** Computes the plan that makes `live` match `design`. Throws PlanError when it cannot be planned safely. */
export function planDiff(design: Design, live: Topology, options: PlanOptions = {}): ComputedPlan {
  const all = Object.values(design.records);
  const unread = new Map<string, string>();
  for (const e of live.errors) if (!e.operation) unread.set(e.account, e.message);
  for (const r of all) {
    if (unread.has(r.account)) throw new PlanError(`Cannot plan: account ${r.account} could not be read (${unread.get(r.account)}). A plan made without it could delete or duplicate its resources.`);
    if (options.readableAccounts && !options.readableAccounts.includes(r.account)) {
      throw new PlanError(`Cannot plan: ${r.kind} ${String(r.spec.name ?? r.id)} is in account ${r.account}, which this console is not configured to reach.`);
    }
  }

  const liveIdx = indexLive(liveRecords(live));
  const designResolver = createKeyResolver(new Map(Object.entries(design.records)), liveIdx.byId);
  const entries = new Map<string, Entry>();
  const warnings: string[] = [];

  for (const record of all) {
    if (record.removed) continue;
    const key = designResolver.keyOfRecord(record);
    if (entries.has(key)) throw new PlanError(`Two records of the design are the same resource (${key}); rename one.`);
    entries.set(key, compareEntry(key, record, liveIdx.byKey.get(key), designResolver, liveIdx.resolver));
  }
  for (const record of all) {
    if (!record.removed) continue;
    const key = designResolver.keyOfRecord(record);
    if (entries.has(key)) continue;
    const liveRecord = liveIdx.byKey.get(key);
    if (liveRecord) entries.set(key, { key, status: 'delete', live: liveRecord, specChanges: [], tagSet: {}, tagRemove: [], tagChanges: [] });
  }

  // Who refers to what, live: a replaced or deleted resource takes its referrers with it.
  const referrers = new Map<string, { record: DesignRecord; key: string; parent: boolean }[]>();
  for (const r of liveIdx.byId.values()) {
    const rKey = liveIdx.resolver.keyOfRecord(r);
    for (const field of DESIGN_KIND_INFO[r.kind].refs) {
      for (const { value } of refValues(r.spec, field.path)) {
        if (typeof value !== 'string') continue;
        const target = liveIdx.resolver.keyOf(value);
        const list = referrers.get(target) ?? [];
        if (!list.some((x) => x.key === rKey)) list.push({ record: r, key: rKey, parent: !!field.parent });
        referrers.set(target, list);
      }
    }
  }
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
        warnings.push(`${labelOfLive(ref.record, liveIdx)} is not in this design: it is deleted with ${labelOfKey(key, entries, designResolver)} and not recreated.`);
      }
    }
  }

  // What disappears: own deletes, and children whose parent goes (Lattice deletes them with it).
  const deleting = new Set([...entries.values()].filter((e) => e.status === 'delete' || e.status === 'replace').map((e) => e.key));
  const liveParentKey = (r: DesignRecord): string | undefined => {
    const parent = parentRefOf(r.kind);
    const v = parent ? refValues(r.spec, parent.path)[0]?.value : undefined;
    return typeof v === 'string' ? liveIdx.resolver.keyOf(v) : undefined;
  };
  /** The key whose delete call makes `key` disappear: its own, or its nearest deleted ancestor's. */
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

  const ops: PlanOperation[] = [];
  const opByTemp = new Map<string, PlanOperation>();
  const known: ComputedPlan['known'] = {};
  const add = (temp: string, op: Omit<PlanOperation, 'id'>) => {
    const full = { id: temp, ...op } as PlanOperation;
    ops.push(full);
    opByTemp.set(temp, full);
    return full;
  };
  const provider = (key: string) => {
    const e = entries.get(key);
    return e && (e.status === 'create' || e.status === 'replace') ? `create:${key}` : undefined;
  };
  /** A reference in an input: the live ARN when it exists and stays, else a placeholder for the creating operation. */
  const resolveRef = (value: string, deps: Set<string>, forRecord: DesignRecord): string | InputRef => {
    const key = designResolver.keyOf(value);
    const creating = provider(key);
    if (creating) {
      deps.add(creating);
      return { $ref: key, attr: 'arn' };
    }
    const liveRecord = liveIdx.byKey.get(key);
    if (liveRecord && !deleting.has(key)) {
      const arn = liveRecord.arn ?? liveRecord.id;
      known[key] = { arn };
      return arn;
    }
    if (value.startsWith('arn:') && !liveRecord) return value;
    const target = designResolver.recordOf(value);
    throw new PlanError(`${labelOfRecord(forRecord, designResolver)} names ${target ? labelOfRecord(target, designResolver) : value}, which does not exist and is not created by this design.`);
  };
  const inputWithRefs = (record: DesignRecord, spec: JsonObject, deps: Set<string>) => {
    const input = structuredClone(spec);
    for (const field of DESIGN_KIND_INFO[record.kind].refs) {
      for (const slot of refValues(input, field.path)) if (typeof slot.value === 'string' && slot.value) slot.set(resolveRef(slot.value, deps, record));
    }
    return input;
  };
  const identity = (r: DesignRecord): JsonObject => {
    const arn = r.arn ?? r.id;
    const s = r.spec;
    switch (r.kind) {
      case 'listener':
        return { serviceIdentifier: s.serviceIdentifier as string, listenerIdentifier: arn };
      case 'rule': {
        const listener = liveIdx.byId.get(String(s.listenerIdentifier));
        return { serviceIdentifier: String(listener?.spec.serviceIdentifier ?? ''), listenerIdentifier: s.listenerIdentifier as string, ruleIdentifier: arn };
      }
      case 'authPolicy':
        return { resourceIdentifier: s.resourceIdentifier as string };
      case 'target':
        return { targetGroupIdentifier: s.targetGroupIdentifier as string };
      case 'serviceNetworkVpcEndpoint':
        return { VpcEndpointIds: [parseArn(arn)?.resourceId ?? arn] };
      default:
        return { [IDENTIFIER[r.kind]!]: arn };
    }
  };

  for (const entry of entries.values()) {
    const kind = (entry.desired ?? entry.live)!.kind;
    const info = DESIGN_KIND_INFO[kind];
    const base = { kind, key: entry.key, service: info.model };

    if ((entry.status === 'delete' || entry.status === 'replace') && entry.live && disappearsWith(entry.key) === entry.key) {
      const l = entry.live;
      const input = identity(l);
      if (kind === 'target') input.targets = [targetOf(l)];
      const consequence = consequenceOf(entry, live, liveIdx, designResolver, entries);
      add(`delete:${entry.key}`, {
        ...base,
        action: actionFor(kind, 'delete'),
        ...(entry.status === 'replace' ? { replacement: true } : {}),
        label: labelOfLive(l, liveIdx),
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
      });
    }
    if ((entry.status === 'create' || entry.status === 'replace') && entry.desired) {
      const d = entry.desired;
      const deps = new Set<string>();
      const spec = normalizedSpec(d, designResolver);
      if (kind === 'authPolicy' && typeof d.spec.policy === 'string') spec.policy = d.spec.policy;
      let input = inputWithRefs(d, spec, deps);
      if (kind === 'rule') {
        const listener = designResolver.recordOf(String(d.spec.listenerIdentifier));
        const svc = listener?.spec.serviceIdentifier;
        if (typeof svc === 'string') input = { serviceIdentifier: resolveRef(svc, deps, d) as Json, ...input };
      }
      if (kind === 'target') input = { targetGroupIdentifier: input.targetGroupIdentifier, targets: [targetOf({ ...d, spec })] };
      if (kind === 'serviceNetworkVpcEndpoint') input = { VpcEndpointType: 'ServiceNetwork', ...input };
      if (info.taggable && d.tags && Object.keys(d.tags).length) input.tags = { ...d.tags };
      if (entry.status === 'replace') {
        const by = disappearsWith(entry.key);
        if (by) deps.add(`delete:${by}`);
      }
      // A VPC leaves one service network before it joins another (no create during a disassociation).
      if (kind === 'serviceNetworkVpcAssociation') {
        for (const other of entries.values()) {
          if (other.key !== entry.key && other.live?.kind === 'serviceNetworkVpcAssociation' && deleting.has(other.key) && other.live.spec.vpcIdentifier === d.spec.vpcIdentifier && other.live.account === d.account) deps.add(`delete:${disappearsWith(other.key)}`);
        }
      }
      const changes = entry.status === 'replace' ? entry.specChanges : createdFields(d, specInKeySpace(d, designResolver));
      add(`create:${entry.key}`, {
        ...base,
        action: actionFor(kind, 'create'),
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
        ...(tokenFieldFor(info, info.create) ? { tokenField: tokenFieldFor(info, info.create) } : {}),
      });
    }
    if (entry.status === 'update' && entry.desired && entry.live) {
      const d = entry.desired;
      const l = entry.live;
      const arn = l.arn ?? l.id;
      const common = { ...base, recordId: d.id, arn, account: l.account, region: l.region, label: labelOfRecord(d, designResolver) };
      if (entry.specChanges.length) {
        const deps = new Set<string>();
        const resolved = inputWithRefs(d, normalizedSpec(d, designResolver), deps);
        if (kind === 'authPolicy' && typeof d.spec.policy === 'string') resolved.policy = d.spec.policy;
        const input: JsonObject = { ...identity(l) };
        for (const field of updatableFields(kind)) {
          if (!entry.specChanges.some((c) => c.path === field || c.path.startsWith(`${field}.`))) continue;
          const value = field.split('.').reduce<Json | undefined>((o, p) => (o && typeof o === 'object' && !Array.isArray(o) ? o[p] : undefined), resolved);
          if (value !== undefined) input[field.split('.').pop()!] = value;
        }
        // UpdateServiceNetwork requires authType even when only something else changed.
        if (kind === 'serviceNetwork' && input.authType === undefined) input.authType = resolved.authType ?? 'NONE';
        if (kind === 'serviceNetworkVpcAssociation' && input.securityGroupIds === undefined) input.securityGroupIds = resolved.securityGroupIds ?? [];
        add(`update:${entry.key}`, { ...common, action: actionFor(kind, 'update'), call: info.update!, input, dependsOn: [...deps], changes: entry.specChanges });
      }
      if (Object.keys(entry.tagSet).length) {
        add(`tag:${entry.key}`, { ...common, action: 'update', call: 'TagResource', input: { resourceArn: arn, tags: entry.tagSet }, dependsOn: [], changes: entry.tagChanges.filter((c) => c.after !== undefined) });
      }
      if (entry.tagRemove.length) {
        add(`untag:${entry.key}`, { ...common, action: 'update', call: 'UntagResource', input: { resourceArn: arn, tagKeys: entry.tagRemove }, dependsOn: [], changes: entry.tagChanges.filter((c) => c.after === undefined) });
      }
    }
  }

  // A delete waits for everything that stops referring to the resource.
  for (const key of deleting) {
    const op = opByTemp.get(`delete:${key}`);
    if (!op) continue;
    const deps = new Set(op.dependsOn);
    for (const ref of referrers.get(key) ?? []) {
      const goneWith = disappearsWith(ref.key);
      if (goneWith) {
        if (goneWith !== key) deps.add(`delete:${goneWith}`);
        continue;
      }
      const update = opByTemp.get(`update:${ref.key}`);
      const entry = entries.get(ref.key);
      const stillRefers = entry?.desired ? DESIGN_KIND_INFO[entry.desired.kind].refs.some((f) => refValues(entry.desired!.spec, f.path).some((v) => typeof v.value === 'string' && designResolver.keyOf(v.value) === key)) : true;
      if (update && !stillRefers) deps.add(update.id);
      else if (!ref.parent) warnings.push(`${labelOfLive(ref.record, liveIdx)} still uses ${op.label} and is not changed by this plan: deleting it will fail until that is removed.`);
    }
    op.dependsOn = [...deps];
  }

  const sharing = planShareEdits(design.shares ?? [], live, { accounts: options.accountNames ?? new Map() }, (n) => `share:${n}`);
  const ordered = orderOperations([...ops, ...sharing.operations]);
  const scope = new Set<string>(entries.keys());
  for (const r of all) {
    scope.add(designResolver.keyOfRecord(r));
    for (const field of DESIGN_KIND_INFO[r.kind].refs) for (const { value } of refValues(r.spec, field.path)) if (typeof value === 'string') scope.add(designResolver.keyOf(value));
  }
  for (const key of deleting) for (const ref of referrers.get(key) ?? []) scope.add(ref.key);
  for (const key of Object.keys(sharing.fingerprint)) scope.add(key);

  return {
    operations: ordered,
    fingerprint: withShareEntries(fingerprintOf(scope, liveIdx), live),
    accounts: [...new Set(ordered.map((o) => o.account))].sort(),
    regions: [...new Set(ordered.map((o) => o.region))].sort(),
    summary: summarize(ordered),
    warnings: [...new Set([...warnings, ...sharing.warnings])],
    known,
  };
}

function targetOf(r: DesignRecord): JsonObject {
  const out: JsonObject = { id: r.spec.id as string };
  if (typeof r.spec.port === 'number') out.port = r.spec.port;
  return out;
}

/** The fields a create sets, references shown as the keys of what they name (whole-field references are in the label). */
function createdFields(record: DesignRecord, spec: JsonObject): FieldChange[] {
  const out: FieldChange[] = [];
  const refs = DESIGN_KIND_INFO[record.kind].refs.filter((f) => !f.path.includes('.')).map((f) => f.path);
  for (const [k, v] of Object.entries(spec).sort()) if (!refs.includes(k) && v !== undefined) out.push({ path: k, after: v });
  for (const [k, v] of Object.entries(record.tags ?? {}).sort()) out.push({ path: `tags.${k}`, after: v });
  return out;
}

function compareEntry(key: string, desired: DesignRecord, live: DesignRecord | undefined, dr: KeyResolver, lr: KeyResolver): Entry {
  if (!live) return { key, status: 'create', desired, specChanges: [], tagSet: {}, tagRemove: [], tagChanges: [] };
  const specChanges = compareSpecs(desired.kind, specInKeySpace(desired, dr), specInKeySpace(live, lr));
  const tags = DESIGN_KIND_INFO[desired.kind].taggable ? compareTags(desired.tags, live.tags) : { set: {}, remove: [], changes: [] };
  const updatable = [...updatableFields(desired.kind)];
  let replace = specChanges.some((c) => !updatable.some((u) => c.path === u || c.path.startsWith(`${u}.`)));
  let because: string | undefined = replace ? `${specChanges.filter((c) => !updatable.some((u) => c.path === u || c.path.startsWith(`${u}.`))).map((c) => c.path).join(', ')} cannot change in place` : undefined;
  // Lattice cannot remove every security group from a VPC association: it is recreated.
  const sg = specChanges.find((c) => c.path === 'securityGroupIds');
  if (desired.kind === 'serviceNetworkVpcAssociation' && sg && Array.isArray(sg.before) && sg.before.length && Array.isArray(sg.after) && !sg.after.length) {
    replace = true;
    because = 'its security groups cannot all be removed in place';
  }
  const entry: Entry = { key, status: replace ? 'replace' : specChanges.length || tags.changes.length ? 'update' : 'same', desired, live, specChanges, tagSet: tags.set, tagRemove: tags.remove, tagChanges: tags.changes };
  if (because) entry.replacedBecause = because;
  return entry;
}

function nameOfRef(ref: unknown, resolver: KeyResolver): string {
  if (typeof ref !== 'string') return '?';
  const r = resolver.recordOf(ref);
  if (!r) return parseArn(ref)?.resourceId ?? ref;
  return typeof r.spec.name === 'string' ? r.spec.name : r.id;
}

export function labelOfRecord(r: DesignRecord, resolver: KeyResolver): string {
  const s = r.spec;
  const name = typeof s.name === 'string' ? s.name : '';
  switch (r.kind) {
    case 'listener':
      return `listener ${name} of ${nameOfRef(s.serviceIdentifier, resolver)}`;
    case 'rule':
      return `rule ${name} of ${nameOfRef(s.listenerIdentifier, resolver)}`;
    case 'target':
      return `target ${String(s.id)}${s.port !== undefined ? `:${String(s.port)}` : ''} of ${nameOfRef(s.targetGroupIdentifier, resolver)}`;
    case 'serviceNetworkServiceAssociation':
      return `service association ${nameOfRef(s.serviceNetworkIdentifier, resolver)} ↔ ${nameOfRef(s.serviceIdentifier, resolver)}`;
    case 'serviceNetworkVpcAssociation':
      return `VPC association ${nameOfRef(s.serviceNetworkIdentifier, resolver)} ↔ ${String(s.vpcIdentifier)}`;
    case 'serviceNetworkResourceAssociation':
      return `resource association ${nameOfRef(s.serviceNetworkIdentifier, resolver)} ↔ ${nameOfRef(s.resourceConfigurationIdentifier, resolver)}`;
    case 'serviceNetworkVpcEndpoint':
      return `VPC endpoint in ${String(s.VpcId)} to ${nameOfRef(s.ServiceNetworkArn, resolver)}`;
    case 'authPolicy':
      return `auth policy of ${nameOfRef(s.resourceIdentifier, resolver)}`;
    case 'accessLogSubscription':
      return `access logs of ${nameOfRef(s.resourceIdentifier, resolver)} to ${destinationType(String(s.destinationArn ?? ''))}`;
    default:
      return `${DESIGN_KIND_INFO[r.kind].label.toLowerCase()} ${name}`;
  }
}

function labelOfLive(r: DesignRecord, live: LiveIndex): string {
  return labelOfRecord(r, live.resolver);
}

function labelOfKey(key: string, entries: Map<string, Entry>, resolver: KeyResolver): string {
  const e = entries.get(key);
  const r = e?.desired ?? e?.live;
  return r ? labelOfRecord(r, resolver) : key;
}

function consequenceOf(entry: Entry, topology: Topology, live: LiveIndex, resolver: KeyResolver, entries: Map<string, Entry>): string | undefined {
  const l = entry.live!;
  const arn = l.arn ?? l.id;
  const replace = entry.status === 'replace';
  const shares = topology.edges.filter((e) => e.kind === 'shareResource' && e.target === arn).map((e) => topology.nodes.find((n) => n.id === e.source)?.name ?? e.source);
  const shareText = shares.length ? ` It leaves RAM share${shares.length > 1 ? 's' : ''} ${shares.join(', ')}: consumers lose it.` : '';
  const children = (kinds: DesignKind[]) => [...live.byId.values()].filter((r) => kinds.includes(r.kind) && parentRefOf(r.kind) && refValues(r.spec, parentRefOf(r.kind)!.path).some((v) => v.value === arn)).length;
  const because = replace && entry.replacedBecause ? ` Replaced because ${entry.replacedBecause}.` : '';
  switch (l.kind) {
    case 'service': {
      const n = children(['listener']);
      return replace
        ? `A replaced service gets a new ARN and DNS name: clients using the old name fail, and it loses its shares.${shareText}${because}`
        : `Clients can no longer reach it; its ${n} listener${n === 1 ? '' : 's'}, rules, auth policy and access logs are deleted with it.${shareText}`;
    }
    case 'serviceNetwork':
      return `${replace ? 'A replaced service network gets a new ARN: ' : ''}VPCs and services associated with it lose connectivity through it.${shareText}${because}`;
    case 'targetGroup':
      return `Its targets are deregistered and traffic forwarded to it stops.${because}`;
    case 'listener':
      return `Traffic on port ${String(l.spec.port ?? '?')} stops; its rules are deleted with it.${because}`;
    case 'rule':
      return `Requests it matched fall through to the listener's default action.${because}`;
    case 'target':
      return 'The target stops receiving traffic.';
    case 'serviceNetworkServiceAssociation':
      return `Clients in the network's VPCs can no longer reach ${nameOfRef(l.spec.serviceIdentifier, live.resolver)}.`;
    case 'serviceNetworkVpcAssociation':
      return `Workloads in ${String(l.spec.vpcIdentifier)} can no longer reach the network's services.${because}`;
    case 'serviceNetworkResourceAssociation':
      return `Clients in the network can no longer reach ${nameOfRef(l.spec.resourceConfigurationIdentifier, live.resolver)}.`;
    case 'resourceGateway':
      return `Resource configurations behind it become unreachable.${because}`;
    case 'resourceConfiguration':
      return `Clients lose access to the resource.${shareText}${because}`;
    case 'serviceNetworkVpcEndpoint':
      return `${String(l.spec.VpcId)} loses its path to the service network.`;
    case 'authPolicy': {
      const owner = live.resolver.recordOf(String(l.spec.resourceIdentifier));
      const desiredOwner = owner ? entries.get(live.resolver.keyOfRecord(owner))?.desired : undefined;
      const authType = desiredOwner?.spec.authType ?? owner?.spec.authType;
      return authType === 'AWS_IAM' ? 'With AWS_IAM and no auth policy, every request is denied.' : 'The resource uses auth type NONE: no request changes fate.';
    }
    case 'accessLogSubscription':
      return 'Access logs stop flowing to the destination.';
  }
  void resolver;
  return undefined;
}

export function summarize(ops: readonly PlanOperation[]): PlanSummary {
  const s: PlanSummary = { create: 0, update: 0, replace: 0, delete: 0, associate: 0, disassociate: 0, putPolicy: 0, deletePolicy: 0 };
  const replaced = new Set<string>();
  const updated = new Set<string>();
  for (const op of ops) {
    if (op.replacement) {
      replaced.add(op.key);
      continue;
    }
    if (op.action === 'update') updated.add(op.key);
    else s[op.action] += 1;
  }
  s.replace = replaced.size;
  s.update = updated.size;
  return s;
}
