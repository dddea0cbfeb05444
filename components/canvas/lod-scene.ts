// The far-out picture of the canvas as plain data: account frames, boxes and straight lines in
// the canvas's own coordinates, taken from the same React Flow nodes and edges the DOM draws
// (so selection, dimming, change marks and the access path look the same). lod-layer.tsx
// paints it onto one <canvas>; everything here is pure: which items are in view, how large a
// box is on screen, which box a click lands on.

import type { Edge } from '@xyflow/react';
import type { ChangeMark } from '@/lib/topology';
import { DIM_CLASS } from './highlight';
import { LOD_LEVELS } from './lod-label';
import type { CanvasFlowNode } from './nodes';

/** How much further in than its threshold the view must be before the layer gives way to the DOM again, so a zoom near the threshold does not flip between the two. */
export const LOD_HYSTERESIS = 1.15;

/**
 * Whether the level-of-detail layer draws the boxes at a zoom, instead of React Flow's DOM, given
 * whether it draws them now: every canvas at the minimal level (a box under 14 px high), a large
 * one already at the low level, where the names still read but thousands of DOM boxes would move
 * with each frame. Once on, it stays on until the view is a little further in.
 */
export function lodLayerWanted(zoom: number, large: boolean, plain: boolean, active: boolean): boolean {
  if (plain) return false;
  const below = LOD_LEVELS.find((l) => l.level === (large ? 'low' : 'minimal'))!.below;
  return zoom < (active ? below * LOD_HYSTERESIS : below);
}

/**
 * Which lines the DOM draws at full detail when the canvas layer draws the others (a large
 * graph): the access path and the lines of their own kind (an invitation's accept and reject).
 * Hovered, pinned and selected lines stay on the layer, raised (`raisedLines`): React Flow draws
 * no edge whose end boxes it has not mounted, and on a large graph a box out of view is not.
 */
export function drawnInDom(edge: Edge): boolean {
  if (edge.type && edge.type !== 'default') return true;
  return !!edge.className && /(^|\s)access-edge/.test(edge.className);
}

/** A line drawn over the others, thicker and with its name: hovered, pinned, or next to the selected box. */
export interface RaisedLine {
  line: LodLine;
  stroke: string;
  width: number;
  dash: number[];
  label?: string;
}

