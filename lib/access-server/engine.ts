// The one place the console calls the access engine (lib/access) and turns its results into
// the shapes the pages read (./views). Pure: the designer's browser code imports it too.
import { desiredTopology, evaluateAccess } from '@/lib/access';
import type { AccessDecision, AccessRequest } from '@/lib/access/types';
import type { Topology, TopologyNode } from '@/lib/topology';
import type { Design } from '@/lib/topology/design';
import { cellOf, headlinesOf, principalsNamed, type MatrixCell, type AccessDiffView, type AccessPair, type MatrixService, type MatrixView, type MatrixVpc, type PrincipalChange } from './views';

export type { AccessDiffView, MatrixView };

export function evaluate(topology: Topology, request: AccessRequest): AccessDecision {
  return evaluateAccess(topology, request);
}

export function desiredOf(design: Design, live: Topology): Topology {
  return desiredTopology(design, live);
}

/** VPCs that can call into Lattice (those with an association or a service-network endpoint), then the rest. */
export function callerVpcs(topology: Topology): MatrixVpc[] {
  const sns = new Map<string, Set<string>>();
  const add = (vpc: string, sn: string) => (sns.get(vpc) ?? sns.set(vpc, new Set()).get(vpc)!).add(sn);
  const endpointVpc = new Map<string, string>();
  for (const e of topology.edges) if (e.kind === 'vpcEndpointVpc') endpointVpc.set(e.source, e.target);
  for (const e of topology.edges) {
    if (e.kind === 'serviceNetworkVpc') add(e.target, e.source);
    if (e.kind === 'vpcEndpointServiceNetwork') {
      const vpc = endpointVpc.get(e.source);
      if (vpc) add(vpc, e.target);
    }
  }
  return topology.nodes
    .filter((n) => n.kind === 'vpc' && !n.external)
    .map((n) => ({ id: n.id, vpcId: n.resourceId ?? n.id, name: n.name || n.resourceId || n.id, account: n.account, serviceNetworks: [...(sns.get(n.id) ?? [])] }))
    .sort((a, b) => b.serviceNetworks.length - a.serviceNetworks.length || a.account.localeCompare(b.account) || a.name.localeCompare(b.name));
}

export function servicesOf(topology: Topology): MatrixService[] {
  const sns = new Map<string, string[]>();
  for (const e of topology.edges) if (e.kind === 'serviceNetworkService') sns.set(e.target, [...(sns.get(e.target) ?? []), e.source]);
  return topology.nodes
    .filter((n) => n.kind === 'service')
    .map((n: TopologyNode) => ({ id: n.id, serviceId: n.resourceId ?? n.id, name: n.name, account: n.account, serviceNetworks: sns.get(n.id) ?? [] }))
    .sort((a, b) => a.account.localeCompare(b.account) || a.name.localeCompare(b.name));
}

/** Every caller VPC × every service for one principal and one request. */
export function matrixOf(topology: Topology, q: { principal: string | null; method: string; path: string }): MatrixView {
  const started = performance.now();
  const vpcs = callerVpcs(topology);
  const services = servicesOf(topology);
  const reasons: MatrixCell[] = [];
  const index = new Map<string, number>();
  const intern = (c: MatrixCell) => {
    const k = `${c.verdict}|${c.resource ?? ''}|${c.statement ?? ''}|${c.why}`;
    let i = index.get(k);
    if (i === undefined) {
      i = reasons.push(c) - 1;
      index.set(k, i);
    }
    return i;
  };
  const cells = vpcs.map((v) => services.map((s) => intern(cellOf(evaluateAccess(topology, { source: { vpc: v.id, principal: q.principal }, target: { service: s.id, method: q.method, path: q.path } })))));
  return { vpcs, services, reasons, cells, pairs: vpcs.length * services.length, ms: Math.round(performance.now() - started) };
}

function authKey(topology: Topology): Map<string, string> {
  const m = new Map<string, string>();
  for (const n of topology.nodes) if (n.kind === 'service' || n.kind === 'serviceNetwork') m.set(n.id, JSON.stringify([n.description.authType ?? null, n.authPolicy?.policy ?? null]));
  return m;
}

/**
 * What changes in access between two topologies (live → a design's desired state): the pairs
 * whose network path appears or disappears, and, for the principals named in the policies
 * that changed (and anonymous callers), the pairs they may call after and not before.
 */
