// Draws the level-of-detail layer's pictures for a view in motion off the page's main thread
// (lod-layer.tsx): rasterising thousands of shapes takes longer than a frame, and here it does
// not hold up the frames that move the last picture meanwhile.
import { drawLodLines, drawLodScene } from './lod-draw';
import type { LodDrawRequest, LodDrawResult, LodPictureFacts } from './lod-draw-protocol';
import type { LodScene, RaisedLine } from './lod-scene';

let current: { version: number; scene: LodScene; linesOnly: boolean; raised: readonly RaisedLine[] } | null = null;
let canvas: OffscreenCanvas | null = null;

self.onmessage = (event: MessageEvent<LodDrawRequest>) => {
  const request = event.data;
  if (request.type === 'scene') {
    current = request;
    return;
  }
  const { id, version, viewport, pixelWidth, pixelHeight } = request;
  // The page has moved on to another scene since asking (it will ask again), or there is nothing to see (no empty bitmap exists).
  if (!current || current.version !== version || !pixelWidth || !pixelHeight) {
    self.postMessage({ id, version, bitmap: null } satisfies LodDrawResult);
    return;
  }
  if (!canvas || canvas.width !== pixelWidth || canvas.height !== pixelHeight) canvas = new OffscreenCanvas(pixelWidth, pixelHeight);
  const ctx = canvas.getContext('2d')!;
  let facts: LodPictureFacts;
  if (current.linesOnly) {
    const lines = drawLodLines(ctx, current.scene, viewport, current.raised);
    facts = { linesInView: lines.count, raisedLines: lines.raised.map((r) => r.line.id), raisedLabels: lines.raised.flatMap((r) => r.label ?? []) };
  } else {
    facts = { boxesInView: drawLodScene(ctx, current.scene, viewport) };
  }
  const bitmap = canvas.transferToImageBitmap();
  self.postMessage({ id, version, bitmap, ...facts } satisfies LodDrawResult, { transfer: [bitmap] });
};
