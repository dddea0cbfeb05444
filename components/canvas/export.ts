'use client';
// Exports draw the whole graph, not just what is on screen: the viewport element is
// rendered off-screen with a transform that fits every node, at up to 4,096 px wide.

import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';

const MAX_SIDE = 4096;
const PADDING = 40;

export function download(dataUrl: string, filename: string): void {
  const a = document.createElement('a');
  a.href = dataUrl;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export async function renderImage(format: 'png' | 'svg', nodes: Node[], viewportEl: HTMLElement): Promise<string> {
  const bounds = getNodesBounds(nodes);
  const scale = Math.min(1, MAX_SIDE / (bounds.width + PADDING * 2), MAX_SIDE / (bounds.height + PADDING * 2));
  const width = Math.max(200, Math.round((bounds.width + PADDING * 2) * scale));
  const height = Math.max(150, Math.round((bounds.height + PADDING * 2) * scale));
  const viewport = getViewportForBounds(bounds, width, height, 0.01, 2, `${PADDING}px`);
  const options = {
    backgroundColor: '#ffffff',
    width,
    height,
    skipFonts: true,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})` },
    // Buttons inside boxes are controls, not part of the picture.
    filter: (el: HTMLElement) => !(el instanceof HTMLButtonElement),
  };
  return format === 'png' ? toPng(viewportEl, { ...options, pixelRatio: 1 }) : toSvg(viewportEl, options);
}

function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  download(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadJson(value: unknown, filename: string): void {
  downloadBlob(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }), filename);
}

/** Saves a rendered image: an SVG as its own text (a file any editor opens), a PNG as its bytes. */
export function downloadImage(dataUrl: string, filename: string): void {
  const comma = dataUrl.indexOf(',');
  const header = dataUrl.slice(0, comma);
  const body = dataUrl.slice(comma + 1);
  if (header.startsWith('data:image/svg+xml') && !header.includes(';base64')) {
    downloadBlob(new Blob([decodeURIComponent(body)], { type: 'image/svg+xml' }), filename);
    return;
  }
  download(dataUrl, filename);
}

export function exportFilename(ext: string, when = new Date()): string {
  return `trellis-topology-${when.toISOString().replace(/[:.]/g, '-').slice(0, 19)}.${ext}`;
}
