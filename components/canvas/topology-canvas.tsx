'use client';
// The topology as a React Flow canvas: account groups, resource boxes, association lines.
// It renders a view built from the Topology; selection, focus and opened services come in
// as props and go out as callbacks, so the page (and its URL) stays in charge.

import '@xyflow/react/dist/style.css';
import './canvas.css';
import {
  applyNodeChanges,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  type Edge,
  type EdgeMouseHandler,
  type FitViewOptions,
  type NodeChange,
  type Node,
  type ReactFlowProps,
  type NodeMouseHandler,
  type OnNodeDrag,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import { serviceDetail, type ChangeMark, type ServiceDetail, type Topology, type ViewGraph } from '@/lib/topology';
import { sharingOverlay } from '@/lib/sharing';
import { buildFlow } from './build-flow';
import { edgeTypes } from './invitation-edge';
import { ExportMenu } from './export-menu';
import { edgeKindsOf, sceneFromFlow } from './export-scene';
import { dimEdges, dimNodes, neighbourhood } from './highlight';
import { incrementalLayout, placesEverything, type Placement } from './layout/incremental';
import { AGGREGATE_HEIGHT, buildLayoutInput, NODE_HEIGHT } from './layout/layout-input';
import { useLayout } from './layout/use-layout';
import { CanvasLegend } from './legend';
import { detailLevel } from './lod-label';
import { LodLayer } from './lod-layer';
import { DotBackground } from './dot-background';
import { buildLodScene, drawnInDom, hitTest, hitTestLine, lodLayerWanted, raisedLines } from './lod-scene';
import { CanvasActionsContext, nodeTypes, type CanvasActions, type CanvasFlowNode } from './nodes';
import { serviceHeight } from './style';
import { accessEdges, accessNodes } from './access-overlay';
import { AccountsMiniMap, type MiniMapFrame } from './minimap';
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
  /** When the snapshot on the canvas was taken, for the exports. */
  discoveredAt?: string;
  /** Accounts drawn even when none of their resources is on the canvas (an invitation may point at one). */
  accounts?: readonly string[];
  /** Draws without the fast paths for large graphs (for comparing their effect; `?canvas=plain`). */
  plain?: boolean;
  /** Draws a canvas of any size as a large one is drawn (lines on the canvas layer, only boxes in view in the DOM; `?canvas=large`), so its behaviour can be seen on a small estate. */
  drawAsLarge?: boolean;
}

const EMPTY_EDGES: Edge[] = [];
/** Past this many boxes the minimap draws the accounts only and, zoomed in, only boxes in view are in the DOM. */
const LARGE_GRAPH = 400;
/** How near (px on screen) a pointer must be to a line drawn on the layer to hover or click it. */
const LINE_HIT_PX = 6;
/** Room kept free at the initial fit: the legend and minimap on the right, the zoom controls on the left. */
const FIT_PADDING: FitViewOptions['padding'] = { top: '48px', right: '262px', bottom: '24px', left: '56px' };
const FIT_ALL: FitViewOptions = { includeHiddenNodes: true };
/** How long the view must stand still, zoomed in past the level-of-detail layer, before the DOM boxes take over from it. */
const DOM_AFTER_MS = 250;
const MINIMAP_MASK = 'rgba(241,245,249,0.7)';
const FOCUS_PADDING: FitViewOptions['padding'] = { top: '15%', right: '280px', bottom: '15%', left: '15%' };

