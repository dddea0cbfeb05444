// Lattice access logs: one JSON entry per request, in the fields AWS writes
// (monitoring-access-logs.html; entries seen in AWS's re:Post troubleshooting articles), to every
// CloudWatch Logs subscription of the service and of the service network the request came
// through. An empty field is "-", as in AWS's entries.
import type { StoredRecord } from '../store/index';
import type { LocalContext } from '../services/types';
import { isGone } from '../services/resources';
import { logGroupByArn } from '../services/logs/index';
import { appendLogEvents } from '../services/logs/streams';

export interface AccessLogEntry {
  startTime: string;
  requestMethod: string;
  requestPath: string;
  protocol: string;
  responseCode: number;
  authDeniedReason: string;
  failureReason: string;
  callerPrincipal: string;
  callerPrincipalOrgID: string;
  resolvedUser: string;
  sourceVpcArn: string;
  sourceVpcId: string;
  sourceIpPort: string;
  destinationVpcId: string;
  targetIpPort: string;
  serviceNetworkArn: string;
  serviceArn: string;
  targetGroupArn: string;
  listenerType: string;
  hostHeader: string;
  userAgent: string;
  serverNameIndication: string;
  bytesReceived: number;
  bytesSent: number;
  duration: number;
  requestToTargetDuration: string | number;
  responseFromTargetDuration: string | number;
  sslCipher: string;
  tlsVersion: string;
  callerX509IssuerOU: string;
  callerX509SubjectCN: string;
  callerX509SANNameCN: string;
  callerX509SANDNS: string;
  callerX509SANURI: string;
}

/**
 * The subscriptions an entry goes to: the service's own, and its service network's of log type
 * SERVICE (RESOURCE subscriptions log resource-configuration traffic). Only CloudWatch Logs
 * destinations are written; S3 and Firehose ones are not kept by lattice-local.
 */
function subscriptions(local: LocalContext, serviceArn: string, serviceNetworkArn: string | undefined, now: number): StoredRecord[] {
  const out: StoredRecord[] = [];
  for (const s of local.store.all('vpc-lattice:access-log-subscription')) {
    if (isGone(s, now)) continue;
    if (s.resourceArn === serviceArn) out.push(s);
    else if (serviceNetworkArn && s.resourceArn === serviceNetworkArn && (s.serviceNetworkLogType ?? 'SERVICE') === 'SERVICE') out.push(s);
  }
  return out;
}

/** The stream an entry lands in: one per resource the subscription is on (a guess at AWS's name). */
const streamName = (subscription: StoredRecord) => `vpc-lattice-${String(subscription.resourceId)}`;

export function writeAccessLog(local: LocalContext, entry: AccessLogEntry, now: number): number {
  const serviceNetworkArn = entry.serviceNetworkArn === '-' ? undefined : entry.serviceNetworkArn;
  let written = 0;
  for (const s of subscriptions(local, entry.serviceArn, serviceNetworkArn, now)) {
    const group = logGroupByArn(local.store, s.destinationArn as string);
    if (!group) continue;
    appendLogEvents(local.store, group, streamName(s), [{ timestamp: now, message: JSON.stringify(entry) }], now);
    written++;
  }
  return written;
}
