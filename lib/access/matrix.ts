// Every caller VPC × every service for one principal and one request: allowed, denied by
// auth (which policy, which statement), unreachable (why), or not routed. The same evaluator
// as evaluateAccess, with what does not change between pairs computed once: each VPC's links
// and each service's associations are checked once per estate, routing once per service, and
// a policy's verdict once per (service, network) unless the policy reads the caller's VPC.
import type { Topology, TopologyNode } from '@/lib/topology/types';
import type { AccessCheck, AccessDecision, AccessRequest } from './types';
import { accessModel, type AccessModel } from './model';
import { evaluatePair, newPairMemo, type EvaluateOptions } from './evaluate';
import { validateAccessRequest } from './request';
import { noNetwork } from './network';

export type MatrixVerdict = 'allowed' | 'denied' | 'unreachable' | 'unrouted';

export interface MatrixFilters {
  /** Keep VPCs and services of these accounts (either end in the list). */
  accounts?: string[];
  /** Keep VPCs connected to, and services associated with, one of these service networks (ARNs). */
  serviceNetworks?: string[];
  vpcs?: string[];
  services?: string[];
}

export interface MatrixQuery {
  principal: string | null;
  method: string;
  path: string;
  port?: number;
  headers?: Record<string, string>;
  query?: Record<string, string | string[]>;
  principalTags?: Record<string, string>;
  principalOrgId?: string;
  filters?: MatrixFilters;
}

export interface MatrixCell {
  verdict: MatrixVerdict;
  /** The check that stopped the request (null when allowed). */
  check: AccessCheck | null;
  /** The resource of that step: the policy's owner (network or service), the missing link, the rule. */
  resource?: string;
  statement?: string;
  /** The failing step's sentence, or how it is allowed. */
  reason: string;
  /** The service network the verdict is about (the one taken or tried). */
  serviceNetwork?: string;
}

export interface MatrixAxis {
  id: string;
  name: string;
  account: string;
  /** The short id (vpc-…, svc-…). */
  shortId: string;
}

export interface AccessMatrix {
  vpcs: MatrixAxis[];
  services: MatrixAxis[];
  /** cells[i][j]: VPC i calling service j. */
  cells: MatrixCell[][];
  pairs: number;
  counts: Record<MatrixVerdict, number>;
  ms: number;
}

/** A decision as a matrix cell: the verdict and the first failing step. */
export function cellOfDecision(d: AccessDecision): MatrixCell {
  const fail = d.steps.find((s) => s.result === 'fail');
  const sn = d.path?.nodes.find((n) => n.includes(':servicenetwork/'));
  const base = sn ? { serviceNetwork: sn } : {};
  if (d.decision === 'allow') return { verdict: 'allowed', check: null, reason: d.steps.find((s) => s.check === 'serviceAuth')?.detail ?? 'allowed', ...base };
  const verdict: MatrixVerdict = !d.reachable ? 'unreachable' : d.authorized === false ? 'denied' : 'unrouted';
  return { verdict, check: fail?.check ?? null, reason: fail?.detail ?? 'denied', ...(fail?.resource ? { resource: fail.resource } : {}), ...(fail?.statement ? { statement: fail.statement } : {}), ...base };
}

function axis(n: TopologyNode): MatrixAxis {
  return { id: n.id, name: n.name, account: n.account, shortId: n.resourceId ?? n.id.slice(n.id.lastIndexOf('/') + 1) };
}

