// Reads an account's VPC Lattice estate in two passes: the region-wide lists (whose
// summaries already carry most fields), then the per-resource calls only where a summary
// lacks what Trellis shows (listener actions, rule matches, auth policies, targets, tags).

import {
  GetAuthPolicyCommand,
  GetListenerCommand,
  GetResourceConfigurationCommand,
  GetResourcePolicyCommand,
  GetRuleCommand,
  GetServiceCommand,
  GetServiceNetworkCommand,
  GetTargetGroupCommand,
  ListAccessLogSubscriptionsCommand,
  ListListenersCommand,
  ListResourceConfigurationsCommand,
  ListResourceGatewaysCommand,
  ListRulesCommand,
  ListServiceNetworkResourceAssociationsCommand,
  ListServiceNetworkServiceAssociationsCommand,
  ListServiceNetworkVpcAssociationsCommand,
  ListServiceNetworkVpcEndpointAssociationsCommand,
  ListServiceNetworksCommand,
  ListServicesCommand,
  ListTagsForResourceCommand,
  ListTargetGroupsCommand,
  ListTargetsCommand,
  type AccessLogSubscriptionSummary,
  type GetAuthPolicyCommandOutput,
  type GetListenerCommandOutput,
  type GetResourceConfigurationCommandOutput,
  type GetRuleCommandOutput,
  type GetServiceCommandOutput,
  type GetServiceNetworkCommandOutput,
  type GetTargetGroupCommandOutput,
  type ListenerSummary,
  type ResourceConfigurationSummary,
  type ResourceGatewaySummary,
  type RuleSummary,
  type ServiceNetworkEndpointAssociation,
  type ServiceNetworkResourceAssociationSummary,
  type ServiceNetworkServiceAssociationSummary,
  type ServiceNetworkSummary,
  type ServiceNetworkVpcAssociationSummary,
  type ServiceSummary,
  type TargetGroupSummary,
  type TargetSummary,
  type VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { accountOfArn } from '@/lib/topology';
import { allPages, call, type CallContext } from './calls';
import { describeAwsError, isNotFound } from './errors';
import { listGuard, type FailureLog } from './failures';

/** Lattice list calls accept at most 100 items per page. */
const PAGE = 100;

export interface LatticeLists {
  serviceNetworks: ServiceNetworkSummary[];
  services: ServiceSummary[];
  targetGroups: TargetGroupSummary[];
  resourceGateways: ResourceGatewaySummary[];
  resourceConfigurations: ResourceConfigurationSummary[];
  /** Lists that failed: their kind is missing from this account's view. */
  failed: string[];
}

export interface ListenerRead {
  summary: ListenerSummary;
  detail?: GetListenerCommandOutput;
  rules: { summary: RuleSummary; detail?: GetRuleCommandOutput }[];
}

export interface LatticeDetails {
  serviceNetworks: Map<string, GetServiceNetworkCommandOutput>;
  services: Map<string, GetServiceCommandOutput>;
  listeners: Map<string, ListenerRead[]>;
  targetGroups: Map<string, GetTargetGroupCommandOutput>;
  targets: Map<string, TargetSummary[]>;
  resourceConfigurations: Map<string, GetResourceConfigurationCommandOutput>;
  snServiceAssociations: ServiceNetworkServiceAssociationSummary[];
  snVpcAssociations: ServiceNetworkVpcAssociationSummary[];
  snResourceAssociations: ServiceNetworkResourceAssociationSummary[];
  snEndpointAssociations: ServiceNetworkEndpointAssociation[];
  authPolicies: Map<string, GetAuthPolicyCommandOutput>;
  resourcePolicies: Map<string, string>;
  accessLogSubscriptions: AccessLogSubscriptionSummary[];
  tags: Map<string, Record<string, string>>;
}

export function emptyLatticeDetails(): LatticeDetails {
  return {
    serviceNetworks: new Map(),
    services: new Map(),
    listeners: new Map(),
    targetGroups: new Map(),
    targets: new Map(),
    resourceConfigurations: new Map(),
    snServiceAssociations: [],
    snVpcAssociations: [],
    snResourceAssociations: [],
    snEndpointAssociations: [],
    authPolicies: new Map(),
    resourcePolicies: new Map(),
    accessLogSubscriptions: [],
    tags: new Map(),
  };
}

/** Runs `read`; on failure records it and returns `fallback`, so one denied call never sinks the rest. */
async function tolerant<T>(log: FailureLog, operation: string, subject: string | undefined, fallback: T, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    log.record(operation, err, subject);
    return fallback;
  }
}

