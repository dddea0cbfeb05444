import type { InvitationView } from '@/lib/sharing';
import { EmptyRow, Table, Td, Th } from '@/components/ui/table';
import { Time } from '@/components/ui/time';
import { AccountChip } from './account-chip';
import { RamStatusBadge } from './access-badge';

/** Invitations already answered or expired. */
export function PastInvitationsTable({ invitations, colors }: { invitations: InvitationView[]; colors: ReadonlyMap<string, string> }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Status</Th>
          <Th>Share</Th>
          <Th>From</Th>
          <Th>To</Th>
          <Th>Sent (UTC)</Th>
        </tr>
      </thead>
      <tbody>
        {invitations.length === 0 && <EmptyRow colSpan={5}>No answered or expired invitations.</EmptyRow>}
        {invitations.map((i) => (
          <tr key={i.arn} data-testid="past-invitation" data-share={i.shareName} data-receiver={i.receiver.id} data-status={i.status}>
            <Td>
              <RamStatusBadge status={i.status} />
            </Td>
            <Td>
              <div className="font-medium text-slate-900">{i.shareName}</div>
              <div className="font-mono text-[11px] text-slate-400">{i.arn.slice(i.arn.lastIndexOf('/') + 1)}</div>
            </Td>
            <Td>
              <AccountChip account={i.sender} color={colors.get(i.sender.id)} compact />
            </Td>
            <Td>
              <AccountChip account={i.receiver} color={colors.get(i.receiver.id)} compact />
            </Td>
            <Td className="text-xs">
              <Time value={i.sentAt} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
