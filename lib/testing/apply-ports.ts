// Apply's storage ports in memory, for tests that run the console's real SDK ports
// (awsApplyPorts: calls, waits, live reads) without a database.
import type { ApplyPorts, JournalEntry } from '@/lib/plan';

/** A journal kept in `entries` (shared between applies to test a resume) and a lock that is always free. */
export function inMemoryStorage(entries: JournalEntry[]): Pick<ApplyPorts, 'journal' | 'lock'> {
  return {
    journal: { load: async (planId) => entries.filter((e) => e.planId === planId), append: async (e) => void entries.push(e) },
    lock: { leaseMs: 30_000, acquire: async () => ({ renew: async () => true, release: async () => undefined }) },
  };
}
