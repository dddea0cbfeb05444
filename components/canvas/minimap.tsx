'use client';
// The minimap of a large graph: the accounts' frames, one rectangle each, and the view.
// React Flow's own minimap keeps one store subscription per box, each run again on every frame
// of a pan or zoom: thousands of them on a large graph. This one draws the frames when the graph
// changes and moves the view's window itself, outside React; dragging and wheeling on it pan and
// zoom the canvas as React Flow's does (the same XYMinimap behaviour).

import { Panel, useStore, useStoreApi, type ReactFlowState } from '@xyflow/react';
import { getBoundsOfRects, XYMinimap } from '@xyflow/system';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { viewRect } from './lod-scene';

export interface MiniMapFrame {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  color: string;
}

/** Room around the picture, in minimap pixels, as React Flow's minimap keeps. */
const OFFSET_PX = 5;

export function AccountsMiniMap({ frames, width, height, maskColor, className }: { frames: readonly MiniMapFrame[]; width: number; height: number; maskColor: string; className?: string }) {
  const store = useStoreApi();
  const svg = useRef<SVGSVGElement>(null);
  const mask = useRef<SVGPathElement>(null);
  // Canvas units per minimap pixel, for XYMinimap's drag and wheel.
  const viewScale = useRef(1);
  const graph = useMemo(() => (frames.length ? frames.map(({ x, y, width, height }) => ({ x, y, width, height })).reduce((a, b) => getBoundsOfRects(a, b)) : null), [frames]);

  // The window on the view, and the picture's extent (the graph and the view), follow each move.
  useLayoutEffect(() => {
    const place = (state: ReactFlowState) => {
      if (!svg.current || !mask.current) return;
      const view = viewRect(state.transform, state.width, state.height);
      const bounds = graph ? getBoundsOfRects(graph, view) : view;
      const scale = Math.max(bounds.width / width, bounds.height / height);
      const offset = OFFSET_PX * scale;
      const w = scale * width + 2 * offset;
      const h = scale * height + 2 * offset;
      const x = bounds.x - (scale * width - bounds.width) / 2 - offset;
      const y = bounds.y - (scale * height - bounds.height) / 2 - offset;
      viewScale.current = scale;
      svg.current.setAttribute('viewBox', `${x} ${y} ${w} ${h}`);
      mask.current.setAttribute('d', `M${x - offset},${y - offset}h${w + 2 * offset}v${h + 2 * offset}h${-w - 2 * offset}z M${view.x},${view.y}h${view.width}v${view.height}h${-view.width}z`);
    };
    place(store.getState());
    return store.subscribe((s, prev) => {
      if (s.transform !== prev.transform || s.width !== prev.width || s.height !== prev.height) place(s);
    });
  }, [store, graph, width, height]);

  const panZoom = useStore((s) => s.panZoom);
  const flowWidth = useStore((s) => s.width);
  const flowHeight = useStore((s) => s.height);
  const translateExtent = useStore((s) => s.translateExtent);
  const minimap = useRef<ReturnType<typeof XYMinimap> | null>(null);
  useEffect(() => {
    if (!svg.current || !panZoom) return;
    minimap.current = XYMinimap({ domNode: svg.current, panZoom, getTransform: () => store.getState().transform, getViewScale: () => viewScale.current });
    return () => {
      minimap.current?.destroy();
      minimap.current = null;
    };
  }, [panZoom, store]);
  useEffect(() => {
    minimap.current?.update({ translateExtent, width: flowWidth, height: flowHeight, pannable: true, zoomable: true, inversePan: false, zoomStep: 1 });
  }, [panZoom, translateExtent, flowWidth, flowHeight]);

  return (
    <Panel position="bottom-right" className={`react-flow__minimap ${className ?? ''}`} style={{ width, height }} data-testid="rf__minimap">
      <svg ref={svg} width={width} height={height} className="react-flow__minimap-svg" role="img" aria-label="Minimap: the accounts, and the part of the canvas in view">
        {frames.map((f) => (
          <rect key={f.id} className="react-flow__minimap-node" x={f.x} y={f.y} width={f.width} height={f.height} rx={5} ry={5} style={{ fill: f.color }} />
        ))}
        <path ref={mask} className="react-flow__minimap-mask" fillRule="evenodd" pointerEvents="none" style={{ fill: maskColor }} />
      </svg>
    </Panel>
  );
}
