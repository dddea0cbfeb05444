import type { ReceivedShareView } from '@/lib/sharing';
import { EmptyRow, Table, Td, Th } from '@/components/ui/table';
import { AccountChip } from './account-chip';
import { RamStatusBadge, ReceivedViaBadge } from './access-badge';
import { ResourceLink } from './resource-link';

/** Shares the configured accounts receive: what they can use, from whom, and how access came. */
export function ReceivedSharesTable({ shares, colors, unknown = false }: { shares: ReceivedShareView[]; colors: ReadonlyMap<string, string>; /** RAM could not be read in every account: an empty list is not known to be empty. */ unknown?: boolean }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Receiving account</Th>
          <Th>Share</Th>
          <Th>Owner</Th>
          <Th>Resources it can use</Th>
          <Th>Access</Th>
          <Th>Status</Th>
        </tr>
      </thead>
      <tbody>
        {shares.length === 0 && <EmptyRow colSpan={6}>{unknown ? 'Unknown: RAM could not be read (see above).' : 'No configured account receives a share.'}</EmptyRow>}
        {shares.map((s) => (
          <tr key={`${s.receiver.id}|${s.arn}`} data-testid="received-share" data-share={s.name} data-receiver={s.receiver.id} className="align-top">
            <Td className="align-top">
              <AccountChip account={s.receiver} color={colors.get(s.receiver.id)} />
            </Td>
            <Td className="align-top">
              <div className="font-medium text-slate-900">{s.name}</div>
              <div className="mt-0.5 max-w-56 truncate font-mono text-[11px] text-slate-400" title={s.arn}>
                {s.arn.slice(s.arn.lastIndexOf('/') + 1)}
              </div>
            </Td>
            <Td className="align-top">
              <AccountChip account={s.owner} color={colors.get(s.owner.id)} />
            </Td>
            <Td className="align-top">
              <ul className="space-y-0.5">
                {s.resources.map((r) => (
                  <li key={r.arn} className="max-w-64">
                    <ResourceLink resource={r} account={s.receiver.id} />
                  </li>
                ))}
                {s.resources.length === 0 && <li className="text-xs text-slate-400">nothing available</li>}
              </ul>
            </Td>
            <Td className="align-top">
              <ReceivedViaBadge via={s.via} />
            </Td>
            <Td className="align-top">
              <RamStatusBadge status={s.status} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
