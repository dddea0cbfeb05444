// Discovery: reads every configured (account, region) at once, each account through its
// own clients and its own bounded pool, and merges what they saw into one Topology. An
// account that cannot be read becomes an error on that account; the others still render.

import type { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { accountOfArn, DEFERRED_KINDS, mergeTopologies, type DiscoveryError, type Topology } from '@/lib/topology';
import { addStats, call, emptyStats, type CallContext, type CallStats } from './calls';
import { assumedRoleCredentials, clientsFor, hasFreshRoleCredentials, type AccountAccess, type ClientOptions } from './clients';
import { readEc2 } from './ec2';
import { describeAwsError } from './errors';
import { createFailureLog, type FailureLog } from './failures';
import { addIdentities } from './identities';
import { readFunctionPolicies, readLambdaFunctions, unqualifiedFunctionArn } from './lambda';
import { emptyLatticeDetails, readLatticeDetails, readLatticeLists, type DetailPlan } from './lattice';
import { addMinimum, minimumCalls, type CallNeeds, type MinimumCalls } from './minimum';
import { createPool } from './pool';
import { readPrivateLink } from './privatelink';
import { readLogGroups } from './logs';
import { readRam } from './ram';
import { readLatticeTags, TAGGING_PAGE } from './tags';
import { inventoryToTopology, type AccountInventory } from './reshape';

import { DEFAULT_ACCOUNT_CONCURRENCY, DEFAULT_PARALLEL_ACCOUNTS } from './limits';

export { DEFAULT_ACCOUNT_CONCURRENCY, DEFAULT_PARALLEL_ACCOUNTS };

export interface DiscoveryTarget extends AccountAccess {
  name?: string;
  regions: string[];
}

export interface AccountProgress {
  account: string;
  region: string;
  name?: string;
  state: 'running' | 'done' | 'failed';
  calls: number;
  attempts: number;
  /** Failed operations so far (each may stand for many calls). */
  errors: number;
  /** Set when the account could not be read at all. */
  message?: string;
  /** With `done`: what was read in this account and region, so a first view can draw it before the others finish. */
  topology?: Topology;
}

export interface DiscoverAccountOptions extends ClientOptions {
  /** Calls in flight at once for this account. */
  concurrency?: number;
  /**
   * Accounts read in the same run. A resource owned by one of them is described by its
   * owner; the others only note that they see it, which saves the detail calls twice over.
   */
  peerAccounts?: ReadonlySet<string>;
  /**
   * Read tags. Default true: the account's own in bulk from the Resource Groups Tagging API
   * (falling back to one ListTagsForResource per resource when that is refused).
   */
  tags?: boolean;
  /**
   * `full` (default) reads everything; `graph` reads what the graph and access analysis need
   * and leaves the kinds in DEFERRED_KINDS (access-log subscriptions) for readDeferredDetails,
   * naming them in `topology.deferred`.
   */
  depth?: 'full' | 'graph';
  signal?: AbortSignal;
  onProgress?: (progress: AccountProgress) => void;
}

export interface AccountResult {
  account: string;
  region: string;
  topology: Topology;
  stats: CallStats;
  /** The fewest calls the data this account returned needs (see minimum.ts). */
  minimum: MinimumCalls;
  /** True when nothing could be read (credentials, access, network). */
  failed: boolean;
  durationMs: number;
  /** IAM, read once per account (in its first Region's result): roles, and callers read in detail. */
  iam?: { roles: number; described: number };
}

/** Progress is reported at most this often per account, plus at the end. */
const PROGRESS_INTERVAL_MS = 200;

export async function discoverAccount(target: AccountAccess & { name?: string }, region: string, options: DiscoverAccountOptions = {}): Promise<AccountResult> {
  const started = Date.now();
  const account = target.id;
  const stats = emptyStats();
  const log = createFailureLog();
  let lastReport = 0;
  const report = (state: AccountProgress['state'], message?: string, topology?: Topology) => {
    if (!options.onProgress) return;
    const p: AccountProgress = { account, region, state, calls: stats.calls, attempts: stats.attempts, errors: log.count() };
    if (target.name) p.name = target.name;
    if (message) p.message = message;
    if (topology) p.topology = topology;
    options.onProgress(p);
  };
  const ctx: CallContext = {
    account,
    region,
    pool: createPool(options.concurrency ?? DEFAULT_ACCOUNT_CONCURRENCY),
    stats,
    signal: options.signal,
    onCall: () => {
      const now = Date.now();
      if (now - lastReport >= PROGRESS_INTERVAL_MS) {
        lastReport = now;
        report('running');
      }
    },
  };
  const fail = (message: string, code?: string): AccountResult => {
    const error: DiscoveryError = { account, region, message };
    if (code) error.code = code;
    report('failed', message);
    return { account, region, topology: { nodes: [], edges: [], errors: [error] }, stats, minimum: { total: 0, byOperation: {} }, failed: true, durationMs: Date.now() - started };
  };
  report('running');

  const assumeRole = !!target.roleArn && !hasFreshRoleCredentials(target.roleArn, target.externalId);
  if (target.roleArn) {
    // Assume the role first: when it fails, that is the one error worth showing for the account.
    try {
      const provider = assumedRoleCredentials(target.roleArn, region, target.externalId, options.maxAttempts);
      if (assumeRole) await call(ctx, 'AssumeRole', provider);
      else await provider();
    } catch (err) {
      const info = describeAwsError(err);
      return fail(`Cannot assume ${target.roleArn}: ${info.message}`, info.code);
    }
  }

  const clients = clientsFor(target, region, options);
  const regional: string[] = [];
  const readTags = options.tags ?? true;
  const [lattice, ram, ec2, privateLink, functions, logGroups, ownTags] = await Promise.all([
    readLatticeLists(ctx, clients.lattice, log),
    readRam(ctx, clients.ram, log),
    readEc2(ctx, clients.ec2, log),
    readPrivateLink(ctx, clients.ec2, log),
    readLambdaFunctions(ctx, clients.lambda, log, regional),
    readLogGroups(ctx, clients.logs, log, regional),
    readTags ? readOwnTags(ctx, clients.tagging, log) : undefined,
  ]);
  const listCount = 5 + 2 + 5 + 2;
  const failedLists = lattice.failed.length + ram.failed.length + ec2.failed.length + privateLink.failed.length;
  if (failedLists >= listCount) {
    // Nothing answered: one message for the account rather than eleven.
    // The tagging API's failure says the same with a note about tags: name a list's instead.
    const first = log.toErrors(account, region).find((e) => e.operation !== 'GetResources');
    return fail(first ? `Cannot read the account: ${first.message.replace(/^[A-Za-z]+ failed: /, '')}` : 'Cannot read the account', first?.code);
  }

  const peers = options.peerAccounts ?? new Set<string>();
  // Details are read by the owner; a resource whose owner is not among the accounts read is described by whoever sees it.
  const describeHere = (arn: string | undefined) => {
    if (!arn) return false;
    const owner = accountOfArn(arn);
    return owner === account || !peers.has(owner);
  };
  const shared = new Set(ram.resourceAssociations.map((a) => a.associatedEntity).filter((x): x is string => !!x));
  const plan: DetailPlan = {
    serviceNetworks: lattice.serviceNetworks.filter((x) => describeHere(x.arn)),
    services: lattice.services.filter((x) => describeHere(x.arn)),
    targetGroups: lattice.targetGroups.filter((x) => describeHere(x.arn)),
    resourceGateways: lattice.resourceGateways.filter((x) => describeHere(x.arn)),
    resourceConfigurations: lattice.resourceConfigurations.filter((x) => describeHere(x.arn)),
    shared,
    tags: readTags,
    account,
    accessLogs: options.depth !== 'graph',
    ...(ownTags ? { ownTags } : {}),
  };
  const details = await readLatticeDetails(ctx, clients.lattice, plan, log).catch((err) => {
    log.record('discovery', err);
    return emptyLatticeDetails();
  });

  // Function policies only for the functions LAMBDA targets register: the others are listed, not read.
  const targeted = new Set([...details.targets.values()].flat().map((t) => (t.id ? unqualifiedFunctionArn(t.id) : '')).filter((arn) => arn.includes(':function:')));
  const policies = await readFunctionPolicies(ctx, clients.lambda, functions, targeted, log);

  const inventory: AccountInventory = { account, region, lattice, details, ram, ec2, privateLink, lambda: { functions, policies, failed: regional }, logGroups };
  const topology = inventoryToTopology(inventory, log.toErrors(account, region));
  topology.discoveredAt = new Date().toISOString();
  if (options.depth === 'graph') topology.deferred = [...DEFERRED_KINDS];
  report('done', undefined, topology);
  return { account, region, topology, stats, minimum: minimumCalls(callNeeds(inventory, plan, assumeRole)), failed: false, durationMs: Date.now() - started };
}

/**
 * The account's tags in bulk, or undefined when GetResources cannot be used (not allowed to
 * the role, or failing): then tags are read per resource, and one line says why.
 */
async function readOwnTags(ctx: CallContext, client: ResourceGroupsTaggingAPIClient, log: FailureLog): Promise<Map<string, Record<string, string>> | undefined> {
  try {
    return await readLatticeTags(ctx, client);
  } catch (err) {
    log.record('GetResources', err);
    log.note(
      'GetResources',
      'Tags are read one resource at a time (ListTagsForResource) because the Resource Groups Tagging API could not be used: allow tag:GetResources to the console\'s role to read them in a few calls.',
    );
    return undefined;
  }
}

export interface DiscoverEstateOptions extends Omit<DiscoverAccountOptions, 'peerAccounts' | 'onProgress'> {
  /** (account, region) cells read at once (default DEFAULT_PARALLEL_ACCOUNTS). */
  parallelAccounts?: number;
  onProgress?: (progress: AccountProgress) => void;
}

export interface EstateResult {
  topology: Topology;
  accounts: AccountResult[];
  stats: CallStats;
  minimum: MinimumCalls;
  durationMs: number;
}

/** Confirms who the base credentials belong to (the test-connection button and the CLI use it). */
export async function callerIdentity(target: AccountAccess, region: string, options: ClientOptions = {}): Promise<{ account: string; arn: string; userId: string }> {
  const out = await clientsFor(target, region, options).sts.send(new GetCallerIdentityCommand({}));
  return { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
}

export async function discoverEstate(targets: readonly DiscoveryTarget[], options: DiscoverEstateOptions = {}): Promise<EstateResult> {
  const started = Date.now();
  const peers = new Set(targets.map((t) => t.id));
  const cells = targets.flatMap((t) => t.regions.map((region) => ({ target: t, region })));
  const limit = createPool(Math.max(1, options.parallelAccounts ?? DEFAULT_PARALLEL_ACCOUNTS));
  const results = await Promise.all(
    cells.map(({ target, region }) =>
      limit.run(() =>
        discoverAccount(target, region, { ...options, peerAccounts: peers }).catch((err): AccountResult => {
          // discoverAccount maps AWS errors itself; this is the last line for the unexpected.
          const info = describeAwsError(err);
          const message = `Discovery stopped: ${info.message}`;
          options.onProgress?.({ account: target.id, region, state: 'failed', calls: 0, attempts: 0, errors: 1, message });
          return { account: target.id, region, topology: { nodes: [], edges: [], errors: [{ account: target.id, region, message, code: info.code }] }, stats: emptyStats(), minimum: { total: 0, byOperation: {} }, failed: true, durationMs: 0 };
        }),
      ),
    ),
  );
  const callers = await addIdentities(targets, results, options);
  const topology = mergeTopologies([...results.map((r) => r.topology), callers]);
  topology.discoveredAt = new Date().toISOString();
  const stats = results.reduce((acc, r) => addStats(acc, r.stats), emptyStats());
  const minimum = results.reduce((acc, r) => addMinimum(acc, r.minimum), { total: 0, byOperation: {} } as MinimumCalls);
  return { topology, accounts: results, stats, minimum, durationMs: Date.now() - started };
}

function countBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** What this account's data asks of the APIs, for the minimum-calls formula. */
function callNeeds(inv: AccountInventory, plan: DetailPlan, assumeRole: boolean): CallNeeds {
  const { lattice, details: d, ram, ec2, privateLink } = inv;
  const snArns = plan.serviceNetworks.map((x) => x.arn!);
  const svcArns = plan.services.map((x) => x.arn!);
  const perSn = <T>(items: readonly T[], key: (item: T) => string | undefined) => {
    const counts = countBy(items, key);
    return snArns.map((arn) => counts.get(arn) ?? 0);
  };
  const listeners = [...d.listeners.values()].flat();
  const logsPer = countBy(d.accessLogSubscriptions, (s) => s.resourceArn);
  const iam = [...d.serviceNetworks.values(), ...d.services.values()].filter((x) => x.authType === 'AWS_IAM').length;
  const planned = [...snArns, ...svcArns, ...plan.targetGroups.map((x) => x.arn!), ...plan.resourceGateways.map((x) => x.arn!), ...plan.resourceConfigurations.map((x) => x.arn!)];
  const lists: CallNeeds['lists'] = {
    ListServiceNetworks: { items: lattice.serviceNetworks.length, pageSize: 100 },
    ListServices: { items: lattice.services.length, pageSize: 100 },
    ListTargetGroups: { items: lattice.targetGroups.length, pageSize: 100 },
    ListResourceGateways: { items: lattice.resourceGateways.length, pageSize: 100 },
    ListResourceConfigurations: { items: lattice.resourceConfigurations.length, pageSize: 100 },
    GetResourceShares: { items: ram.shares.length, pageSize: 500 },
    GetResourceShareInvitations: { items: ram.invitations.length, pageSize: 500 },
    DescribeVpcs: { items: ec2.vpcs.length, pageSize: 1000 },
    DescribeSubnets: { items: ec2.subnets.length, pageSize: 1000 },
    DescribeSecurityGroups: { items: ec2.securityGroups.length, pageSize: 1000 },
    DescribeVpcEndpoints: { items: ec2.vpcEndpoints.length, pageSize: 1000 },
    DescribeInstances: { items: ec2.instances.length, pageSize: 1000 },
    DescribeVpcEndpointServiceConfigurations: { items: privateLink.serviceConfigurations.length, pageSize: 1000 },
    DescribeVpcEndpointConnections: { items: privateLink.connections.length, pageSize: 1000 },
    ListFunctions: { items: inv.lambda?.functions.length ?? 0, pageSize: 50 },
    DescribeLogGroups: { items: inv.logGroups?.length ?? 0, pageSize: 50 },
    ...(plan.tags && plan.ownTags ? { GetResources: { items: plan.ownTags.size, pageSize: TAGGING_PAGE } } : {}),
  };
  const tagCalls = plan.tags ? planned.filter((arn) => !plan.ownTags || accountOfArn(arn) !== plan.account).length : 0;
  return {
    assumeRole,
    lists,
    perResource: {
      GetServiceNetwork: snArns.length,
      GetService: svcArns.length,
      GetAuthPolicy: iam,
      GetListener: listeners.length,
      GetRule: listeners.reduce((n, l) => n + l.rules.filter((r) => !r.summary.isDefault).length, 0),
      GetTargetGroup: plan.targetGroups.length,
      GetResourceConfiguration: plan.resourceConfigurations.length,
      GetResourcePolicy: planned.filter((arn) => plan.shared.has(arn) && !arn.includes(':targetgroup/') && !arn.includes(':resourcegateway/')).length,
      ListTagsForResource: tagCalls,
      'lambda:GetPolicy': inv.lambda?.policies.size ?? 0,
    },
    perResourceLists: {
      ...(ram.shares.length ? { GetResourceShareAssociations: { items: [ram.principalAssociations.length, ram.resourceAssociations.length], pageSize: 500 } } : {}),
      ListServiceNetworkServiceAssociations: { items: perSn(d.snServiceAssociations, (a) => a.serviceNetworkArn), pageSize: 100 },
      ListServiceNetworkVpcAssociations: { items: perSn(d.snVpcAssociations, (a) => a.serviceNetworkArn), pageSize: 100 },
      ListServiceNetworkResourceAssociations: { items: perSn(d.snResourceAssociations, (a) => a.serviceNetworkArn), pageSize: 100 },
      ListServiceNetworkVpcEndpointAssociations: { items: perSn(d.snEndpointAssociations, (a) => a.serviceNetworkArn), pageSize: 100 },
      ...(plan.accessLogs !== false ? { ListAccessLogSubscriptions: { items: [...snArns, ...svcArns].map((arn) => logsPer.get(arn) ?? 0), pageSize: 100 } } : {}),
      ListListeners: { items: svcArns.map((arn) => d.listeners.get(arn)?.length ?? 0), pageSize: 100 },
      ListRules: { items: listeners.map((l) => l.rules.length), pageSize: 100 },
      ListTargets: { items: plan.targetGroups.map((tg) => d.targets.get(tg.arn!)?.length ?? 0), pageSize: 100 },
      DescribeVpcEndpointServicePermissions: { items: privateLink.serviceConfigurations.filter((s) => s.ServiceId).map((s) => privateLink.permissions.get(s.ServiceId!)?.length ?? 0), pageSize: 1000 },
    },
  };
}
