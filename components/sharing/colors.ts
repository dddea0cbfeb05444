import type { AccountRef } from '@/lib/sharing';
import type { Topology } from '@/lib/topology';
import { accountColors } from '@/components/canvas/style';

/** Account colours as the canvas gives them (same input, so the same colour per account). */
export function sharingColors(accounts: readonly AccountRef[], topology: Topology | undefined): Map<string, string> {
  return accountColors([...accounts.map((a) => a.id), ...(topology?.nodes ?? []).map((n) => n.account)]);
}
