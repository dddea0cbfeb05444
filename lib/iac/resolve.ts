// References and names shared by both formats. A field that names another resource becomes a
// Ref when the export holds that resource, an Outside when it does not (a variable or parameter
// in the output); ARNs of exported resources inside policies become interpolations.
import { parseArn } from '@/lib/topology/arn';
import { destinationType } from '@/lib/topology/design';
import type { Json, JsonObject } from '@/lib/topology/types';
import type { IacKind, IacResource, IacSource, OutsideThing } from './source';

export interface Ref {
  $ref: string;
  attr: 'arn' | 'id';
}
export interface Outside {
  $outside: string;
  thing?: OutsideThing;
  /** `list` for a value inside a list field (subnets, security groups). */
  want: 'arn' | 'id';
}
/** A string built of literal parts and references: `${aws_vpclattice_service.orders.arn}/*`. */
export interface Interp {
  $parts: (string | Ref)[];
}
export type Expr = string | number | boolean | null | Expr[] | { [k: string]: Expr } | Ref | Outside | Interp;

export const isRef = (e: unknown): e is Ref => !!e && typeof e === 'object' && '$ref' in e;
export const isOutside = (e: unknown): e is Outside => !!e && typeof e === 'object' && '$outside' in e;
export const isInterp = (e: unknown): e is Interp => !!e && typeof e === 'object' && '$parts' in e;

/** Paths of reference fields per kind, with the attribute the field wants. */
const REF_FIELDS: Partial<Record<IacKind, { path: string; want: 'arn' | 'id' }[]>> = {
  listener: [
    { path: 'serviceIdentifier', want: 'id' },
    { path: 'defaultAction.forward.targetGroups[].targetGroupIdentifier', want: 'id' },
  ],
  rule: [
    { path: 'serviceIdentifier', want: 'id' },
    { path: 'listenerIdentifier', want: 'id' },
    { path: 'action.forward.targetGroups[].targetGroupIdentifier', want: 'id' },
  ],
  targetGroup: [{ path: 'config.vpcIdentifier', want: 'id' }],
  target: [{ path: 'targetGroupIdentifier', want: 'id' }],
  resourceGateway: [
    { path: 'vpcIdentifier', want: 'id' },
    { path: 'subnetIds[]', want: 'id' },
    { path: 'securityGroupIds[]', want: 'id' },
  ],
  resourceConfiguration: [
    { path: 'resourceGatewayIdentifier', want: 'id' },
    { path: 'resourceConfigurationGroupIdentifier', want: 'id' },
  ],
  serviceNetworkServiceAssociation: [
    { path: 'serviceNetworkIdentifier', want: 'id' },
    { path: 'serviceIdentifier', want: 'id' },
  ],
  serviceNetworkVpcAssociation: [
    { path: 'serviceNetworkIdentifier', want: 'id' },
    { path: 'vpcIdentifier', want: 'id' },
    { path: 'securityGroupIds[]', want: 'id' },
  ],
  serviceNetworkResourceAssociation: [
    { path: 'serviceNetworkIdentifier', want: 'id' },
    { path: 'resourceConfigurationIdentifier', want: 'id' },
  ],
  serviceNetworkVpcEndpoint: [
    { path: 'VpcId', want: 'id' },
    { path: 'ServiceNetworkArn', want: 'arn' },
    { path: 'SubnetIds[]', want: 'id' },
    { path: 'SecurityGroupIds[]', want: 'id' },
  ],
  authPolicy: [{ path: 'resourceIdentifier', want: 'arn' }],
  resourcePolicy: [{ path: 'resourceArn', want: 'arn' }],
  accessLogSubscription: [{ path: 'resourceIdentifier', want: 'id' }],
  resourceShare: [{ path: 'resourceArns[]', want: 'arn' }],
  shareAccepter: [{ path: 'shareArn', want: 'arn' }],
};

export interface Resolved {
  resource: IacResource;
  /** The spec with references resolved. */
  spec: { [k: string]: Expr };
  /** Keys of exported resources this one refers to. */
  dependsOn: string[];
}

export class Resolver {
  readonly byValue = new Map<string, IacResource>();
  readonly byKey = new Map<string, IacResource>();
  /** Display names already worked out, by key. */
  readonly displayNames = new Map<string, string>();
  /** Exported resources by ARN, for ARNs inside policies. */
  private arns = new Map<string, string>();

  constructor(readonly source: IacSource) {
    for (const r of source.resources) {
      this.byKey.set(r.key, r);
      this.byValue.set(r.key, r);
      if (r.arn && r.kind !== 'shareAccepter' && r.kind !== 'resourcePolicy' && r.kind !== 'authPolicy') {
        this.byValue.set(r.arn, r);
        const id = parseArn(r.arn)?.resourceId;
        if (id) {
          this.byValue.set(`${r.account}:${id}`, r);
          if (!this.byValue.has(id)) this.byValue.set(id, r);
        }
        this.arns.set(r.arn, r.key);
      }
    }
  }

