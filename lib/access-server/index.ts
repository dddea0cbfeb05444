import 'server-only';
// Access analysis as the console runs it: the topology a question is asked of (the newest
// discovered snapshot, as /api/topology shows it, or a design's desired state over it), and
// the engine's answers for the API routes. lib/access stays pure; this is its wiring.
import { completeSnapshot, currentSnapshot } from '@/lib/estate/server';
import { notFound, RequestError } from '@/lib/auth/errors';
import { getDesign } from '@/lib/plan/designs';
import { getPlanView } from '@/lib/plan/server';
import type { Topology } from '@/lib/topology';
import { AccessInputError } from '@/lib/access';
import type { AccessDecision } from '@/lib/access/types';
import { accessDiffOf, designTopology, evaluate, matrixOf, type AccessDiffView, type MatrixView } from './engine';
import type { AccessMatrixBody, AccessRequestBody } from './schema';

export type Basis = { kind: 'live'; snapshot: string; takenAt: string } | { kind: 'design'; design: string; name: string; version: number; takenAt: string };

// The newest snapshot, parsed once per snapshot: questions come in bursts (a matrix, a panel).
const cache = globalThis as typeof globalThis & { __trellisAccessLive?: { id: string; topology: Topology; takenAt: string } };

/** The newest snapshot; `complete` waits for what a first view deferred (access-log subscriptions). */
export async function liveTopology(options: { complete?: boolean } = {}): Promise<{ topology: Topology; snapshot: string; takenAt: string }> {
  const row = options.complete ? await completeSnapshot(await currentSnapshot()) : await currentSnapshot();
  const hit = cache.__trellisAccessLive;
  if (hit && hit.id === row.id) return { topology: hit.topology, snapshot: hit.id, takenAt: hit.takenAt };
  const entry = { id: row.id, topology: row.topology as Topology, takenAt: row.takenAt.toISOString() };
  cache.__trellisAccessLive = entry;
  return { topology: entry.topology, snapshot: entry.id, takenAt: entry.takenAt };
}

/** The topology a question is asked of: live, or with `designId` the design's desired state. */
export async function topologyFor(designId: string | undefined): Promise<{ topology: Topology; live: Topology; basis: Basis }> {
  const live = await liveTopology();
  if (!designId) return { topology: live.topology, live: live.topology, basis: { kind: 'live', snapshot: live.snapshot, takenAt: live.takenAt } };
  const design = await getDesign(designId).catch((err) => {
    if (err instanceof RequestError && err.status === 404) throw new RequestError(404, `No design ${designId}.`, [{ path: 'design', rule: 'the id of an existing design' }]);
    throw err;
  });
  return {
    topology: designTopology(design.document, live.topology),
    live: live.topology,
    basis: { kind: 'design', design: design.id, name: design.name, version: design.version, takenAt: live.takenAt },
  };
}

function findVpc(topology: Topology, vpc: string) {
  return topology.nodes.find((n) => n.kind === 'vpc' && (n.id === vpc || n.resourceId === vpc));
}

function findService(topology: Topology, service: string) {
  return topology.nodes.find((n) => n.kind === 'service' && (n.id === service || n.resourceId === service));
}

/** Answers one question. A VPC or service the topology does not hold is a 404 naming the field. */
export async function evaluateQuestion(body: AccessRequestBody): Promise<AccessDecision> {
  const { topology, basis } = await topologyFor(body.design);
  const where = basis.kind === 'live' ? `the estate discovered at ${basis.takenAt}` : `design "${basis.name}" (version ${basis.version})`;
  if (!findVpc(topology, body.source.vpc)) throw new RequestError(404, `No VPC ${body.source.vpc} in ${where}.`, [{ path: 'source.vpc', rule: 'a VPC in the discovered estate' }]);
  if (!findService(topology, body.target.service)) throw new RequestError(404, `No service ${body.target.service} in ${where}.`, [{ path: 'target.service', rule: 'a service in the discovered estate (or the design)' }]);
  try {
    return evaluate(topology, { source: { vpc: body.source.vpc, principal: body.source.principal }, target: body.target });
  } catch (err) {
    if (err instanceof AccessInputError) throw new RequestError(400, err.message, [{ path: err.field, rule: err.message }]);
    throw err;
  }
}

/** Every caller VPC × every service for one principal and request. */
export async function accessMatrixFor(body: AccessMatrixBody): Promise<MatrixView & { basis: Basis }> {
  const { topology, basis } = await topologyFor(body.design);
  return { ...matrixOf(topology, { principal: body.principal, method: body.method, path: body.path }), basis };
}

/**
 * What a plan changes in access: the live estate against its design's desired state. The
 * plan's design may have moved on since it was planned; the answer says which version it used.
 */
export async function planAccessDiff(planId: string): Promise<AccessDiffView & { designVersion: number | null; planVersion: number; basis: Basis | null }> {
  const view = await getPlanView(planId);
  const plan = view.plan;
  if (!plan.designId) throw notFound('This plan has no design to compare with the live estate.');
  const { topology, live, basis } = await topologyFor(plan.designId);
  const diff = accessDiffOf(live, topology);
  return { ...diff, designVersion: basis.kind === 'design' ? basis.version : null, planVersion: plan.designVersion, basis };
}
