import type { Metadata } from 'next';
import Link from 'next/link';
import { can, requireRole } from '@/lib/auth';
import { pendingInvitations } from '@/lib/sharing';
import { loadSharing, type SharingState } from '@/lib/sharing/server';
import { Alert } from '@/components/ui/alert';
import { PageHeader, Panel } from '@/components/ui/panel';
import { sharingColors } from '@/components/sharing/colors';
import { SharingUnavailable } from '@/components/sharing/sharing-unavailable';
import { OwnedSharesTable } from '@/components/sharing/owned-shares-table';
import { SharingReadErrors } from '@/components/sharing/read-errors';
import { ReceivedSharesTable } from '@/components/sharing/received-shares-table';
import { ShareCheckForm } from '@/components/sharing/share-check-form';
import { shareableOptions } from '@/components/sharing/shareable-options';
import { Stat } from '@/components/sharing/stat';
import { shareCounts } from '@/components/sharing/stat-counts';

export const metadata: Metadata = { title: 'Shares' };
export const dynamic = 'force-dynamic';

export default async function SharesPage() {
  const user = await requireRole('viewer');
  let state: SharingState;
  try {
    state = await loadSharing();
  } catch (err) {
    return <SharingUnavailable title="Shares" what="Sharing" error={err} className="max-w-7xl" />;
  }
  const { overview, topology } = state;
  const colors = sharingColors(overview.accounts, topology);
  const names = new Map(overview.accounts.map((a) => [a.id, a.name]));
  const pending = pendingInvitations(overview);
  const counts = shareCounts(overview, pending.length);

  return (
    <div className="max-w-7xl space-y-4">
      <PageHeader
        title="Shares"
        description={`AWS RAM shares of VPC Lattice resources across the ${overview.accounts.length} configured account${overview.accounts.length === 1 ? '' : 's'}, read live from RAM.`}
        actions={
          <Link href="/invitations" className="inline-flex h-8 items-center rounded-md bg-white px-3 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50">
            Invitations{pending.length > 0 && <span className="ml-1.5 rounded-full bg-amber-100 px-1.5 text-xs font-semibold text-amber-800">{pending.length}</span>}
          </Link>
        }
      />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label="Shared by your accounts" value={counts.owned} hint="resource shares owned" testId="stat-owned" />
        <Stat label="Shared with your accounts" value={counts.received} hint="received and active" testId="stat-received" />
        <Stat label="Pending invitations" value={counts.pending} hint="waiting for an approver" href="/invitations" tone="amber" testId="stat-pending" />
        <Stat label="External principals" value={counts.external} hint="outside the organization" testId="stat-external" />
      </div>
      <SharingReadErrors errors={overview.errors} names={names} />
      {pending.length > 0 && (
        <Alert tone="warning" title={`${pending.length} invitation${pending.length === 1 ? ' is' : 's are'} waiting for an answer`}>
          {pending.map((i) => `${i.receiver.name} is invited by ${i.sender.name} to ${i.shareName}`).join('; ')}.{' '}
          <Link href="/invitations" className="font-medium underline">
            Review invitations
          </Link>
        </Alert>
      )}
      <Panel title="Shared by your accounts" description="Each share's resources link to their place on the canvas. Principals inside the organization with RAM sharing enabled get access at once; no invitation exists for them." bodyClassName="p-0">
        <OwnedSharesTable shares={overview.owned} colors={colors} unknown={counts.owned === null} />
      </Panel>
      <Panel title="Shared with your accounts" description="What the configured accounts can use from others. Access through the organization needs no approval, so there is nothing to accept." bodyClassName="p-0">
        <ReceivedSharesTable shares={overview.received} colors={colors} unknown={counts.received === null} />
      </Panel>
      {can(user, 'editor') && (
        <Panel title="Check a share" description="Validate a share against RAM's rules and the discovered estate before it is planned. Nothing is changed.">
          <ShareCheckForm options={shareableOptions(topology, overview.accounts)} />
        </Panel>
      )}
      <p className="text-right text-xs text-slate-400">Read from RAM at {overview.readAt.slice(11, 19)} UTC.</p>
    </div>
  );
}
