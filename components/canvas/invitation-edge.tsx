'use client';
// A pending RAM invitation on the canvas: a dashed edge from a shared resource to the account
// it would reach, labelled with accept and reject for approvers.
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import type { InvitationEdgeData } from '@/components/sharing/canvas-overlay';
import { InvitationEdgeLabel } from '@/components/sharing/invitation-edge-label';
import { useSharingCanvas } from '@/components/sharing/sharing-canvas-context';

function InvitationFlowEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, style, data }: EdgeProps<Edge<InvitationEdgeData, 'invitation'>>) {
  const [path, x, y] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const { accountNames, canAnswer, onAnswered } = useSharingCanvas();
  return (
    <>
      <BaseEdge id={id} path={path} style={style} />
      {data && (
        <EdgeLabelRenderer>
          <div className="absolute" style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)` }}>
            <InvitationEdgeLabel edge={data.invitation} receiverName={accountNames.get(data.invitation.receiver) ?? data.invitation.receiver} canAnswer={canAnswer} onAnswered={onAnswered} />
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const edgeTypes = { invitation: InvitationFlowEdge };
