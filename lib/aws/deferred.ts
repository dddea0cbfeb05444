// Details a first view does without (access-log subscriptions of every service and service
// network): read for all of an estate after the fast pass, or for one resource when a user
// opens it. Both build the same nodes discovery builds (reshape.ts).

import type { AccessLogSubscriptionSummary } from '@aws-sdk/client-vpc-lattice';
import { DomainError } from '@/lib/errors';
import { edgeKey, mergeTopologies, type DiscoveryError, type Topology, type TopologyEdge, type TopologyNode } from '@/lib/topology';
import { addStats, call, emptyStats, type CallContext, type CallStats } from './calls';
import { clientsFor, type AccountAccess, type ClientOptions } from './clients';
import { describeAwsError, isAccessDenied, isNotFound } from './errors';
import { createFailureLog } from './failures';
import { readAccessLogSubscriptions } from './lattice';
import { createPool, mapPooled } from './pool';
import { DEFAULT_ACCOUNT_CONCURRENCY, DEFAULT_PARALLEL_ACCOUNTS } from './limits';
import { accessLogSubscriptionNode } from './reshape';
import type { DiscoveryTarget } from './discover';

/** Kinds whose details a resource has: access-log subscriptions are kept on services and service networks. */
const LOGGED_KINDS = new Set(['service', 'serviceNetwork']);

export interface DeferredResult {
  /** The topology with the deferred kinds read (and `deferred` cleared); errors name what could not be read. */
  topology: Topology;
  stats: CallStats;
  durationMs: number;
}

/** Subscriptions as nodes, linked to what they log and to the log groups they deliver to when the topology has them. */
function subscriptionParts(subs: readonly AccessLogSubscriptionSummary[], account: string, region: string, known: (id: string) => boolean): { nodes: TopologyNode[]; edges: TopologyEdge[] } {
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  for (const s of subs) {
    if (!s.arn) continue;
    const { node, edge } = accessLogSubscriptionNode(s, account, region);
    nodes.push(node);
    if (edge) edges.push(edge);
    const destination = (s.destinationArn ?? '').replace(/:\*$/, '');
    if (destination && known(destination)) edges.push({ id: edgeKey('accessLogDestination', node.id, destination), kind: 'accessLogDestination', source: node.id, target: destination });
  }
  return { nodes, edges };
}

/**
 * Reads what `topology.deferred` names for every account and Region of `targets`: each owner
 * lists the subscriptions of its own services and service networks, through its own pool, so
 * the per-account throttles hold as in discovery. A resource whose read fails keeps none, and
 * the failure is an error on its account, as in discovery.
 */
export async function readDeferredDetails(targets: readonly DiscoveryTarget[], topology: Topology, options: ClientOptions & { concurrency?: number; parallelAccounts?: number } = {}): Promise<DeferredResult> {
  const started = Date.now();
  if (!topology.deferred?.length) return { topology, stats: emptyStats(), durationMs: 0 };
  const ids = new Set(topology.nodes.map((n) => n.id));
  const cells = new Map<string, TopologyNode[]>();
  for (const n of topology.nodes) {
    if (!LOGGED_KINDS.has(n.kind) || n.external) continue;
    const key = `${n.account}|${n.region}`;
    const list = cells.get(key);
    if (list) list.push(n);
    else cells.set(key, [n]);
  }
  const stats = emptyStats();
  const parts = await mapPooled(
    targets.flatMap((target) => target.regions.map((region) => ({ target, region }))),
    options.parallelAccounts ?? DEFAULT_PARALLEL_ACCOUNTS,
    async ({ target, region }): Promise<Topology> => {
        const owned = cells.get(`${target.id}|${region}`) ?? [];
        if (!owned.length) return { nodes: [], edges: [], errors: [] };
        const ctx: CallContext = { account: target.id, region, pool: createPool(options.concurrency ?? DEFAULT_ACCOUNT_CONCURRENCY), stats: emptyStats() };
        const log = createFailureLog();
        const client = clientsFor(target, region, options).lattice;
        const subs: AccessLogSubscriptionSummary[] = [];
        await Promise.all(
          owned.map(async (n) => {
            try {
              subs.push(...(await readAccessLogSubscriptions(ctx, client, n.id)));
            } catch (err) {
              log.record('ListAccessLogSubscriptions', err, n.id);
            }
          }),
        );
        addStats(stats, ctx.stats);
        const errors: DiscoveryError[] = log.toErrors(target.id, region);
        return { ...subscriptionParts(subs, target.id, region, (id) => ids.has(id)), errors };
    },
  );
  const merged = mergeTopologies([{ ...topology, deferred: undefined }, ...parts]);
  if (topology.discoveredAt) merged.discoveredAt = topology.discoveredAt;
  return { topology: merged, stats, durationMs: Date.now() - started };
}

export interface ResourceDetails {
  arn: string;
  /** The resource's access-log subscriptions as read now; null for kinds that have none. */
  accessLogSubscriptions: TopologyNode[] | null;
  /** ISO time of the read. */
  readAt: string;
}

/**
 * What the details panel shows of one resource beyond the graph, read live from its owner.
 * AWS's refusals become DomainErrors with AWS's words (404 when the resource is gone).
 */
export async function readResourceDetails(access: AccountAccess, node: Pick<TopologyNode, 'id' | 'kind' | 'region'>, options: ClientOptions = {}): Promise<ResourceDetails> {
  const readAt = new Date().toISOString();
  if (!LOGGED_KINDS.has(node.kind)) return { arn: node.id, accessLogSubscriptions: null, readAt };
  const ctx: CallContext = { account: access.id, region: node.region, pool: createPool(1), stats: emptyStats() };
  try {
    const subs = await readAccessLogSubscriptions(ctx, clientsFor(access, node.region, options).lattice, node.id);
    return { arn: node.id, accessLogSubscriptions: subscriptionParts(subs, access.id, node.region, () => false).nodes, readAt };
  } catch (err) {
    const info = describeAwsError(err);
    const status = isNotFound(info) ? 404 : isAccessDenied(info) ? 403 : info.throttled ? 429 : 502;
    throw new DomainError(status, `Could not read the access-log subscriptions of ${node.id}: ${info.message}`, { code: info.code });
  }
}
