import type { Metadata } from 'next';
import Link from 'next/link';
import { can, requireRole } from '@/lib/auth';
import { invitationPreview, pendingInvitations } from '@/lib/sharing';
import { loadSharing, type SharingState } from '@/lib/sharing/server';
import { Alert } from '@/components/ui/alert';
import { PageHeader, Panel } from '@/components/ui/panel';
import { sharingColors } from '@/components/sharing/colors';
import { SharingUnavailable } from '@/components/sharing/sharing-unavailable';
import { InvitationCard } from '@/components/sharing/invitation-card';
import { PastInvitationsTable } from '@/components/sharing/past-invitations-table';
import { SharingReadErrors } from '@/components/sharing/read-errors';

export const metadata: Metadata = { title: 'Invitations' };
export const dynamic = 'force-dynamic';

export default async function InvitationsPage() {
  const user = await requireRole('viewer');
  let state: SharingState;
  try {
    state = await loadSharing();
  } catch (err) {
    return <SharingUnavailable title="Invitations" what="Invitations" error={err} className="max-w-6xl" />;
  }
  const { overview, topology } = state;
  const colors = sharingColors(overview.accounts, topology);
  const names = new Map(overview.accounts.map((a) => [a.id, a.name]));
  const pending = pendingInvitations(overview);
  const past = overview.invitations.filter((i) => i.status !== 'PENDING');
  const canAnswer = can(user, ['approver', 'admin']);
  const automatic = overview.received.filter((r) => r.via === 'organization').length;

  return (
    <div className="max-w-6xl space-y-4">
      <PageHeader
        title="Invitations"
        description="RAM invitations addressed to the configured accounts. Accepting gives the receiving account access to what the share contains; rejecting gives it none."
        actions={
          <Link href="/shares" className="inline-flex h-8 items-center rounded-md bg-white px-3 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50">
            All shares
          </Link>
        }
      />
      {!canAnswer && <Alert tone="info">You can review invitations; accepting or rejecting them needs the approver role.</Alert>}
      <SharingReadErrors errors={overview.errors} names={names} />
      <section className="space-y-3" aria-labelledby="pending-heading">
        <div className="flex items-baseline justify-between">
          <h2 id="pending-heading" className="text-sm font-semibold text-slate-900">
            Waiting for an answer <span className="ml-1 rounded-full bg-slate-100 px-1.5 text-xs text-slate-600" data-testid="pending-count">{pending.length}</span>
          </h2>
          <p className="text-xs text-slate-500">RAM expires an unanswered invitation after a while; the account then has no access.</p>
        </div>
        {pending.length === 0 ? (
          <div className="rounded-lg bg-white px-4 py-8 text-center text-sm text-slate-500 ring-1 ring-slate-200" data-testid="no-pending">
            No invitation is waiting.
            {automatic > 0 && ` ${automatic} share${automatic === 1 ? ' reaches' : 's reach'} your accounts through the organization, which needs no invitation.`}
          </div>
        ) : (
          pending.map((i) => <InvitationCard key={i.arn} invitation={i} preview={invitationPreview(i, topology)} colors={colors} canAnswer={canAnswer} />)
        )}
      </section>
      <Panel title="Answered and expired" description="Earlier invitations to the configured accounts, as RAM keeps them." bodyClassName="p-0">
        <PastInvitationsTable invitations={past} colors={colors} />
      </Panel>
    </div>
  );
}
