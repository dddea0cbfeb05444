'use client';
// The topology as a React Flow canvas: account groups, resource boxes, association lines.
// It renders a view built from the Topology; selection, focus and opened services come in
// as props and go out as callbacks, so the page (and its URL) stays in charge.

import '@xyflow/react/dist/style.css';
import {
  applyNodeChanges,
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  type Edge,
  type NodeChange,
  type NodeMouseHandler,
  type OnNodeDrag,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { serviceDetail, type ChangeMark, type ServiceDetail, type Topology, type ViewGraph } from '@/lib/topology';
import { sharingOverlay } from '@/lib/sharing';
import { buildFlow } from './build-flow';
import { edgeTypes } from './invitation-edge';
import { ExportMenu } from './export-menu';
import { AGGREGATE_HEIGHT, buildLayoutInput, NODE_HEIGHT } from './layout/layout-input';
import { useLayout } from './layout/use-layout';
import { CanvasActionsContext, nodeTypes, type CanvasActions, type CanvasFlowNode } from './nodes';
import { serviceHeight } from './style';
import { accessEdges, accessNodes } from './access-overlay';
import type { AccessHighlight } from '@/components/access/highlight';

export interface TopologyCanvasProps {
  topology: Topology;
  view: ViewGraph;
  colors: ReadonlyMap<string, string>;
  accountNames: ReadonlyMap<string, string>;
  marks: ReadonlyMap<string, ChangeMark>;
  selectedId: string | null;
  /** A box to bring into view; the nonce repeats a focus on the same box. */
  focus: { id: string; nonce: number } | null;
  expandedServices: ReadonlySet<string>;
  savedPositions: Readonly<Record<string, { x: number; y: number }>>;
  onSelect(id: string | null): void;
  onToggleService(id: string): void;
  onExpandAggregate(id: string): void;
  /** Folds an account's caller roles into one box. */
  onFoldCallers?(account: string): void;
  onMoveNode(id: string, position: { x: number; y: number }): void;
  onExportJson(): void;
  /** An access decision to draw: the path lit up, the failing link in red. */
  access?: AccessHighlight;
}

const EMPTY_EDGES: Edge[] = [];

export function TopologyCanvas(props: TopologyCanvasProps) {
  const { topology, view, expandedServices } = props;
  const flowInstance = useReactFlow();
  const containerRef = useRef<HTMLDivElement>(null);

  const details = useMemo(() => {
    const map = new Map<string, ServiceDetail>();
    for (const id of expandedServices) {
      const d = serviceDetail(topology, id);
      if (d) map.set(id, d);
    }
    return map;
  }, [topology, expandedServices]);

  const heights = useMemo(() => {
    const h = new Map<string, number>();
    for (const n of view.nodes) h.set(n.id, n.kind === 'aggregate' ? AGGREGATE_HEIGHT : n.kind === 'service' && details.has(n.id) ? serviceHeight(details.get(n.id)) : NODE_HEIGHT);
    return h;
  }, [view, details]);

  const overlay = useMemo(() => sharingOverlay(topology), [topology]);
  const layoutInput = useMemo(() => buildLayoutInput(view, heights), [view, heights]);
  const { layout, pending } = useLayout(layoutInput);

  const flow = useMemo(
    () =>
      layout
        ? buildFlow({ view, layout, heights, colors: props.colors, accountNames: props.accountNames, marks: props.marks, details, expanded: expandedServices, saved: props.savedPositions, overlay })
        : null,
    [layout, view, heights, props.colors, props.accountNames, props.marks, details, expandedServices, props.savedPositions, overlay],
  );
  // Boxes live in state so they can be dragged; a new flow (graph, layout or marks changed)
  // replaces them. While a new layout is computed, the previous picture stays.
  const [shown, setShown] = useState<typeof flow>(null);
  const [nodes, setNodes] = useState<CanvasFlowNode[]>([]);
  if (flow && flow !== shown) {
    setShown(flow);
    setNodes(flow.nodes);
  }
  const flowEdges = shown?.edges ?? EMPTY_EDGES;
  const access = props.access;
  const edges = useMemo(() => accessEdges(flowEdges, access), [flowEdges, access]);
  // Selection belongs to the page (and its URL); only boxes whose selection changed get new objects.
  const selectedId = props.selectedId;
  const displayed = useMemo(() => accessNodes(nodes.map((n) => (n.type !== 'account' && !!n.selected !== (n.id === selectedId) ? ({ ...n, selected: n.id === selectedId } as CanvasFlowNode) : n)), access), [nodes, selectedId, access]);
  const fitted = useRef(false);

  // First picture: fit everything (unless a deep link asks for one box).
  useEffect(() => {
    if (fitted.current || displayed.length === 0) return;
    fitted.current = true;
    if (!props.focus) requestAnimationFrame(() => flowInstance.fitView({ padding: 0.08, maxZoom: 1 }));
  }, [displayed, flowInstance, props.focus]);

  // Bring a requested box into view once it is on the canvas.
  const focusDone = useRef<number | null>(null);
  useEffect(() => {
    const focus = props.focus;
    if (!focus || focusDone.current === focus.nonce || !displayed.some((n) => n.id === focus.id)) return;
    focusDone.current = focus.nonce;
    requestAnimationFrame(() => flowInstance.fitView({ nodes: [{ id: focus.id }], padding: 0.8, maxZoom: 1, duration: 350 }));
  }, [props.focus, displayed, flowInstance]);

  // A new access decision: bring its path into view.
  const accessShown = useRef<AccessHighlight | undefined>(undefined);
  useEffect(() => {
    if (!access || accessShown.current === access || !displayed.length) return;
    accessShown.current = access;
    const ids = new Set([...access.nodes.keys(), ...(access.missing ? [access.missing.source, access.missing.target] : [])]);
    const nodes = displayed.filter((n) => ids.has(n.id)).map((n) => ({ id: n.id }));
    if (nodes.length) requestAnimationFrame(() => flowInstance.fitView({ nodes, padding: 0.35, maxZoom: 1, duration: 350 }));
  }, [access, displayed, flowInstance]);

  const onNodesChange = useCallback((changes: NodeChange<CanvasFlowNode>[]) => {
    // Selection belongs to the page (and its URL), not to React Flow.
    const kept = changes.filter((c) => c.type !== 'select');
    if (kept.length) setNodes((ns) => applyNodeChanges(kept, ns));
  }, []);

  const { onSelect, onMoveNode, onToggleService, onExpandAggregate, onFoldCallers } = props;
  const onNodeClick: NodeMouseHandler<CanvasFlowNode> = useCallback((_, node) => {
    if (node.type !== 'account') onSelect(node.id);
  }, [onSelect]);
  const onNodeDragStop: OnNodeDrag<CanvasFlowNode> = useCallback((_, node) => {
    if (node.type !== 'account') onMoveNode(node.id, { x: Math.round(node.position.x), y: Math.round(node.position.y) });
  }, [onMoveNode]);
  const onPaneClick = useCallback(() => onSelect(null), [onSelect]);

  const actions: CanvasActions = useMemo(() => ({ toggleService: onToggleService, expandAggregate: onExpandAggregate, select: onSelect, foldCallers: onFoldCallers }), [onToggleService, onExpandAggregate, onSelect, onFoldCallers]);

  // Far out, secondary text is unreadable anyway: hide it, which makes panning a large estate cheaper.
  const [lowDetail, setLowDetail] = useState(false);
  const [exporting, setExporting] = useState(false);
  const prepareExport = useCallback(async () => {
    setExporting(true);
    // Two frames: React renders every box, then the browser lays them out.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  }, []);
  const finishExport = useCallback(() => setExporting(false), []);
  const onMove = useCallback((_: unknown, viewport: { zoom: number }) => setLowDetail(viewport.zoom < 0.45), []);

  const minimapColor = useCallback((n: CanvasFlowNode) => (n.type === 'account' ? `${n.data.color}26` : n.data.color), []);

  return (
    <CanvasActionsContext.Provider value={actions}>
      <div ref={containerRef} className="group/canvas relative h-full w-full" data-detail={lowDetail ? 'low' : 'full'} data-testid="topology-canvas" data-layout={layout?.engine ?? 'pending'} data-node-count={view.nodes.length}>
        <ReactFlow<CanvasFlowNode, Edge>
          nodes={displayed}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onNodeClick={onNodeClick}
          onNodeDragStop={onNodeDragStop}
          onPaneClick={onPaneClick}
          onMove={onMove}
          // Past a few hundred boxes only those in view are in the DOM, except while exporting the whole graph.
          onlyRenderVisibleElements={view.nodes.length > 400 && !exporting && !lowDetail}
          nodesConnectable={false}
          edgesFocusable={false}
          elevateNodesOnSelect={false}
          minZoom={0.02}
          maxZoom={2}
          proOptions={{ hideAttribution: true }}
          fitViewOptions={{ padding: 0.08 }}
        >
          <Background variant={BackgroundVariant.Dots} gap={20} size={1} color="#cbd5e1" />
          <Controls showInteractive={false} position="bottom-left" />
          <MiniMap<CanvasFlowNode> pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={0} maskColor="rgba(241,245,249,0.7)" style={{ width: 168, height: 112 }} className="!rounded-md !border !border-slate-200" />
          <Panel position="top-right">
            <ExportMenu containerRef={containerRef} onExportJson={props.onExportJson} prepare={prepareExport} finish={finishExport} />
          </Panel>
        </ReactFlow>
        {pending && (
          <div className="pointer-events-none absolute inset-x-0 top-3 flex justify-center">
            <span className="rounded-full bg-white/90 px-3 py-1 text-xs text-slate-600 shadow ring-1 ring-slate-200">Laying out {view.nodes.length} boxes…</span>
          </div>
        )}
      </div>
    </CanvasActionsContext.Provider>
  );
}
