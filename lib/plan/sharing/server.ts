import 'server-only';
// Share edits planned as the console runs them: a proposed share or a list of sharing edits,
// checked against RAM's rules and the discovered estate, turned into the operations a plan
// would run. Changes nothing.
import { enabledAccounts, latestTopology } from '@/lib/estate/server';
import { badRequest, parseInput } from '@/lib/auth/errors';
import type { AccountRef } from '@/lib/sharing';
import { checkedShare, shareRequestSchema, type CheckedShare } from '@/lib/sharing/request';
import type { Topology } from '@/lib/topology';
import { planShareEdits, ShareEditError, type SharePlan, type SharePlanOperation } from './plan';

export interface ShareProposal {
  share: CheckedShare;
  owner: AccountRef;
  resources: { arn: string; name: string; kind: string; type: string }[];
  principals: { value: string; kind: string; name?: string; configured: boolean }[];
  /** The operations a plan would run, with what each costs. */
  operations: SharePlanOperation[];
  warnings: string[];
}

async function planningContext(): Promise<{ topology: Topology; names: Map<string, string> }> {
  const [accounts, topology] = await Promise.all([enabledAccounts(), latestTopology()]);
  return { topology: topology ?? { nodes: [], edges: [], errors: [] }, names: new Map(accounts.map((a) => [a.id, a.name])) };
}

/** ShareEditError → a 400 naming each field (`prefix` drops the edit's index for a single edit). */
function refusal(err: unknown, single: boolean): unknown {
  if (!(err instanceof ShareEditError)) return err;
  const fields = err.problems.map((p) => ({ path: single ? p.path.replace(/^0\.?/, '') || '(body)' : p.path, rule: p.rule }));
  return badRequest(`The share cannot be made: ${fields.map((f) => f.rule).join('; ')}`, fields);
}

/**
 * Checks a proposed share: the request's rules (400 naming each field), then the estate (the
 * owner is an account Trellis acts in, each resource exists and may be shared, the name is
 * free), and says which operations a plan would run. Changes nothing.
 */
export async function checkShareProposal(input: unknown): Promise<ShareProposal> {
  const request = parseInput(shareRequestSchema, input);
  const share = checkedShare(request);
  const { topology, names } = await planningContext();
  let plan: SharePlan;
  try {
    plan = planShareEdits([{ ...request, action: 'share' }], topology, { accounts: names });
  } catch (err) {
    throw refusal(err, true);
  }
  const nodes = new Map(topology.nodes.map((n) => [n.id, n]));
  return {
    share,
    owner: { id: share.owner, name: names.get(share.owner) ?? share.owner },
    resources: share.resources.map((r) => ({ arn: r.arn, name: nodes.get(r.arn)?.name ?? r.arn, kind: r.type.kind, type: r.type.resourceType })),
    principals: share.principals.map((p) => {
      const name = p.kind === 'account' ? names.get(p.account) : undefined;
      return { value: p.value, kind: p.kind, ...(name ? { name } : {}), configured: p.kind === 'account' && names.has(p.account) };
    }),
    operations: plan.operations,
    warnings: plan.warnings,
  };
}

/** `{ edits: [...] }`: the operations sharing edits become, or a 400 naming each bad field. Changes nothing. */
export async function previewShareEdits(input: unknown): Promise<SharePlan> {
  const body = input as { edits?: unknown } | null;
  if (!body || typeof body !== 'object' || !Array.isArray(body.edits)) throw badRequest('Send { "edits": [ … ] }.', [{ path: 'edits', rule: 'a list of sharing edits (share, update or stop)' }]);
  const { topology, names } = await planningContext();
  try {
    return planShareEdits(body.edits, topology, { accounts: names });
  } catch (err) {
    throw refusal(err, false);
  }
}