export async function readLatticeLists(ctx: CallContext, client: VPCLatticeClient, log: FailureLog): Promise<LatticeLists> {
  const failed: string[] = [];
  const guard = listGuard(log, failed);
  const list = <T>(operation: string, page: (token: string | undefined) => Promise<{ items: T[] | undefined; next: string | undefined }>) =>
    guard(operation, () => allPages(page));
  const [serviceNetworks, services, targetGroups, resourceGateways, resourceConfigurations] = await Promise.all([
    list('ListServiceNetworks', async (nextToken) => {
      const o = await call(ctx, 'ListServiceNetworks', () => client.send(new ListServiceNetworksCommand({ maxResults: PAGE, nextToken })));
      return { items: o.items, next: o.nextToken };
    }),
    list('ListServices', async (nextToken) => {
      const o = await call(ctx, 'ListServices', () => client.send(new ListServicesCommand({ maxResults: PAGE, nextToken })));
      return { items: o.items, next: o.nextToken };
    }),
    list('ListTargetGroups', async (nextToken) => {
      const o = await call(ctx, 'ListTargetGroups', () => client.send(new ListTargetGroupsCommand({ maxResults: PAGE, nextToken })));
      return { items: o.items, next: o.nextToken };
    }),
    list('ListResourceGateways', async (nextToken) => {
      const o = await call(ctx, 'ListResourceGateways', () => client.send(new ListResourceGatewaysCommand({ maxResults: PAGE, nextToken })));
      return { items: o.items, next: o.nextToken };
    }),
    list('ListResourceConfigurations', async (nextToken) => {
      const o = await call(ctx, 'ListResourceConfigurations', () => client.send(new ListResourceConfigurationsCommand({ maxResults: PAGE, nextToken })));
      return { items: o.items, next: o.nextToken };
    }),
  ]);
  return { serviceNetworks, services, targetGroups, resourceGateways, resourceConfigurations, failed };
}

export interface DetailPlan {
  /** Service networks whose associations, policies and tags this account reads. */
  serviceNetworks: ServiceNetworkSummary[];
  services: ServiceSummary[];
  targetGroups: TargetGroupSummary[];
  resourceGateways: ResourceGatewaySummary[];
  resourceConfigurations: ResourceConfigurationSummary[];
  /** ARNs shared through RAM: only these can carry a resource policy worth reading. */
  shared: ReadonlySet<string>;
  /** Read tags. */
  tags: boolean;
  /**
   * Tags of this account's own resources, read in bulk (GetResources): a resource of the account
   * absent from it has none. Without it, or for other accounts' resources, tags cost one
   * ListTagsForResource each.
   */
  ownTags?: ReadonlyMap<string, Record<string, string>>;
  /** The account being read: whose resources `ownTags` covers. */
  account?: string;
  /** Read access-log subscriptions (default true); a first view leaves them for later. */
  accessLogs?: boolean;
}

/** Every page of a Lattice list call (`items`, `nextToken`), each page through `call` so it is counted and retried. */
function everyPage<T>(ctx: CallContext, operation: string, page: (nextToken: string | undefined) => Promise<{ items?: T[]; nextToken?: string }>): Promise<T[]> {
  return allPages(async (nextToken) => {
    const o = await call(ctx, operation, () => page(nextToken));
    return { items: o.items, next: o.nextToken };
  });
}

