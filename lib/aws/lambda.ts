// Lambda as discovery needs it: the functions of one Region (listed, so the designer can offer
// them), and for the functions LAMBDA target groups register, their resource policy — Lattice
// can invoke a function only when that policy allows vpc-lattice.amazonaws.com.

import { GetPolicyCommand, ListFunctionsCommand, type FunctionConfiguration, type LambdaClient } from '@aws-sdk/client-lambda';
import { edgeKey, type TopologyEdge, type TopologyNode } from '@/lib/topology';
import { allPages, call, type CallContext } from './calls';
import { describeAwsError, isNotFound } from './errors';
import { listGuard, type FailureLog } from './failures';
import { parsePolicy, toJsonObject } from './json';

/** ListFunctions answers at most 50 per page. */
const PAGE = 50;

export interface LambdaInventory {
  functions: FunctionConfiguration[];
  /** Function ARN → its policy text, or null when it has none; only for functions targets register. */
  policies: Map<string, string | null>;
  failed: string[];
}

export function emptyLambdaInventory(): LambdaInventory {
  return { functions: [], policies: new Map(), failed: [] };
}

/** The function a target id names, without its version or alias qualifier. */
export function unqualifiedFunctionArn(arn: string): string {
  const parts = arn.split(':');
  return parts.length > 7 && parts[2] === 'lambda' && parts[5] === 'function' ? parts.slice(0, 7).join(':') : arn;
}

export async function readLambdaFunctions(ctx: CallContext, client: LambdaClient, log: FailureLog, failed: string[]): Promise<FunctionConfiguration[]> {
  return listGuard(log, failed)('ListFunctions', () =>
    allPages(async (Marker) => {
      const o = await call(ctx, 'ListFunctions', () => client.send(new ListFunctionsCommand({ MaxItems: PAGE, Marker })));
      return { items: o.Functions, next: o.NextMarker };
    }),
  );
}

/** Reads the policy of each listed function whose ARN is in `wanted` (one GetPolicy each). */
export async function readFunctionPolicies(ctx: CallContext, client: LambdaClient, functions: readonly FunctionConfiguration[], wanted: ReadonlySet<string>, log: FailureLog): Promise<Map<string, string | null>> {
  const policies = new Map<string, string | null>();
  await Promise.all(
    functions
      .filter((f) => f.FunctionArn && wanted.has(f.FunctionArn))
      .map(async (f) => {
        try {
          const o = await call(ctx, 'lambda:GetPolicy', () => client.send(new GetPolicyCommand({ FunctionName: f.FunctionArn })));
          policies.set(f.FunctionArn!, o.Policy ?? null);
        } catch (err) {
          // The function was just listed: not found means it has no policy.
          if (isNotFound(describeAwsError(err))) policies.set(f.FunctionArn!, null);
          else log.record('lambda:GetPolicy', err, f.FunctionArn);
        }
      }),
  );
  return policies;
}

/** Function nodes (with their policy when read) and target → function edges. */
export function lambdaNodes(account: string, region: string, inv: LambdaInventory, targets: readonly TopologyNode[]): { nodes: TopologyNode[]; edges: TopologyEdge[] } {
  const nodes: TopologyNode[] = [];
  const ids = new Set<string>();
  for (const f of inv.functions) {
    if (!f.FunctionArn) continue;
    ids.add(f.FunctionArn);
    const node: TopologyNode = {
      id: f.FunctionArn,
      kind: 'lambdaFunction',
      account,
      region,
      name: f.FunctionName ?? f.FunctionArn,
      status: f.State ?? 'Active',
      resourceId: f.FunctionName,
      tags: {},
      seenBy: [account],
      description: toJsonObject(f),
    };
    if (inv.policies.has(f.FunctionArn)) node.resourcePolicy = parsePolicy(inv.policies.get(f.FunctionArn) ?? undefined);
    nodes.push(node);
  }
  const edges: TopologyEdge[] = [];
  for (const t of targets) {
    const fn = t.resourceId ? unqualifiedFunctionArn(t.resourceId) : '';
    if (ids.has(fn)) edges.push({ id: edgeKey('targetResource', t.id, fn), kind: 'targetResource', source: t.id, target: fn });
  }
  return { nodes, edges };
}