export function accessDiffOf(before: Topology, after: Topology, request: { method: string; path: string } = { method: 'GET', path: '/' }): AccessDiffView {
  const vpcs = new Map<string, MatrixVpc>();
  for (const v of [...callerVpcs(before), ...callerVpcs(after)]) vpcs.set(v.id, v);
  const services = new Map<string, MatrixService>();
  for (const s of [...servicesOf(before), ...servicesOf(after)]) services.set(s.id, s);
  const pair = (v: MatrixVpc, s: MatrixService): AccessPair => ({ vpc: v.id, vpcName: v.name, service: s.id, serviceName: s.name });
  const has = (t: Topology) => {
    const ids = new Set(t.nodes.map((n) => n.id));
    return (id: string) => ids.has(id);
  };
  const inBefore = has(before);
  const inAfter = has(after);
  const ask = (t: Topology, present: (id: string) => boolean, v: MatrixVpc, s: MatrixService, principal: string | null) =>
    present(v.id) && present(s.id) ? evaluateAccess(t, { source: { vpc: v.id, principal }, target: { service: s.id, method: request.method, path: request.path } }) : null;

  const reachable: AccessPair[] = [];
  const unreachable: AccessPair[] = [];
  // Only VPCs and services whose links or policies differ can change fate.
  const touched = new Set<string>();
  const edgeSig = (t: Topology) => new Map(t.edges.filter((e) => e.kind === 'serviceNetworkService' || e.kind === 'serviceNetworkVpc' || e.kind === 'vpcEndpointServiceNetwork' || e.kind === 'vpcEndpointVpc').map((e) => [e.id, `${e.source}|${e.target}|${e.status ?? ''}`]));
  const eb = edgeSig(before);
  const ea = edgeSig(after);
  for (const [id, sig] of ea) if (eb.get(id) !== sig) for (const end of sig.split('|').slice(0, 2)) touched.add(end);
  for (const [id, sig] of eb) if (ea.get(id) !== sig) for (const end of sig.split('|').slice(0, 2)) touched.add(end);
  const ab = authKey(before);
  const aa = authKey(after);
  const policyChanged = new Set<string>();
  for (const [id, k] of aa) if (ab.get(id) !== k) policyChanged.add(id);
  for (const id of ab.keys()) if (!aa.has(id)) policyChanged.add(id);
  for (const id of policyChanged) touched.add(id);
  // An endpoint or network touched reaches through to the VPCs and services around it.
  const endpointVpc = new Map<string, string>();
  for (const t of [before, after]) for (const e of t.edges) if (e.kind === 'vpcEndpointVpc') endpointVpc.set(e.source, e.target);
  for (const id of [...touched]) {
    const vpc = endpointVpc.get(id);
    if (vpc) touched.add(vpc);
  }
  const snTouched = new Set([...touched].filter((id) => /:servicenetwork\//.test(id)));

  const candidates: [MatrixVpc, MatrixService][] = [];
  for (const v of vpcs.values()) {
    for (const s of services.values()) {
      const near = touched.has(v.id) || touched.has(s.id) || s.serviceNetworks.some((sn) => snTouched.has(sn)) || v.serviceNetworks.some((sn) => snTouched.has(sn));
      if (near) candidates.push([v, s]);
    }
  }
  for (const [v, s] of candidates) {
    const b = ask(before, inBefore, v, s, null);
    const a = ask(after, inAfter, v, s, null);
    const rb = b?.reachable ?? false;
    const ra = a?.reachable ?? false;
    if (ra && !rb) reachable.push(pair(v, s));
    if (rb && !ra) unreachable.push(pair(v, s));
  }

  // Principals named in the policies that changed, on either side, and anonymous callers.
  const named = new Set<string>();
  for (const t of [before, after]) for (const n of t.nodes) if (policyChanged.has(n.id) && n.authPolicy) for (const p of principalsNamed(n.authPolicy.policy)) named.add(p);
  const principals: PrincipalChange[] = [];
  if (policyChanged.size || reachable.length || unreachable.length) {
    for (const principal of [...named, null]) {
      const change: PrincipalChange = { principal: principal ?? 'anonymous', gained: [], lost: [] };
      for (const [v, s] of candidates) {
        const b = ask(before, inBefore, v, s, principal)?.decision === 'allow';
        const a = ask(after, inAfter, v, s, principal)?.decision === 'allow';
        if (a && !b) change.gained.push(pair(v, s));
        if (b && !a) change.lost.push(pair(v, s));
      }
      if (change.gained.length || change.lost.length) principals.push(change);
    }
  }
  return { reachable, unreachable, principals, headlines: headlinesOf(reachable, unreachable) };
}
