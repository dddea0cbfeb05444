import type { PrincipalAccess, ReceivedShareView } from '@/lib/sharing';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const PRINCIPAL: Record<PrincipalAccess, { tone: BadgeTone; label: string; hint: string }> = {
  'invitation-pending': { tone: 'amber', label: 'Invitation pending', hint: 'RAM sent an invitation; the account has no access until it accepts.' },
  'invitation-accepted': { tone: 'green', label: 'Accepted', hint: 'The account accepted the invitation and has access.' },
  'invitation-rejected': { tone: 'red', label: 'Rejected', hint: 'The account rejected the invitation and has no access.' },
  'invitation-expired': { tone: 'neutral', label: 'Expired', hint: 'The invitation expired unanswered; the account has no access.' },
  automatic: { tone: 'sky', label: 'Active · no invitation', hint: 'Shared inside the organization with RAM sharing enabled: access is immediate and no invitation exists.' },
  removed: { tone: 'neutral', label: 'Removed', hint: 'No longer associated with the share.' },
  failed: { tone: 'red', label: 'Failed', hint: 'RAM could not associate the principal.' },
};

export function PrincipalAccessBadge({ access }: { access: PrincipalAccess }) {
  const a = PRINCIPAL[access];
  return (
    <span title={a.hint}>
      <Badge tone={a.tone}>{a.label}</Badge>
    </span>
  );
}

export function ReceivedViaBadge({ via }: { via: ReceivedShareView['via'] }) {
  return via === 'invitation' ? (
    <span title="The account accepted RAM's invitation to this share.">
      <Badge tone="green">Invitation accepted</Badge>
    </span>
  ) : (
    <span title="Shared inside the organization with RAM sharing enabled: no invitation exists, so there is nothing to approve.">
      <Badge tone="sky">Organization · no invitation</Badge>
    </span>
  );
}

const STATUS_TONES: Record<string, BadgeTone> = { ACTIVE: 'green', PENDING: 'amber', ACCEPTED: 'green', REJECTED: 'red', EXPIRED: 'neutral', FAILED: 'red', DELETING: 'amber', DELETED: 'neutral' };

/** RAM's own status word, coloured. */
export function RamStatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONES[status] ?? 'neutral'}>{status ? status.charAt(0) + status.slice(1).toLowerCase() : 'Unknown'}</Badge>;
}
