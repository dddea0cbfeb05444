// From what the canvas holds (React Flow nodes and edges with their data) to the plain scene
// the SVG serializer draws, and from that SVG to a PNG of the same picture.

import type { Edge } from '@xyflow/react';
import { isResourceKind, KIND_LABELS, type EdgeKind } from '@/lib/topology';
import { INVITATION_EDGE_STYLE } from '@/components/sharing/edge-styles';
import { legendLines } from './edge-kinds';
import { NODE_WIDTH } from './layout/layout-input';
import { subtitle, type CanvasFlowNode } from './nodes';
import { KIND_SHORT, statusClass, statusWord } from './style';
import type { SvgBox, SvgGroup, SvgLine, SvgScene } from './svg-export';

export function snapshotLine(discoveredAt: string | undefined): string {
  if (!discoveredAt) return 'Snapshot time unknown';
  const d = new Date(discoveredAt);
  return Number.isNaN(d.getTime()) ? `Snapshot ${discoveredAt}` : `Snapshot taken ${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function sceneFromFlow(nodes: readonly CanvasFlowNode[], edges: readonly Edge[], meta: { title: string; discoveredAt?: string }): SvgScene {
  const groups: SvgGroup[] = [];
  const boxes: SvgBox[] = [];
  const rect = new Map<string, { x: number; y: number; width: number; height: number }>();
  for (const n of nodes) {
    if (n.hidden) continue;
    if (n.type === 'account') {
      const g = { x: n.position.x, y: n.position.y, width: n.data.width, height: n.data.height };
      rect.set(n.id, g);
      groups.push({ ...g, label: n.data.label, account: n.data.account, color: n.data.color });
      continue;
    }
    const view = n.data.view;
    const width = n.width ?? NODE_WIDTH;
    const height = n.data.height;
    rect.set(n.id, { x: n.position.x, y: n.position.y, width, height });
    const kind = view.kind === 'aggregate' ? `${KIND_SHORT[view.aggregate!.kind]}s` : KIND_SHORT[view.kind];
    const box: SvgBox = { id: n.id, x: n.position.x, y: n.position.y, width, height, label: view.label, kind, color: n.data.color };
    const sub = view.kind === 'aggregate' ? '' : subtitle(view);
    if (sub) box.subtitle = sub;
    if (view.status && statusClass(view.status) !== 'active') box.status = statusWord(view.status);
    if (view.node?.external) box.external = true;
    boxes.push(box);
  }

  const lines: SvgLine[] = [];
  const kinds = new Set<string>();
  for (const e of edges) {
    const a = rect.get(e.source);
    const b = rect.get(e.target);
    if (!a || !b || e.hidden) continue;
    const style = (e.style ?? {}) as { stroke?: string; strokeWidth?: number; strokeDasharray?: string };
    const data = (e.data ?? {}) as { kind?: string; label?: string };
    const invitation = e.type === 'invitation';
    kinds.add(invitation ? 'invitation' : (data.kind ?? ''));
    const line: SvgLine = {
      id: e.id,
      from: { x: a.x + a.width, y: a.y + a.height / 2 },
      to: { x: b.x, y: b.y + (invitation ? 17 : b.height / 2) },
      stroke: style.stroke ?? (invitation ? INVITATION_EDGE_STYLE.stroke : '#94a3b8'),
      width: Number(style.strokeWidth ?? 1.25),
    };
    if (style.strokeDasharray) line.dash = style.strokeDasharray;
    if (e.markerEnd) line.arrow = 'end';
    else if (e.markerStart) line.arrow = 'start';
    const label = invitation ? 'invitation (pending)' : typeof e.label === 'string' && e.label ? e.label : undefined;
    if (label) line.label = label;
    lines.push(line);
  }

  const legend = legendLines()
    .filter((l) => kinds.has(l.id))
    .map((l) => ({ label: l.label, stroke: l.style.stroke, width: l.style.width, dash: l.style.dash, arrow: l.style.arrow }));
  const accounts = groups.map((g) => ({ label: `${g.label} ${g.account}`.trim(), color: g.color }));
  return { title: meta.title, subtitle: snapshotLine(meta.discoveredAt), groups, boxes, lines, legend: { lines: legend, accounts } };
}

/** Kinds on a flow's edges, for the on-screen legend. */
export function edgeKindsOf(edges: readonly Edge[]): Set<EdgeKind | 'invitation' | 'crossAccount'> {
  const out = new Set<EdgeKind | 'invitation' | 'crossAccount'>();
  for (const e of edges) {
    if (e.type === 'invitation') out.add('invitation');
    else if ((e.data as { kind?: EdgeKind } | undefined)?.kind) out.add((e.data as { kind: EdgeKind }).kind);
  }
  return out;
}

export function kindLabel(kind: string): string {
  return isResourceKind(kind) ? KIND_LABELS[kind] : kind;
}

const MAX_SIDE = 4096;

/** Draws the SVG onto a canvas: the PNG has the same title, legend and time as the SVG. */
export async function svgToPng(svg: string): Promise<string> {
  const [, w, h] = svg.match(/width="(\d+)" height="(\d+)"/)!.map(Number);
  const scale = Math.min(2, MAX_SIDE / w, MAX_SIDE / h);
  const image = new Image();
  image.decoding = 'async';
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(w * scale);
  canvas.height = Math.round(h * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw a PNG');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png');
}