export function TopologyCanvas(props: TopologyCanvasProps) {
  const { topology, expandedServices } = props;
  // Every account asked for gets a frame, even with no boxes of its own.
  const view = useMemo(() => {
    const missing = (props.accounts ?? []).filter((a) => !props.view.accounts.includes(a));
    return missing.length ? { ...props.view, accounts: [...props.view.accounts, ...missing] } : props.view;
  }, [props.view, props.accounts]);
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
  // Incremental layout: what is on the canvas stays put; a full layout is computed only when
  // something new must be placed, and then only the new boxes take their places from it.
  const [placement, setPlacement] = useState<Placement | null>(null);
  const known = placesEverything(placement, layoutInput);
  const { layout: fresh, pending } = useLayout(known ? null : layoutInput);
  if (placement?.input !== layoutInput && (known || fresh)) {
    setPlacement({ input: layoutInput, result: incrementalLayout(placement, known ? null : fresh, layoutInput) });
  }
  // "Reset layout" forgets the dragged positions: start again from a full layout.
  const [savedBefore, setSavedBefore] = useState(props.savedPositions);
  if (savedBefore !== props.savedPositions) {
    setSavedBefore(props.savedPositions);
    if (Object.keys(savedBefore).length && !Object.keys(props.savedPositions).length) setPlacement(null);
  }
  const layout = placement?.input === layoutInput ? placement.result : null;

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
  const selectedId = props.selectedId;
  // A selected box lights up with its neighbours and the lines between them; the access path, when there is one, takes precedence.
  const lit = useMemo(() => (!access && selectedId && nodes.some((n) => n.id === selectedId) ? neighbourhood(flowEdges, selectedId) : null), [access, selectedId, nodes, flowEdges]);
  // Lines name their kind on hover, on click, and when one of their ends is selected.
  const [hoveredEdge, setHoveredEdge] = useState<string | null>(null);
  const [pinnedEdge, setPinnedEdge] = useState<string | null>(null);
  // The lines raised above the others, with their label: the selection's, then the pinned one, the hovered one on top.
  const raised = useMemo(() => {
    const ids = new Set(lit?.edges ?? []);
    for (const id of [pinnedEdge, hoveredEdge]) {
      if (!id) continue;
      ids.delete(id);
      ids.add(id);
    }
    return ids;
  }, [lit, hoveredEdge, pinnedEdge]);
  // The lines as selection or the access path style them, before hover and pin label any: what the canvas layer draws.
  const styled = useMemo(() => (access ? accessEdges(flowEdges, access) : lit ? dimEdges(flowEdges, lit.edges) : flowEdges), [flowEdges, access, lit]);
  const edgeLabels = useMemo(() => new Map(flowEdges.map((e) => [e.id, (e.data as { label?: string } | undefined)?.label])), [flowEdges]);
  const edges = useMemo(() => {
    const labelled = flowEdges.map((e) => {
      const text = (e.data as { label?: string } | undefined)?.label;
      if (!text || !(e.id === hoveredEdge || e.id === pinnedEdge || lit?.edges.has(e.id))) return e;
      return { ...e, label: text, labelStyle: { fontSize: 11, fill: '#334155', fontWeight: 500 }, labelBgStyle: { fill: '#ffffff', fillOpacity: 0.95 }, labelBgPadding: [5, 2] as [number, number], labelBgBorderRadius: 3, zIndex: 1, style: { ...e.style, strokeWidth: Number(e.style?.strokeWidth ?? 1.25) + 1 } };
    });
    if (access) return accessEdges(labelled, access);
    return lit ? dimEdges(labelled, lit.edges) : labelled;
  }, [flowEdges, hoveredEdge, pinnedEdge, lit, access]);
  // Selection belongs to the page (and its URL); only boxes whose selection changed get new objects.
  const displayed = useMemo(() => {
    const selected = nodes.map((n) => (n.type !== 'account' && !!n.selected !== (n.id === selectedId) ? ({ ...n, selected: n.id === selectedId } as CanvasFlowNode) : n));
    if (access) return accessNodes(selected, access);
    return lit ? dimNodes(selected, lit.nodes) : selected;
  }, [nodes, selectedId, access, lit]);
  const fitted = useRef(false);

  // First picture: fit everything (unless a deep link asks for one box), clear of the legend and the minimap.
  useEffect(() => {
    if (fitted.current || displayed.length === 0) return;
    fitted.current = true;
    if (!props.focus) requestAnimationFrame(() => flowInstance.fitView({ padding: FIT_PADDING, maxZoom: 1, includeHiddenNodes: true }));
  }, [displayed, flowInstance, props.focus]);

  // Bring a requested box into view once it is on the canvas.
  const focusDone = useRef<number | null>(null);
  useEffect(() => {
    const focus = props.focus;
    if (!focus || focusDone.current === focus.nonce || !displayed.some((n) => n.id === focus.id)) return;
    focusDone.current = focus.nonce;
    requestAnimationFrame(() => flowInstance.fitView({ nodes: [{ id: focus.id }], padding: 0.8, maxZoom: 1, duration: 350, includeHiddenNodes: true }));
  }, [props.focus, displayed, flowInstance]);

  // A new access decision: bring its path into view.
  const accessShown = useRef<AccessHighlight | undefined>(undefined);
  useEffect(() => {
    if (!access || accessShown.current === access || !displayed.length) return;
    accessShown.current = access;
    const ids = new Set([...access.nodes.keys(), ...(access.missing ? [access.missing.source, access.missing.target] : [])]);
    const nodes = displayed.filter((n) => ids.has(n.id)).map((n) => ({ id: n.id }));
    if (nodes.length) requestAnimationFrame(() => flowInstance.fitView({ nodes, padding: FOCUS_PADDING, maxZoom: 1, duration: 350, includeHiddenNodes: true }));
  }, [access, displayed, flowInstance]);

  const onNodesChange = useCallback((changes: NodeChange<CanvasFlowNode>[]) => {
    // Selection belongs to the page (and its URL), not to React Flow.
    const kept = changes.filter((c) => c.type !== 'select');
    if (kept.length) setNodes((ns) => applyNodeChanges(kept, ns));
  }, []);

  const { onSelect, onMoveNode, onToggleService, onExpandAggregate, onFoldCallers } = props;
  const onBoxClick: NodeMouseHandler<CanvasFlowNode> = useCallback((_, node) => {
    if (node.type !== 'account') onSelect(node.id);
  }, [onSelect]);
  const onNodeDragStop: OnNodeDrag<CanvasFlowNode> = useCallback((_, node) => {
    if (node.type !== 'account') onMoveNode(node.id, { x: Math.round(node.position.x), y: Math.round(node.position.y) });
  }, [onMoveNode]);
  const onEdgeMouseEnter: EdgeMouseHandler = useCallback((_, edge) => setHoveredEdge(edge.id), []);
  const onEdgeMouseLeave: EdgeMouseHandler = useCallback(() => setHoveredEdge(null), []);
  const onEdgeClick: EdgeMouseHandler = useCallback((_, edge) => setPinnedEdge((p) => (p === edge.id ? null : edge.id)), []);

  const actions: CanvasActions = useMemo(() => ({ toggleService: onToggleService, expandAggregate: onExpandAggregate, select: onSelect, foldCallers: onFoldCallers }), [onToggleService, onExpandAggregate, onSelect, onFoldCallers]);

  // Level of detail: far out, boxes show only their name, large (lod-label.tsx); that also makes panning a large estate cheaper.
  const [detail, setDetail] = useState(() => detailLevel(1));
  const lowDetail = detail.level !== 'full';
  const plain = !!props.plain;
  const large = !!props.drawAsLarge || view.nodes.length > LARGE_GRAPH;
  // Zoomed out, the boxes and lines are drawn on one <canvas> (lod-layer.tsx): React Flow keeps
  // them, hidden, so fitting and the minimap still know them, but renders none of them as DOM.
  // The layer takes over as soon as the zoom crosses its threshold, and gives way to the DOM only
  // a little further in and once the gesture has ended: mounting the boxes in view is one long
  // frame, better paid once when the view stands still than on each step of a zoom.
  const [lodOn, setLodOn] = useState(false);
  const [lodLarge, setLodLarge] = useState(large);
  if (lodLarge !== large) {
    setLodLarge(large);
    setLodOn(lodLayerWanted(flowInstance.getViewport().zoom, large, plain, false));
  }
  const lodActive = lodOn && !plain;
  // Zoomed in on a large graph the boxes are DOM, and the lines under them are drawn on the same
  // <canvas>: thousands of SVG paths (and their markers) would be laid out and painted with each
  // frame. Hovered, pinned and selected lines are raised and named on the canvas too: as SVG,
  // React Flow would not draw one whose end box is out of view (not mounted). The access path and
  // invitations (with their buttons) stay SVG, on top.
  const lineLayer = large && !plain && !lodActive;
  // The layer draws the accounts' frames too. A small graph keeps them, hidden by canvas.css, for
  // React Flow's minimap; a large graph's minimap has its own frames, and mounting and unmounting
  // hundreds of frames as they pass in and out of view would cost each frame of a pan.
  const flowNodes = useMemo(() => (lodActive ? displayed.map((n) => (n.type === 'account' && !large ? n : ({ ...n, hidden: true } as CanvasFlowNode))) : displayed), [lodActive, large, displayed]);
  const domEdges = useMemo(() => (lineLayer ? edges.filter((e) => drawnInDom(e)) : edges), [lineLayer, edges]);
  // The lines' scene does not change with hover or pin: those only choose what is raised over it.
  const lodScene = useMemo(() => {
    if (lodActive) return buildLodScene(displayed, edges);
    if (lineLayer) return buildLodScene(displayed, styled.filter((e) => !drawnInDom(e)));
    return null;
  }, [lodActive, lineLayer, displayed, edges, styled]);
  const raisedOnLayer = useMemo(() => (lineLayer && lodScene ? raisedLines(lodScene, raised, (id) => edgeLabels.get(id)) : []), [lineLayer, lodScene, raised, edgeLabels]);
  /** The line drawn on the layer under a point on screen, within a few pixels. */
  const lineAt = useCallback(
    (event: { clientX: number; clientY: number }) => {
      if (!lineLayer || !lodScene) return null;
      return hitTestLine(lodScene.batches, flowInstance.screenToFlowPosition({ x: event.clientX, y: event.clientY }), LINE_HIT_PX / flowInstance.getZoom());
    },
    [lineLayer, lodScene, flowInstance],
  );
  const onPaneClick: NonNullable<ReactFlowProps['onPaneClick']> = useCallback(
    (event) => {
      // A line on the layer takes a click as its SVG path would: it pins the line's label.
      const line = lineAt(event);
      if (line) {
        setPinnedEdge((p) => (p === line.id ? null : line.id));
        return;
      }
      setPinnedEdge(null);
      // On the level-of-detail layer a click on a box selects it, as a click on its DOM box would.
      const hit = lodActive && lodScene ? hitTest(lodScene.boxes, flowInstance.screenToFlowPosition({ x: event.clientX, y: event.clientY })) : null;
      onSelect(hit ? hit.id : null);
    },
    [onSelect, lodActive, lodScene, flowInstance, lineAt],
  );
  // Hovering a line on the layer names it, as hovering its SVG path does.
  const hoverFrame = useRef(0);
  const hoverAt = useCallback(
    (event: { clientX: number; clientY: number }) => {
      if (!lineLayer || hoverFrame.current) return;
      const point = { clientX: event.clientX, clientY: event.clientY };
      hoverFrame.current = requestAnimationFrame(() => {
        hoverFrame.current = 0;
        const id = lineAt(point)?.id ?? null;
        setHoveredEdge((h) => (h === id ? h : id));
      });
    },
    [lineLayer, lineAt],
  );
  useEffect(() => () => cancelAnimationFrame(hoverFrame.current), []);
  // The pointer left the canvas: no line is hovered, as when it leaves an SVG path.
  const onPaneMouseLeave = useCallback(() => {
    cancelAnimationFrame(hoverFrame.current);
    hoverFrame.current = 0;
    setHoveredEdge(null);
  }, []);
  // Account frames lie over the lines' layer: a click or hover on a frame may be meant for a line.
  const onFrameClick: NodeMouseHandler<CanvasFlowNode> = useCallback(
    (event) => {
      const line = lineAt(event);
      if (line) setPinnedEdge((p) => (p === line.id ? null : line.id));
    },
    [lineAt],
  );
  const onNodeClick: NodeMouseHandler<CanvasFlowNode> = useCallback((event, node) => (node.type === 'account' ? onFrameClick(event, node) : onBoxClick(event, node)), [onFrameClick, onBoxClick]);
  const onNodeMouseMove = useCallback((event: ReactMouseEvent, node: Node) => {
    // Over a box no line is hovered: the boxes lie over the lines.
    if (node.type === 'account') hoverAt(event);
    else setHoveredEdge(null);
  }, [hoverAt]);
  // While the view pans, the picture is one layer the compositor shifts (`data-moving`,
  // canvas.css) instead of being painted again each frame. The detail level and the names' font
  // live on the container, outside React: a change of either restyles every box under it, so
  // during a move they change only when the zoom crosses a level's threshold, and the font
  // follows the zoom within a level when the move ends.
  const moving = useRef(false);
  const startZoom = useRef(1);
  const pendingFont = useRef<Record<string, string> | null>(null);
  const levelNow = useRef(detail.level);
  const fontNow = useRef('');
  const applyFont = useCallback((style: Record<string, string>) => {
    const key = Object.entries(style).join(';');
    // The same values again would still restyle the boxes (plain draws as it did, setting them each frame).
    if (!plain && key === fontNow.current) return;
    fontNow.current = key;
    for (const [name, value] of Object.entries(style)) containerRef.current?.style.setProperty(name, value);
  }, [plain]);
  const gesture = useRef(false);
  const domSwitch = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(domSwitch.current), []);
  const lodOnNow = useRef(lodOn);
  useEffect(() => {
    lodOnNow.current = lodOn;
  }, [lodOn]);
  const onMove = useCallback((_: unknown, viewport: { zoom: number }) => {
    const next = detailLevel(viewport.zoom);
    const wanted = lodLayerWanted(viewport.zoom, large, plain, lodOnNow.current);
    if (wanted !== lodOnNow.current && (wanted || !gesture.current)) setLodOn((lodOnNow.current = wanted));
    // A zoom paints anew as before: a composited layer scaled mid-gesture measured slower in bench:canvas.
    if (moving.current && viewport.zoom !== startZoom.current) {
      moving.current = false;
      containerRef.current?.removeAttribute('data-moving');
    }
    const crossed = next.level !== levelNow.current;
    if (plain) applyFont(next.style);
    else if (gesture.current && !crossed) pendingFont.current = next.style;
    else {
      pendingFont.current = null;
      applyFont(next.style);
    }
    levelNow.current = next.level;
    // The canvas renders again only when the level changes, not with each frame of a zoom.
    if (plain) setDetail((d) => (d.level === next.level ? d : next));
    else if (crossed) setDetail(next);
  }, [plain, large, applyFont]);
  const onMoveStart = useCallback((_: unknown, viewport: { zoom: number }) => {
    gesture.current = true;
    clearTimeout(domSwitch.current);
    if (plain) return;
    startZoom.current = viewport.zoom;
    moving.current = true;
    containerRef.current?.setAttribute('data-moving', '');
  }, [plain]);
  const onMoveEnd = useCallback((_: unknown, viewport: { x: number; y: number; zoom: number }) => {
    // The end comes a tick late: when the view has moved on since, another move has begun.
    const now = flowInstance.getViewport();
    if (now.x !== viewport.x || now.y !== viewport.y || now.zoom !== viewport.zoom) return;
    gesture.current = false;
    // The gesture is over: if it ended zoomed in, the DOM boxes take over from the layer once the
    // view has stood still a moment. A wheel's gesture "ends" at each pause between its notches,
    // and mounting the boxes then would be a long frame in the middle of a zoom.
    clearTimeout(domSwitch.current);
    if (lodOnNow.current && !lodLayerWanted(viewport.zoom, large, plain, true)) {
      domSwitch.current = setTimeout(() => {
        if (!gesture.current && lodOnNow.current && !lodLayerWanted(flowInstance.getZoom(), large, plain, true)) setLodOn((lodOnNow.current = false));
      }, DOM_AFTER_MS);
    }
    moving.current = false;
    containerRef.current?.removeAttribute('data-moving');
    if (pendingFont.current) applyFont(pendingFont.current);
    pendingFont.current = null;
  }, [applyFont, flowInstance, large, plain]);

  // Exports draw the whole graph from the data, not the DOM, so boxes out of view are included.
  const discoveredAt = props.discoveredAt ?? topology.discoveredAt;
  const exportScene = useCallback(() => sceneFromFlow(nodes, flowEdges, { title: 'Trellis topology', discoveredAt }), [nodes, flowEdges, discoveredAt]);
  const presentEdgeKinds = useMemo(() => {
    const kinds: Set<string> = edgeKindsOf(flowEdges);
    if (overlay.crossAccountEdges.size) kinds.add('crossAccount');
    return kinds;
  }, [flowEdges, overlay]);
  const aggregateCount = useMemo(() => view.nodes.filter((n) => n.kind === 'aggregate').length, [view]);
  const presentNodeKinds = useMemo(() => new Set(view.nodes.map((n) => (n.kind === 'aggregate' ? n.aggregate!.kind : n.kind))), [view]);

  // On a large graph the minimap draws the accounts' frames only, stronger: thousands of specks
  // say no more than the frames do, and React Flow's minimap would follow each of them on every
  // frame of a move (minimap.tsx).
  const minimapColor = useCallback((n: CanvasFlowNode) => (n.type === 'account' ? `${n.data.color}26` : n.data.color), []);
  const minimapFrames = useMemo<MiniMapFrame[]>(() => (large && !plain ? nodes.flatMap((n) => (n.type === 'account' ? [{ id: n.id, x: n.position.x, y: n.position.y, width: n.width ?? 0, height: n.height ?? 0, color: `${n.data.color}66` }] : [])) : []), [large, plain, nodes]);

  return (
    <CanvasActionsContext.Provider value={actions}>
      <div ref={containerRef} className="group/canvas relative h-full w-full" style={detail.style} data-detail={detail.level} data-lod-layer={lodActive || undefined} data-testid="topology-canvas" data-layout={layout?.engine ?? 'pending'} data-node-count={view.nodes.length} data-aggregate-count={aggregateCount} data-selected-id={selectedId ?? undefined} data-hovered-line={hoveredEdge ?? undefined} data-pinned-line={pinnedEdge ?? undefined}>
        <ReactFlow<CanvasFlowNode, Edge>
          nodes={flowNodes}
          edges={lodActive ? EMPTY_EDGES : domEdges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onNodeClick={onNodeClick}
          onNodeMouseMove={lineLayer ? onNodeMouseMove : undefined}
          onPaneMouseMove={lineLayer ? hoverAt : undefined}
          onPaneMouseLeave={lineLayer ? onPaneMouseLeave : undefined}
          onNodeDragStop={onNodeDragStop}
          onPaneClick={onPaneClick}
          onEdgeMouseEnter={onEdgeMouseEnter}
          onEdgeMouseLeave={onEdgeMouseLeave}
          onEdgeClick={onEdgeClick}
          onMove={onMove}
          onMoveStart={onMoveStart}
          onMoveEnd={onMoveEnd}
          // Past a few hundred boxes only those in view are in the DOM (zoomed out, none: the level-of-detail layer draws them).
          onlyRenderVisibleElements={large && (!lowDetail || !plain)}
          nodesConnectable={false}
          edgesFocusable={false}
          elevateNodesOnSelect={false}
          minZoom={0.02}
          maxZoom={2}
          proOptions={{ hideAttribution: true }}
          // No fitViewOptions prop: React Flow copies it into its store on every change, over the
          // options of a fitView still waiting for the boxes to be measured (a focus would then fit everything).
        >
          <DotBackground always={plain} />
          {lodScene && <LodLayer scene={lodScene} linesOnly={!lodActive} raised={raisedOnLayer} />}
          {/* Boxes React Flow has not rendered (out of view, or drawn by the level-of-detail layer) still count when fitting. */}
          <Controls showInteractive={false} position="bottom-left" fitViewOptions={FIT_ALL} />
          {large && !plain ? (
            <AccountsMiniMap frames={minimapFrames} width={168} height={112} maskColor={MINIMAP_MASK} className="!rounded-md !border !border-slate-200" />
          ) : (
            <MiniMap<CanvasFlowNode> pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={0} maskColor={MINIMAP_MASK} style={{ width: 168, height: 112 }} className="!rounded-md !border !border-slate-200" />
          )}
          <Panel position="top-right">
            <ExportMenu scene={exportScene} onExportJson={props.onExportJson} />
          </Panel>
          {/* Above the minimap and below the export menu, in the strip the initial fit keeps free; it scrolls when the canvas is short. */}
          <Panel position="bottom-right" style={{ marginBottom: 140, top: 44, display: 'flex', flexDirection: 'column', justifyContent: 'flex-end', pointerEvents: 'none' }}>
            <CanvasLegend presentEdgeKinds={presentEdgeKinds} presentNodeKinds={presentNodeKinds} />
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
