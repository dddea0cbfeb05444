// VPC Lattice access-log entries (CloudWatch Logs, one JSON object per event, AWS's field names
// from monitoring-access-logs.html) as typed request records, and a denied request as the
// access-analysis question that reproduces it. Pure: the reader in access-logs.ts feeds it.
import type { AccessRequest } from '@/lib/access/types';

export interface RequestRecord {
  /** The log event's id (unique within its log group). */
  id: string;
  /** ISO time: the entry's `startTime`, else the event's timestamp. */
  time: string;
  logGroup: string;
  method: string | null;
  /** As logged, with the query. */
  path: string | null;
  status: number | null;
  /** The signing principal; null for anonymous (`-`). */
  caller: string | null;
  sourceVpcArn: string | null;
  sourceVpcId: string | null;
  serviceArn: string | null;
  serviceNetworkArn: string | null;
  targetGroupArn: string | null;
  /** `Service Network`, `Service`, `Identity` … when auth refused the request. */
  authDeniedReason: string | null;
  failureReason: string | null;
  hostHeader: string | null;
  /** True when auth refused it (a 403 with an auth-denied reason). */
  denied: boolean;
  /** The line itself when it is not a JSON access-log entry. */
  raw?: string;
}

export interface LogGroupRef {
  account: string;
  region: string;
  name: string;
  arn: string;
}

export interface RequestsView<R extends RequestRecord = RequestRecord> {
  resource: string;
  logGroups: LogGroupRef[];
  windowStart: string;
  windowEnd: string;
  /** Newest first, at most the limit asked. */
  requests: R[];
  /** Over every event read in the window (not only the requests listed). */
  counts: { total: number; clientErrors: number; serverErrors: number };
  /** True when a log group had more events than were read. */
  truncated: boolean;
}

/** A request as GET /api/requests answers it: a denied one carries the question that reproduces it. */
export type RequestRow = RequestRecord & { question: AccessRequest | null };
export type RequestsResponse = RequestsView<RequestRow> & { name: string };

/** `-` is how the access log writes "no value". */
function field(entry: Record<string, unknown>, key: string): string | null {
  const v = entry[key];
  if (v === undefined || v === null || v === '-' || v === '') return null;
  return typeof v === 'string' ? v : String(v);
}

/** One log event as a request record; a line that is not a JSON object keeps its text in `raw`. */
export function parseAccessLogEvent(event: { eventId?: string; timestamp?: number; message?: string }, logGroup: string): RequestRecord {
  const message = event.message ?? '';
  const fallbackTime = new Date(event.timestamp ?? 0).toISOString();
  const id = event.eventId ?? `${logGroup}:${event.timestamp ?? 0}:${message.length}`;
  let entry: unknown;
  try {
    entry = JSON.parse(message);
  } catch {
    entry = undefined;
  }
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return { id, time: fallbackTime, logGroup, method: null, path: null, status: null, caller: null, sourceVpcArn: null, sourceVpcId: null, serviceArn: null, serviceNetworkArn: null, targetGroupArn: null, authDeniedReason: null, failureReason: null, hostHeader: null, denied: false, raw: message };
  }
  const e = entry as Record<string, unknown>;
  const code = Number(field(e, 'responseCode'));
  const status = Number.isInteger(code) && code > 0 ? code : null;
  const start = field(e, 'startTime');
  const time = start && !Number.isNaN(Date.parse(start)) ? new Date(start).toISOString() : fallbackTime;
  const authDeniedReason = field(e, 'authDeniedReason');
  const sourceVpcArn = field(e, 'sourceVpcArn');
  return {
    id,
    time,
    logGroup,
    method: field(e, 'requestMethod'),
    path: field(e, 'requestPath'),
    status,
    caller: field(e, 'callerPrincipal'),
    sourceVpcArn,
    sourceVpcId: field(e, 'sourceVpcId') ?? (sourceVpcArn ? (sourceVpcArn.split('/').pop() ?? null) : null),
    serviceArn: field(e, 'serviceArn'),
    serviceNetworkArn: field(e, 'serviceNetworkArn'),
    targetGroupArn: field(e, 'targetGroupArn'),
    authDeniedReason,
    failureReason: field(e, 'failureReason'),
    hostHeader: field(e, 'hostHeader'),
    denied: status === 403 && authDeniedReason !== null,
  };
}

/**
 * The access-analysis question a logged request asks: from its source VPC, as its caller
 * (anonymous when unsigned), the same method and path (the query split off) to its service, on
 * the port the Host header names (absent: the listener analysis picks). Null when the entry lacks
 * the source VPC, the service, the method or the path.
 */
export function accessRequestOf(record: RequestRecord): AccessRequest | null {
  if (!record.sourceVpcArn || !record.serviceArn || !record.method || !record.path) return null;
  const [pathPart, queryPart] = splitOnce(record.path, '?');
  const query: Record<string, string | string[]> = {};
  if (queryPart) {
    for (const [k, v] of new URLSearchParams(queryPart)) {
      const had = query[k];
      query[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
    }
  }
  const portMatch = record.hostHeader?.match(/:(\d+)$/);
  const port = portMatch ? Number(portMatch[1]) : undefined;
  let path = pathPart;
  try {
    path = decodeURIComponent(pathPart);
  } catch {
    // A path that is not valid percent-encoding is asked as logged.
  }
  return {
    source: { vpc: record.sourceVpcArn, principal: record.caller },
    target: { service: record.serviceArn, method: record.method, path: path.startsWith('/') ? path : `/${path}`, ...(port ? { port } : {}), ...(Object.keys(query).length ? { query } : {}) },
  };
}

function splitOnce(text: string, sep: string): [string, string | undefined] {
  const at = text.indexOf(sep);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** Requests, and those answered 4xx and 5xx, in a set of records (raw lines are not requests). */
export function requestCounts(records: readonly RequestRecord[]): { total: number; clientErrors: number; serverErrors: number } {
  let total = 0;
  let clientErrors = 0;
  let serverErrors = 0;
  for (const r of records) {
    if (r.raw !== undefined) continue;
    total += 1;
    if (r.status !== null && r.status >= 400 && r.status < 500) clientErrors += 1;
    if (r.status !== null && r.status >= 500) serverErrors += 1;
  }
  return { total, clientErrors, serverErrors };
}
