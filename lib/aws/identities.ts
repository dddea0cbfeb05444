// The estate's callers, read after the Lattice pass: IAM is global, so each account's roles are
// read once (with the first Region's clients), and which roles are callers depends on every
// account's auth policies (a policy in one account names a role in another).

import { mergeTopologies, type Topology } from '@/lib/topology';
import { addMinimum, minimumCalls } from './minimum';
import { clientsFor, type AccountAccess, type ClientOptions } from './clients';
import { createPool, mapPooled } from './pool';
import { DEFAULT_PARALLEL_ACCOUNTS } from './limits';
import { createFailureLog } from './failures';
import { callerRoleArns, callerTopology, iamToTopology, readIam, roleKey, type IamInventory } from './iam';
import type { CallStats } from './calls';

interface IdentityResult {
  account: string;
  region: string;
  topology: Topology;
  stats: CallStats;
  minimum: { total: number; byOperation: Record<string, number> };
  failed: boolean;
  /** Roles the account has, and how many of them (the callers) were read in detail. */
  iam?: { roles: number; described: number };
}

export interface IdentityOptions extends ClientOptions {
  concurrency?: number;
  /** Accounts read at once (as in discovery: bounds the calls in flight). */
  parallelAccounts?: number;
  signal?: AbortSignal;
}

/**
 * Reads each account's roles into its first readable Region's result (topology, calls and
 * minimum), then returns the callers fragment: caller roles and their edges to services.
 */
export async function addIdentities(targets: readonly AccountAccess[], results: IdentityResult[], options: IdentityOptions = {}): Promise<Topology> {
  const lattice = mergeTopologies(results.map((r) => r.topology));
  const callers = new Set([...callerRoleArns(lattice)].map(roleKey));
  const readable = new Set<string>();
  const firstReadable = new Map<string, IdentityResult>();
  for (const r of results) if (!r.failed && !firstReadable.has(r.account)) firstReadable.set(r.account, r);
  await mapPooled(
    targets,
    options.parallelAccounts ?? DEFAULT_PARALLEL_ACCOUNTS,
    async (target) => {
      const result = firstReadable.get(target.id);
      if (!result) return;
      const log = createFailureLog();
      const ctx = { account: target.id, region: result.region, pool: createPool(options.concurrency ?? 8), stats: result.stats, signal: options.signal };
      const inv = await readIam(ctx, clientsFor(target, result.region, options).iam, callers, log);
      if (!inv.denied) readable.add(target.id);
      result.topology = mergeTopologies([result.topology, iamToTopology(inv, log.toErrors(target.id, ''))]);
      result.minimum = addMinimum(result.minimum, minimumCalls(iamNeeds(inv)));
      result.iam = { roles: inv.roles.length, described: inv.details.size };
    },
  );
  return callerTopology(mergeTopologies(results.map((r) => r.topology)), readable);
}

/** The fewest IAM calls what was read needs. */
function iamNeeds(inv: IamInventory) {
  const details = [...inv.details.values()];
  return {
    assumeRole: false,
    lists: { ListRoles: { items: inv.roles.length, pageSize: 1000 } },
    perResource: {
      GetRole: details.length,
      GetRolePolicy: details.reduce((n, d) => n + d.inline.length, 0),
      GetPolicy: inv.managedPoliciesRead,
      GetPolicyVersion: inv.managedPoliciesRead,
    },
    perResourceLists: {
      ListRolePolicies: { items: details.map((d) => d.inline.length), pageSize: 1000 },
      ListAttachedRolePolicies: { items: details.map((d) => d.attached.length), pageSize: 1000 },
    },
  };
}
