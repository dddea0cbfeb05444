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
        canvas.dataset.linesInView = String(drawn.count);
        // What is raised and named, for tests: the canvas's pixels are not in the DOM.
        canvas.dataset.raisedLines = drawn.raised.map((r) => r.line.id).join(' ');
        canvas.dataset.raisedLabels = drawn.raised.flatMap((r) => r.label ?? []).join(' | ');
        delete canvas.dataset.boxesInView;
      } else {
        canvas.dataset.boxesInView = String(drawLodScene(ctx, scene, viewport));
        delete canvas.dataset.linesInView;
        delete canvas.dataset.raisedLines;
        delete canvas.dataset.raisedLabels;
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
