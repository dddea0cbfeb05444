'use client';
// A side panel the user can widen or narrow by dragging its edge (or with the arrow keys on
// the handle); the width is remembered in this browser.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';

export function ResizableAside({ storageKey, initial, min, max, label, children }: { storageKey: string; initial: number; min: number; max: number; label: string; children: ReactNode }) {
  const [width, setWidth] = useState(initial);
  const drag = useRef<{ x: number; width: number } | null>(null);
  const clamp = useCallback((w: number) => Math.min(max, Math.max(min, Math.round(w))), [min, max]);

  useEffect(() => {
    const saved = Number(window.localStorage.getItem(storageKey));
    // Read once after mounting: the server renders the initial width.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (saved) setWidth(clamp(saved));
  }, [storageKey, clamp]);

  const commit = (w: number) => {
    const next = clamp(w);
    setWidth(next);
    window.localStorage.setItem(storageKey, String(next));
  };

  return (
    <aside className="relative shrink-0 overflow-y-auto border-l border-slate-200 bg-white" style={{ width }} aria-label={label} data-testid="inspector-panel">
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label={`Resize ${label.toLowerCase()}`}
        aria-valuemin={min}
        aria-valuemax={max}
        aria-valuenow={width}
        tabIndex={0}
        data-testid="inspector-resize"
        className="sticky top-0 left-0 z-10 float-left -mr-1.5 h-full w-1.5 cursor-col-resize hover:bg-indigo-300 focus-visible:bg-indigo-400 focus-visible:outline-none"
        onPointerDown={(e) => {
          drag.current = { x: e.clientX, width };
          e.currentTarget.setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => {
          if (drag.current) setWidth(clamp(drag.current.width + (drag.current.x - e.clientX)));
        }}
        onPointerUp={(e) => {
          if (drag.current) commit(drag.current.width + (drag.current.x - e.clientX));
          drag.current = null;
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowLeft') commit(width + 24);
          else if (e.key === 'ArrowRight') commit(width - 24);
          else return;
          e.preventDefault();
        }}
      />
      {children}
    </aside>
  );
}