export async function readLatticeDetails(ctx: CallContext, client: VPCLatticeClient, plan: DetailPlan, log: FailureLog): Promise<LatticeDetails> {
  const d = emptyLatticeDetails();
  const tasks: Promise<unknown>[] = [];
  /** A per-resource list read in full into `into`; a failure is logged against `arn`, the rest goes on. */
  const listInto = <T>(operation: string, arn: string, into: T[], page: (nextToken: string | undefined) => Promise<{ items?: T[]; nextToken?: string }>) =>
    tasks.push(
      tolerant(log, operation, arn, undefined, async () => {
        into.push(...(await everyPage(ctx, operation, page)));
      }),
    );
  const readTags = (arn: string) => {
    if (!plan.tags) return;
    if (plan.ownTags && plan.account && accountOfArn(arn) === plan.account) {
      d.tags.set(arn, plan.ownTags.get(arn) ?? {});
      return;
    }
    tasks.push(
      tolerant(log, 'ListTagsForResource', arn, undefined, async () => {
        const o = await call(ctx, 'ListTagsForResource', () => client.send(new ListTagsForResourceCommand({ resourceArn: arn })));
        d.tags.set(arn, o.tags ?? {});
      }),
    );
  };
  const readAuthPolicy = (arn: string) =>
    tolerant(log, 'GetAuthPolicy', arn, undefined, async () => {
      try {
        const o = await call(ctx, 'GetAuthPolicy', () => client.send(new GetAuthPolicyCommand({ resourceIdentifier: arn })));
        d.authPolicies.set(arn, o);
      } catch (err) {
        // AWS_IAM without a policy yet: nothing to show, not a failure.
        if (!isNotFound(describeAwsError(err))) throw err;
      }
    });
  const readResourcePolicy = (arn: string) => {
    if (!plan.shared.has(arn)) return;
    tasks.push(
      tolerant(log, 'GetResourcePolicy', arn, undefined, async () => {
        try {
          const o = await call(ctx, 'GetResourcePolicy', () => client.send(new GetResourcePolicyCommand({ resourceArn: arn })));
          if (o.policy) d.resourcePolicies.set(arn, o.policy);
        } catch (err) {
          if (!isNotFound(describeAwsError(err))) throw err;
        }
      }),
    );
  };
  const readAccessLogs = (arn: string) => {
    if (plan.accessLogs === false) return;
    tasks.push(tolerant(log, 'ListAccessLogSubscriptions', arn, undefined, async () => void d.accessLogSubscriptions.push(...(await readAccessLogSubscriptions(ctx, client, arn)))));
  };

  for (const sn of plan.serviceNetworks) {
    const arn = sn.arn!;
    const id = sn.id ?? arn;
    tasks.push(
      tolerant(log, 'GetServiceNetwork', arn, undefined, async () => {
        const o = await call(ctx, 'GetServiceNetwork', () => client.send(new GetServiceNetworkCommand({ serviceNetworkIdentifier: arn })));
        d.serviceNetworks.set(arn, o);
        if (o.authType === 'AWS_IAM') await readAuthPolicy(arn);
      }),
    );
    listInto('ListServiceNetworkServiceAssociations', arn, d.snServiceAssociations, (nextToken) => client.send(new ListServiceNetworkServiceAssociationsCommand({ serviceNetworkIdentifier: id, maxResults: PAGE, nextToken })));
    listInto('ListServiceNetworkVpcAssociations', arn, d.snVpcAssociations, (nextToken) => client.send(new ListServiceNetworkVpcAssociationsCommand({ serviceNetworkIdentifier: id, maxResults: PAGE, nextToken })));
    listInto('ListServiceNetworkResourceAssociations', arn, d.snResourceAssociations, (nextToken) => client.send(new ListServiceNetworkResourceAssociationsCommand({ serviceNetworkIdentifier: id, maxResults: PAGE, nextToken })));
    listInto('ListServiceNetworkVpcEndpointAssociations', arn, d.snEndpointAssociations, (nextToken) => client.send(new ListServiceNetworkVpcEndpointAssociationsCommand({ serviceNetworkIdentifier: id, maxResults: PAGE, nextToken })));
    readResourcePolicy(arn);
    readAccessLogs(arn);
    readTags(arn);
  }

  for (const svc of plan.services) {
    const arn = svc.arn!;
    tasks.push(
      tolerant(log, 'GetService', arn, undefined, async () => {
        const o = await call(ctx, 'GetService', () => client.send(new GetServiceCommand({ serviceIdentifier: arn })));
        d.services.set(arn, o);
        if (o.authType === 'AWS_IAM') await readAuthPolicy(arn);
      }),
    );
    tasks.push(
      tolerant(log, 'ListListeners', arn, undefined, async () => {
        const listeners = await everyPage(ctx, 'ListListeners', (nextToken) => client.send(new ListListenersCommand({ serviceIdentifier: arn, maxResults: PAGE, nextToken })));
        const reads = await Promise.all(listeners.map((summary) => readListener(ctx, client, arn, summary, log)));
        d.listeners.set(arn, reads);
      }),
    );
    readResourcePolicy(arn);
    readAccessLogs(arn);
    readTags(arn);
  }

  for (const tg of plan.targetGroups) {
    const arn = tg.arn!;
    tasks.push(
      tolerant(log, 'GetTargetGroup', arn, undefined, async () => {
        d.targetGroups.set(arn, await call(ctx, 'GetTargetGroup', () => client.send(new GetTargetGroupCommand({ targetGroupIdentifier: arn }))));
      }),
    );
    tasks.push(
      tolerant(log, 'ListTargets', arn, undefined, async () => {
        d.targets.set(arn, await everyPage(ctx, 'ListTargets', (nextToken) => client.send(new ListTargetsCommand({ targetGroupIdentifier: arn, maxResults: PAGE, nextToken }))));
      }),
    );
    readTags(arn);
  }

  for (const rg of plan.resourceGateways) readTags(rg.arn!);

  for (const rc of plan.resourceConfigurations) {
    const arn = rc.arn!;
    tasks.push(
      tolerant(log, 'GetResourceConfiguration', arn, undefined, async () => {
        d.resourceConfigurations.set(arn, await call(ctx, 'GetResourceConfiguration', () => client.send(new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: arn }))));
      }),
    );
    readResourcePolicy(arn);
    readTags(arn);
  }

  await Promise.all(tasks);
  return d;
}

