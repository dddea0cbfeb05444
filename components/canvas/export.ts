'use client';
// Downloads of what the canvas exports (the pictures are drawn by svg-export.ts).

export function download(dataUrl: string, filename: string): void {
  const a = document.createElement('a');
  a.href = dataUrl;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  download(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadJson(value: unknown, filename: string): void {
  downloadBlob(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }), filename);
}

export function exportFilename(ext: string, when = new Date()): string {
  return `trellis-topology-${when.toISOString().replace(/[:.]/g, '-').slice(0, 19)}.${ext}`;
}
