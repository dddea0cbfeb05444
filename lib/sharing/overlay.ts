// Ownership on the graph: for every resource, the account that owns it, the shares it is in
// and whom they reach (accounts that see it, and RAM principals such as the organization);
// pending invitations as edges from each resource they would share to the receiving
// account's group; and which association edges cross accounts. Pure: read from the Topology
// the canvas already draws.
import type { Topology, TopologyEdge } from '@/lib/topology';

export interface ShareRef {
  arn: string;
  name: string;
}

export interface PendingInvitationRef {
  invitationArn: string;
  shareArn: string;
  shareName: string;
  sender: string;
  receiver: string;
}

export interface NodeOwnership {
  owner: string;
  /** Accounts other than the owner that see the resource (through an accepted share or the organization). */
  sharedWith: string[];
  /** RAM principals of the shares it is in (account ids, organization and OU ARNs), less accounts whose invitation is pending. */
  principals: string[];
  shares: ShareRef[];
  /** Invitations that would share it, still unanswered. */
  pending: PendingInvitationRef[];
}

export interface InvitationEdge extends PendingInvitationRef {
  id: string;
  /** The shared resource. */
  source: string;
  /** The receiving account's group on the canvas (`account:ID`). */
  target: string;
}

export interface SharingOverlay {
  nodes: Map<string, NodeOwnership>;
  invitationEdges: InvitationEdge[];
  /** Ids of association edges whose ends belong to different accounts. */
  crossAccountEdges: Set<string>;
}

/** The canvas's id for an account's group. */
export const accountGroupId = (account: string) => `account:${account}`;

const CROSS_KINDS = new Set<TopologyEdge['kind']>(['serviceNetworkService', 'serviceNetworkVpc', 'serviceNetworkResourceConfiguration', 'vpcEndpointServiceNetwork']);
const GONE = new Set(['DISASSOCIATED', 'DISASSOCIATING', 'FAILED']);

export function sharingOverlay(topology: Pick<Topology, 'nodes' | 'edges'>): SharingOverlay {
  const byId = new Map(topology.nodes.map((n) => [n.id, n]));
  const sharesOf = new Map<string, ShareRef[]>();
  const resourcesOf = new Map<string, string[]>();
  const principalsOf = new Map<string, string[]>();
  const invitationsOf = new Map<string, string[]>();
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => map.set(key, [...(map.get(key) ?? []), value]);

  for (const e of topology.edges) {
    if (e.status && GONE.has(e.status)) continue;
    if (e.kind === 'shareResource') {
      push(sharesOf, e.target, { arn: e.source, name: byId.get(e.source)?.name ?? e.source });
      push(resourcesOf, e.source, e.target);
    } else if (e.kind === 'sharePrincipal') {
      const raw = byId.get(e.target)?.description.principal;
      push(principalsOf, e.source, typeof raw === 'string' ? raw : e.target);
    } else if (e.kind === 'invitationShare') {
      push(invitationsOf, e.target, e.source);
    }
  }

  const invitationEdges: InvitationEdge[] = [];
  const pendingOf = new Map<string, PendingInvitationRef[]>();
  for (const [shareArn, invitations] of invitationsOf) {
    for (const invitationArn of invitations) {
      const inv = byId.get(invitationArn);
      if (!inv || inv.status !== 'PENDING') continue;
      const ref: PendingInvitationRef = {
        invitationArn,
        shareArn,
        shareName: inv.name,
        sender: typeof inv.description.senderAccountId === 'string' ? inv.description.senderAccountId : (byId.get(shareArn)?.account ?? ''),
        receiver: inv.account,
      };
      // The owner's share lists its resources; a share known only from the invitation does not.
      for (const resource of resourcesOf.get(shareArn) ?? []) {
        push(pendingOf, resource, ref);
        invitationEdges.push({ ...ref, id: `invitation:${invitationArn}->${resource}`, source: resource, target: accountGroupId(ref.receiver) });
      }
    }
  }

  const nodes = new Map<string, NodeOwnership>();
  for (const n of topology.nodes) {
    if (n.kind === 'resourceShare' || n.kind === 'resourceShareInvitation' || n.kind === 'principal') continue;
    const shares = sharesOf.get(n.id) ?? [];
    const pending = pendingOf.get(n.id) ?? [];
    // An account still invited has no access yet: it is counted as pending, not as shared with.
    const invited = new Set(pending.map((p) => p.receiver));
    const principals = [...new Set(shares.flatMap((s) => principalsOf.get(s.arn) ?? []))].filter((p) => !invited.has(p)).sort();
    nodes.set(n.id, { owner: n.account, sharedWith: n.seenBy.filter((a) => a !== n.account).sort(), principals, shares, pending });
  }

  const crossAccountEdges = new Set<string>();
  for (const e of topology.edges) {
    if (!CROSS_KINDS.has(e.kind)) continue;
    const a = byId.get(e.source)?.account;
    const b = byId.get(e.target)?.account;
    if (a && b && a !== b) crossAccountEdges.add(e.id);
  }
  return { nodes, invitationEdges: invitationEdges.sort((x, y) => x.id.localeCompare(y.id)), crossAccountEdges };
}
