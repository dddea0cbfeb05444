// Design document (+ live VPCs) → React Flow nodes and edges. A view, rebuilt from the
// document on every change; the document stays the only store of truth.
import { MarkerType, type Edge, type Node } from '@xyflow/react';
import type { Json, Topology } from '@/lib/topology';
import { DESIGN_KIND_INFO, getIn, type Design, type DesignIssue, type DesignRecord, type Position, type RecordMark } from '@/lib/topology/design';

export interface VpcBox {
  id: string;
  vpcId: string;
  name: string;
  account: string;
  region: string;
  cidr?: string;
}

export interface RecordNodeData extends Record<string, unknown> {
  record: DesignRecord;
  /** Listeners with their rules, for a service. */
  listeners: { record: DesignRecord; rules: DesignRecord[] }[];
  children: DesignRecord[];
  names: Record<string, string>;
  mark?: RecordMark;
  status?: string;
  errors: number;
  warnings: number;
  color: string;
  accountLabel: string;
}

export interface VpcNodeData extends Record<string, unknown> {
  vpc: VpcBox;
  color: string;
  accountLabel: string;
}

export type DesignFlowNode = Node<RecordNodeData, 'record' | 'service'> | Node<VpcNodeData, 'vpc'>;

const COLUMN_X: Record<string, number> = { vpc: 0, serviceNetworkVpcEndpoint: 0, serviceNetwork: 330, resourceGateway: 330, service: 660, resourceConfiguration: 660, targetGroup: 990 };
const ROW_GAP = 36;

function estimateHeight(kind: string, listeners: number, rules: number): number {
  if (kind === 'service') return 78 + listeners * 26 + rules * 22 + 10;
  return 78;
}

export function vpcBoxes(topology: Topology | null, accounts: ReadonlySet<string>, referenced: ReadonlySet<string>): VpcBox[] {
  if (!topology) return [];
  return topology.nodes
    .filter((n) => n.kind === 'vpc' && !n.external && (accounts.has(n.account) || referenced.has(n.resourceId ?? '')))
    .map((n) => ({ id: n.id, vpcId: n.resourceId ?? n.id, name: n.name, account: n.account, region: n.region, cidr: typeof n.description.CidrBlock === 'string' ? n.description.CidrBlock : undefined }));
}

export interface FlowInput {
  design: Design;
  vpcs: VpcBox[];
  issues: DesignIssue[];
  marks: ReadonlyMap<string, { mark: RecordMark; arn?: string }>;
  statuses: ReadonlyMap<string, string>;
  colors: ReadonlyMap<string, string>;
  accountNames: ReadonlyMap<string, string>;
  selectedId: string | null;
}

const weightOf = (g: Json) => (g && typeof g === 'object' && !Array.isArray(g) && typeof g.weight === 'number' ? g.weight : undefined);
const groupOf = (g: Json) => (g && typeof g === 'object' && !Array.isArray(g) && typeof g.targetGroupIdentifier === 'string' ? g.targetGroupIdentifier : undefined);

/** Space between the bands of two accounts. */
const ACCOUNT_GAP = 72;

