'use client';
// One <canvas> under React Flow's boxes. Zoomed out it draws everything (frames, boxes, lines) in
// place of thousands of DOM boxes and SVG lines; zoomed in on a large graph it draws the lines
// only, under the DOM boxes, in place of thousands of SVG paths, with the hovered, pinned and
// selected ones raised over the others and named. It takes no pointer events: clicks reach the
// pane, and the canvas hit-tests them.
//
// The picture is drawn larger than the screen, and while the view pans or zooms the compositor
// moves and scales it: drawing it means rasterising thousands of shapes, far more than a frame
// allows. It is drawn again only when the view leaves the drawn margin or the zoom has scaled it
// too far, and once more, at the exact zoom, when the view stands still.

import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useLayoutEffect, useRef } from 'react';
import { drawLodLines, drawLodScene } from './lod-draw';
import { viewRect, type LodScene, type RaisedLine, type Rect } from './lod-scene';

const NONE: readonly RaisedLine[] = [];
/** How far past each edge of the screen the picture is drawn, as a share of the screen's size: at rest, and in motion (at a lower resolution, so more room costs no more pixels). */
const MARGIN = { still: 0.25, moving: 0.5 };
/** The most device pixels the drawn picture may have: on a large, dense screen the margin shrinks. */
const MAX_PIXELS = 12_000_000;
/** How far a zoom in may scale the drawn picture before it is drawn again (it blurs); zooming out, the margin runs out first. */
const MAX_ZOOM_IN = 2;
/** While the view moves, the picture is drawn at this share of the screen's resolution: a quarter of the pixels to rasterise, and a moving picture's blur goes unseen. */
const MOVING_RESOLUTION = 0.5;
/** How long the view must stand still before the picture is drawn again at its exact zoom. */
const SETTLE_MS = 200;

/** Writes a data attribute only when its value changes. */
function setData(el: HTMLElement, key: string, value: string | undefined) {
  if (el.dataset[key] === value) return;
  if (value === undefined) delete el.dataset[key];
  else el.dataset[key] = value;
}

/** What is on the canvas: drawn for this viewport, with this margin (CSS px) on each side. */
interface Drawn {
  transform: ReactFlowState['transform'];
  width: number;
  height: number;
  margin: { x: number; y: number };
  /** Drawn at the moving resolution: to be drawn again in full when the view stands still. */
  moving: boolean;
}

/** The margin for a screen of this size: MARGIN of it, less where the picture would pass MAX_PIXELS. */
function marginFor(width: number, height: number, ratio: number, moving: boolean): { x: number; y: number } {
  const room = Math.sqrt(MAX_PIXELS / Math.max(1, width * height * ratio * ratio));
  const share = Math.max(0, Math.min(moving ? MARGIN.moving : MARGIN.still, (room - 1) / 2));
  return { x: Math.round(width * share), y: Math.round(height * share) };
}

function contains(outer: Rect, inner: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

/** Whether the drawn picture, moved and scaled, still shows the view well: all of it, not blown up or shrunk too far. */
function stillShows(drawn: Drawn, { transform, width, height }: Pick<ReactFlowState, 'transform' | 'width' | 'height'>): boolean {
  if (width !== drawn.width || height !== drawn.height) return false;
  const scale = transform[2] / drawn.transform[2];
  if (scale > MAX_ZOOM_IN) return false;
  const [x, y, zoom] = drawn.transform;
  const area = viewRect([x + drawn.margin.x, y + drawn.margin.y, zoom], width + 2 * drawn.margin.x, height + 2 * drawn.margin.y);
  return contains(area, viewRect(transform, width, height));
}

/** `raised`: with `linesOnly`, the lines drawn over the others, named (hovered, pinned, next to the selection), the last on top. */
export function LodLayer({ scene, linesOnly = false, raised = NONE }: { scene: LodScene; linesOnly?: boolean; raised?: readonly RaisedLine[] }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const store = useStoreApi();

  useLayoutEffect(() => {
    let drawn: Drawn | null = null;
    let settle: ReturnType<typeof setTimeout> | undefined;

    /** Moves and scales the drawn picture onto the current view: a transform the compositor applies. */
    const place = (canvas: HTMLCanvasElement, current: Drawn) => {
      const [tx, ty, zoom] = store.getState().transform;
      const [x0, y0, zoom0] = current.transform;
      const scale = zoom / zoom0;
      // A point drawn at (p·zoom0 + x0 + margin) in the canvas shows at (p·zoom + tx) on screen; the canvas's corner sits at −margin.
      const dx = tx + current.margin.x - (x0 + current.margin.x) * scale;
      const dy = ty + current.margin.y - (y0 + current.margin.y) * scale;
      canvas.style.transform = scale === 1 ? `translate(${dx}px, ${dy}px)` : `translate(${dx}px, ${dy}px) scale(${scale})`;
    };

    /** Draws the picture for the current view; `moving`: at a lower resolution, drawn again in full once the view stands still. */
    const draw = (moving = false) => {
      const canvas = ref.current;
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) return;
      const { transform, width, height } = store.getState();
      const ratio = (window.devicePixelRatio || 1) * (moving ? MOVING_RESOLUTION : 1);
      const margin = marginFor(width, height, ratio, moving);
      const cssWidth = width + 2 * margin.x;
      const cssHeight = height + 2 * margin.y;
      const w = Math.round(cssWidth * ratio);
      const h = Math.round(cssHeight * ratio);
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      Object.assign(canvas.style, { left: `${-margin.x}px`, top: `${-margin.y}px`, width: `${cssWidth}px`, height: `${cssHeight}px` });
      const viewport = { transform: [transform[0] + margin.x, transform[1] + margin.y, transform[2]] as const, width: cssWidth, height: cssHeight, ratio, screen: viewRect(transform, width, height), moving };
      if (linesOnly) {
        const lines = drawLodLines(ctx, scene, viewport, raised);
        setData(canvas, 'linesInView', String(lines.count));
        // What is raised and named, for tests: the canvas's pixels are not in the DOM.
        setData(canvas, 'raisedLines', lines.raised.map((r) => r.line.id).join(' '));
        setData(canvas, 'raisedLabels', lines.raised.flatMap((r) => r.label ?? []).join(' | '));
        setData(canvas, 'boxesInView', undefined);
      } else {
        setData(canvas, 'boxesInView', String(drawLodScene(ctx, scene, viewport)));
        setData(canvas, 'linesInView', undefined);
        setData(canvas, 'raisedLines', undefined);
        setData(canvas, 'raisedLabels', undefined);
      }
      drawn = { transform, width, height, margin, moving };
      place(canvas, drawn);
    };

    // The first picture before the browser paints, so a switch from or to the DOM shows no empty frame.
    draw();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.transform === prev.transform && s.width === prev.width && s.height === prev.height) return;
      const canvas = ref.current;
      if (!canvas) return;
      // Moved within what is drawn: shift the picture. Past it: draw anew, now, so no frame shows its edge.
      if (drawn && stillShows(drawn, s)) place(canvas, drawn);
      else draw(true);
      clearTimeout(settle);
      settle = setTimeout(() => {
        if (drawn && (drawn.moving || drawn.transform !== store.getState().transform)) draw();
      }, SETTLE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(settle);
    };
  }, [scene, store, linesOnly, raised]);

  return <canvas ref={ref} className="pointer-events-none absolute z-[1] origin-top-left will-change-transform" data-testid={linesOnly ? 'line-layer' : 'lod-layer'} aria-hidden="true" />;
}
