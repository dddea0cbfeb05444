import { shareBlocker, SHAREABLE_TYPES, type AccountRef } from '@/lib/sharing';
import type { Topology } from '@/lib/topology';
import type { ShareableOption } from './share-check-form';

const KINDS = new Set<string>(SHAREABLE_TYPES.map((t) => t.kind));

/** The resources the configured accounts own and may share, from the latest discovery. */
export function shareableOptions(topology: Topology | undefined, accounts: readonly AccountRef[]): ShareableOption[] {
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  return (topology?.nodes ?? [])
    .filter((n) => KINDS.has(n.kind) && !n.external && names.has(n.account) && !shareBlocker(n))
    .map((n) => ({ arn: n.id, name: n.name, kind: n.kind, account: n.account, accountName: names.get(n.account)! }))
    .sort((a, b) => a.accountName.localeCompare(b.accountName) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}