export function buildDesignFlow(input: FlowInput): { nodes: DesignFlowNode[]; edges: Edge[] } {
  const { design } = input;
  const active = Object.values(design.records).filter((r) => !r.removed);
  const byId = new Map(active.map((r) => [r.id, r]));
  const names: Record<string, string> = {};
  for (const r of active) if (typeof r.spec.name === 'string') names[r.id] = r.spec.name;
  const childrenOf = (id: string, field: string) => active.filter((r) => r.spec[field] === id);
  const issuesOf = new Map<string, { errors: number; warnings: number }>();
  for (const i of input.issues) {
    const e = issuesOf.get(i.recordId) ?? { errors: 0, warnings: 0 };
    if (i.severity === 'error') e.errors++;
    else e.warnings++;
    issuesOf.set(i.recordId, e);
  }
  // Issues of a listener, rule or policy count on the box that draws it.
  const boxOf = (r: DesignRecord): string => {
    if (r.kind === 'listener') return String(r.spec.serviceIdentifier);
    if (r.kind === 'rule') {
      const l = byId.get(String(r.spec.listenerIdentifier));
      return l ? String(l.spec.serviceIdentifier) : r.id;
    }
    if (r.kind === 'target') return String(r.spec.targetGroupIdentifier);
    if (r.kind === 'authPolicy' || r.kind === 'accessLogSubscription') return String(r.spec.resourceIdentifier);
    if (r.kind === 'iamRolePolicy') return String(r.spec.RoleName);
    return r.id;
  };
  const boxIssues = new Map<string, { errors: number; warnings: number }>();
  for (const r of active) {
    const own = issuesOf.get(r.id);
    if (!own) continue;
    const box = boxOf(r);
    const b = boxIssues.get(box) ?? { errors: 0, warnings: 0 };
    b.errors += own.errors;
    b.warnings += own.warnings;
    boxIssues.set(box, b);
  }

  // Boxes without a saved position go below the others of their column.
  const columnBottom = new Map<number, number>();
  const place = (id: string, kind: string, height: number): Position => {
    const saved = design.positions[id];
    const x = COLUMN_X[kind] ?? 0;
    if (saved) {
      columnBottom.set(x, Math.max(columnBottom.get(x) ?? 0, saved.y + height + ROW_GAP));
      return saved;
    }
    return { x, y: -1 };
  };

  const nodes: DesignFlowNode[] = [];
  const pending: { node: DesignFlowNode; height: number }[] = [];
  const color = (account: string) => input.colors.get(account) ?? '#64748b';
  const label = (account: string) => input.accountNames.get(account) ?? account;

  for (const vpc of input.vpcs) {
    const node: DesignFlowNode = { id: vpc.id, type: 'vpc', position: place(vpc.id, 'vpc', 64), data: { vpc, color: color(vpc.account), accountLabel: label(vpc.account) }, selected: vpc.id === input.selectedId };
    if (node.position.y < 0) pending.push({ node, height: 64 });
    else nodes.push(node);
  }
  for (const r of active) {
    if (!DESIGN_KIND_INFO[r.kind].canvas) continue;
    const listeners = r.kind === 'service' ? childrenOf(r.id, 'serviceIdentifier').filter((l) => l.kind === 'listener').map((l) => ({ record: l, rules: childrenOf(l.id, 'listenerIdentifier').filter((x) => x.kind === 'rule').sort((a, b) => Number(a.spec.priority) - Number(b.spec.priority)) })) : [];
    const children = active.filter((c) => c.id !== r.id && boxOf(c) === r.id && c.kind !== 'listener' && c.kind !== 'rule');
    const height = estimateHeight(r.kind, listeners.length, listeners.reduce((n, l) => n + l.rules.length, 0));
    const m = input.marks.get(r.id);
    const data: RecordNodeData = {
      record: r,
      listeners,
      children,
      names,
      errors: boxIssues.get(r.id)?.errors ?? 0,
      warnings: boxIssues.get(r.id)?.warnings ?? 0,
      color: color(r.account),
      accountLabel: label(r.account),
    };
    if (m) data.mark = m.mark;
    const status = m?.arn ? input.statuses.get(m.arn) : undefined;
    if (status) data.status = status;
    const node: DesignFlowNode = { id: r.id, type: r.kind === 'service' ? 'service' : 'record', position: place(r.id, r.kind, height), data, selected: r.id === input.selectedId };
    if (node.position.y < 0) pending.push({ node, height });
    else nodes.push(node);
  }
  // Boxes without a position (a design started from the live estate) are laid out in one
  // band per account, as the topology groups them: columns by kind within each band.
  const accountOf = (n: DesignFlowNode) => ('vpc' in n.data ? (n.data as { vpc: { account: string } }).vpc.account : (n.data as RecordNodeData).record.account);
  const bands = new Map<string, typeof pending>();
  for (const p of pending) bands.set(accountOf(p.node), [...(bands.get(accountOf(p.node)) ?? []), p]);
  let bandTop = Math.max(0, ...columnBottom.values());
  for (const account of [...bands.keys()].sort((a, b) => label(a).localeCompare(label(b)) || a.localeCompare(b))) {
    const bottoms = new Map<number, number>();
    for (const { node, height } of bands.get(account)!) {
      const x = node.position.x;
      const y = bottoms.get(x) ?? bandTop;
      node.position = { x, y };
      bottoms.set(x, y + height + ROW_GAP);
      nodes.push(node);
    }
    bandTop = Math.max(bandTop, ...bottoms.values()) + ACCOUNT_GAP;
  }

  const edges: Edge[] = [];
  const vpcByVpcId = new Map(input.vpcs.map((v) => [`${v.account}:${v.vpcId}`, v.id]));
  const vpcAnyAccount = new Map(input.vpcs.map((v) => [v.vpcId, v.id]));
  const at = new Map(nodes.map((n) => [n.id, n.position]));
  const edge = (id: string, source: string, target: string, extra: Partial<Edge> = {}) => {
    const a = at.get(source);
    const b = at.get(target);
    if (!a || !b) return;
    // Leave from the side that faces the other box.
    const rightwards = a.x <= b.x;
    edges.push({ id, source, target, type: 'smoothstep', selected: id === input.selectedId, sourceHandle: rightwards ? 'out' : 'in', targetHandle: rightwards ? 'in' : 'out', ...extra });
  };
  const markOf = (id: string) => input.marks.get(id)?.mark;
  const assocStyle = (id: string) => ({ stroke: markOf(id) === 'new' ? '#059669' : '#64748b', strokeWidth: 1.6, strokeDasharray: markOf(id) === 'new' ? '5 3' : undefined });

  for (const r of active) {
    const s = r.spec;
    switch (r.kind) {
      case 'serviceNetworkServiceAssociation':
        edge(r.id, String(s.serviceIdentifier), String(s.serviceNetworkIdentifier), { style: assocStyle(r.id), label: 'associated', data: { recordId: r.id } });
        break;
      case 'serviceNetworkResourceAssociation':
        edge(r.id, String(s.resourceConfigurationIdentifier), String(s.serviceNetworkIdentifier), { style: assocStyle(r.id), label: 'associated', data: { recordId: r.id } });
        break;
      case 'serviceNetworkVpcAssociation': {
        const vpc = vpcByVpcId.get(`${r.account}:${String(s.vpcIdentifier)}`) ?? vpcAnyAccount.get(String(s.vpcIdentifier));
        const sgs = Array.isArray(s.securityGroupIds) ? s.securityGroupIds.length : 0;
        if (vpc) edge(r.id, vpc, String(s.serviceNetworkIdentifier), { style: assocStyle(r.id), label: sgs ? `VPC association · ${sgs} SG` : 'VPC association', data: { recordId: r.id } });
        break;
      }
      case 'serviceNetworkVpcEndpoint': {
        edge(`${r.id}:sn`, r.id, String(s.ServiceNetworkArn), { style: assocStyle(r.id), label: 'endpoint' });
        const vpc = vpcByVpcId.get(`${r.account}:${String(s.VpcId)}`);
        if (vpc) edge(`${r.id}:vpc`, vpc, r.id, { style: { stroke: '#94a3b8', strokeDasharray: '2 3' } });
        break;
      }
      case 'resourceConfiguration':
        if (typeof s.resourceGatewayIdentifier === 'string') edge(`${r.id}:gw`, String(s.resourceGatewayIdentifier), r.id, { style: { stroke: '#94a3b8', strokeDasharray: '4 3' }, label: 'gateway' });
        break;
      case 'listener':
      case 'rule': {
        const action = r.kind === 'listener' ? s.defaultAction : s.action;
        const groups = getIn(action, ['forward', 'targetGroups']);
        if (!Array.isArray(groups)) break;
        const service = r.kind === 'listener' ? String(s.serviceIdentifier) : String(byId.get(String(s.listenerIdentifier))?.spec.serviceIdentifier ?? '');
        const total = groups.reduce<number>((n, g) => n + (weightOf(g) ?? 0), 0);
        groups.forEach((g, i) => {
          const tg = groupOf(g);
          if (!tg) return;
          const w = weightOf(g);
          const share = total > 0 && w !== undefined && groups.length > 1 ? ` ${Math.round((w / total) * 100)}%` : '';
          const who = r.kind === 'listener' ? String(s.name ?? '') : `rule ${String(s.name ?? '')}`;
          edge(`${r.id}:fwd:${i}`, service, tg, {
            sourceHandle: `h:${r.kind === 'listener' ? r.id : String(s.listenerIdentifier)}`,
            label: `${who}${share}`,
            style: { stroke: '#4f46e5', strokeWidth: 1.4 },
            markerEnd: { type: MarkerType.ArrowClosed, color: '#4f46e5', width: 14, height: 14 },
            data: { recordId: r.id },
          });
        });
        break;
      }
    }
  }
  return { nodes, edges };
}

/** Where a new box of `kind` goes: its column, below the boxes already there. */
export function nextFreeSpot(kind: string, nodes: readonly DesignFlowNode[]): Position {
  const x = COLUMN_X[kind] ?? 0;
  let bottom = 0;
  for (const n of nodes) {
    if (Math.abs(n.position.x - x) > 120) continue;
    const h = n.measured?.height ?? (n.type === 'vpc' ? 64 : 90);
    bottom = Math.max(bottom, n.position.y + h + ROW_GAP);
  }
  return { x, y: bottom };
}
