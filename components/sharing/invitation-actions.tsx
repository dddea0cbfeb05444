'use client';
// Accept or reject one invitation, with a confirmation that says exactly what the answer
// does and for which account. The server checks the role and the invitation again.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { postJson } from './api';

export interface InvitationActionsProps {
  invitationArn: string;
  shareName: string;
  receiver: { id: string; name: string };
  /** "1 service network: shared-platform", for the confirmation. */
  contents: string;
}

type Decision = 'accept' | 'reject';

export function InvitationActions({ invitationArn, shareName, receiver, contents }: InvitationActionsProps) {
  const router = useRouter();
  const [confirming, setConfirming] = useState<Decision | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Decision | null>(null);

  async function answer(decision: Decision) {
    setBusy(true);
    setError(null);
    const result = await postJson(`/api/invitations/${decision}`, { invitationArn });
    setBusy(false);
    setConfirming(null);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setDone(decision);
    router.refresh();
  }

  if (done) {
    return (
      <Alert tone={done === 'accept' ? 'success' : 'info'} className="text-xs">
        {done === 'accept' ? `Accepted for ${receiver.name}. The topology is being refreshed to show the new access.` : `Rejected for ${receiver.name}; it gets no access.`}
      </Alert>
    );
  }

  return (
    <div className="space-y-2" data-testid="invitation-actions">
      {error && <Alert tone="error" className="text-xs">{error}</Alert>}
      {confirming ? (
        <div className={`rounded-md p-3 text-sm ring-1 ring-inset ${confirming === 'accept' ? 'bg-indigo-50 ring-indigo-200' : 'bg-red-50 ring-red-200'}`} role="group" aria-label={`Confirm ${confirming}`}>
          <p className="text-slate-800">
            {confirming === 'accept' ? (
              <>
                Accept <span className="font-semibold">{shareName}</span> for <span className="font-semibold">{receiver.name}</span> ({receiver.id})? The account gains access to {contents}.
              </>
            ) : (
              <>
                Reject <span className="font-semibold">{shareName}</span> for <span className="font-semibold">{receiver.name}</span> ({receiver.id})? The account gets no access; the owner must share again to invite it anew.
              </>
            )}
          </p>
          <div className="mt-2.5 flex justify-end gap-2">
            <Button size="sm" variant="ghost" onClick={() => setConfirming(null)} disabled={busy}>
              Cancel
            </Button>
            <Button size="sm" variant={confirming === 'accept' ? 'primary' : 'danger'} onClick={() => answer(confirming)} disabled={busy} data-testid={`confirm-${confirming}`}>
              {busy ? (confirming === 'accept' ? 'Accepting…' : 'Rejecting…') : confirming === 'accept' ? `Accept for ${receiver.name}` : `Reject for ${receiver.name}`}
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex justify-end gap-2">
          <Button size="sm" variant="danger" onClick={() => setConfirming('reject')} data-testid="reject-invitation">
            Reject
          </Button>
          <Button size="sm" variant="primary" onClick={() => setConfirming('accept')} data-testid="accept-invitation">
            Accept
          </Button>
        </div>
      )}
    </div>
  );
}
