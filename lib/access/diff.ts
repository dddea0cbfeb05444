// What a change to the estate (a plan: live → desired) does to access: caller VPC → service
// pairs that become reachable or unreachable, and for the principals named in the auth
// policies that change (and anonymous callers, when a changed policy names everyone), which
// pairs they may newly call or no longer call. Plus the one sentence a reviewer needs.
import type { Topology, TopologyNode } from '@/lib/topology/types';
import { accessModel, type AccessModel } from './model';
import { networkCandidates } from './network';
import { accessMatrix } from './matrix';
import { principalsInPolicy } from './principals';
import { policyDocument } from './policy';

export interface AccessPairRef {
  vpc: string;
  vpcName: string;
  vpcAccount: string;
  service: string;
  serviceName: string;
  serviceAccount: string;
}

export interface PrincipalAccessChange {
  /** The principal ARN, or null for anonymous (unsigned) callers. */
  principal: string | null;
  gained: AccessPairRef[];
  lost: AccessPairRef[];
}

export interface AccessDiff {
  reachable: { gained: AccessPairRef[]; lost: AccessPairRef[] };
  /** Services and service networks whose auth type or policy differs. */
  changedPolicies: string[];
  principals: PrincipalAccessChange[];
  /** The request the principals' verdicts were computed for. */
  request: { method: string; path: string };
  summary: string;
}

export interface AccessDiffOptions {
  method?: string;
  path?: string;
  /** Principals to compare besides those named in the changed policies. */
  principals?: (string | null)[];
}

function reachablePairs(model: AccessModel): Map<string, AccessPairRef> {
  const out = new Map<string, AccessPairRef>();
  for (const vpc of model.vpcs) {
    const links = model.vpcLinks.get(vpc.id);
    if (!links?.length) continue;
    const sns = new Set(links.map((l) => l.serviceNetwork));
    for (const service of model.services) {
      const sl = model.serviceLinks.get(service.id);
      if (!sl?.some((l) => sns.has(l.serviceNetwork))) continue;
      if (networkCandidates(model, vpc, service).candidates.some((c) => c.ok)) out.set(`${vpc.id}|${service.id}`, ref(vpc, service));
    }
  }
  return out;
}

function ref(vpc: TopologyNode, service: TopologyNode): AccessPairRef {
  return { vpc: vpc.id, vpcName: vpc.name || vpc.resourceId || vpc.id, vpcAccount: vpc.account, service: service.id, serviceName: service.name || service.id, serviceAccount: service.account };
}

const authOf = (n: TopologyNode | undefined) => (n ? JSON.stringify([n.description.authType ?? 'NONE', n.authPolicy?.policy ?? null]) : 'absent');

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function groupByService(pairs: AccessPairRef[]): { name: string; vpcs: number }[] {
  const m = new Map<string, { name: string; account: string; vpcs: Set<string> }>();
  for (const p of pairs) {
    const e = m.get(p.service) ?? { name: p.serviceName, account: p.serviceAccount, vpcs: new Set<string>() };
    e.vpcs.add(p.vpc);
    m.set(p.service, e);
  }
  const groups = [...m.values()];
  const named = new Map<string, number>();
  for (const g of groups) named.set(g.name, (named.get(g.name) ?? 0) + 1);
  return groups
    .map((g) => ({ name: (named.get(g.name) ?? 0) > 1 ? `${g.name} (${g.account})` : g.name, vpcs: g.vpcs.size }))
    .sort((a, b) => b.vpcs - a.vpcs || a.name.localeCompare(b.name));
}

/** `3 VPCs reach payments`, `… and 1 VPC reach orders`, or for many services `12 VPCs reach 40 services`. */
function phrase(pairs: AccessPairRef[], verb: (vpcs: string, svc: string) => string): string {
  const groups = groupByService(pairs);
  if (groups.length <= 2) return groups.map((g) => verb(plural(g.vpcs, 'VPC'), g.name)).join(' and ');
  const vpcs = new Set(pairs.map((p) => p.vpc)).size;
  return verb(plural(vpcs, 'VPC'), plural(groups.length, 'service'));
}