  /** The exported resource a value names, seen from `from`'s account. */
  target(value: string, from: IacResource): IacResource | undefined {
    return this.byValue.get(`${from.account}:${value}`) ?? this.byValue.get(value);
  }

  outsideThing(value: string, from: IacResource): OutsideThing | undefined {
    return this.source.outside.get(`${from.account}:${value}`) ?? this.source.outside.get(value);
  }

  private value(value: string, from: IacResource, want: 'arn' | 'id'): Expr {
    const target = this.target(value, from);
    if (target) return { $ref: target.key, attr: target.account !== from.account ? 'arn' : want };
    return { $outside: value, thing: this.outsideThing(value, from), want };
  }

  /** A policy document with exported ARNs as interpolations. */
  policy(doc: Json): Expr {
    if (typeof doc === 'string') {
      if (!doc.startsWith('arn:')) return doc;
      const exact = this.arns.get(doc);
      if (exact) return { $ref: exact, attr: 'arn' };
      // The longest exported ARN the string starts with, followed by a path: a listener's wins over its service's.
      for (let at = doc.lastIndexOf('/'); at > 0; at = doc.lastIndexOf('/', at - 1)) {
        const key = this.arns.get(doc.slice(0, at));
        if (key) return { $parts: [{ $ref: key, attr: 'arn' }, doc.slice(at)] };
      }
      return doc;
    }
    if (Array.isArray(doc)) return doc.map((d) => this.policy(d));
    if (doc && typeof doc === 'object') return Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, this.policy(v)]));
    return doc;
  }

  resolve(r: IacResource): Resolved {
    const spec = structuredClone(r.spec) as { [k: string]: Expr };
    // A rule names its service too: the listener's.
    if (r.kind === 'rule' && typeof spec.listenerIdentifier === 'string' && spec.serviceIdentifier === undefined) {
      const listener = this.target(spec.listenerIdentifier, r);
      const svc = listener ? listener.spec.serviceIdentifier : spec.listenerIdentifier.includes('/listener/') ? spec.listenerIdentifier.split('/listener/')[0] : undefined;
      if (typeof svc === 'string') spec.serviceIdentifier = svc;
    }
    const dependsOn = new Set<string>();
    for (const field of REF_FIELDS[r.kind] ?? []) {
      walkPath(spec, field.path, (v) => {
        if (typeof v !== 'string') return v;
        const e = this.value(v, r, field.want);
        if (isRef(e)) dependsOn.add(e.$ref);
        return e;
      });
    }
    if ((r.kind === 'authPolicy' || r.kind === 'resourcePolicy') && typeof r.spec.policy === 'string') {
      let doc: Json;
      try {
        doc = JSON.parse(r.spec.policy) as Json;
      } catch {
        doc = r.spec.policy;
      }
      const p = this.policy(doc);
      collectRefs(p, dependsOn);
      spec.policy = p;
    }
    dependsOn.delete(r.key);
    return { resource: r, spec, dependsOn: [...dependsOn].sort() };
  }
}

function collectRefs(e: Expr, into: Set<string>) {
  if (isRef(e)) into.add(e.$ref);
  else if (isInterp(e)) e.$parts.forEach((p) => typeof p !== 'string' && into.add(p.$ref));
  else if (Array.isArray(e)) e.forEach((x) => collectRefs(x, into));
  else if (e && typeof e === 'object' && !isOutside(e)) Object.values(e).forEach((x) => collectRefs(x as Expr, into));
}

/** Applies `fn` to each value at a path like `a.b[].c` or `list[]`. */
function walkPath(holder: { [k: string]: Expr }, path: string, fn: (v: Expr) => Expr) {
  const parts = path.split('.');
  const go = (h: { [k: string]: Expr }, i: number) => {
    const part = parts[i];
    const isList = part.endsWith('[]');
    const name = isList ? part.slice(0, -2) : part;
    const value = h[name];
    if (value === undefined || value === null) return;
    if (i === parts.length - 1) {
      if (isList) {
        if (Array.isArray(value)) h[name] = value.map(fn);
      } else h[name] = fn(value);
      return;
    }
    if (isList) {
      if (Array.isArray(value)) for (const item of value) if (item && typeof item === 'object' && !Array.isArray(item)) go(item as { [k: string]: Expr }, i + 1);
    } else if (typeof value === 'object' && !Array.isArray(value)) go(value as { [k: string]: Expr }, i + 1);
  };
  go(holder, 0);
}

