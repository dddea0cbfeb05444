'use client';
// The canvas legend: what each box and each kind of line means. Lines present on the canvas
// come first; every other kind the topology knows follows, so a new kind appears here as
// soon as it exists.

import { useState } from 'react';
import { CANVAS_KINDS, KIND_LABELS, type ResourceKind } from '@/lib/topology';
import { cn } from '@/components/ui/cn';
import { KindIcon } from './kind-icon';
import { legendLines, type LegendLine } from './edge-kinds';

export function LineSwatch({ style, width = 30 }: { style: LegendLine['style']; width?: number }) {
  return (
    <svg width={width} height={10} viewBox={`0 0 ${width} 10`} aria-hidden="true" className="shrink-0">
      <line x1={1} y1={5} x2={style.arrow ? width - 6 : width - 1} y2={5} stroke={style.stroke} strokeWidth={Math.max(1.5, style.width)} strokeDasharray={style.dash} />
      {style.arrow && <path d={`M${width - 7} 1.5 L${width - 1} 5 L${width - 7} 8.5 Z`} fill={style.stroke} />}
    </svg>
  );
}

export function CanvasLegend({ presentEdgeKinds, presentNodeKinds }: { presentEdgeKinds: ReadonlySet<string>; presentNodeKinds: ReadonlySet<string> }) {
  const [open, setOpen] = useState(true);
  const lines = legendLines();
  const shown = lines.filter((l) => presentEdgeKinds.has(l.id));
  const others = lines.filter((l) => !presentEdgeKinds.has(l.id));
  const kinds: ResourceKind[] = [...CANVAS_KINDS].sort((a, b) => Number(presentNodeKinds.has(b)) - Number(presentNodeKinds.has(a)));
  return (
    <section className="pointer-events-auto flex max-h-full w-[228px] flex-col rounded-md bg-white/95 text-[11px] text-slate-700 shadow-sm ring-1 ring-slate-200" aria-label="Legend" data-testid="canvas-legend" data-open={open}>
      <button type="button" className="flex w-full shrink-0 items-center justify-between px-2.5 py-1.5 text-[11px] font-semibold text-slate-600 hover:bg-slate-50" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="legend-toggle">
        Legend
        <span className="font-normal text-slate-400">{open ? 'Hide' : 'Show'}</span>
      </button>
      {open && (
        <div className="min-h-0 overflow-y-auto border-t border-slate-100 px-2.5 pt-1.5 pb-2">
          <h3 className="mb-1 text-[10px] font-semibold uppercase tracking-wide text-slate-500">Boxes</h3>
          <ul className="space-y-0.5">
            {kinds.map((k) => (
              <li key={k} className={cn('flex items-center gap-1.5', !presentNodeKinds.has(k) && 'text-slate-400')} data-testid="legend-node" data-kind={k}>
                <KindIcon kind={k} className="size-3.5 shrink-0" />
                {KIND_LABELS[k]}
              </li>
            ))}
            <li className="flex items-center gap-1.5">
              <span className="h-3 w-3.5 shrink-0 rounded-sm border border-slate-300 [background-image:repeating-linear-gradient(135deg,#e2e8f0_0,#e2e8f0_2px,#fff_2px,#fff_4px)]" />
              referenced, not read
            </li>
            <li className="flex items-center gap-1.5">
              <span className="h-3 w-3.5 shrink-0 rounded-sm border border-indigo-300 bg-indigo-50" />
              account (colour bar on its boxes)
            </li>
          </ul>
          <h3 className="mt-2 mb-1 text-[10px] font-semibold uppercase tracking-wide text-slate-500">Lines</h3>
          <ul className="space-y-0.5">
            {shown.map((l) => (
              <li key={l.id} className="flex items-center gap-1.5" data-testid="legend-edge" data-edge-kind={l.id} data-present="true">
                <LineSwatch style={l.style} />
                {l.label}
              </li>
            ))}
          </ul>
          {others.length > 0 && (
            <details className="mt-1.5" data-testid="legend-others">
              <summary className="cursor-pointer text-[10px] text-slate-500 hover:text-slate-700">{others.length} more kinds, not on this canvas</summary>
              <ul className="mt-0.5 space-y-0.5 text-slate-500">
                {others.map((l) => (
                  <li key={l.id} className="flex items-center gap-1.5" data-testid="legend-edge" data-edge-kind={l.id}>
                    <LineSwatch style={l.style} />
                    {l.label}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <p className="mt-1.5 text-[10px] leading-snug text-slate-500">Amber: in progress · red: failed. Hover a line for its name; select a box to light up its neighbours.</p>
        </div>
      )}
    </section>
  );
}