/** Every access-log subscription of one service or service network. */
export function readAccessLogSubscriptions(ctx: CallContext, client: VPCLatticeClient, arn: string): Promise<AccessLogSubscriptionSummary[]> {
  return everyPage(ctx, 'ListAccessLogSubscriptions', (nextToken) => client.send(new ListAccessLogSubscriptionsCommand({ resourceIdentifier: arn, maxResults: PAGE, nextToken })));
}

async function readListener(ctx: CallContext, client: VPCLatticeClient, serviceArn: string, summary: ListenerSummary, log: FailureLog): Promise<ListenerRead> {
  const listenerArn = summary.arn!;
  const [detail, rules] = await Promise.all([
    tolerant(log, 'GetListener', listenerArn, undefined, () =>
      call(ctx, 'GetListener', () => client.send(new GetListenerCommand({ serviceIdentifier: serviceArn, listenerIdentifier: listenerArn }))),
    ),
    tolerant(log, 'ListRules', listenerArn, [] as RuleSummary[], () =>
      everyPage(ctx, 'ListRules', (nextToken) => client.send(new ListRulesCommand({ serviceIdentifier: serviceArn, listenerIdentifier: listenerArn, maxResults: PAGE, nextToken }))),
    ),
  ]);
  const ruleReads = await Promise.all(
    rules.map(async (rule) => {
      // The default rule's action is the listener's default action, already read above.
      if (rule.isDefault) return { summary: rule };
      const ruleDetail = await tolerant(log, 'GetRule', rule.arn, undefined, () =>
        call(ctx, 'GetRule', () => client.send(new GetRuleCommand({ serviceIdentifier: serviceArn, listenerIdentifier: listenerArn, ruleIdentifier: rule.arn! }))),
      );
      return ruleDetail ? { summary: rule, detail: ruleDetail } : { summary: rule };
    }),
  );
  return detail ? { summary, detail, rules: ruleReads } : { summary, rules: ruleReads };
}
