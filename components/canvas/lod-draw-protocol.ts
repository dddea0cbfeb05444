// The messages between the level-of-detail layer (lod-layer.tsx) and its drawing worker (lod-draw.worker.ts).
import type { Viewport } from './lod-draw';
import type { LodScene, RaisedLine } from './lod-scene';

export type LodDrawRequest =
  /** What to draw from now on; `version` tells its pictures from those of an earlier scene. */
  | { type: 'scene'; version: number; scene: LodScene; linesOnly: boolean; raised: readonly RaisedLine[] }
  /** One picture, for this viewport, of this many device pixels. */
  | { type: 'draw'; id: number; version: number; viewport: Viewport; pixelWidth: number; pixelHeight: number };

/** What a picture shows, for the page's data attributes (tests and tools read them: the pixels are not in the DOM). */
export interface LodPictureFacts {
  boxesInView?: number;
  linesInView?: number;
  raisedLines?: string[];
  raisedLabels?: string[];
}

export interface LodDrawResult extends LodPictureFacts {
  id: number;
  version: number;
  /** Null when the worker no longer holds the scene asked for. */
  bitmap: ImageBitmap | null;
}
