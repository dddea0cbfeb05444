'use client';
// The canvas zoomed out: one <canvas> under React Flow's pane, painted from its viewport
// transform once per animation frame while the view moves, in place of thousands of DOM boxes
// and SVG lines. It takes no pointer events: clicks reach the pane, and the canvas hit-tests them.

import { useStoreApi } from '@xyflow/react';
import { useLayoutEffect, useRef } from 'react';
import { drawLodScene } from './lod-draw';
import type { LodScene } from './lod-scene';

export function LodLayer({ scene }: { scene: LodScene }) {
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
      const count = drawLodScene(ctx, scene, { transform, width, height, ratio });
      canvas.dataset.boxesInView = String(count);
    };
    // The first picture before the browser paints, so the switch from the DOM boxes shows no empty frame.
    draw();
    const unsubscribe = store.subscribe((s, prev) => {
      if (frame || (s.transform === prev.transform && s.width === prev.width && s.height === prev.height)) return;
      frame = requestAnimationFrame(draw);
    });
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [scene, store]);

  return <canvas ref={ref} className="pointer-events-none absolute inset-0 z-[1] h-full w-full" data-testid="lod-layer" aria-hidden="true" />;
}
