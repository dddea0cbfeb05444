import 'server-only';
// Recent requests of a service or service network, read from the CloudWatch Logs groups its
// access-log subscriptions deliver to (FilterLogEvents), newest first and bounded.
import { FilterLogEventsCommand, type FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { DomainError } from '@/lib/errors';
import type { Topology } from '@/lib/topology';
import { clientsFor, type AccountAccess } from './clients';
import { describeAwsError } from './errors';
import { parseAccessLogEvent, requestCounts, type LogGroupRef, type RequestRecord, type RequestsView } from './access-log-records';

/** FilterLogEvents answers at most 10,000 events a page; fewer keeps a page quick. */
const PAGE = 500;
/** Pages read per log group: bounds the work for a busy service. */
const MAX_PAGES = 4;
export const DEFAULT_WINDOW_MS = 60 * 60_000;
export const DEFAULT_LIMIT = 200;


/** The CloudWatch Logs groups the resource's access-log subscriptions deliver to (S3 and Firehose are not read). */
export function subscribedLogGroups(topology: Topology, resourceArn: string): LogGroupRef[] {
  const out = new Map<string, LogGroupRef>();
  for (const n of topology.nodes) {
    if (n.kind !== 'accessLogSubscription') continue;
    if (n.description.resourceArn !== resourceArn && n.parent !== resourceArn) continue;
    const destination = typeof n.description.destinationArn === 'string' ? n.description.destinationArn.replace(/:\*$/, '') : '';
    const m = destination.match(/^arn:[^:]+:logs:([^:]+):(\d{12}):log-group:(.+)$/);
    if (m) out.set(destination, { region: m[1]!, account: m[2]!, name: m[3]!, arn: destination });
  }
  return [...out.values()];
}

export interface RequestsQuery {
  topology: Topology;
  /** A service's or service network's ARN. */
  resource: string;
  accessFor: (account: string) => AccountAccess;
  /** The window's end, ms since the epoch. */
  now: number;
  windowMs?: number;
  limit?: number;
}

async function readGroup(group: LogGroupRef, access: AccountAccess, startTime: number, endTime: number): Promise<{ events: FilteredLogEvent[]; truncated: boolean }> {
  const logs = clientsFor(access, group.region).logs;
  const events: FilteredLogEvent[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    let out;
    try {
      out = await logs.send(new FilterLogEventsCommand({ logGroupName: group.name, startTime, endTime, limit: PAGE, nextToken }));
    } catch (err) {
      throw new DomainError(502, `Could not read the access logs in ${group.name} (account ${group.account}, ${group.region}): ${describeAwsError(err).message}`);
    }
    events.push(...(out.events ?? []));
    nextToken = out.nextToken;
    if (!nextToken) return { events, truncated: false };
  }
  return { events, truncated: true };
}

export async function readRequests(q: RequestsQuery): Promise<RequestsView> {
  const windowMs = q.windowMs ?? DEFAULT_WINDOW_MS;
  const limit = q.limit ?? DEFAULT_LIMIT;
  const startTime = q.now - windowMs;
  const groups = subscribedLogGroups(q.topology, q.resource);
  const read = await Promise.all(groups.map(async (g) => ({ g, ...(await readGroup(g, q.accessFor(g.account), startTime, q.now)) })));
  const records: RequestRecord[] = [];
  for (const { g, events } of read) for (const e of events) records.push(parseAccessLogEvent(e, g.name));
  records.sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
  return {
    resource: q.resource,
    logGroups: groups,
    windowStart: new Date(startTime).toISOString(),
    windowEnd: new Date(q.now).toISOString(),
    requests: records.slice(0, limit),
    counts: requestCounts(records),
    truncated: read.some((r) => r.truncated),
  };
}
