// View graph + layout → React Flow nodes and edges. React Flow objects are a view of the
// Topology, rebuilt from it; nothing here is the store of truth.

import { MarkerType, Position, type Edge, type NodeHandle } from '@xyflow/react';
import { edgeAriaLabel, nodeAriaLabel } from './aria-labels';
import { statusClass, type ChangeMark, type ServiceDetail, type ViewGraph } from '@/lib/topology';
import { orientEdge, NODE_WIDTH } from './layout/layout-input';
import { statusWord } from './style';
import { GROUP_HEADER, GROUP_PADDING, type LayoutResult, type Rect } from './layout/types';
import type { AccountFlowNode, CanvasFlowNode, CanvasNodeData } from './nodes';
import type { SharingOverlay } from '@/lib/sharing';
import { invitationEdges, ownershipOf, withOwnershipStyle } from '@/components/sharing/canvas-overlay';
import { edgeKindStyle, edgeLabel } from './edge-kinds';

export interface FlowInput {
  view: ViewGraph;
  layout: LayoutResult;
  heights: ReadonlyMap<string, number>;
  colors: ReadonlyMap<string, string>;
  accountNames: ReadonlyMap<string, string>;
  marks: ReadonlyMap<string, ChangeMark>;
  details: ReadonlyMap<string, ServiceDetail>;
  expanded: ReadonlySet<string>;
  /** Positions the user dragged boxes to; they win over the layout. */
  saved: Readonly<Record<string, { x: number; y: number }>>;
  overlay?: SharingOverlay;
}

export function accountLabel(account: string, names: ReadonlyMap<string, string>): string {
  return names.get(account) ?? (account ? 'account' : 'Outside the configured accounts');
}

export function buildFlow(input: FlowInput): { nodes: CanvasFlowNode[]; edges: Edge[] } {
  const { view, layout, heights, colors, marks, saved } = input;
  const positions = new Map<string, { x: number; y: number }>();
  for (const n of view.nodes) positions.set(n.id, saved[n.id] ?? layout.positions[n.id] ?? { x: 0, y: 0 });

  const resourceNodes: CanvasFlowNode[] = view.nodes.map((n) => {
    const height = heights.get(n.id) ?? 68;
    const data: CanvasNodeData = {
      view: n,
      color: colors.get(n.account) ?? '#64748b',
      accountLabel: accountLabel(n.account, input.accountNames),
      height,
      sharedWith: n.node ? n.node.seenBy.filter((a) => a !== n.account).length : 0,
      ownership: ownershipOf(input.overlay, n.id),
      accountNames: input.accountNames,
    };
    const mark = marks.get(n.id);
    if (mark) data.mark = mark;
    if (n.kind === 'service') {
      data.expanded = input.expanded.has(n.id);
      const detail = input.details.get(n.id);
      if (data.expanded && detail) data.detail = detail;
    }
    const type = n.kind === 'aggregate' ? 'aggregate' : n.kind === 'service' ? 'service' : n.kind === 'iamRole' ? 'caller' : 'resource';
    return {
      id: n.id,
      type,
      ariaLabel: nodeAriaLabel(n),
      position: positions.get(n.id)!,
      data,
      width: NODE_WIDTH,
      height,
      // Where the box's two handles stand, known before it renders: React Flow otherwise renders
      // every box it has not measured, in view or not.
      handles: boxHandles(height),
      // Account groups under the lines, boxes over them.
      zIndex: 2,
    } as CanvasFlowNode;
  });

  const groupRects = groupBounds(view, positions, heights, layout.groups);
  const counts = new Map<string, number>();
  for (const n of view.nodes) counts.set(n.account, (counts.get(n.account) ?? 0) + (n.aggregate?.members.length ?? 1));
  const groupNodes: AccountFlowNode[] = view.accounts
    .filter((a) => groupRects.has(a))
    .map((account) => {
      const r = groupRects.get(account)!;
      return {
        id: `account:${account}`,
        type: 'account',
        position: { x: r.x, y: r.y },
        data: { account, label: accountLabel(account, input.accountNames), color: colors.get(account) ?? '#64748b', count: counts.get(account) ?? 0, width: r.width, height: r.height },
        width: r.width,
        height: r.height,
        selectable: false,
        draggable: false,
        focusable: false,
        zIndex: -1,
      };
    });

  const viewNodes = new Map(view.nodes.map((n) => [n.id, n]));
  const edges: Edge[] = view.edges.map((e) => {
    const { from, to } = orientEdge(e);
    const sc = statusClass(e.status);
    const mark = marks.get(e.id);
    const kindStyle = edgeKindStyle(e.kind);
    // The kind gives the pattern; a change mark or a status recolours it.
    const color = mark === 'added' ? '#059669' : mark === 'removed' ? '#dc2626' : sc === 'failed' ? '#dc2626' : sc === 'pending' ? '#d97706' : kindStyle.stroke;
    const width = e.count > 1 ? Math.min(kindStyle.width + Math.log2(e.count), 5) : kindStyle.width;
    const edge: Edge = {
      id: e.id,
      source: from,
      target: to,
      type: 'default',
      ariaLabel: edgeAriaLabel(e, viewNodes.get(from), viewNodes.get(to)),
      selectable: false,
      focusable: false,
      zIndex: 0,
      style: withOwnershipStyle(e.id, { stroke: color, strokeWidth: width, strokeDasharray: kindStyle.dash }, input.overlay),
      data: { kind: e.kind, status: e.status ?? '', label: edgeLabel(e.kind, e.count, e.status) },
    };
    if (e.count > 1) {
      edge.label = String(e.count);
      edge.labelStyle = { fontSize: 10, fill: '#475569' };
      edge.labelBgStyle = { fill: '#fff' };
    }
    // The arrow points the API's way, also where the picture draws the line the other way round.
    if (kindStyle.arrow) edge[from === e.source ? 'markerEnd' : 'markerStart'] = { type: MarkerType.ArrowClosed, color, width: 14, height: 14 };
    // A PrivateLink connection not (yet) accepted says so on its line.
    if (e.kind === 'vpcEndpointConnection' && e.count === 1 && sc !== 'active' && e.status) {
      edge.label = statusWord(e.status);
      edge.labelStyle = { fontSize: 10, fill: sc === 'failed' ? '#b91c1c' : '#b45309' };
      edge.labelBgStyle = { fill: '#fff' };
    }
    return edge;
  });

  if (input.overlay) edges.push(...invitationEdges(input.overlay, new Set([...resourceNodes, ...groupNodes].map((n) => n.id))));
  return { nodes: [...groupNodes, ...resourceNodes], edges };
}

