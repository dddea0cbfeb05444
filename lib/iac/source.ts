// What an export holds: resources as their create calls would state them (the design
// document's records, which the live estate also reads as through liveRecords), plus RAM shares,
// accepted invitations and resource policies, which designs do not hold. Every exporter (Terraform,
// CloudFormation) and the cost estimate read this one form.
import { accountOfArn, parseArn, regionOfArn } from '@/lib/topology/arn';
import { DESIGN_KIND_INFO, isIamKind, liveRecords, type Design, type DesignKind, type DesignRecord, type IamDesignKind } from '@/lib/topology/design';
import type { Json, JsonObject, Topology, TopologyNode } from '@/lib/topology/types';

// IAM roles are not exported: an export describes the Lattice estate; roles are kept where callers are defined.
export type IacKind = Exclude<DesignKind, IamDesignKind> | 'resourcePolicy' | 'resourceShare' | 'shareAccepter';

export interface IacResource {
  /** The record id (a live ARN or key, or a design's `new-…` id). */
  key: string;
  kind: IacKind;
  account: string;
  region: string;
  /** The create call's fields; references hold another resource's key, ARN or id. */
  spec: JsonObject;
  tags?: Record<string, string>;
  /** The live resource, when there is one: what import blocks adopt. */
  arn?: string;
  /** Extra facts the create call does not take but the IaC resource does (VPC endpoint DNS options). */
  extra?: JsonObject;
}

/** Something an exported resource refers to that the export does not hold. */
export interface OutsideThing {
  kind: string;
  name: string;
  account: string;
  region: string;
  arn?: string;
  id?: string;
}

export interface IacSource {
  /** What was exported, for the header: `the estate`, `account storefront`, `design checkout-v2`. */
  title: string;
  resources: IacResource[];
  /** Known resources outside the export, by every string that may name them (ARN, id). */
  outside: Map<string, OutsideThing>;
  /** Account id → name, for file names and provider aliases. */
  accountNames: Record<string, string>;
  /** What the source holds that the export leaves out, in sentences. */
  notes: string[];
}

export type TopologyScope = { kind: 'estate' } | { kind: 'account'; account: string } | { kind: 'selection'; ids: string[] };

const str = (v: Json | undefined): string | undefined => (typeof v === 'string' && v ? v : undefined);

function outsideIndex(topology: Topology): Map<string, OutsideThing> {
  const out = new Map<string, OutsideThing>();
  for (const n of topology.nodes) {
    if (n.kind === 'target' || n.kind === 'rule' || n.kind === 'principal') continue;
    const thing: OutsideThing = { kind: n.kind, name: n.name, account: n.account, region: n.region, arn: n.id.startsWith('arn:') ? n.id : undefined, id: n.resourceId };
    out.set(n.id, thing);
    if (n.resourceId) out.set(`${n.account}:${n.resourceId}`, thing);
    if (n.resourceId && !out.has(n.resourceId)) out.set(n.resourceId, thing);
  }
  return out;
}

/** RAM shares owned, with principals and resources, and invitations accepted. */
function ramResources(topology: Topology): IacResource[] {
  const out: IacResource[] = [];
  const nodes = new Map(topology.nodes.map((n) => [n.id, n]));
  const principals = new Map<string, string[]>();
  const shared = new Map<string, string[]>();
  for (const e of topology.edges) {
    if (e.kind === 'sharePrincipal') {
      const p = nodes.get(e.target);
      const value = str(p?.description.principal) ?? e.target;
      if (!principals.has(e.source)) principals.set(e.source, []);
      principals.get(e.source)!.push(value);
    } else if (e.kind === 'shareResource') {
      if (!shared.has(e.source)) shared.set(e.source, []);
      shared.get(e.source)!.push(e.target);
    }
  }
  for (const n of topology.nodes) {
    if (n.kind === 'resourceShare' && !n.external && (n.status === 'ACTIVE' || n.status === 'PENDING')) {
      const d = n.description;
      out.push({
        key: n.id,
        kind: 'resourceShare',
        account: n.account,
        region: n.region,
        arn: n.id,
        tags: { ...n.tags },
        spec: {
          name: n.name,
          allowExternalPrincipals: typeof d.allowExternalPrincipals === 'boolean' ? d.allowExternalPrincipals : true,
          principals: (principals.get(n.id) ?? []).sort(),
          resourceArns: (shared.get(n.id) ?? []).sort(),
        },
      });
    }
    if (n.kind === 'resourceShareInvitation' && n.status === 'ACCEPTED') {
      const share = str(n.description.resourceShareArn);
      if (share) out.push({ key: n.id, kind: 'shareAccepter', account: n.account, region: n.region, arn: share, spec: { shareArn: share, name: n.name } });
    }
  }
  return out;
}

