// An access decision drawn over the canvas (components/access/highlight builds it): boxes on
// the path get a ring, lines on the path turn indigo and animate, the failing link turns red,
// and a link that does not exist is drawn as a red dashed line with the reason.
import { MarkerType, type Edge } from '@xyflow/react';
import type { AccessHighlight } from '@/components/access/highlight';
import { DIM_CLASS, joinClass } from './highlight';
import { ACCESS_COLORS } from './style';

export function accessNodes<N extends { id: string; type?: string; className?: string }>(nodes: N[], access: AccessHighlight | undefined): N[] {
  if (!access || (!access.nodes.size && !access.missing)) return nodes;
  return nodes.map((n) => {
    if (n.type === 'account') return n;
    const m = access.nodes.get(n.id);
    // Off the path: dimmed the same way selection dims what is not a neighbour.
    if (!m) return access.nodes.size ? { ...n, className: joinClass(n.className, DIM_CLASS) } : n;
    return { ...n, className: joinClass(n.className, m === 'failed' ? 'access-failed' : 'access-path') };
  });
}

export function accessEdges(edges: Edge[], access: AccessHighlight | undefined): Edge[] {
  if (!access) return edges;
  const out = edges.map((e) => {
    const m = access.edges.get(e.id);
    if (!m) return access.edges.size || access.missing ? { ...e, className: joinClass(e.className, DIM_CLASS) } : e;
    const color = ACCESS_COLORS[m];
    return {
      ...e,
      animated: m === 'path',
      zIndex: 1,
      className: m === 'failed' ? 'access-edge-failed' : 'access-edge-path',
      style: { ...e.style, stroke: color, strokeWidth: 3.5, opacity: 1 },
      // The layout orients lines for drawing, not for the request: no arrowheads on the path.
      markerEnd: undefined,
      markerStart: undefined,
      data: { ...e.data, access: m },
    } satisfies Edge;
  });
  if (access.missing) {
    const { id, source, target, label } = access.missing;
    out.push({
      id,
      source,
      target,
      type: 'default',
      selectable: false,
      focusable: false,
      zIndex: 1,
      className: 'access-edge-missing',
      style: { stroke: ACCESS_COLORS.failed, strokeWidth: 3, strokeDasharray: '7 5' },
      label: `✕ ${label}`,
      labelStyle: { fontSize: 11, fill: ACCESS_COLORS.failed, fontWeight: 600 },
      labelBgStyle: { fill: '#fff1f2' },
      labelBgPadding: [6, 3],
      markerEnd: { type: MarkerType.ArrowClosed, color: ACCESS_COLORS.failed, width: 14, height: 14 },
      data: { access: 'missing' },
    });
  }
  return out;
}