/** HANDLE_SIZE px handles centred on the box's left and right borders (inside its 1 px border), as nodes.tsx draws them. */
const HANDLE_SIZE = 6;
export function boxHandles(height: number): NodeHandle[] {
  const y = height / 2 - HANDLE_SIZE / 2;
  return [
    { type: 'target', position: Position.Left, x: 1 - HANDLE_SIZE / 2, y, width: HANDLE_SIZE, height: HANDLE_SIZE },
    { type: 'source', position: Position.Right, x: NODE_WIDTH - 1 - HANDLE_SIZE / 2, y, width: HANDLE_SIZE, height: HANDLE_SIZE },
  ];
}

/** Each account's box: around its resources where they are now (the user may have moved some). */
export function groupBounds(view: ViewGraph, positions: ReadonlyMap<string, { x: number; y: number }>, heights: ReadonlyMap<string, number>, layoutGroups: Readonly<Record<string, Rect>>): Map<string, Rect> {
  const rects = new Map<string, Rect>();
  const extent = new Map<string, { minX: number; minY: number; maxX: number; maxY: number }>();
  for (const n of view.nodes) {
    const p = positions.get(n.id);
    if (!p) continue;
    const h = heights.get(n.id) ?? 68;
    const e = extent.get(n.account);
    if (!e) extent.set(n.account, { minX: p.x, minY: p.y, maxX: p.x + NODE_WIDTH, maxY: p.y + h });
    else {
      e.minX = Math.min(e.minX, p.x);
      e.minY = Math.min(e.minY, p.y);
      e.maxX = Math.max(e.maxX, p.x + NODE_WIDTH);
      e.maxY = Math.max(e.maxY, p.y + h);
    }
  }
  for (const [account, e] of extent) {
    const fromLayout = layoutGroups[account];
    const tight = { x: e.minX - GROUP_PADDING, y: e.minY - GROUP_HEADER, width: e.maxX - e.minX + GROUP_PADDING * 2, height: e.maxY - e.minY + GROUP_HEADER + GROUP_PADDING };
    // Keep the layout's box when the boxes still fit in it (it is wider for short titles).
    if (fromLayout && tight.x >= fromLayout.x && tight.y >= fromLayout.y && tight.x + tight.width <= fromLayout.x + fromLayout.width && tight.y + tight.height <= fromLayout.y + fromLayout.height) rects.set(account, fromLayout);
    else rects.set(account, tight);
  }
  // An account with no boxes keeps the frame the layout gave it.
  for (const account of view.accounts) if (!rects.has(account) && layoutGroups[account]) rects.set(account, layoutGroups[account]);
  return rects;
}