/** Lattice's own resource policies; a Lambda function's policy (also read into `resourcePolicy`) is not Lattice's to export. */
const LATTICE_POLICY_KINDS = new Set(['serviceNetwork', 'service', 'resourceConfiguration']);

function resourcePolicies(topology: Topology): IacResource[] {
  return topology.nodes
    .filter((n) => LATTICE_POLICY_KINDS.has(n.kind) && !n.external && n.resourcePolicy !== undefined && n.resourcePolicy !== null && n.id.startsWith('arn:'))
    .map((n) => ({
      key: `resourcePolicy:${n.id}`,
      kind: 'resourcePolicy' as const,
      account: n.account,
      region: n.region,
      arn: n.id,
      spec: { resourceArn: n.id, policy: typeof n.resourcePolicy === 'string' ? n.resourcePolicy : JSON.stringify(n.resourcePolicy) },
    }));
}

function fromRecord(r: DesignRecord & { kind: IacKind }, nodes: Map<string, TopologyNode>): IacResource {
  const res: IacResource = { key: r.id, kind: r.kind, account: r.account, region: r.region, spec: structuredClone(r.spec) };
  if (r.tags && Object.keys(r.tags).length) res.tags = { ...r.tags };
  if (r.arn) res.arn = r.arn;
  // A CHILD configuration takes its group's gateway; the API refuses one named on the child.
  if (r.kind === 'resourceConfiguration' && r.spec.type === 'CHILD') delete res.spec.resourceGatewayIdentifier;
  if (r.kind === 'serviceNetworkVpcEndpoint' && r.arn) {
    const d = nodes.get(r.arn)?.description;
    if (d) {
      const extra: JsonObject = {};
      if (typeof d.PrivateDnsEnabled === 'boolean') extra.PrivateDnsEnabled = d.PrivateDnsEnabled;
      if (str(d.IpAddressType)) extra.IpAddressType = d.IpAddressType;
      if (d.DnsOptions && typeof d.DnsOptions === 'object' && !Array.isArray(d.DnsOptions)) extra.DnsOptions = d.DnsOptions;
      res.extra = extra;
      const tags = nodes.get(r.arn)?.tags;
      if (tags && Object.keys(tags).length) res.tags = { ...tags };
    }
  }
  return res;
}

const isLatticeRecord = (r: DesignRecord): r is DesignRecord & { kind: IacKind } => !isIamKind(r.kind);

/** Account names from the topology's configured names, else the id. */
function names(accountNames: Record<string, string> | undefined, resources: IacResource[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of resources) out[r.account] = accountNames?.[r.account] ?? r.account;
  return { ...out, ...(accountNames ?? {}) };
}

/** Everything Trellis can export from a topology, before choosing a scope. */
function allFromTopology(topology: Topology): IacResource[] {
  const nodes = new Map(topology.nodes.map((n) => [n.id, n]));
  const records = liveRecords(topology).filter(isLatticeRecord).map((r) => fromRecord(r, nodes));
  // A live auth policy is known by the resource it is on (its import id).
  for (const r of records) if (r.kind === 'authPolicy' && typeof r.spec.resourceIdentifier === 'string') r.arn = r.spec.resourceIdentifier;
  return [...records, ...resourcePolicies(topology), ...ramResources(topology)];
}

/** The parent key of a resource: what contains it (listener → service, target → target group, policy → resource). */
export function parentKeyOf(r: IacResource): string | undefined {
  if (r.kind === 'resourcePolicy') return str(r.spec.resourceArn);
  if (r.kind === 'resourceShare' || r.kind === 'shareAccepter') return undefined;
  const ref = DESIGN_KIND_INFO[r.kind].refs.find((f) => f.parent);
  return ref ? str(r.spec[ref.path]) : undefined;
}

/** A selection grows to what the selected resources contain, and to the associations that touch them. */
function selectionClosure(all: IacResource[], ids: string[]): IacResource[] {
  const chosen = new Set(ids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of all) {
      if (chosen.has(r.key)) continue;
      const parent = parentKeyOf(r);
      const touches =
        (parent && chosen.has(parent)) ||
        ((r.kind === 'serviceNetworkServiceAssociation' || r.kind === 'serviceNetworkResourceAssociation' || r.kind === 'serviceNetworkVpcAssociation') &&
          Object.values(r.spec).some((v) => typeof v === 'string' && chosen.has(v) && !v.includes(':vpc/'))) ||
        (r.kind === 'serviceNetworkVpcEndpoint' && r.arn !== undefined && chosen.has(r.arn));
      if (touches) {
        chosen.add(r.key);
        grew = true;
      }
    }
  }
  return all.filter((r) => chosen.has(r.key));
}

