// Log streams and their events: written by lattice-local itself (Lattice access logs), read with
// DescribeLogStreams, GetLogEvents and FilterLogEvents. Events are records of their own, indexed
// by stream and by group, in the order they were appended.
import { randomUUID } from 'node:crypto';
import { ServiceError } from '../../protocols/errors';
import type { NewRecord, Store, StoredRecord } from '../../store/index';
import type { Handler, OperationContext } from '../types';

export const LOG_STREAM_KIND = 'logs:log-stream';
export const LOG_EVENT_KIND = 'logs:log-event';

export const streamKinds = {
  [LOG_STREAM_KIND]: { indexes: { group: (r: StoredRecord) => r.group as string } },
  [LOG_EVENT_KIND]: { indexes: { stream: (r: StoredRecord) => r.stream as string, group: (r: StoredRecord) => r.group as string } },
};

const invalid = (message: string) => new ServiceError('InvalidParameterException', message, 400);
const notFound = (what: 'log group' | 'log stream') => new ServiceError('ResourceNotFoundException', `The specified ${what} does not exist.`, 400);

const streamKey = (group: string, stream: string) => `${group}:log-stream:${stream}`;

/** Appends events to a stream of an existing log group, creating the stream on first use. */
export function appendLogEvents(store: Store, group: StoredRecord, streamName: string, events: { timestamp: number; message: string }[], now: number): void {
  if (!events.length) return;
  store.transaction(() => {
    const key = streamKey(group.key, streamName);
    const stream: NewRecord = store.get(key) ?? { key, kind: LOG_STREAM_KIND, account: group.account, region: group.region, group: group.key, logStreamName: streamName, creationTime: now, storedBytes: 0 };
    let bytes = 0;
    for (const e of events) {
      bytes += Buffer.byteLength(e.message);
      store.put({ key: `${key}:event:${randomUUID()}`, kind: LOG_EVENT_KIND, account: group.account, region: group.region, group: group.key, stream: key, logStreamName: streamName, timestamp: e.timestamp, message: e.message, ingestionTime: now });
    }
    const first = (stream.firstEventTimestamp as number | undefined) ?? events[0]!.timestamp;
    store.put({ ...stream, firstEventTimestamp: first, lastEventTimestamp: events[events.length - 1]!.timestamp, lastIngestionTime: now, storedBytes: (stream.storedBytes as number) + bytes });
  });
}

/** Removes a log group's streams and events (DeleteLogGroup). */
export function removeStreamsOf(store: Store, groupKey: string): void {
  for (const e of [...store.byIndex(LOG_EVENT_KIND, 'group', groupKey)]) store.remove(e.key);
  for (const s of [...store.byIndex(LOG_STREAM_KIND, 'group', groupKey)]) store.remove(s.key);
}

/** The group named by logGroupIdentifier (name or ARN) or logGroupName, exactly one of them. */
function groupOf(ctx: OperationContext): StoredRecord {
  const id = ctx.input.logGroupIdentifier as string | undefined;
  const name = ctx.input.logGroupName as string | undefined;
  if (id === undefined && name === undefined) throw invalid('Should provide either logGroupName or logGroupIdentifier.');
  if (id !== undefined && name !== undefined) throw invalid('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  const ref = (id ?? name)!;
  const key = ref.startsWith('arn:') ? ref.replace(/:\*$/, '') : `arn:aws:logs:${ctx.region}:${ctx.account}:log-group:${ref}`;
  const group = ctx.store.get(key);
  if (!group || group.kind !== 'logs:log-group') throw notFound('log group');
  return group;
}

const token = (kind: string, offset: number) => Buffer.from(`${kind}:${offset}`).toString('base64');
function offsetOf(kind: string, value: unknown): number {
  if (value === undefined) return 0;
  const m = new RegExp(`^${kind}:(\\d+)$`).exec(Buffer.from(String(value), 'base64').toString('utf8'));
  if (!m) throw invalid('The specified nextToken is invalid.');
  return Number(m[1]);
}

function streamView(s: StoredRecord): Record<string, unknown> {
  return { logStreamName: s.logStreamName, creationTime: s.creationTime, firstEventTimestamp: s.firstEventTimestamp, lastEventTimestamp: s.lastEventTimestamp, lastIngestionTime: s.lastIngestionTime, arn: `${s.key as string}`, storedBytes: 0 };
}

export const describeLogStreams: Handler = (ctx) => {
  if (ctx.input.orderBy === 'LastEventTime' && ctx.input.logStreamNamePrefix !== undefined) throw invalid('Cannot order by LastEventTime with a logStreamNamePrefix.');
  const group = groupOf(ctx);
  const prefix = ctx.input.logStreamNamePrefix as string | undefined;
  let streams = ctx.store.byIndex(LOG_STREAM_KIND, 'group', group.key).filter((s) => prefix === undefined || (s.logStreamName as string).startsWith(prefix));
  streams =
    ctx.input.orderBy === 'LastEventTime'
      ? streams.slice().sort((a, b) => ((a.lastEventTimestamp as number) ?? 0) - ((b.lastEventTimestamp as number) ?? 0))
      : streams.slice().sort((a, b) => ((a.logStreamName as string) < (b.logStreamName as string) ? -1 : 1));
  if (ctx.input.descending === true) streams.reverse();
  const start = offsetOf('streams', ctx.input.nextToken);
  const size = (ctx.input.limit as number | undefined) ?? 50;
  const page = streams.slice(start, start + size);
  return { logStreams: page.map(streamView), ...(start + size < streams.length ? { nextToken: token('streams', start + size) } : {}) };
};

const eventView = (e: StoredRecord) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime });

