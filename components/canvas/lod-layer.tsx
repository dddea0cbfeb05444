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
// too far (quickly then: at half resolution, without the names, by a worker, lod-draw.worker.ts,
// while the last picture keeps moving with the view), and once more, in full, at the exact zoom,
// when the view stands still (lod-picture.ts).
//
// Each picture reaches the canvas as one bitmap (a `bitmaprenderer` context), which the
// compositor keeps as it is while it moves it. A 2D canvas would be copied out to the compositor
// again on every frame it moves in: on a picture of millions of pixels, a good part of a frame.

import { useStoreApi } from '@xyflow/react';
import { useLayoutEffect, useRef } from 'react';
import { drawLodLines, drawLodScene, type Context2D } from './lod-draw';
import type { LodDrawRequest, LodDrawResult, LodPictureFacts } from './lod-draw-protocol';
import { marginFor, MOVING_RESOLUTION, pictureTransform, SETTLE_MS, stillShows, type Drawn } from './lod-picture';
import { viewRect, type LodScene, type RaisedLine } from './lod-scene';

const NONE: readonly RaisedLine[] = [];
/** Writes a data attribute only when its value changes. */
function setData(el: HTMLElement, key: string, value: string | undefined) {
  if (el.dataset[key] === value) return;
  if (value === undefined) delete el.dataset[key];
  else el.dataset[key] = value;
}

/** What the canvas shows, on its data attributes, for tests and tools: the pixels are not in the DOM. */
function record(canvas: HTMLCanvasElement, facts: LodPictureFacts) {
  setData(canvas, 'boxesInView', facts.boxesInView?.toString());
  setData(canvas, 'linesInView', facts.linesInView?.toString());
  setData(canvas, 'raisedLines', facts.raisedLines?.join(' '));
  setData(canvas, 'raisedLabels', facts.raisedLabels?.join(' | '));
}

/**
 * The worker that draws the pictures for a view in motion, started on the first move that needs
 * one and shared by the page's layers; null where the browser has no workers or offscreen
 * canvases, or the worker failed: the page then draws those pictures itself.
 */
