// Sharing drawn on the canvas, as plain edge and node data the canvas turns into its own
// objects: pending invitations as dashed edges from each resource to the receiving account's
// group, cross-account associations emphasised, and each box's ownership.
import type { InvitationEdge, NodeOwnership, SharingOverlay } from '@/lib/sharing';
import { CROSS_ACCOUNT_EDGE_STYLE, INVITATION_EDGE_STYLE } from './edge-styles';

export interface InvitationEdgeData extends Record<string, unknown> {
  kind: 'invitation';
  invitation: InvitationEdge;
}

export interface OverlayEdge {
  id: string;
  source: string;
  target: string;
  /** The canvas's edge type for invitation edges (its component shows the label with accept and reject). */
  type: 'invitation';
  /** Words for screen readers, not the ids React Flow would read out. */
  ariaLabel: string;
  style: typeof INVITATION_EDGE_STYLE;
  data: InvitationEdgeData;
  zIndex: number;
  selectable: false;
  focusable: false;
}

/** Dashed invitation edges whose two ends are on the canvas (a box and an account group). */
export function invitationEdges(overlay: SharingOverlay, shown: ReadonlySet<string>): OverlayEdge[] {
  return overlay.invitationEdges
    .filter((e) => shown.has(e.source) && shown.has(e.target))
    .map((e) => ({ id: e.id, source: e.source, target: e.target, type: 'invitation', ariaLabel: `Pending share invitation: ${e.shareName}, from account ${e.sender} to account ${e.receiver}`, style: INVITATION_EDGE_STYLE, data: { kind: 'invitation', invitation: e }, zIndex: 1, selectable: false, focusable: false }));
}

/** An edge's style with cross-account emphasis when its ends belong to different accounts. */
export function withOwnershipStyle<S extends Record<string, unknown>>(edgeId: string, style: S, overlay: SharingOverlay | undefined): S {
  return overlay?.crossAccountEdges.has(edgeId) ? { ...style, ...CROSS_ACCOUNT_EDGE_STYLE } : style;
}

/** A box's ownership, when the overlay knows the resource. */
export function ownershipOf(overlay: SharingOverlay | undefined, id: string): NodeOwnership | undefined {
  return overlay?.nodes.get(id);
}
