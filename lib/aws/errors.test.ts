// Bad days in words: what a person reads when the endpoint is down, credentials expired or
// AWS throttled past every retry, instead of socket codes.
import { describe, expect, it } from 'vitest';
import { describeAwsError, endpointOf } from './errors';

const refusedAt = (address: string, port: number) => Object.assign(new Error(`connect ECONNREFUSED ${address}:${port}`), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect', address, port, $metadata: { attempts: 1 } });

describe('network failures', () => {
  it('names lattice-local when the demo endpoint refuses, and asks whether it runs', () => {
    const env = { AWS_ENDPOINT_URL: 'http://127.0.0.1:4666', TRELLIS_DEMO: '1' };
    expect(endpointOf('127.0.0.1', 4666, env)).toEqual({ address: '127.0.0.1:4666', name: 'lattice-local' });
    const before = process.env;
    process.env = { ...before, ...env };
    try {
      expect(describeAwsError(refusedAt('127.0.0.1', 4666))).toEqual({ code: 'ECONNREFUSED', message: 'lattice-local at 127.0.0.1:4666 refused the connection; is it running?', throttled: false });
      // Node's fetch wraps the socket error; the words are the same.
      expect(describeAwsError(new AggregateError([refusedAt('127.0.0.1', 4666)], '')).message).toBe('lattice-local at 127.0.0.1:4666 refused the connection; is it running?');
    } finally {
      process.env = before;
    }
  });

  it('calls a configured endpoint outside demo mode "the endpoint", and anything else AWS', () => {
    expect(endpointOf('10.0.0.5', 443, { AWS_ENDPOINT_URL: 'https://10.0.0.5' })).toEqual({ address: '10.0.0.5:443', name: 'the endpoint' });
    expect(endpointOf('vpc-lattice.us-east-1.amazonaws.com', 443, {})).toEqual({ address: 'vpc-lattice.us-east-1.amazonaws.com:443', name: 'AWS' });
    expect(endpointOf(undefined, undefined, {})).toBeNull();
  });

  it('never shows the socket code as the message', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH']) {
      const info = describeAwsError(Object.assign(new Error(`${code} x`), { code, hostname: 'sts.amazonaws.com' }));
      expect(info.code).toBe(code);
      expect(info.message).not.toContain(code);
      expect(info.message).toMatch(/^AWS at sts\.amazonaws\.com /);
    }
  });
});

describe('credentials and throttling', () => {
  it('says expired credentials have expired and what to do', () => {
    const info = describeAwsError(Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredTokenException', $metadata: { httpStatusCode: 400 } }));
    expect(info).toEqual({ code: 'ExpiredTokenException', status: 400, throttled: false, message: 'The credentials have expired; renew them (sign in to AWS again) and refresh (ExpiredTokenException).' });
  });

  it('says throttling outlasted the retries, with how many attempts were made', () => {
    const info = describeAwsError(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 429, attempts: 3 } }));
    expect(info.throttled).toBe(true);
    expect(info.message).toBe('AWS kept throttling the calls through 3 attempts (ThrottlingException); try again in a minute, or read fewer accounts at once.');
  });

  it('keeps AWS own words for other errors', () => {
    expect(describeAwsError(Object.assign(new Error('not allowed'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } })).message).toBe('AccessDeniedException: not allowed');
  });
});
