import { describe, expect, it } from 'vitest';
import type { DiscoveryError } from '@/lib/topology';
import { groupErrors, hitList } from './error-groups';

const refused = 'lattice-local at 127.0.0.1:4666 refused the connection; is it running?';
const errors: DiscoveryError[] = [
  { account: '111111111111', region: 'us-east-1', message: `Cannot read the account: ${refused}`, code: 'ECONNREFUSED' },
  { account: '222222222222', region: 'us-east-1', message: `Cannot assume arn:aws:iam::222222222222:role/TrellisConsole: ${refused}`, code: 'ECONNREFUSED' },
  { account: '333333333333', region: 'us-east-1', message: `Cannot assume arn:aws:iam::333333333333:role/TrellisConsole: ${refused}`, code: 'ECONNREFUSED' },
  { account: '444444444444', region: 'us-east-1', message: 'Cannot assume arn:aws:iam::444444444444:role/Gone: AccessDenied: not authorized', code: 'AccessDenied' },
  { account: '111111111111', region: 'us-east-1', operation: 'GetAuthPolicy', message: 'GetAuthPolicy failed (2 resources, e.g. arn:1, arn:2): AWS kept throttling the calls (ThrottlingException); try again in a minute.', code: 'ThrottlingException' },
  { account: '222222222222', region: 'us-east-1', operation: 'GetAuthPolicy', message: 'GetAuthPolicy failed (arn:9): AWS kept throttling the calls (ThrottlingException); try again in a minute.', code: 'ThrottlingException' },
];

describe('error groups', () => {
  it('shows each distinct error once, with every account it hit', () => {
    const groups = groupErrors(errors);
    expect(groups.map((g) => [g.operation ?? null, g.reason, g.hits.map((h) => h.account)])).toEqual([
      [null, refused, ['111111111111', '222222222222', '333333333333']],
      [null, 'AccessDenied: not authorized', ['444444444444']],
      ['GetAuthPolicy', 'AWS kept throttling the calls (ThrottlingException); try again in a minute.', ['111111111111', '222222222222']],
    ]);
  });

  it('names the accounts, with regions only when they differ, and shortens a long list', () => {
    const names = new Map([['111111111111', 'network-hub'], ['222222222222', 'storefront']]);
    expect(hitList([{ account: '111111111111', region: 'us-east-1' }, { account: '222222222222', region: 'us-east-1' }], names)).toBe('network-hub and storefront');
    expect(hitList([{ account: '111111111111', region: 'us-east-1' }, { account: '111111111111', region: 'eu-west-1' }], names)).toBe('network-hub (us-east-1) and network-hub (eu-west-1)');
    const many = Array.from({ length: 9 }, (_, i) => ({ account: String(100000000001 + i), region: 'us-east-1' }));
    expect(hitList(many, names, 3)).toBe('100000000001, 100000000002, 100000000003 and 6 more');
    expect(hitList([{ account: '', region: '' }], names)).toBe('configuration');
  });
});
