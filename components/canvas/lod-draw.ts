// Paints a level-of-detail scene (lod-scene.ts) onto a 2D canvas for one viewport: only what
// is in view, frames under lines under boxes, with as few fills and strokes as the look allows
// (boxes of one colour are one path, lines of one style are one path).

import { ACCESS_COLORS, MARK_COLORS } from './style';
import { boxStyle, COUNT_FONT, frameNamePlace, intersects, MIN_LABEL_PX, unoverlapped, curveControls, curveInView, curvePoint, fitLabel, inView, lineInView, nameFontPx, viewRect, type LodBox, type LodLine, type LodScene, type RaisedLine, type Rect } from './lod-scene';

/** The selection's colour on the DOM boxes (Tailwind indigo-600). */
const SELECTED = '#4f46e5';
const BOX_BORDER = '#cbd5e1';
const NAME = '#0f172a';
const FONT = 'ui-sans-serif, system-ui, sans-serif';
/** Opacity of what selection or the access path dims, as in canvas.css. */
const DIM_BOX = 0.28;
const DIM_LINE = 0.12;

/** A 2D context: the page's canvas, or a worker's offscreen one (lod-draw.worker.ts). */
export type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export interface Viewport {
  transform: readonly [number, number, number];
  width: number;
  height: number;
  /** Device pixels per CSS pixel. */
  ratio: number;
  /**
   * The part of the canvas that is on screen, in canvas coordinates, when the canvas is drawn
   * larger than the screen (lod-layer.tsx): counts and the boxes' style follow what is seen.
   */
  screen?: Rect;
  /** A picture for a view in motion, drawn again in full when it stops: without the boxes' names and the lines' counts, the costliest to rasterise. */
  moving?: boolean;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function fillRects(ctx: Context2D, boxes: readonly LodBox[], fill: string, rect: (b: LodBox) => [number, number, number, number]) {
  ctx.beginPath();
  for (const b of boxes) ctx.rect(...rect(b));
  ctx.fillStyle = fill;
  ctx.fill();
}

/** Draws the scene; returns how many boxes were in view (for the page's data attributes and tests). */
export function drawLodScene(ctx: Context2D, scene: LodScene, vp: Viewport): number {
  const [tx, ty, zoom] = vp.transform;
  const px = 1 / zoom;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, vp.width * vp.ratio, vp.height * vp.ratio);
  // Canvas coordinates from here on, as React Flow's viewport transform maps them.
  ctx.setTransform(zoom * vp.ratio, 0, 0, zoom * vp.ratio, tx * vp.ratio, ty * vp.ratio);
  const view = viewRect(vp.transform, vp.width, vp.height);

  // Account frames: a tint of the account's colour and a hairline, as the DOM frames.
  const frames = inView(scene.frames, view);
  for (const f of frames) {
    ctx.fillStyle = `${f.color}0d`;
    ctx.fillRect(f.x, f.y, f.width, f.height);
    ctx.strokeStyle = `${f.color}66`;
    ctx.lineWidth = px;
    ctx.strokeRect(f.x, f.y, f.width, f.height);
  }

  // Lines: straight, at least 0.75 px on screen; dashes only where they are large enough to see.
  for (const batch of scene.batches) {
    ctx.beginPath();
    let any = false;
    for (const l of batch.lines) {
      if (!lineInView(l, view)) continue;
      ctx.moveTo(l.x1, l.y1);
      ctx.lineTo(l.x2, l.y2);
      any = true;
    }
    if (!any) continue;
    ctx.globalAlpha = batch.dim ? DIM_LINE : 1;
    ctx.strokeStyle = batch.stroke;
    ctx.lineWidth = Math.max(batch.width, 0.75 * px);
    ctx.setLineDash(batch.dash.length && batch.dash[0] * zoom >= 2 ? batch.dash : []);
    ctx.stroke();
  }
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;

  const boxes = inView(scene.boxes, view);
  const onScreen = vp.screen ? inView(boxes, vp.screen).length : boxes.length;
  const screenHeight = (b: LodBox) => b.height * zoom;
  // Boxes of one size on screen share a style; opened services are taller, so each box decides.
  const byStyle = groupBy(boxes, (b) => boxStyle(screenHeight(b), onScreen));
  for (const dim of [true, false]) {
    ctx.globalAlpha = dim ? DIM_BOX : 1;
    // Far out: each box a block of its account's colour.
    const blocks = (byStyle.get('block') ?? []).filter((b) => b.dim === dim);
    for (const [color, list] of groupBy(blocks, (b) => b.color)) fillRects(ctx, list, color, (b) => [b.x, b.y, b.width, b.height]);
    // Nearer: white boxes with a border and the account's bar on the left, as in the DOM.
    const drawn = [...(byStyle.get('box') ?? []), ...(byStyle.get('named') ?? [])].filter((b) => b.dim === dim);
    if (!drawn.length) continue;
    const stacked = drawn.filter((b) => b.aggregate);
    if (stacked.length) {
      // A group of boxes shows as a small stack, as its DOM box does.
      fillRects(ctx, stacked, '#ffffff', (b) => [b.x + 6, b.y + 6, b.width, b.height]);
      ctx.strokeStyle = BOX_BORDER;
      ctx.lineWidth = px;
      ctx.stroke();
    }
    const [external, read] = [drawn.filter((b) => b.external), drawn.filter((b) => !b.external)];
    if (read.length) fillRects(ctx, read, '#ffffff', (b) => [b.x, b.y, b.width, b.height]);
    if (external.length) fillRects(ctx, external, '#f1f5f9', (b) => [b.x, b.y, b.width, b.height]);
    ctx.beginPath();
    for (const b of drawn) ctx.rect(b.x, b.y, b.width, b.height);
    ctx.strokeStyle = BOX_BORDER;
    ctx.lineWidth = px;
    ctx.stroke();
    const barWidth = Math.max(5, 3 * px);
    for (const [color, list] of groupBy(drawn, (b) => b.color)) fillRects(ctx, list, color, (b) => [b.x, b.y, Math.min(barWidth, b.width / 4), b.height]);
  }
  ctx.globalAlpha = 1;

  // Outlines that say something: a change mark, the access path, the selection (drawn last, on top).
  const outline = (b: LodBox, color: string, widthPx: number) => {
    ctx.strokeStyle = color;
    ctx.lineWidth = widthPx * px;
    const pad = (widthPx / 2) * px;
    ctx.strokeRect(b.x - pad, b.y - pad, b.width + 2 * pad, b.height + 2 * pad);
  };
  for (const b of boxes) {
    if (b.mark) outline(b, MARK_COLORS[b.mark], 2);
    if (b.access) outline(b, ACCESS_COLORS[b.access], 3);
  }

  // Names, in screen pixels so the text is crisp at any zoom.
  const named = byStyle.get('named') ?? [];
  ctx.setTransform(vp.ratio, 0, 0, vp.ratio, 0, 0);
  if (named.length && !vp.moving) {
    ctx.textBaseline = 'middle';
    let font = 0;
    for (const b of named) {
      const h = screenHeight(b);
      const size = nameFontPx(Math.min(h, 68 * zoom));
      if (size !== font) ctx.font = `600 ${(font = size)}px ${FONT}`;
      const left = tx + b.x * zoom;
      const inset = Math.min(barPx(zoom), b.width * zoom * 0.25) + 6;
      const text = fitLabel(b.label, b.width * zoom - inset - 4, size);
      if (!text) continue;
      ctx.globalAlpha = b.dim ? DIM_BOX : 1;
      ctx.fillStyle = NAME;
      // An opened service is tall: its name stands in its header, not in its middle.
      ctx.fillText(text, left + inset, ty + (b.y + Math.min(b.height, 68) / 2) * zoom);
    }
    ctx.globalAlpha = 1;
  }

  // Account names above their frames, as the DOM draws them far out, where the frame is wide
  // enough; where frames stand close together, inside the frame's top, or not at all: a name
  // must not sit on the frame above it.
  ctx.textBaseline = 'bottom';
  for (const f of frames) {
    const width = f.width * zoom;
    if (width < 48) continue;
    const size = width < 120 ? 11 : 13;
    const place = frameNamePlace(f, zoom, size);
    if (!place) continue;
    ctx.font = `600 ${size}px ${FONT}`;
    const text = fitLabel(f.label, width - size - (place === 'inside' ? 8 : 0), size);
    if (!text) continue;
    const x = tx + f.x * zoom + (place === 'inside' ? 6 : 0);
    const y = ty + f.y * zoom + (place === 'inside' ? size + 3 : -3);
    ctx.fillStyle = f.color;
    ctx.beginPath();
    ctx.arc(x + size * 0.3, y - size * 0.45, size * 0.3, 0, 2 * Math.PI);
    ctx.fill();
    // A white halo keeps the name readable where it overlaps the frame above.
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    ctx.lineWidth = 3;
    ctx.lineJoin = 'round';
    ctx.strokeText(text, x + size * 0.8, y);
    ctx.fillStyle = '#1e293b';
    ctx.fillText(text, x + size * 0.8, y);
  }

  // The selected box: an indigo outline, and a ring around it when the box is too small to see the outline.
  for (const b of boxes) {
    if (!b.selected) continue;
    const x = tx + b.x * zoom;
    const y = ty + b.y * zoom;
    const w = b.width * zoom;
    const h = b.height * zoom;
    ctx.strokeStyle = SELECTED;
    ctx.lineWidth = 2.5;
    ctx.strokeRect(x - 1.5, y - 1.5, w + 3, h + 3);
    if (h < 16) {
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(x + w / 2, y + h / 2, Math.max(w, h) / 2 + 8, 0, 2 * Math.PI);
      ctx.stroke();
    }
  }
  return onScreen;
}

