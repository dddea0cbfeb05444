// A design compared with an incomplete read: what matches nothing read in an account that
// could not be read is "unknown", never "new".
import { describe, expect, it } from 'vitest';
import { markRecords, unreadAccounts } from './compare';
import type { DesignRecord } from './types';

const network = (id: string, account: string): DesignRecord => ({ id, kind: 'serviceNetwork', account, region: 'us-east-1', spec: { name: id, authType: 'NONE' } }) as DesignRecord;

describe('marks against an incomplete read', () => {
  const records = { a: network('a', '111111111111'), b: network('b', '222222222222') };

  it('marks records in unread accounts unknown and the others new', () => {
    const errors: { account: string; operation?: string }[] = [
      { account: '222222222222' },
      // A call that failed for some resources leaves the account read.
      { account: '111111111111', operation: 'GetAuthPolicy' },
    ];
    const unread = unreadAccounts(errors);
    expect([...unread]).toEqual(['222222222222']);
    const marks = markRecords(records, [], unread);
    expect(marks.get('a')?.mark).toBe('new');
    expect(marks.get('b')?.mark).toBe('unknown');
  });

  it('marks every unmatched record unknown when nothing could be read', () => {
    const marks = markRecords(records, [], new Set(['*']));
    expect([...marks.values()].map((m) => m.mark)).toEqual(['unknown', 'unknown']);
    expect(markRecords(records, []).get('a')?.mark).toBe('new');
  });
});
