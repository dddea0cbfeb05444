// The scopes the topology page offers for export: the selected resource, each account, the estate.
import { KIND_LABELS, type TopologyNode } from '@/lib/topology';
import type { ExportScopeOption } from './export-dialog';

export function topologyExportScopes(accounts: { id: string; name: string }[], selected?: TopologyNode): ExportScopeOption[] {
  const out: ExportScopeOption[] = [];
  if (selected && selected.id.startsWith('arn:') && !selected.external) out.push({ scope: `selection:${selected.id}`, label: `Selection: ${KIND_LABELS[selected.kind].toLowerCase()} ${selected.name} (and what it holds)` });
  out.push({ scope: 'estate', label: 'The whole estate' });
  for (const a of accounts) out.push({ scope: `account:${a.id}`, label: `Account ${a.name} (${a.id})` });
  return out;
}
