// The picture of an invitation: the sending account and its share, what the share holds (and
// what those hold in turn, from the latest discovery: a service network's services and
// resource configurations), and the receiving account they would reach, drawn with a dashed
// edge until the invitation is accepted. Pure: computes boxes and edges with positions; the
// component only draws them.
import type { ResourceKind, Topology } from '@/lib/topology';
import type { InvitationView, SharedResourceView } from './overview';

export interface PreviewBox {
  id: string;
  role: 'account' | 'share' | 'resource';
  kind?: ResourceKind;
  title: string;
  subtitle: string;
  /** What the resource brings with it, one line each. */
  contents: string[];
  account: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PreviewEdge {
  id: string;
  from: string;
  to: string;
  dashed: boolean;
  label?: string;
}

export interface InvitationPreview {
  width: number;
  height: number;
  boxes: PreviewBox[];
  edges: PreviewEdge[];
}

const COLUMN = 230;
const GAP = 70;
const BOX_W = 200;
const HEADER_H = 44;
const LINE_H = 16;
const ROW_GAP = 14;
const PAD = 16;
/** The sender account's box: its name, then its share inside. */
const SENDER_H = 104;
/** Contents listed per resource before "+N more". */
const MAX_LINES = 5;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const KIND_WORDS: Partial<Record<ResourceKind, string>> = {
  serviceNetwork: 'Service network',
  service: 'Service',
  resourceConfiguration: 'Resource configuration',
};

/** What a shared resource brings with it, from the topology: lines for people. */
export function contentsOf(resource: Pick<SharedResourceView, 'arn' | 'kind'>, topology: Pick<Topology, 'nodes' | 'edges'> | undefined): string[] {
  if (!topology) return [];
  const name = (id: string) => topology.nodes.find((n) => n.id === id)?.name ?? id.slice(id.lastIndexOf('/') + 1);
  const lines: string[] = [];
  if (resource.kind === 'serviceNetwork') {
    const services = topology.edges.filter((e) => e.kind === 'serviceNetworkService' && e.source === resource.arn).map((e) => name(e.target));
    const configs = topology.edges.filter((e) => e.kind === 'serviceNetworkResourceConfiguration' && e.source === resource.arn).map((e) => name(e.target));
    const auth = topology.nodes.find((n) => n.id === resource.arn)?.description.authType;
    const counts = [plural(services.length, 'service'), ...(configs.length ? [plural(configs.length, 'resource')] : [])].join(', ');
    lines.push(typeof auth === 'string' ? `${counts} · auth ${auth}` : counts);
    lines.push(...services.sort().map((s) => `service ${s}`), ...configs.sort().map((c) => `resource ${c}`));
  } else if (resource.kind === 'service') {
    const listeners = topology.nodes.filter((n) => n.kind === 'listener' && n.parent === resource.arn);
    for (const l of listeners) lines.push(`listener ${l.name}`);
    const node = topology.nodes.find((n) => n.id === resource.arn);
    if (typeof node?.description.authType === 'string') lines.unshift(`auth ${node.description.authType}`);
  } else if (resource.kind === 'resourceConfiguration') {
    const node = topology.nodes.find((n) => n.id === resource.arn);
    const d = node?.description;
    if (d && typeof d.type === 'string') lines.push(`${d.type}${typeof d.protocol === 'string' ? ` · ${d.protocol}` : ''}${Array.isArray(d.portRanges) ? ` · ports ${d.portRanges.join(', ')}` : ''}`);
    const children = topology.edges.filter((e) => e.kind === 'resourceConfigurationChild' && e.source === resource.arn).map((e) => name(e.target));
    lines.push(...children.sort().map((c) => `child ${c}`));
  }
  if (lines.length > MAX_LINES) return [...lines.slice(0, MAX_LINES - 1), `+${lines.length - MAX_LINES + 1} more`];
  return lines;
}

function boxHeight(lines: number): number {
  return HEADER_H + (lines ? lines * LINE_H + 8 : 0);
}

/**
 * Lays out an invitation: share (inside its sender) on the left, its resources in the
 * middle, the receiver on the right. Accepted invitations draw solid edges, others dashed.
 */
export function invitationPreview(invitation: Pick<InvitationView, 'arn' | 'shareArn' | 'shareName' | 'sender' | 'receiver' | 'status' | 'resources'>, topology?: Pick<Topology, 'nodes' | 'edges'>): InvitationPreview {
  const resources = invitation.resources ?? [];
  const resourceBoxes: PreviewBox[] = [];
  let y = PAD;
  for (const r of resources) {
    const contents = contentsOf(r, topology);
    const height = boxHeight(contents.length);
    resourceBoxes.push({ id: r.arn, role: 'resource', kind: r.kind ?? undefined, title: r.name, subtitle: (r.kind && KIND_WORDS[r.kind]) ?? r.type, contents, account: r.owner, x: PAD + COLUMN + GAP, y, width: BOX_W, height });
    y += height + ROW_GAP;
  }
  const middleH = Math.max(y - ROW_GAP - PAD, HEADER_H);
  // The sender's box is taller than one resource: centre on whichever is taller.
  const centre = Math.max(PAD + middleH / 2, PAD + SENDER_H / 2);
  const shift = centre - (PAD + middleH / 2);
  for (const b of resourceBoxes) b.y += shift;
  const share: PreviewBox = { id: invitation.shareArn, role: 'share', title: invitation.shareName || 'resource share', subtitle: `RAM share · ${resources.length} resource${resources.length === 1 ? '' : 's'}`, contents: [], account: invitation.sender.id, x: PAD + 15, y: centre - SENDER_H / 2 + 44, width: BOX_W - 30, height: HEADER_H };
  const sender: PreviewBox = { id: `account:${invitation.sender.id}`, role: 'account', title: invitation.sender.name, subtitle: `${invitation.sender.id} · sender`, contents: [], account: invitation.sender.id, x: PAD, y: centre - SENDER_H / 2, width: BOX_W, height: SENDER_H };
  const receiver: PreviewBox = { id: `account:${invitation.receiver.id}`, role: 'account', title: invitation.receiver.name, subtitle: `${invitation.receiver.id} · receiver`, contents: [], account: invitation.receiver.id, x: PAD + 2 * (COLUMN + GAP), y: centre - HEADER_H / 2, width: BOX_W, height: HEADER_H };
  const accepted = invitation.status === 'ACCEPTED';
  const edges: PreviewEdge[] = [
    ...resourceBoxes.map((b) => ({ id: `share:${b.id}`, from: share.id, to: b.id, dashed: false })),
    ...resourceBoxes.map((b, i) => ({ id: `access:${b.id}`, from: b.id, to: receiver.id, dashed: !accepted, ...(i === 0 ? { label: accepted ? 'shared with' : 'would reach' } : {}) })),
  ];
  const height = Math.max(PAD + middleH + shift, sender.y + sender.height) + PAD;
  return { width: 2 * PAD + 2 * (COLUMN + GAP) + BOX_W, height, boxes: [sender, share, ...resourceBoxes, receiver], edges };
}
