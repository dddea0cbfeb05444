'use client';
import { useReactFlow } from '@xyflow/react';
import { useState, type RefObject } from 'react';
import { downloadImage, exportFilename, renderImage } from './export';

export function ExportMenu({ containerRef, onExportJson, prepare, finish }: { containerRef: RefObject<HTMLDivElement | null>; onExportJson: () => void; prepare: () => Promise<void>; finish: () => void }) {
  const flow = useReactFlow();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function exportImage(format: 'png' | 'svg') {
    setBusy(format);
    setError(null);
    try {
      await prepare();
      const viewport = containerRef.current?.querySelector<HTMLElement>('.react-flow__viewport');
      if (!viewport) throw new Error('the canvas is not on the page');
      const url = await renderImage(format, flow.getNodes(), viewport);
      downloadImage(url, exportFilename(format));
    } catch (err) {
      setError(`Export failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      finish();
      setBusy(null);
    }
  }

  const button = 'h-7 px-2.5 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:text-slate-400';
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex divide-x divide-slate-200 overflow-hidden rounded-md bg-white shadow-sm ring-1 ring-slate-200" role="group" aria-label="Export">
        <span className="flex h-7 items-center px-2.5 text-[11px] font-medium text-slate-500">Export</span>
        <button type="button" className={button} disabled={!!busy} onClick={() => exportImage('png')} data-testid="export-png">
          {busy === 'png' ? 'PNG…' : 'PNG'}
        </button>
        <button type="button" className={button} disabled={!!busy} onClick={() => exportImage('svg')} data-testid="export-svg">
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
