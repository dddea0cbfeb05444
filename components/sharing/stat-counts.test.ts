import { describe, expect, it } from 'vitest';
import type { SharingOverview } from '@/lib/sharing';
import { shareCounts } from './stat-counts';

const share = (external: boolean) => ({ principals: [{ external }] }) as unknown as SharingOverview['owned'][number];

describe('share counts', () => {
  it('counts what was read', () => {
    expect(shareCounts({ owned: [share(true), share(false)], received: [], errors: [] }, 1)).toEqual({ owned: 2, received: 0, pending: 1, external: 1 });
  });

  it('says unknown, not 0, for what a failed read would have counted', () => {
    const errors = [{ account: '111111111111', region: 'us-east-1', operation: 'GetResourceShareInvitations', code: 'ECONNREFUSED', message: 'refused' }];
    expect(shareCounts({ owned: [], received: [], errors }, 0)).toEqual({ owned: 0, received: 0, pending: null, external: 0 });
    const sharesFailed = [{ ...errors[0]!, operation: 'GetResourceShares' }];
    expect(shareCounts({ owned: [], received: [], errors: sharesFailed }, 0)).toEqual({ owned: null, received: null, pending: 0, external: null });
  });
});