export const getLogEvents: Handler = (ctx) => {
  const group = groupOf(ctx);
  const stream = ctx.store.get(streamKey(group.key, ctx.input.logStreamName as string));
  if (!stream) throw notFound('log stream');
  const start = ctx.input.startTime as number | undefined;
  const end = ctx.input.endTime as number | undefined;
  const events = ctx.store.byIndex(LOG_EVENT_KIND, 'stream', stream.key).filter((e) => (start === undefined || (e.timestamp as number) >= start) && (end === undefined || (e.timestamp as number) < end));
  const limit = (ctx.input.limit as number | undefined) ?? 10000;
  // Tokens are `f:` (forward) and `b:` (backward) offsets; without one, startFromHead decides.
  const raw = ctx.input.nextToken as string | undefined;
  let from: number;
  if (raw !== undefined) {
    const m = /^[fb]\/(\d+)$/.exec(raw);
    if (!m) throw invalid('The specified nextToken is invalid.');
    from = Number(m[1]);
  } else from = ctx.input.startFromHead === true ? 0 : Math.max(0, events.length - limit);
  const page = events.slice(from, from + limit);
  return { events: page.map(eventView), nextForwardToken: `f/${from + page.length}`, nextBackwardToken: `b/${Math.max(0, from - limit)}` };
};

/**
 * FilterLogEvents with CloudWatch's plain-term filter pattern: every space-separated term must
 * appear in the message (a quoted phrase as a whole). JSON and metric patterns are refused.
 */
export const filterLogEvents: Handler = (ctx) => {
  const group = groupOf(ctx);
  const names = ctx.input.logStreamNames as string[] | undefined;
  const prefix = ctx.input.logStreamNamePrefix as string | undefined;
  if (names && prefix !== undefined) throw invalid('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
  const pattern = ((ctx.input.filterPattern as string | undefined) ?? '').trim();
  if (/^[{[]/.test(pattern)) throw invalid('lattice-local supports filter patterns of plain terms and quoted phrases only.');
  const terms = [...pattern.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!).filter(Boolean);
  const start = ctx.input.startTime as number | undefined;
  const end = ctx.input.endTime as number | undefined;
  const events = ctx.store
    .byIndex(LOG_EVENT_KIND, 'group', group.key)
    .filter((e) => (!names || names.includes(e.logStreamName as string)) && (prefix === undefined || (e.logStreamName as string).startsWith(prefix)))
    .filter((e) => (start === undefined || (e.timestamp as number) >= start) && (end === undefined || (e.timestamp as number) <= end))
    .filter((e) => terms.every((t) => (e.message as string).includes(t)));
  const from = offsetOf('events', ctx.input.nextToken);
  const limit = (ctx.input.limit as number | undefined) ?? 10000;
  const page = events.slice(from, from + limit);
  return {
    events: page.map((e) => ({ logStreamName: e.logStreamName, timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime, eventId: (e.key as string).slice((e.key as string).lastIndexOf(':') + 1) })),
    searchedLogStreams: [],
    ...(from + limit < events.length ? { nextToken: token('events', from + limit) } : {}),
  };
};