/** Widths of label texts by font, measured once: measureText on every label of every frame is costly. */
const textWidths = new Map<string, number>();

function textWidth(ctx: Context2D, text: string): number {
  const key = `${ctx.font}|${text}`;
  let width = textWidths.get(key);
  if (width === undefined) {
    // Only a few fonts and label texts (kinds, counts): the cache stays small.
    if (textWidths.size > 5000) textWidths.clear();
    textWidths.set(key, (width = ctx.measureText(text).width));
  }
  return width;
}

function strokeCurves(ctx: Context2D, lines: readonly LodLine[]) {
  ctx.beginPath();
  for (const l of lines) {
    const { c1x, c2x } = curveControls(l);
    ctx.moveTo(l.x1, l.y1);
    ctx.bezierCurveTo(c1x, l.y1, c2x, l.y2, l.x2, l.y2);
  }
}

/** Arrowheads as React Flow's closed marker: 3.5 line widths long, 5.6 wide, pointing the line's way (always across, from left to right). */
function fillArrows(ctx: Context2D, lines: readonly LodLine[], width: number, color: string) {
  const arrows = lines.filter((l) => l.arrow);
  if (!arrows.length) return;
  const length = 3.5 * width;
  const half = 2.8 * width;
  ctx.beginPath();
  for (const l of arrows) {
    const [x, y, dir] = l.arrow === 'end' ? [l.x2, l.y2, 1] : [l.x1, l.y1, -1];
    ctx.moveTo(x, y);
    ctx.lineTo(x - dir * length, y - half);
    ctx.lineTo(x - dir * length, y + half);
    ctx.closePath();
  }
  ctx.fillStyle = color;
  ctx.fill();
}

