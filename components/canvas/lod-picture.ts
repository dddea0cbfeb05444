// Where the level-of-detail layer's picture (lod-layer.tsx) stands: drawn for one view with a
// margin past the screen's edges, then moved and scaled by the compositor onto later views until
// it no longer shows them well. Pure, so it can be tested without a browser.

import type { ReactFlowState } from '@xyflow/react';
import { viewRect, type Rect } from './lod-scene';

/** How far past each edge of the screen the picture is drawn, as a share of the screen's size: at rest, and in motion (at a lower resolution, so more room costs no more pixels). */
const MARGIN = { still: 0.25, moving: 0.5 };
/** The most device pixels the drawn picture may have: on a large, dense screen the margin shrinks. */
const MAX_PIXELS = 12_000_000;
/** How far a zoom in may scale the drawn picture before it is drawn again (it blurs); zooming out, the margin runs out first. */
const MAX_ZOOM_IN = 2;
/** While the view moves, the picture is drawn at this share of the screen's resolution: a quarter of the pixels to rasterise, and a moving picture's blur goes unseen. */
export const MOVING_RESOLUTION = 0.5;
/** How long the view must stand still before the picture is drawn again at its exact zoom. */
export const SETTLE_MS = 200;

/** What is on the canvas: drawn for this viewport, with this margin (CSS px) on each side. */
export interface Drawn {
  transform: ReactFlowState['transform'];
  width: number;
  height: number;
  margin: { x: number; y: number };
  /** Drawn at the moving resolution: to be drawn again in full when the view stands still. */
  moving: boolean;
}

/** The margin for a screen of this size: MARGIN of it, less where the picture would pass MAX_PIXELS. */
export function marginFor(width: number, height: number, ratio: number, moving: boolean): { x: number; y: number } {
  const room = Math.sqrt(MAX_PIXELS / Math.max(1, width * height * ratio * ratio));
  const share = Math.max(0, Math.min(moving ? MARGIN.moving : MARGIN.still, (room - 1) / 2));
  return { x: Math.round(width * share), y: Math.round(height * share) };
}

function contains(outer: Rect, inner: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

/** Whether the drawn picture, moved and scaled, still shows the view well: all of it, not blown up or shrunk too far. */
export function stillShows(drawn: Drawn, { transform, width, height }: Pick<ReactFlowState, 'transform' | 'width' | 'height'>): boolean {
  if (width !== drawn.width || height !== drawn.height) return false;
  const scale = transform[2] / drawn.transform[2];
  if (scale > MAX_ZOOM_IN) return false;
  const [x, y, zoom] = drawn.transform;
  const area = viewRect([x + drawn.margin.x, y + drawn.margin.y, zoom], width + 2 * drawn.margin.x, height + 2 * drawn.margin.y);
  return contains(area, viewRect(transform, width, height));
}

/**
 * The CSS transform (from the canvas's top-left corner, which sits at −margin) that puts a
 * picture drawn for one view onto another: a point drawn at (p·zoom0 + x0 + margin) in the
 * canvas must show at (p·zoom + x) on screen.
 */
export function pictureTransform(drawn: Drawn, [x, y, zoom]: ReactFlowState['transform']): { dx: number; dy: number; scale: number } {
  const [x0, y0, zoom0] = drawn.transform;
  const scale = zoom / zoom0;
  return { dx: x + drawn.margin.x - (x0 + drawn.margin.x) * scale, dy: y + drawn.margin.y - (y0 + drawn.margin.y) * scale, scale };
}
