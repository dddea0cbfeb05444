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
// too far (quickly then: at half resolution, without the names), and once more, in full, at the
// exact zoom, when the view stands still (lod-picture.ts).

import { useStoreApi } from '@xyflow/react';
import { useLayoutEffect, useRef } from 'react';
import { drawLodLines, drawLodScene } from './lod-draw';
import { marginFor, MOVING_RESOLUTION, pictureTransform, SETTLE_MS, stillShows, type Drawn } from './lod-picture';
import { viewRect, type LodScene, type RaisedLine } from './lod-scene';

const NONE: readonly RaisedLine[] = [];
/** Writes a data attribute only when its value changes. */
function setData(el: HTMLElement, key: string, value: string | undefined) {
  if (el.dataset[key] === value) return;
  if (value === undefined) delete el.dataset[key];
  else el.dataset[key] = value;
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
      const { dx, dy, scale } = pictureTransform(current, store.getState().transform);
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
