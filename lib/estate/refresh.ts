import 'server-only';
// The console's one gate in front of refreshEstate for user-asked refreshes (see refresh-guard.ts).
import type { AccountProgress } from '@/lib/aws';
import type { EffectiveAccount } from './accounts';
import { refreshEstate, type RefreshResult } from './snapshots';
import { createRefreshGate, type RefreshGate } from './refresh-guard';

type Gate = RefreshGate<RefreshResult, EffectiveAccount[], AccountProgress>;
const holder = globalThis as typeof globalThis & { __trellisRefreshGate?: Gate };

/** The process's gate; `minIntervalSeconds` (TRELLIS_REFRESH_MIN_SECONDS) is read on first use. */
export function estateRefreshGate(minIntervalSeconds: number): Gate {
  holder.__trellisRefreshGate ??= createRefreshGate<RefreshResult, EffectiveAccount[], AccountProgress>({
    minIntervalMs: minIntervalSeconds * 1000,
    // Not tied to the request that started it: a joiner may outlive it.
    run: (listeners, user) => refreshEstate({ takenBy: user, ...listeners }),
  });
  return holder.__trellisRefreshGate;
}
