import { describe, expect, it } from 'vitest';
import { accessRequestOf, parseAccessLogEvent, requestCounts } from './access-log-records';

const SERVICE = 'arn:aws:vpc-lattice:us-east-1:222222222222:service/svc-0123456789abcdef0';
const VPC = 'arn:aws:ec2:us-east-1:222222222222:vpc/vpc-0aaa';
const ROLE_SESSION = 'arn:aws:sts::222222222222:assumed-role/ProductServiceRole/s1';

const entry = (fields: Record<string, unknown>) =>
  JSON.stringify({
    startTime: '2026-12-03T11:00:00.000Z',
    requestMethod: 'DELETE',
    requestPath: '/orders/42?dry=1&tag=a&tag=b',
    protocol: 'HTTP/1.1',
    responseCode: 403,
    authDeniedReason: 'Service',
    failureReason: '-',
    callerPrincipal: ROLE_SESSION,
    sourceVpcArn: VPC,
    sourceVpcId: 'vpc-0aaa',
    serviceNetworkArn: '-',
    serviceArn: SERVICE,
    targetGroupArn: '-',
    hostHeader: 'orders-0123.7d67968.vpc-lattice-svcs.us-east-1.on.aws',
    ...fields,
  });

describe('access-log entries as request records', () => {
  it('reads AWS field names into a typed record, `-` as absent, a 403 with an auth reason as denied', () => {
    const r = parseAccessLogEvent({ eventId: 'e1', timestamp: 0, message: entry({}) }, '/aws/vpclattice/orders');
    expect(r).toMatchObject({
      id: 'e1',
      time: '2026-12-03T11:00:00.000Z',
      logGroup: '/aws/vpclattice/orders',
      method: 'DELETE',
      path: '/orders/42?dry=1&tag=a&tag=b',
      status: 403,
      caller: ROLE_SESSION,
      sourceVpcArn: VPC,
      sourceVpcId: 'vpc-0aaa',
      serviceArn: SERVICE,
      serviceNetworkArn: null,
      targetGroupArn: null,
      authDeniedReason: 'Service',
      failureReason: null,
      denied: true,
    });
    expect(r.raw).toBeUndefined();
  });

  it('a 403 from a fixed response (no auth reason) is not a denied request; an anonymous caller is null', () => {
    const r = parseAccessLogEvent({ eventId: 'e2', message: entry({ authDeniedReason: '-', callerPrincipal: '-' }) }, 'g');
    expect(r.denied).toBe(false);
    expect(r.caller).toBeNull();
  });

  it('keeps a line that is not a JSON object as raw text, timed by the event', () => {
    for (const message of ['not json at all', '[1,2]', '"a string"']) {
      const r = parseAccessLogEvent({ eventId: 'x', timestamp: Date.UTC(2026, 11, 3, 10), message }, 'g');
      expect(r.raw).toBe(message);
      expect(r.time).toBe('2026-12-03T10:00:00.000Z');
      expect(r.denied).toBe(false);
    }
  });

  it('counts requests, 4xx and 5xx, leaving raw lines out', () => {
    const records = [403, 404, 200, 502, 503].map((code, i) => parseAccessLogEvent({ eventId: String(i), message: entry({ responseCode: code }) }, 'g'));
    records.push(parseAccessLogEvent({ eventId: 'raw', message: 'garbage' }, 'g'));
    expect(requestCounts(records)).toEqual({ total: 5, clientErrors: 2, serverErrors: 2 });
  });
});

describe('a logged request as the access-analysis question', () => {
  it('asks from the source VPC, as the caller, with the method, the decoded path and the query split off', () => {
    const r = parseAccessLogEvent({ eventId: 'e1', message: entry({ requestPath: '/orders/a%20b?dry=1&tag=a&tag=b' }) }, 'g');
    expect(accessRequestOf(r)).toEqual({
      source: { vpc: VPC, principal: ROLE_SESSION },
      target: { service: SERVICE, method: 'DELETE', path: '/orders/a b', query: { dry: '1', tag: ['a', 'b'] } },
    });
  });

  it('takes the port from a Host header that names one; anonymous callers ask unsigned', () => {
    const r = parseAccessLogEvent({ eventId: 'e1', message: entry({ requestPath: '/', hostHeader: 'orders.example.com:8443', callerPrincipal: '-' }) }, 'g');
    expect(accessRequestOf(r)).toEqual({ source: { vpc: VPC, principal: null }, target: { service: SERVICE, method: 'DELETE', path: '/', port: 8443 } });
  });

  it('has no question without a source VPC or a service', () => {
    expect(accessRequestOf(parseAccessLogEvent({ eventId: 'a', message: entry({ sourceVpcArn: '-' }) }, 'g'))).toBeNull();
    expect(accessRequestOf(parseAccessLogEvent({ eventId: 'b', message: entry({ serviceArn: '-' }) }, 'g'))).toBeNull();
    expect(accessRequestOf(parseAccessLogEvent({ eventId: 'c', message: 'raw' }, 'g'))).toBeNull();
  });
});
