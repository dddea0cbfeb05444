// The emulator's store seen as the Topology lib/access evaluates: the same nodes and edges the
// console's discovery would read from these APIs, for one Region. Built per request (a store
// read is cheap and the estate may change between two requests).
import type { Json, JsonObject, Topology, TopologyEdge, TopologyNode, IdentityPolicy } from '@/lib/topology/types';
import type { StoredRecord } from '../store/index';
import type { LocalContext, OperationContext } from '../services/types';
import { isGone, statusOf } from '../services/resources';
import { targetHealth } from '../services/lattice/target-groups';
import { managedPolicy } from '../services/iam/managed';
import { functionPolicy } from '../services/lambda/index';

const parse = (text: unknown): Json => {
  if (typeof text !== 'string') return (text ?? null) as Json;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
};

const tagsOf = (record: StoredRecord): Record<string, string> => {
  const tags = record.tags ?? record.Tags;
  if (Array.isArray(tags)) return Object.fromEntries((tags as { Key: string; Value: string }[]).map((t) => [t.Key, t.Value]));
  return { ...((tags as Record<string, string> | undefined) ?? {}) };
};

/** The fields of a stored record as the API describes them (bookkeeping fields dropped). */
function describe(record: StoredRecord): JsonObject {
  const { key: _key, kind: _kind, seq: _seq, nameKey: _nameKey, visibleTo: _visibleTo, shareRoot: _shareRoot, authPolicy: _authPolicy, policy: _policy, ...rest } = record;
  return rest as JsonObject;
}

export function estateTopology(local: LocalContext, region: string, now: number): Topology {
  const store = local.store;
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  const live = (kind: string) => store.all(kind).filter((r) => r.region === region && !isGone(r, now));
  const seenBy = (record: StoredRecord, shareRoot?: string) => [record.account, ...store.grantees(shareRoot ?? (record.arn as string))];
  const lattice = (record: StoredRecord, kind: TopologyNode['kind'], extra: Partial<TopologyNode> = {}): TopologyNode => ({
    id: record.arn as string,
    kind,
    account: record.account,
    region,
    name: (record.name as string | undefined) ?? (record.id as string),
    status: statusOf(record, now),
    resourceId: record.id as string,
    tags: tagsOf(record),
    seenBy: seenBy(record, record.shareRoot as string | undefined),
    description: describe(record),
    ...extra,
  });
  const authPolicyOf = (record: StoredRecord) => {
    const stored = record.authPolicy as { policy?: string } | undefined;
    return stored?.policy ? { authPolicy: { state: record.authType === 'AWS_IAM' ? 'Active' : 'Inactive', policy: parse(stored.policy) } } : {};
  };

  const vpcNodeOf = new Map<string, string>();
  for (const vpc of store.all('ec2:vpc').filter((r) => r.region === region)) {
    vpcNodeOf.set(vpc.id as string, vpc.key);
    nodes.push({ id: vpc.key, kind: 'vpc', account: vpc.account, region, name: tagsOf(vpc).Name ?? (vpc.id as string), status: (vpc.State as string) ?? 'available', resourceId: vpc.id as string, tags: tagsOf(vpc), seenBy: [vpc.account], description: describe(vpc) });
  }
  for (const sn of live('vpc-lattice:service-network')) nodes.push(lattice(sn, 'serviceNetwork', authPolicyOf(sn)));
  for (const svc of live('vpc-lattice:service')) nodes.push(lattice(svc, 'service', authPolicyOf(svc)));
  for (const a of live('vpc-lattice:service-network-vpc-association')) {
    const vpc = vpcNodeOf.get(a.vpcId as string);
    if (vpc) edges.push({ id: a.arn as string, kind: 'serviceNetworkVpc', source: a.serviceNetworkArn as string, target: vpc, account: a.account, status: statusOf(a, now), description: describe(a) });
  }
  for (const a of live('vpc-lattice:service-network-service-association')) {
    edges.push({ id: a.arn as string, kind: 'serviceNetworkService', source: a.serviceNetworkArn as string, target: a.serviceArn as string, account: a.account, status: statusOf(a, now), description: describe(a) });
  }
  for (const l of live('vpc-lattice:listener')) {
    nodes.push(lattice(l, 'listener', { parent: l.serviceArn as string }));
    edges.push({ id: `serviceListener:${l.serviceArn as string}->${l.arn as string}`, kind: 'serviceListener', source: l.serviceArn as string, target: l.arn as string });
  }
  for (const r of live('vpc-lattice:rule')) nodes.push(lattice(r, 'rule', { parent: r.listenerArn as string }));

  // Target health as ListTargets reports it (the same function answers that API).
  const ctx = { store, now, config: local.config } as unknown as OperationContext;
  const functions = new Set<string>();
  for (const tg of live('vpc-lattice:target-group')) {
    nodes.push(lattice(tg, 'targetGroup'));
    for (const t of store.byIndex('vpc-lattice:target', 'targetGroup', tg.arn as string)) {
      if (isGone(t, now)) continue;
      const health = targetHealth(ctx, tg, t);
      const id = t.key;
      nodes.push({ id, kind: 'target', account: tg.account, region, name: t.targetId as string, status: health.status, parent: tg.arn as string, tags: {}, seenBy: [tg.account], description: { id: t.targetId as string, ...(t.port !== undefined ? { port: t.port as number } : {}), status: health.status, ...(health.reasonCode ? { reasonCode: health.reasonCode } : {}) } });
      edges.push({ id: `targetGroupTarget:${tg.arn as string}->${id}`, kind: 'targetGroupTarget', source: tg.arn as string, target: id });
      if (tg.type === 'LAMBDA') {
        edges.push({ id: `targetResource:${id}->${t.targetId as string}`, kind: 'targetResource', source: id, target: t.targetId as string });
        functions.add(t.targetId as string);
      }
    }
  }
  for (const arn of functions) {
    // An alias or version ARN names the function's record by its unqualified ARN.
    const fn = store.get(arn.split(':').slice(0, 7).join(':'));
    if (!fn) continue;
    const policy = functionPolicy(fn);
    nodes.push({ id: arn, kind: 'lambdaFunction', account: fn.account, region, name: fn.FunctionName as string, status: 'Active', tags: tagsOf(fn), seenBy: [fn.account], description: {}, resourcePolicy: policy ? parse(policy) : null });
  }
  for (const role of store.all('iam:role')) {
    const inline = Object.entries(role.inline as Record<string, string>).map(([name, doc]): IdentityPolicy => ({ name, kind: 'inline', policy: parse(doc) }));
    const attached = (role.attached as string[]).map((arn): IdentityPolicy => {
      const doc = managedPolicy(arn)?.Document ?? (store.get(arn)?.Document as string | undefined);
      return { name: arn.slice(arn.lastIndexOf('/') + 1), kind: 'managed', arn, policy: doc ? parse(doc) : null };
    });
    nodes.push({ id: role.Arn as string, kind: 'iamRole', account: role.account, region: 'global', name: role.RoleName as string, status: 'ACTIVE', tags: tagsOf(role), seenBy: [role.account], description: {}, trustPolicy: parse(role.AssumeRolePolicyDocument), identityPolicies: [...inline, ...attached] });
  }
  return { nodes, edges, errors: [] };
}