/** The resources of a topology in one scope: the whole estate, one account, or a selection of ARNs. */
export function sourceFromTopology(topology: Topology, scope: TopologyScope, accountNames?: Record<string, string>): IacSource {
  const all = allFromTopology(topology);
  let resources: IacResource[];
  let title: string;
  if (scope.kind === 'estate') {
    resources = all;
    title = 'the estate';
  } else if (scope.kind === 'account') {
    resources = all.filter((r) => r.account === scope.account);
    title = `account ${accountNames?.[scope.account] ?? scope.account} (${scope.account})`;
  } else {
    resources = selectionClosure(all, scope.ids);
    title = `a selection of ${scope.ids.length} resource${scope.ids.length === 1 ? '' : 's'}`;
  }
  const notes: string[] = [];
  const accounts = new Set(resources.map((r) => r.account));
  const unexported = topology.nodes.filter((n) => !n.external && n.kind === 'resourceShareInvitation' && n.status === 'PENDING' && (scope.kind === 'estate' || accounts.has(n.account)));
  for (const n of unexported) notes.push(`The invitation to share ${n.name} in account ${n.account} is still pending: nothing is exported for it until it is accepted.`);
  const byId = new Map(topology.nodes.map((n) => [n.id, n]));
  const inProgress = resources.filter((r) => r.arn && r.kind !== 'authPolicy' && r.kind !== 'resourcePolicy' && /IN_PROGRESS|FAILED/.test(byId.get(r.arn)?.status ?? ''));
  for (const r of inProgress.slice(0, 20)) {
    const n = byId.get(r.arn!)!;
    notes.push(`${n.name} (${r.kind}) was ${n.status} when the estate was read; it is exported as it was described.`);
  }
  if (inProgress.length > 20) notes.push(`…and ${inProgress.length - 20} more resources were in progress or failed when the estate was read.`);
  return { title, resources, outside: outsideIndex(topology), accountNames: names(accountNames, resources), notes };
}

/** A design's desired state: every record not removed (records taken from the live estate keep their ARN and are imported). */
export function sourceFromDesign(design: Design, name: string, live?: Topology, accountNames?: Record<string, string>): IacSource {
  const nodes = new Map((live?.nodes ?? []).map((n) => [n.id, n]));
  const resources = Object.values(design.records)
    .filter((r) => !r.removed)
    .filter(isLatticeRecord)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => fromRecord(r, nodes));
  // A design's policy on a live resource that has one now replaces it: import it first.
  for (const r of resources) {
    const on = typeof r.spec.resourceIdentifier === 'string' ? nodes.get(r.spec.resourceIdentifier) : undefined;
    if (r.kind === 'authPolicy' && !r.arn && on?.authPolicy) r.arn = on.id;
  }
  const notes: string[] = [];
  const roles = Object.values(design.records).filter((r) => !r.removed && r.kind === 'iamRole').length;
  if (roles) notes.push(`The design's ${roles} IAM role${roles === 1 ? ' is' : 's are'} not exported: exports describe the Lattice estate.`);
  if (design.shares?.length) notes.push(`The design's ${design.shares.length} sharing edit${design.shares.length === 1 ? '' : 's'} are not exported: share them in RAM or add aws_ram_* resources by hand.`);
  return { title: `design ${name}`, resources, outside: live ? outsideIndex(live) : new Map(), accountNames: names(accountNames, resources), notes };
}

/**
 * What a plan changes: the design's records that the plan creates, updates, associates or
 * puts a policy for. Deletes cannot be written as code; they become notes.
 */
export function sourceFromPlan(
  design: Design,
  operations: { action: string; recordId?: string; label: string; arn?: string }[],
  name: string,
  live?: Topology,
  accountNames?: Record<string, string>,
): IacSource {
  const changed = new Set(operations.filter((o) => o.action !== 'delete' && o.action !== 'disassociate' && o.action !== 'deletePolicy' && o.recordId).map((o) => o.recordId!));
  const base = sourceFromDesign({ ...design, records: Object.fromEntries(Object.entries(design.records).filter(([id]) => changed.has(id))) }, name, live, accountNames);
  const deletes = operations.filter((o) => o.action === 'delete' || o.action === 'disassociate' || o.action === 'deletePolicy');
  const notes = [...base.notes];
  for (const d of deletes) notes.push(`The plan removes ${d.label}: delete it from your code (and from state) rather than export it.`);
  return { ...base, title: `plan of ${name}`, notes };
}

/** The account a reference string belongs to, when it says. */
export function accountOfRef(value: string): string {
  return value.startsWith('arn:') ? accountOfArn(value) : '';
}

export { parseArn, regionOfArn };
