'use client';
// The label on a pending invitation's dashed edge: who would receive the share, and accept or
// reject for approvers (with a confirmation). The canvas places it on the edge.
import { useState } from 'react';
import type { InvitationEdge } from '@/lib/sharing';
import { postJson } from './api';

type Decision = 'accept' | 'reject';

export function InvitationEdgeLabel({ edge, receiverName, canAnswer, onAnswered }: { edge: InvitationEdge; receiverName: string; canAnswer: boolean; onAnswered?: (decision: Decision) => void }) {
  const [confirming, setConfirming] = useState<Decision | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function answer(decision: Decision) {
    setBusy(true);
    setError(null);
    const result = await postJson(`/api/invitations/${decision}`, { invitationArn: edge.invitationArn });
    setBusy(false);
    setConfirming(null);
    if (!result.ok) setError(result.message);
    else onAnswered?.(decision);
  }

  const button = 'rounded px-1.5 py-0.5 text-[10px] font-medium disabled:opacity-50';
  return (
    <div className="nodrag nopan pointer-events-auto rounded-md bg-white px-2 py-1 text-[10px] text-slate-700 shadow-sm ring-1 ring-amber-300" data-testid="invitation-edge-label" data-invitation={edge.invitationArn}>
      <div className="font-medium text-amber-800">
        Invitation pending · {receiverName} · {edge.shareName}
      </div>
      {error && <div className="mt-0.5 max-w-56 text-red-700">{error}</div>}
      {canAnswer &&
        (confirming ? (
          <div className="mt-1 flex items-center gap-1">
            <span>{confirming === 'accept' ? `Accept for ${receiverName}?` : `Reject for ${receiverName}?`}</span>
            <button type="button" className={`${button} text-slate-600 hover:bg-slate-100`} onClick={() => setConfirming(null)} disabled={busy}>
              Cancel
            </button>
            <button type="button" className={`${button} ${confirming === 'accept' ? 'bg-indigo-600 text-white hover:bg-indigo-500' : 'bg-red-600 text-white hover:bg-red-500'}`} onClick={() => answer(confirming)} disabled={busy} data-testid={`edge-confirm-${confirming}`}>
              {busy ? '…' : confirming === 'accept' ? 'Accept' : 'Reject'}
            </button>
          </div>
        ) : (
          <div className="mt-1 flex gap-1">
            <button type="button" className={`${button} text-red-700 ring-1 ring-red-200 hover:bg-red-50`} onClick={() => setConfirming('reject')} data-testid="edge-reject">
              Reject
            </button>
            <button type="button" className={`${button} bg-indigo-600 text-white hover:bg-indigo-500`} onClick={() => setConfirming('accept')} data-testid="edge-accept">
              Accept
            </button>
          </div>
        ))}
    </div>
  );
}
