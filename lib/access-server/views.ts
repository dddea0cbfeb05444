// The shapes the console's access pages read (matrix, plan access diff), as plain data. The
// engine's own results are turned into these in ./engine, in one place.
import type { AccessDecision } from '@/lib/access/types';

/** unrouted: reachable and authorized, but no listener or rule takes the request (or no healthy target). */
export type MatrixVerdict = 'allow' | 'auth' | 'unreachable' | 'unrouted';

export interface MatrixVpc {
  id: string;
  vpcId: string;
  name: string;
  account: string;
  /** Service networks this VPC is connected to (association or endpoint), by ARN. */
  serviceNetworks: string[];
}

export interface MatrixService {
  id: string;
  serviceId: string;
  name: string;
  account: string;
  serviceNetworks: string[];
}

export interface MatrixCell {
  verdict: MatrixVerdict;
  /** For auth denials: the policy's resource (network or service) that denied; for unreachable: the link that is missing. */
  resource?: string;
  statement?: string;
  /** The name of `resource` (the policy's network or service), for the cell's label. */
  label?: string;
  /** The first failing step's sentence. */
  why: string;
}

export interface MatrixView {
  vpcs: MatrixVpc[];
  services: MatrixService[];
  /** The distinct answers: cells point into this list (a large estate repeats few reasons). */
  reasons: MatrixCell[];
  /** cells[v][s] = index into reasons, for vpcs[v] × services[s]. */
  cells: number[][];
  pairs: number;
  /** Time the engine took, for the page's footer. */
  ms: number;
}

export interface AccessPair {
  vpc: string;
  vpcName: string;
  service: string;
  serviceName: string;
}

export interface PrincipalChange {
  principal: string;
  gained: AccessPair[];
  lost: AccessPair[];
}

export interface AccessDiffView {
  /** Caller VPC → service pairs that become reachable (the network path appears). */
  reachable: AccessPair[];
  /** … that stop being reachable. */
  unreachable: AccessPair[];
  /** For the principals named in the policies the plan touches: pairs they may call after and not before, and the reverse. */
  principals: PrincipalChange[];
  /** The sentences a reviewer reads first ("This plan lets 3 VPCs reach payments"). */
  headlines: string[];
}

/** The first failing step of a decision, for one-line explanations. */
export function firstFailure(decision: AccessDecision) {
  return decision.steps.find((s) => s.result === 'fail');
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "This plan lets 3 VPCs reach payments": one sentence per service, gains first. */
export function headlinesOf(reachable: readonly AccessPair[], unreachable: readonly AccessPair[]): string[] {
  const group = (pairs: readonly AccessPair[]) => {
    const m = new Map<string, { name: string; vpcs: Set<string> }>();
    for (const p of pairs) {
      const e = m.get(p.service) ?? { name: p.serviceName, vpcs: new Set<string>() };
      e.vpcs.add(p.vpc);
      m.set(p.service, e);
    }
    return [...m.values()].sort((a, b) => b.vpcs.size - a.vpcs.size || a.name.localeCompare(b.name));
  };
  return [
    ...group(reachable).map((g) => `This plan lets ${plural(g.vpcs.size, 'VPC')} reach ${g.name}.`),
    ...group(unreachable).map((g) => `This plan stops ${plural(g.vpcs.size, 'VPC')} from reaching ${g.name}.`),
  ];
}