/** The scene's lines with these ids, in the order given (the last is drawn on top), each with its name; ids not in the scene are left out. */
export function raisedLines(scene: LodScene, ids: Iterable<string>, labelOf: (id: string) => string | undefined): RaisedLine[] {
  const order = [...ids];
  if (!order.length) return [];
  const wanted = new Set(order);
  const found = new Map<string, RaisedLine>();
  for (const batch of scene.batches) {
    for (const line of batch.lines) {
      if (!wanted.has(line.id)) continue;
      const raised: RaisedLine = { line, stroke: batch.stroke, width: batch.width + 1, dash: batch.dash };
      const label = labelOf(line.id);
      if (label) raised.label = label;
      found.set(line.id, raised);
    }
  }
  return order.flatMap((id) => found.get(id) ?? []);
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LodBox extends Rect {
  id: string;
  label: string;
  /** The account's colour: the bar on a box zoomed in, the whole box far out. */
  color: string;
  aggregate: boolean;
  /** Referenced by another account, not read itself. */
  external: boolean;
  selected: boolean;
  dim: boolean;
  mark?: ChangeMark;
  access?: 'path' | 'failed';
}

export interface LodFrame extends Rect {
  account: string;
  label: string;
  color: string;
  /** Free space (canvas units) above the frame, up to the next frame over it: where its name can stand. */
  room: number;
  /** Free space (canvas units) inside the frame above its first box: where its name can stand otherwise. */
  inset: number;
}

export interface LodLine {
  id: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** The count a line of several associations shows at its middle. */
  label?: string;
  /** Where the line's arrowhead is, as the DOM's marker. */
  arrow?: 'start' | 'end';
}

/** Lines drawn alike, stroked as one path. */
export interface LodLineBatch {
  stroke: string;
  width: number;
  dash: number[];
  dim: boolean;
  lines: LodLine[];
}

export interface LodScene {
  frames: LodFrame[];
  boxes: LodBox[];
  batches: LodLineBatch[];
}

const DEFAULT_STROKE = '#94a3b8';

function dashOf(value: unknown): number[] {
  if (typeof value === 'number') return [value, value];
  if (typeof value !== 'string' || !value.trim()) return [];
  return value
    .trim()
    .split(/[\s,]+/)
    .map(Number)
    .filter((n) => Number.isFinite(n) && n >= 0);
}

function hasClass(className: string | undefined, name: string): boolean {
  return !!className && className.split(/\s+/).includes(name);
}

/** The scene of what React Flow would draw: frames under lines under boxes, in the order given. */
export function buildLodScene(nodes: readonly CanvasFlowNode[], edges: readonly Edge[]): LodScene {
  const frames: LodFrame[] = [];
  const boxes: LodBox[] = [];
  const rects = new Map<string, Rect>();
  for (const n of nodes) {
    const width = n.width ?? n.measured?.width ?? 0;
    const height = n.height ?? n.measured?.height ?? 0;
    const rect = { x: n.position.x, y: n.position.y, width, height };
    rects.set(n.id, rect);
    if (n.type === 'account') {
      frames.push({ ...rect, account: n.data.account, label: n.data.label, color: n.data.color, room: Infinity, inset: height });
      continue;
    }
    const box: LodBox = {
      ...rect,
      id: n.id,
      label: n.data.view.label,
      color: n.data.color,
      aggregate: n.type === 'aggregate',
      external: !!n.data.view.node?.external,
      selected: !!n.selected,
      dim: hasClass(n.className, DIM_CLASS),
    };
    if (n.data.mark) box.mark = n.data.mark;
    if (hasClass(n.className, 'access-failed')) box.access = 'failed';
    else if (hasClass(n.className, 'access-path')) box.access = 'path';
    boxes.push(box);
  }
  placeFrameNames(frames, nodes);
  const batches = new Map<string, LodLineBatch>();
  for (const e of edges) {
    const from = rects.get(e.source);
    const to = rects.get(e.target);
    if (!from || !to || e.hidden) continue;
    const style = e.style ?? {};
    const stroke = typeof style.stroke === 'string' ? style.stroke : DEFAULT_STROKE;
    const width = Number(style.strokeWidth ?? 1.25) || 1.25;
    const dash = dashOf(style.strokeDasharray);
    const dim = hasClass(e.className, DIM_CLASS);
    const key = `${stroke}|${width}|${dash.join(',')}|${dim}`;
    let batch = batches.get(key);
    if (!batch) batches.set(key, (batch = { stroke, width, dash, dim, lines: [] }));
    // From the right side of the source to the left side of the target, where the DOM's handles are.
    const line: LodLine = { id: e.id, x1: from.x + from.width, y1: from.y + from.height / 2, x2: to.x, y2: to.y + to.height / 2 };
    if (typeof e.label === 'string' && e.label) line.label = e.label;
    if (e.markerEnd) line.arrow = 'end';
    else if (e.markerStart) line.arrow = 'start';
    batch.lines.push(line);
  }
  // Dimmed lines first, so the lit ones are drawn over them.
  const ordered = [...batches.values()].sort((a, b) => Number(b.dim) - Number(a.dim));
  return { frames, boxes, batches: ordered };
}

/** Each frame's room for its name: above it, up to the frame over it, and inside it, above its first box. */
function placeFrameNames(frames: LodFrame[], nodes: readonly CanvasFlowNode[]) {
  const firstTop = new Map<string, number>();
  for (const n of nodes) {
    if (n.type === 'account') continue;
    const account = n.data.view.account;
    firstTop.set(account, Math.min(firstTop.get(account) ?? Infinity, n.position.y));
  }
  for (const f of frames) {
    const top = firstTop.get(f.account);
    if (top !== undefined) f.inset = Math.max(0, top - f.y);
    for (const g of frames) {
      if (g === f || g.x >= f.x + f.width || g.x + g.width <= f.x) continue;
      const bottom = g.y + g.height;
      if (bottom <= f.y + 1) f.room = Math.min(f.room, f.y - bottom);
    }
  }
}

/** Where a frame's name of a height (px on screen) stands: above the frame, inside its top, or nowhere when neither has room. */
export function frameNamePlace(f: LodFrame, zoom: number, namePx: number): 'above' | 'inside' | null {
  const need = namePx + 4;
  if (f.room * zoom >= need) return 'above';
  if (f.inset * zoom >= need) return 'inside';
  return null;
}

/** The part of the canvas on screen, in canvas coordinates, for React Flow's transform [x, y, zoom]. */
export function viewRect(transform: readonly [number, number, number], width: number, height: number): Rect {
  const [tx, ty, zoom] = transform;
  return { x: -tx / zoom, y: -ty / zoom, width: width / zoom, height: height / zoom };
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y;
}

export function lineInView(l: LodLine, view: Rect): boolean {
  const minX = Math.min(l.x1, l.x2);
  const minY = Math.min(l.y1, l.y2);
  return minX <= view.x + view.width && Math.max(l.x1, l.x2) >= view.x && minY <= view.y + view.height && Math.max(l.y1, l.y2) >= view.y;
}

/**
 * A line as the DOM draws it at full detail (React Flow's bezier from a right-hand handle to a
 * left-hand one): its two control points.
 */
export function curveControls(l: LodLine): { c1x: number; c2x: number } {
  const distance = l.x2 - l.x1;
  const offset = distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance);
  return { c1x: l.x1 + offset, c2x: l.x2 - offset };
}

/** The box around a curved line (its control points included): the test for whether it is in view. */
export function curveInView(l: LodLine, view: Rect): boolean {
  const { c1x, c2x } = curveControls(l);
  const minX = Math.min(l.x1, l.x2, c1x, c2x);
  const maxX = Math.max(l.x1, l.x2, c1x, c2x);
  return minX <= view.x + view.width && maxX >= view.x && Math.min(l.y1, l.y2) <= view.y + view.height && Math.max(l.y1, l.y2) >= view.y;
}

