// CloudWatch Logs as discovery needs it: the log groups of one Region, which access-log
// subscriptions deliver to (and the designer offers as destinations).

import { DescribeLogGroupsCommand, type CloudWatchLogsClient, type LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import { edgeKey, type TopologyEdge, type TopologyNode } from '@/lib/topology';
import { allPages, call, type CallContext } from './calls';
import { listGuard, type FailureLog } from './failures';
import { toJsonObject } from './json';

/** DescribeLogGroups answers at most 50 per page. */
const PAGE = 50;

export async function readLogGroups(ctx: CallContext, client: CloudWatchLogsClient, log: FailureLog, failed: string[]): Promise<LogGroup[]> {
  return listGuard(log, failed)('DescribeLogGroups', () =>
    allPages(async (nextToken) => {
      const o = await call(ctx, 'DescribeLogGroups', () => client.send(new DescribeLogGroupsCommand({ limit: PAGE, nextToken })));
      return { items: o.logGroups, next: o.nextToken };
    }),
  );
}

/** A log group's ARN as destinations name it: without the `:*` that `arn` carries. */
export function logGroupArnOf(group: LogGroup): string | undefined {
  return group.logGroupArn ?? group.arn?.replace(/:\*$/, '');
}

/** Log group nodes and subscription → log group edges. */
export function logGroupNodes(account: string, region: string, groups: readonly LogGroup[], subscriptions: readonly TopologyNode[]): { nodes: TopologyNode[]; edges: TopologyEdge[] } {
  const nodes: TopologyNode[] = [];
  for (const g of groups) {
    const id = logGroupArnOf(g);
    if (!id) continue;
    nodes.push({ id, kind: 'logGroup', account, region, name: g.logGroupName ?? id, status: 'ACTIVE', resourceId: g.logGroupName, tags: {}, seenBy: [account], description: toJsonObject(g) });
  }
  const ids = new Set(nodes.map((n) => n.id));
  const edges: TopologyEdge[] = [];
  for (const s of subscriptions) {
    const destination = typeof s.description.destinationArn === 'string' ? s.description.destinationArn.replace(/:\*$/, '') : '';
    if (ids.has(destination)) edges.push({ id: edgeKey('accessLogDestination', s.id, destination), kind: 'accessLogDestination', source: s.id, target: destination });
  }
  return { nodes, edges };
}
