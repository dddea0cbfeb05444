// The Shares page's summary figures, or null where a read failed: a count RAM did not give in
// every account is unknown (shown "—"), never 0.
import type { SharingOverview, SharingReadError } from '@/lib/sharing';

export interface ShareCounts {
  owned: number | null;
  received: number | null;
  pending: number | null;
  external: number | null;
}

export function shareCounts(overview: Pick<SharingOverview, 'owned' | 'received' | 'errors'>, pending: number): ShareCounts {
  const failed = (...operations: string[]) => overview.errors.some((e: SharingReadError) => operations.includes(e.operation));
  const sharesUnknown = failed('GetResourceShares');
  return {
    owned: sharesUnknown ? null : overview.owned.length,
    received: sharesUnknown || failed('ListResources') ? null : overview.received.length,
    pending: failed('GetResourceShareInvitations') ? null : pending,
    external: sharesUnknown || failed('GetResourceShareAssociations') ? null : overview.owned.reduce((n, s) => n + s.principals.filter((p) => p.external).length, 0),
  };
}