/** The point of a curved line at t (0 at its source, 1 at its target). */
export function curvePoint(l: LodLine, t: number): { x: number; y: number } {
  const { c1x, c2x } = curveControls(l);
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * l.x1 + b * c1x + c * c2x + d * l.x2, y: (a + b) * l.y1 + (c + d) * l.y2 };
}

const CURVE_STEPS = 16;

/** The curved line within `tolerance` (canvas units) of a point, nearest first; lines on top win ties. */
export function hitTestLine(batches: readonly LodLineBatch[], point: { x: number; y: number }, tolerance: number): LodLine | null {
  let best: LodLine | null = null;
  let bestDistance = tolerance;
  const near: Rect = { x: point.x - tolerance, y: point.y - tolerance, width: 2 * tolerance, height: 2 * tolerance };
  for (const batch of batches) {
    for (const l of batch.lines) {
      if (!curveInView(l, near)) continue;
      let prev = curvePoint(l, 0);
      for (let i = 1; i <= CURVE_STEPS; i++) {
        const next = curvePoint(l, i / CURVE_STEPS);
        const d = segmentDistance(point, prev, next);
        if (d <= bestDistance) {
          bestDistance = d;
          best = l;
        }
        prev = next;
      }
    }
  }
  return best;
}

function segmentDistance(p: { x: number; y: number }, a: { x: number; y: number }, b: { x: number; y: number }): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = dx * dx + dy * dy;
  const t = length ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length)) : 0;
  return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
}

/** The items at least partly in view, in their order. */
export function inView<T extends Rect>(items: readonly T[], view: Rect): T[] {
  return items.filter((r) => intersects(r, view));
}

/** The box under a point in canvas coordinates: the last drawn wins, as on screen. */
export function hitTest(boxes: readonly LodBox[], point: { x: number; y: number }): LodBox | null {
  for (let i = boxes.length - 1; i >= 0; i--) {
    const b = boxes[i];
    if (point.x >= b.x && point.x <= b.x + b.width && point.y >= b.y && point.y <= b.y + b.height) return b;
  }
  return null;
}

/** How a box is drawn at a height on screen (px): a block of its account's colour, or a box with a bar and maybe its name. */
export type BoxStyle = 'block' | 'box' | 'named';

/** Boxes lower than this on screen are blocks of colour: a white box with a 5 px bar would show no colour at all. */
export const BLOCK_BELOW_PX = 7;
/** Names are written in boxes at least this high on screen. */
export const NAMED_FROM_PX = 12;
/** More boxes in view than this and names are left out: they would not read, and each costs a text draw. */
export const MAX_NAMED_BOXES = 1500;

export function boxStyle(screenHeight: number, boxesInView: number): BoxStyle {
  if (screenHeight < BLOCK_BELOW_PX) return 'block';
  if (screenHeight < NAMED_FROM_PX || boxesInView > MAX_NAMED_BOXES) return 'box';
  return 'named';
}

/** The font size (px on screen) of a box's name: large enough to read, small enough to fit the box. */
export function nameFontPx(screenHeight: number): number {
  return Math.max(8, Math.min(13, Math.floor(screenHeight * 0.5)));
}

/** A name cut to fit a width on screen, with an ellipsis; glyphs are taken as 0.6 em wide (bold sans-serif). */
export function fitLabel(label: string, widthPx: number, fontPx: number): string {
  const chars = Math.floor(widthPx / (fontPx * 0.6));
  if (chars <= 1) return '';
  return label.length <= chars ? label : `${label.slice(0, chars - 1)}…`;
}

/** Counts on lines are written this large, in canvas units, as the DOM's edge labels. */
export const COUNT_FONT = 10;
/** Below this size on screen (px) a count does not read: it is left out, and so is the cost of drawing it. */
export const MIN_LABEL_PX = 7;

/**
 * Which labels to draw, given their places on screen in drawing order: each one that overlaps
 * none drawn before it. Where many lines meet, their middles pile up; one readable count beats a
 * stack of unreadable ones, and each text drawn costs time in every frame.
 */
export function unoverlapped(rects: readonly Rect[], cell = 64): boolean[] {
  const grid = new Map<string, Rect[]>();
  return rects.map((r) => {
    const x0 = Math.floor(r.x / cell);
    const x1 = Math.floor((r.x + r.width) / cell);
    const y0 = Math.floor(r.y / cell);
    const y1 = Math.floor((r.y + r.height) / cell);
    for (let cx = x0; cx <= x1; cx++) for (let cy = y0; cy <= y1; cy++) if (grid.get(`${cx},${cy}`)?.some((o) => intersects(o, r))) return false;
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const key = `${cx},${cy}`;
        const list = grid.get(key);
        if (list) list.push(r);
        else grid.set(key, [r]);
      }
    }
    return true;
  });
}
