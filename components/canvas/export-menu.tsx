'use client';
import { useState } from 'react';
import { downloadBlob, download, exportFilename } from './export';
import { svgToPng } from './export-scene';
import { sceneToSvg, type SvgScene } from './svg-export';

/** PNG and SVG of the whole graph (not just what is in view), with a title, the legend and the snapshot's time; JSON of the data. */
export function ExportMenu({ scene, onExportJson }: { scene: () => SvgScene; onExportJson: () => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function exportImage(format: 'png' | 'svg') {
    setBusy(format);
    setError(null);
    try {
      const svg = sceneToSvg(scene());
      if (format === 'svg') downloadBlob(new Blob([svg], { type: 'image/svg+xml' }), exportFilename('svg'));
      else download(await svgToPng(svg), exportFilename('png'));
    } catch (err) {
      setError(`Export failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(null);
    }
  }

  const button = 'h-7 px-2.5 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:text-slate-400';
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex divide-x divide-slate-200 overflow-hidden rounded-md bg-white shadow-sm ring-1 ring-slate-200" role="group" aria-label="Export">
        <span className="flex h-7 items-center px-2.5 text-[11px] font-medium text-slate-500">Export</span>
        <button type="button" className={button} disabled={!!busy} onClick={() => exportImage('png')} data-testid="export-png" title="A picture with a title, the legend and the snapshot's time">
          {busy === 'png' ? 'PNG…' : 'PNG'}
        </button>
        <button type="button" className={button} disabled={!!busy} onClick={() => exportImage('svg')} data-testid="export-svg" title="Plain SVG shapes and text: opens in draw.io, Inkscape and Visio">
          {busy === 'svg' ? 'SVG…' : 'SVG'}
        </button>
        <button type="button" className={button} onClick={onExportJson} data-testid="export-json">
          JSON
        </button>
      </div>
      {error && <div className="max-w-xs rounded bg-red-50 px-2 py-1 text-xs text-red-700 ring-1 ring-red-200">{error}</div>}
    </div>
  );
}