// ---- Names ----------------------------------------------------------------------------------

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/** A human name for a resource, from its own name and its parents' (`orders https-443 default`). */
export function displayName(r: IacResource, resolver: Resolver): string {
  const cached = resolver.displayNames.get(r.key);
  if (cached !== undefined) return cached;
  const name = computeDisplayName(r, resolver);
  resolver.displayNames.set(r.key, name);
  return name;
}

function computeDisplayName(r: IacResource, resolver: Resolver): string {
  const s = r.spec as JsonObject;
  const nameOf = (value: unknown): string => {
    const v = str(value);
    if (!v) return '';
    const t = resolver.target(v, r);
    if (t) return displayName(t, resolver);
    const o = resolver.outsideThing(v, r);
    return o?.name ?? parseArn(v)?.resourceId ?? v;
  };
  switch (r.kind) {
    case 'listener':
      return `${nameOf(s.serviceIdentifier)} ${str(s.name)}`;
    case 'rule':
      return `${nameOf(s.listenerIdentifier)} ${str(s.name)}`;
    case 'target':
      return `${nameOf(s.targetGroupIdentifier)} ${str(s.id)}${s.port === undefined ? '' : ` ${str(s.port)}`}`;
    case 'serviceNetworkServiceAssociation':
      return `${nameOf(s.serviceNetworkIdentifier)} ${nameOf(s.serviceIdentifier)}`;
    case 'serviceNetworkResourceAssociation':
      return `${nameOf(s.serviceNetworkIdentifier)} ${nameOf(s.resourceConfigurationIdentifier)}`;
    case 'serviceNetworkVpcAssociation':
      return `${nameOf(s.serviceNetworkIdentifier)} ${nameOf(s.vpcIdentifier)}`;
    case 'serviceNetworkVpcEndpoint':
      return r.tags?.Name ?? `${nameOf(s.VpcId)} ${nameOf(s.ServiceNetworkArn)}`;
    case 'authPolicy':
      return `${nameOf(s.resourceIdentifier)}`;
    case 'resourcePolicy':
      return `${nameOf(s.resourceArn)}`;
    case 'accessLogSubscription':
      return `${nameOf(s.resourceIdentifier)} ${destinationType(str(s.destinationArn))}`;
    case 'shareAccepter':
      return `${str(s.name)} ${resolver.source.accountNames[r.account] ?? r.account}`;
    default:
      return str(s.name) || r.key;
  }
}

/**
 * Unique names within each namespace (`ns(r)`), derived from display names: a clash is broken by
 * the account name, then by the resource's own id, so a name never depends on export order.
 */
export function uniqueNames(resources: IacResource[], resolver: Resolver, format: (s: string) => string, ns: (r: IacResource) => string): Map<string, string> {
  const out = new Map<string, string>();
  const groups = new Map<string, IacResource[]>();
  for (const r of resources) {
    const name = format(displayName(r, resolver));
    const k = `${ns(r)}\u0000${name}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(r);
  }
  const taken = new Set<string>();
  for (const [k, rs] of groups) if (rs.length === 1) taken.add(k);
  for (const [k, rs] of groups) {
    const [space, name] = k.split('\u0000');
    if (rs.length === 1) {
      out.set(rs[0].key, name);
      continue;
    }
    for (const r of rs) {
      const byAccount = format(`${displayName(r, resolver)} ${resolver.source.accountNames[r.account] ?? r.account}`);
      const clashes = rs.filter((o) => o.account === r.account).length > 1 || taken.has(`${space}\u0000${byAccount}`);
      const id = (r.arn ? parseArn(r.arn)?.resourceId : undefined) ?? r.key;
      const final = clashes ? format(`${displayName(r, resolver)} ${id.replace(/^[a-z]+-/, '').slice(-8)}`) : byAccount;
      taken.add(`${space}\u0000${final}`);
      out.set(r.key, final);
    }
  }
  return out;
}

/** Orders resources so each comes after what it refers to (ties by key, so output is stable). */
export function dependencyOrder(resolved: Resolved[]): Resolved[] {
  const byKey = new Map(resolved.map((r) => [r.resource.key, r]));
  const done = new Set<string>();
  const out: Resolved[] = [];
  const visit = (r: Resolved, stack: Set<string>) => {
    if (done.has(r.resource.key) || stack.has(r.resource.key)) return;
    stack.add(r.resource.key);
    for (const d of r.dependsOn) {
      const dep = byKey.get(d);
      if (dep) visit(dep, stack);
    }
    stack.delete(r.resource.key);
    done.add(r.resource.key);
    out.push(r);
  };
  for (const r of resolved) visit(r, new Set());
  return out;
}