function selectEnds(model: AccessModel, filters: MatrixFilters | undefined): { vpcs: TopologyNode[]; services: TopologyNode[] } {
  let vpcs = model.vpcs.filter((v) => !v.external);
  let services = model.services.slice();
  if (filters?.accounts?.length) {
    const a = new Set(filters.accounts);
    vpcs = vpcs.filter((v) => a.has(v.account));
    services = services.filter((s) => a.has(s.account));
  }
  if (filters?.serviceNetworks?.length) {
    const sns = new Set(filters.serviceNetworks);
    vpcs = vpcs.filter((v) => (model.vpcLinks.get(v.id) ?? []).some((l) => sns.has(l.serviceNetwork)));
    services = services.filter((s) => (model.serviceLinks.get(s.id) ?? []).some((l) => sns.has(l.serviceNetwork)));
  }
  if (filters?.vpcs?.length) {
    const ids = new Set(filters.vpcs);
    vpcs = vpcs.filter((v) => ids.has(v.id) || (v.resourceId !== undefined && ids.has(v.resourceId)));
  }
  if (filters?.services?.length) {
    const ids = new Set(filters.services);
    services = services.filter((s) => ids.has(s.id) || (s.resourceId !== undefined && ids.has(s.resourceId)));
  }
  const byName = (a: TopologyNode, b: TopologyNode) => a.account.localeCompare(b.account) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  return { vpcs: vpcs.sort(byName), services: services.sort(byName) };
}

/** The request one matrix cell stands for. */
export function matrixRequest(query: MatrixQuery, vpc: string, service: string): AccessRequest {
  return {
    source: { vpc, principal: query.principal, ...(query.principalTags ? { principalTags: query.principalTags } : {}), ...(query.principalOrgId ? { principalOrgId: query.principalOrgId } : {}) },
    target: { service, method: query.method, path: query.path, ...(query.port !== undefined ? { port: query.port } : {}), ...(query.headers ? { headers: query.headers } : {}), ...(query.query ? { query: query.query } : {}) },
  };
}

/** Every selected VPC × every selected service; throws AccessInputError for a malformed query. */
export function accessMatrix(topology: Topology, query: MatrixQuery, options: EvaluateOptions = {}): AccessMatrix {
  const started = performance.now();
  const model = accessModel(topology);
  const { vpcs, services } = selectEnds(model, query.filters);
  const probe = matrixRequest(query, vpcs[0]?.id ?? 'vpc-none', services[0]?.id ?? 'svc-none');
  validateAccessRequest(probe);
  const memo = newPairMemo();
  // Which networks each service is in: a pair with none in common is unreachable, and its
  // answer depends only on the VPC and those networks (network.ts noNetwork).
  const serviceNets = new Map(services.map((s) => [s.id, new Set((model.serviceLinks.get(s.id) ?? []).map((l) => l.serviceNetwork))]));
  const noneCells = new WeakMap<object, MatrixCell>();
  const counts: Record<MatrixVerdict, number> = { allowed: 0, denied: 0, unreachable: 0, unrouted: 0 };
  const cells: MatrixCell[][] = [];
  for (const vpc of vpcs) {
    const row: MatrixCell[] = [];
    const links = model.vpcLinks.get(vpc.id) ?? [];
    for (const service of services) {
      const nets = serviceNets.get(service.id)!;
      let cell: MatrixCell;
      if (!links.some((l) => nets.has(l.serviceNetwork))) {
        const none = noNetwork(model, vpc, service, links, model.serviceLinks.get(service.id) ?? []);
        let c = noneCells.get(none);
        if (!c) noneCells.set(none, (c = cellOfDecision({ decision: 'deny', reachable: false, authorized: null, steps: [none.step], path: { nodes: none.nodes, edges: none.edges, failed: none.failed } })));
        cell = c;
      } else {
        cell = cellOfDecision(evaluatePair({ model, request: matrixRequest(query, vpc.id, service.id), vpc, service, options, memo }));
      }
      counts[cell.verdict]++;
      row.push(cell);
    }
    cells.push(row);
  }
  return { vpcs: vpcs.map(axis), services: services.map(axis), cells, pairs: vpcs.length * services.length, counts, ms: performance.now() - started };
}

/** The matrix as CSV: one line per pair. */
export function matrixCsv(m: AccessMatrix): string {
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['vpc,vpc_account,service,service_account,verdict,check,resource,statement,reason'];
  m.vpcs.forEach((v, i) => {
    m.services.forEach((s, j) => {
      const c = m.cells[i]![j]!;
      lines.push([v.shortId, v.account, s.name, s.account, c.verdict, c.check ?? '', c.resource ?? '', c.statement ?? '', c.reason].map((x) => q(String(x))).join(','));
    });
  });
  return lines.join('\n') + '\n';
}