/** The one-sentence summary: "This plan lets 3 VPCs reach payments". */
export function summarizeAccessDiff(d: Pick<AccessDiff, 'reachable' | 'principals'>): string {
  const parts: string[] = [];
  if (d.reachable.gained.length) parts.push(`lets ${phrase(d.reachable.gained, (v, s) => `${v} reach ${s}`)}`);
  if (d.reachable.lost.length) parts.push(`cuts ${phrase(d.reachable.lost, (v, s) => `${v} off from ${s}`)}`);
  const who = d.principals.filter((p) => p.gained.length || p.lost.length);
  if (who.length) {
    const g = who.reduce((s, p) => s + p.gained.length, 0);
    const l = who.reduce((s, p) => s + p.lost.length, 0);
    const changes = [g ? `${plural(g, 'call')} allowed` : '', l ? `${plural(l, 'call')} denied` : ''].filter(Boolean).join(' and ');
    parts.push(`changes what ${plural(who.length, 'principal')} may call (${changes})`);
  }
  if (!parts.length) return 'This plan changes no access.';
  return `This plan ${parts.join('; it ')}.`;
}

/** What changes in access from `before` to `after` (e.g. live → desiredTopology(design, live)). */
export function accessDiff(before: Topology, after: Topology, options: AccessDiffOptions = {}): AccessDiff {
  const method = options.method ?? 'GET';
  const path = options.path ?? '/';
  const mb = accessModel(before);
  const ma = accessModel(after);
  const rb = reachablePairs(mb);
  const ra = reachablePairs(ma);
  const gained = [...ra].filter(([k]) => !rb.has(k)).map(([, v]) => v);
  const lost = [...rb].filter(([k]) => !ra.has(k)).map(([, v]) => v);

  // Policies that differ, and the principals they name (before or after).
  const changed: string[] = [];
  const principals = new Set<string | null>(options.principals ?? []);
  const ids = new Set([...mb.byId.keys(), ...ma.byId.keys()]);
  for (const id of ids) {
    const b = mb.byId.get(id);
    const a = ma.byId.get(id);
    const kind = (a ?? b)!.kind;
    if (kind !== 'service' && kind !== 'serviceNetwork') continue;
    if (authOf(b) === authOf(a)) continue;
    changed.push(id);
    for (const n of [b, a]) {
      if (!n?.authPolicy?.policy) continue;
      for (const p of principalsInPolicy(n.authPolicy.policy)) principals.add(p.principal);
      const { statements } = policyDocument(n.authPolicy.policy);
      if (statements.some((s) => s.Principal === '*' || (s.Principal && typeof s.Principal === 'object' && (s.Principal as Record<string, unknown>).AWS === '*'))) principals.add(null);
    }
  }
  // Only services whose verdict can change: those behind a changed policy, or with changed reachability.
  const touched = new Set<string>();
  for (const id of changed) {
    const n = ma.byId.get(id) ?? mb.byId.get(id);
    if (n?.kind === 'service') touched.add(id);
    else for (const m of [ma, mb]) for (const [svc, links] of m.serviceLinks) if (links.some((l) => l.serviceNetwork === id)) touched.add(svc);
  }
  for (const p of [...gained, ...lost]) touched.add(p.service);
  const changes: PrincipalAccessChange[] = [];
  if (touched.size) {
    const services = [...touched];
    for (const principal of principals) {
      const allowed = (t: Topology) => {
        const m = accessMatrix(t, { principal, method, path, filters: { services } });
        const set = new Map<string, AccessPairRef>();
        m.vpcs.forEach((v, i) =>
          m.services.forEach((s, j) => {
            if (m.cells[i]![j]!.verdict === 'allowed') set.set(`${v.id}|${s.id}`, { vpc: v.id, vpcName: v.name || v.shortId, vpcAccount: v.account, service: s.id, serviceName: s.name, serviceAccount: s.account });
          }),
        );
        return set;
      };
      const b = allowed(before);
      const a = allowed(after);
      const g = [...a].filter(([k]) => !b.has(k)).map(([, v]) => v);
      const l = [...b].filter(([k]) => !a.has(k)).map(([, v]) => v);
      changes.push({ principal, gained: g, lost: l });
    }
  }
  changes.sort((x, y) => (x.principal ?? '').localeCompare(y.principal ?? ''));
  const out = { reachable: { gained, lost }, changedPolicies: changed.sort(), principals: changes, request: { method, path } };
  return { ...out, summary: summarizeAccessDiff(out) };
}