let drawingWorker: Worker | null | undefined;
function theDrawingWorker(): Worker | null {
  if (drawingWorker !== undefined) return drawingWorker;
  try {
    drawingWorker = typeof OffscreenCanvas === 'undefined' ? null : new Worker(new URL('./lod-draw.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    drawingWorker = null;
  }
  drawingWorker?.addEventListener('error', () => {
    drawingWorker?.terminate();
    drawingWorker = null;
  });
  return drawingWorker;
}
/** Tells one layer's scene from another's in the shared worker, and one request from another. */
let sceneVersions = 0;
let drawRequests = 0;

/** `raised`: with `linesOnly`, the lines drawn over the others, named (hovered, pinned, next to the selection), the last on top. */
export function LodLayer({ scene, linesOnly = false, raised = NONE }: { scene: LodScene; linesOnly?: boolean; raised?: readonly RaisedLine[] }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const store = useStoreApi();

  useLayoutEffect(() => {
    let drawn: Drawn | null = null;
    let settle: ReturnType<typeof setTimeout> | undefined;
    // Pictures drawn here, counted: a worker's picture asked for before the latest of them is stale.
    let pictures = 0;

    /** Moves and scales the drawn picture onto the current view: a transform the compositor applies. */
    const place = (canvas: HTMLCanvasElement, current: Drawn) => {
      const { dx, dy, scale } = pictureTransform(current, store.getState().transform);
      canvas.style.transform = scale === 1 ? `translate(${dx}px, ${dy}px)` : `translate(${dx}px, ${dy}px) scale(${scale})`;
    };

    /** The picture for the current view: its size, margin and resolution; `moving`, a quick one for a view in motion. */
    const geometry = (moving: boolean) => {
      const { transform, width, height } = store.getState();
      const ratio = (window.devicePixelRatio || 1) * (moving ? MOVING_RESOLUTION : 1);
      const margin = marginFor(width, height, ratio, moving);
      const cssWidth = width + 2 * margin.x;
      const cssHeight = height + 2 * margin.y;
      const drawnFor: Drawn = { transform, width, height, margin, moving };
      const viewport = { transform: [transform[0] + margin.x, transform[1] + margin.y, transform[2]] as const, width: cssWidth, height: cssHeight, ratio, screen: viewRect(transform, width, height), moving };
      return { drawn: drawnFor, cssWidth, cssHeight, pixelWidth: Math.round(cssWidth * ratio), pixelHeight: Math.round(cssHeight * ratio), viewport };
    };

    /** Puts a drawn picture on the canvas's place on screen, where its view now is. */
    const show = (canvas: HTMLCanvasElement, g: ReturnType<typeof geometry>, facts: LodPictureFacts) => {
      Object.assign(canvas.style, { left: `${-g.drawn.margin.x}px`, top: `${-g.drawn.margin.y}px`, width: `${g.cssWidth}px`, height: `${g.cssHeight}px` });
      record(canvas, facts);
      drawn = g.drawn;
      place(canvas, drawn);
    };

    // Without offscreen canvases (older browsers), pictures are drawn on the canvas's own 2D context.
    const bitmaps = typeof OffscreenCanvas === 'undefined' ? null : ref.current?.getContext('bitmaprenderer');
    let scratch: OffscreenCanvas | null = null;

    /** Puts a picture on the canvas as it is (its pixels are handed over, not copied). */
    const showBitmap = (canvas: HTMLCanvasElement, renderer: ImageBitmapRenderingContext, bitmap: ImageBitmap) => {
      if (canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
        canvas.width = bitmap.width;
        canvas.height = bitmap.height;
      }
      renderer.transferFromImageBitmap(bitmap);
    };

    /** Draws a picture of `g`'s size with `drawInto`, and puts it on the canvas: what it shows, or null when there is no context. */
    const paint = (canvas: HTMLCanvasElement, g: ReturnType<typeof geometry>, drawInto: (ctx: Context2D) => LodPictureFacts): LodPictureFacts | null => {
      if (bitmaps) {
        // Nothing to see yet (the pane not measured): there is no empty bitmap, so no picture either.
        if (!g.pixelWidth || !g.pixelHeight) {
          canvas.width = canvas.height = 0;
          return {};
        }
        if (!scratch || scratch.width !== g.pixelWidth || scratch.height !== g.pixelHeight) scratch = new OffscreenCanvas(g.pixelWidth, g.pixelHeight);
        const ctx = scratch.getContext('2d');
        if (!ctx) return null;
        const facts = drawInto(ctx);
        showBitmap(canvas, bitmaps, scratch.transferToImageBitmap());
        return facts;
      }
      const ctx = canvas.getContext('2d');
      if (!ctx) return null;
      if (canvas.width !== g.pixelWidth || canvas.height !== g.pixelHeight) {
        canvas.width = g.pixelWidth;
        canvas.height = g.pixelHeight;
      }
      return drawInto(ctx);
    };

    /** Draws the picture for the current view here, now; `moving`: the quick one, drawn again in full once the view stands still. */
    const draw = (moving = false) => {
      const canvas = ref.current;
      if (!canvas) return;
      const g = geometry(moving);
      const facts = paint(canvas, g, (ctx) => {
        if (!linesOnly) return { boxesInView: drawLodScene(ctx, scene, g.viewport) };
        const lines = drawLodLines(ctx, scene, g.viewport, raised);
        return { linesInView: lines.count, raisedLines: lines.raised.map((r) => r.line.id), raisedLabels: lines.raised.flatMap((r) => r.label ?? []) };
      });
      if (!facts) return;
      pictures++;
      show(canvas, g, facts);
    };

    // The pictures for a view in motion come from the worker; meanwhile the last one moves with the view.
    const version = ++sceneVersions;
    let sceneSent: Worker | null = null;
    let asked: { id: number; geometry: ReturnType<typeof geometry>; pictures: number } | null = null;
    // Pictures the worker drew that were shown, counted on the canvas (`data-worker-pictures`) for tests and tools.
    let fromWorker = 0;
    let askAgain = false;
    const askForPicture = () => {
      // The worker's pictures are bitmaps: only a canvas that shows bitmaps takes them.
      const worker = bitmaps ? theDrawingWorker() : null;
      if (!worker) {
        // No worker, or it failed (and will answer nothing): draw here.
        asked = null;
        return draw(true);
      }
      if (asked) {
        askAgain = true;
        return;
      }
      // The scene goes to the worker once, when a move first needs it (a copy of thousands of boxes).
      if (sceneSent !== worker) {
        worker.addEventListener('message', onPicture);
        worker.postMessage({ type: 'scene', version, scene, linesOnly, raised } satisfies LodDrawRequest);
        sceneSent = worker;
      }
      const g = geometry(true);
      asked = { id: ++drawRequests, geometry: g, pictures };
      worker.postMessage({ type: 'draw', id: asked.id, version, viewport: g.viewport, pixelWidth: g.pixelWidth, pixelHeight: g.pixelHeight } satisfies LodDrawRequest);
    };
    const onPicture = (event: MessageEvent<LodDrawResult>) => {
      const result = event.data;
      if (result.version !== version || result.id !== asked?.id) return;
      const { geometry: g, pictures: before } = asked;
      asked = null;
      const canvas = ref.current;
      // A picture drawn here since (the view stood still) is newer than this one.
      if (result.bitmap && canvas && bitmaps && pictures === before) {
        showBitmap(canvas, bitmaps, result.bitmap);
        show(canvas, g, result);
        setData(canvas, 'workerPictures', String(++fromWorker));
      } else result.bitmap?.close();
      if (askAgain) {
        askAgain = false;
        if (drawn && !stillShows(drawn, store.getState())) askForPicture();
      }
    };

    // The first picture before the browser paints, so a switch from or to the DOM shows no empty frame.
    draw();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.transform === prev.transform && s.width === prev.width && s.height === prev.height) return;
      const canvas = ref.current;
      if (!canvas || !drawn) return;
      // Moved within what is drawn: shift the picture. Past it: shift it still, and ask for a new one.
      place(canvas, drawn);
      if (!stillShows(drawn, s)) askForPicture();
      clearTimeout(settle);
      settle = setTimeout(() => {
        if (drawn && (drawn.moving || drawn.transform !== store.getState().transform)) draw();
      }, SETTLE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(settle);
      sceneSent?.removeEventListener('message', onPicture);
    };
  }, [scene, store, linesOnly, raised]);

  return <canvas ref={ref} className="pointer-events-none absolute z-[1] origin-top-left will-change-transform" data-testid={linesOnly ? 'line-layer' : 'lod-layer'} aria-hidden="true" />;
}