export interface LinesDrawn {
  /** Lines in view. */
  count: number;
  /** The raised lines in view, as drawn, the last on top. */
  raised: RaisedLine[];
}

/**
 * The lines alone, as the DOM draws them at full detail: curves with their arrowheads, dashes
 * and counts, under the DOM boxes; then the raised lines (hovered, pinned, next to the
 * selection) over them, thicker, each named at its middle as the DOM names a hovered edge.
 */
export function drawLodLines(ctx: Context2D, scene: LodScene, vp: Viewport, raised: readonly RaisedLine[] = []): LinesDrawn {
  const [tx, ty, zoom] = vp.transform;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, vp.width * vp.ratio, vp.height * vp.ratio);
  ctx.setTransform(zoom * vp.ratio, 0, 0, zoom * vp.ratio, tx * vp.ratio, ty * vp.ratio);
  const view = viewRect(vp.transform, vp.width, vp.height);
  const labelled: LodLine[] = [];
  let count = 0;
  for (const batch of scene.batches) {
    const shown = batch.lines.filter((l) => curveInView(l, view));
    if (!shown.length) continue;
    count += vp.screen ? shown.filter((l) => curveInView(l, vp.screen!)).length : shown.length;
    ctx.globalAlpha = batch.dim ? DIM_LINE : 1;
    strokeCurves(ctx, shown);
    for (const l of shown) if (l.label) labelled.push(l);
    ctx.strokeStyle = batch.stroke;
    ctx.lineWidth = batch.width;
    ctx.setLineDash(batch.dash);
    ctx.stroke();
    ctx.setLineDash([]);
    fillArrows(ctx, shown, batch.width, batch.stroke);
  }
  ctx.globalAlpha = 1;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  // Counts at the lines' middles, on white, as the DOM's edge labels: only those large enough
  // to read, on screen, and clear of the counts drawn before them.
  if (labelled.length && !vp.moving && COUNT_FONT * zoom >= MIN_LABEL_PX) {
    ctx.font = `${COUNT_FONT}px ${FONT}`;
    const screen = { x: 0, y: 0, width: vp.width, height: vp.height };
    const places = [];
    for (const l of labelled) {
      const { x, y } = curvePoint(l, 0.5);
      const w = textWidth(ctx, l.label!) + 4;
      const plate = { x: tx + (x - w / 2) * zoom, y: ty + (y - 7) * zoom, width: w * zoom, height: 14 * zoom };
      if (intersects(plate, screen)) places.push({ l, x, y, w, plate });
    }
    const keep = unoverlapped(places.map((p) => p.plate));
    const drawn = places.filter((_, i) => keep[i]);
    // The plates as one path, then the texts: no change of fill between each.
    ctx.beginPath();
    for (const { x, y, w } of drawn) ctx.rect(x - w / 2, y - 7, w, 14);
    ctx.fillStyle = '#ffffff';
    ctx.fill();
    ctx.fillStyle = '#475569';
    for (const { l, x, y } of drawn) ctx.fillText(l.label!, x, y);
  }
  const lifted = raised.filter((r) => curveInView(r.line, view));
  const liftedOnScreen = vp.screen ? lifted.filter((r) => curveInView(r.line, vp.screen!)) : lifted;
  for (const r of lifted) {
    strokeCurves(ctx, [r.line]);
    ctx.strokeStyle = r.stroke;
    ctx.lineWidth = r.width;
    ctx.setLineDash(r.dash);
    ctx.stroke();
    ctx.setLineDash([]);
    fillArrows(ctx, [r.line], r.width, r.stroke);
  }
  // Their names over every line, in the DOM's label style: 11 px, on a rounded white plate.
  ctx.font = `500 11px ${FONT}`;
  for (const r of lifted) {
    if (!r.label) continue;
    const { x, y } = curvePoint(r.line, 0.5);
    const w = textWidth(ctx, r.label) + 10;
    ctx.globalAlpha = 0.95;
    ctx.fillStyle = '#ffffff';
    ctx.beginPath();
    ctx.roundRect(x - w / 2, y - 8, w, 16, 3);
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.fillStyle = '#334155';
    ctx.fillText(r.label, x, y);
  }
  ctx.textAlign = 'start';
  return { count, raised: liftedOnScreen };
}

/** The account's bar on screen (px): 5 canvas units, at least 3 px. */
function barPx(zoom: number): number {
  return Math.max(5 * zoom, 3);
}
