// The one place the console calls the access engine (lib/access) and turns its results into
// the shapes the pages read (./views). Pure: the designer's browser code imports it too.
import { accessDiff, accessMatrix, desiredTopology, evaluateAccess, principalsInPolicies, type AccessPairRef } from '@/lib/access';
import type { AccessDecision, AccessRequest } from '@/lib/access/types';
import type { Topology, TopologyNode } from '@/lib/topology';
import type { Design } from '@/lib/topology/design';
import { resolvePolicyRefs } from '@/lib/topology/design/policy-refs';
import { headlinesOf, type AccessDiffView, type AccessPair, type MatrixCell, type MatrixService, type MatrixView, type MatrixVpc } from './views';

export type { AccessDiffView, MatrixView };

export function evaluate(topology: Topology, request: AccessRequest): AccessDecision {
  return evaluateAccess(topology, request);
}

export function desiredOf(design: Design, live: Topology): Topology {
  return desiredTopology(design, live);
}

/**
 * The design's desired state over the live estate: what the estate would be once its plan is
 * applied. A new record's node is known by its record id there, so ${service.arn} in a policy
 * becomes that id (the engine builds the request's resource from the service node's id).
 */
export function designTopology(design: Design, live: Topology): Topology {
  return desiredTopology(resolvePolicyRefs(design, live, (recordId) => recordId).design, live);
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

/** Every caller VPC × every service for one principal and one request (the engine's accessMatrix), with the answers deduplicated. */
export function matrixOf(topology: Topology, q: { principal: string | null; method: string; path: string }): MatrixView {
  const started = performance.now();
  const m = accessMatrix(topology, { principal: q.principal, method: q.method, path: q.path });
  const vpcLinks = new Map(callerVpcs(topology).map((v) => [v.id, v.serviceNetworks]));
  const svcLinks = new Map(servicesOf(topology).map((s) => [s.id, s.serviceNetworks]));
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
  const names = new Map(topology.nodes.map((n) => [n.id, n.name]));
  const verdict = { allowed: 'allow', denied: 'auth', unreachable: 'unreachable', unrouted: 'unrouted' } as const;
  // Callers that reach some network first: the columns a reader looks at.
  const order = m.vpcs.map((_, i) => i).sort((a, b) => (vpcLinks.get(m.vpcs[b]!.id)?.length ?? 0) - (vpcLinks.get(m.vpcs[a]!.id)?.length ?? 0) || a - b);
  const cells = order.map((i) => m.cells[i]!).map((row) => row.map((c) => intern({ verdict: verdict[c.verdict], why: c.reason, ...(c.resource ? { resource: c.resource, label: names.get(c.resource) ?? c.resource.split('/').pop() } : {}), ...(c.statement ? { statement: c.statement } : {}) })));
  return {
    vpcs: order.map((i) => m.vpcs[i]!).map((v) => ({ id: v.id, vpcId: v.shortId, name: v.name || v.shortId, account: v.account, serviceNetworks: vpcLinks.get(v.id) ?? [] })),
    services: m.services.map((s) => ({ id: s.id, serviceId: s.shortId, name: s.name, account: s.account, serviceNetworks: svcLinks.get(s.id) ?? [] })),
    reasons,
    cells,
    pairs: m.pairs,
    ms: Math.round(performance.now() - started),
  };
}

/** Principals the estate's auth policies name, for pickers. */
export function principalsOf(topology: Topology): string[] {
  return principalsInPolicies(topology).map((p) => p.principal);
}

/** What changes in access between two topologies (live → a design's desired state), from the engine's accessDiff. */
export function accessDiffOf(before: Topology, after: Topology, request: { method: string; path: string } = { method: 'GET', path: '/' }): AccessDiffView {
  const d = accessDiff(before, after, request);
  const pair = (p: AccessPairRef): AccessPair => ({ vpc: p.vpc, vpcName: p.vpcName, service: p.service, serviceName: p.serviceName });
  const reachable = d.reachable.gained.map(pair);
  const unreachable = d.reachable.lost.map(pair);
  const perService = headlinesOf(reachable, unreachable);
  return {
    reachable,
    unreachable,
    principals: d.principals.filter((p) => p.gained.length || p.lost.length).map((p) => ({ principal: p.principal ?? 'anonymous', gained: p.gained.map(pair), lost: p.lost.map(pair) })),
    // The engine's one sentence first; one line per service when it had to shorten ("and 3 more services").
    headlines: [d.summary, ...(perService.length > 2 ? perService : [])],
  };
}
