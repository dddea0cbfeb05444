'use client';
// One <canvas> under React Flow's boxes, painted from its viewport transform once per animation
// frame while the view moves. Zoomed out it draws everything (frames, boxes, lines) in place of
// thousands of DOM boxes and SVG lines; zoomed in on a large graph it draws the lines only, under
// the DOM boxes, in place of thousands of SVG paths, with the hovered, pinned and selected ones
// raised over the others and named. It takes no pointer events: clicks reach the
// pane, and the canvas hit-tests them.

import { useStoreApi } from '@xyflow/react';
import { useLayoutEffect, useRef } from 'react';
import { drawLodLines, drawLodScene } from './lod-draw';
import type { LodScene, RaisedLine } from './lod-scene';

const NONE: readonly RaisedLine[] = [];

/** Writes a data attribute only when its value changes: drawn each frame of a move, most counts stay the same. */
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
    let frame = 0;
    const draw = () => {
      frame = 0;
      const canvas = ref.current;
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) return;
      const { transform, width, height } = store.getState();
      const ratio = window.devicePixelRatio || 1;
      const w = Math.round(width * ratio);
      const h = Math.round(height * ratio);
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      const viewport = { transform, width, height, ratio };
      if (linesOnly) {
        const drawn = drawLodLines(ctx, scene, viewport, raised);
        setData(canvas, 'linesInView', String(drawn.count));
        // What is raised and named, for tests: the canvas's pixels are not in the DOM.
        setData(canvas, 'raisedLines', drawn.raised.map((r) => r.line.id).join(' '));
        setData(canvas, 'raisedLabels', drawn.raised.flatMap((r) => r.label ?? []).join(' | '));
        setData(canvas, 'boxesInView', undefined);
      } else {
        setData(canvas, 'boxesInView', String(drawLodScene(ctx, scene, viewport)));
        setData(canvas, 'linesInView', undefined);
        setData(canvas, 'raisedLines', undefined);
        setData(canvas, 'raisedLabels', undefined);
      }
    };
    // The first picture before the browser paints, so a switch from or to the DOM shows no empty frame.
    draw();
    const unsubscribe = store.subscribe((s, prev) => {
      if (frame || (s.transform === prev.transform && s.width === prev.width && s.height === prev.height)) return;
      frame = requestAnimationFrame(draw);
    });
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [scene, store, linesOnly, raised]);

  return <canvas ref={ref} className="pointer-events-none absolute inset-0 z-[1] h-full w-full" data-testid={linesOnly ? 'line-layer' : 'lod-layer'} aria-hidden="true" />;
}
