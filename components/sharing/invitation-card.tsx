import type { InvitationPreview as Preview, InvitationView } from '@/lib/sharing';
import { Alert } from '@/components/ui/alert';
import { Time } from '@/components/ui/time';
import { AccountChip } from './account-chip';
import { RamStatusBadge } from './access-badge';
import { contentsSummary } from './contents-summary';
import { InvitationActions } from './invitation-actions';
import { InvitationPreview } from './invitation-preview';
import { ResourceLink } from './resource-link';

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 text-sm text-slate-800">{children}</dd>
    </div>
  );
}

/** One pending invitation: who invites whom to what, drawn, with accept and reject for approvers. */
export function InvitationCard({ invitation, preview, colors, canAnswer }: { invitation: InvitationView; preview: Preview; colors: ReadonlyMap<string, string>; canAnswer: boolean }) {
  const contents = contentsSummary(invitation.resources);
  return (
    <article className="rounded-lg bg-white shadow-xs ring-1 ring-slate-200" data-testid="pending-invitation" data-share={invitation.shareName} data-receiver={invitation.receiver.id}>
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <div className="min-w-0">
          <h2 className="text-sm font-semibold text-slate-900">
            <span className="text-slate-500">{invitation.sender.name}</span> invites <span>{invitation.receiver.name}</span> to <span className="text-indigo-700">{invitation.shareName || 'a resource share'}</span>
          </h2>
          <p className="mt-0.5 text-xs text-slate-500">
            {invitation.sentAt ? (
              <>
                Sent <Time value={invitation.sentAt} /> UTC ·{' '}
              </>
            ) : null}
            {invitation.region} · <span className="font-mono">{invitation.arn.slice(invitation.arn.lastIndexOf('/') + 1)}</span>
          </p>
        </div>
        <RamStatusBadge status={invitation.status} />
      </header>
      <div className="space-y-4 p-4">
        {invitation.resourcesError ? (
          <Alert tone="warning" title="RAM did not say what this invitation shares">
            {invitation.resourcesError}
          </Alert>
        ) : (
          <InvitationPreview preview={preview} colors={colors} />
        )}
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_1.4fr_auto]">
          <dl className="contents">
            <Detail label="Sending account">
              <AccountChip account={invitation.sender} color={colors.get(invitation.sender.id)} />
            </Detail>
            <Detail label="Receiving account">
              <AccountChip account={invitation.receiver} color={colors.get(invitation.receiver.id)} />
            </Detail>
            <Detail label="Contents">
              {invitation.resources && invitation.resources.length > 0 ? (
                <ul className="space-y-0.5">
                  {invitation.resources.map((r) => (
                    <li key={r.arn}>
                      <ResourceLink resource={r} />
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="text-xs text-slate-500">{contents}</span>
              )}
            </Detail>
          </dl>
          <div className="sm:col-span-2 lg:col-span-1 lg:w-80">
            {canAnswer ? (
              <InvitationActions invitationArn={invitation.arn} shareName={invitation.shareName} receiver={invitation.receiver} contents={contents} />
            ) : (
              <p className="text-right text-xs text-slate-500">Accepting or rejecting needs the approver role.</p>
            )}
          </div>
        </div>
      </div>
    </article>
  );
}
