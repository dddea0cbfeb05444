'use client';
// The designer's canvas: React Flow over the nodes built from the document. Dragging moves
// boxes (one undoable command when the drag ends), drawing a line between two boxes asks the
// document for the association that makes sense, clicking selects.
import '@xyflow/react/dist/style.css';
import {
  applyNodeChanges,
  Background,
  BackgroundVariant,
  ConnectionMode,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeMouseHandler,
  type NodeChange,
  type NodeMouseHandler,
  type OnNodeDrag,
} from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DesignFlowNode } from './build-design-flow';
import { designNodeTypes } from './design-nodes';

export interface DesignCanvasProps {
  nodes: DesignFlowNode[];
  edges: Edge[];
  editable: boolean;
  focus: { id: string; nonce: number } | null;
  onSelect(id: string | null): void;
  onMove(moves: Record<string, { x: number; y: number }>): void;
  onConnect(source: string, target: string, sourceHandle: string | null): void;
}

export function DesignCanvas(props: DesignCanvasProps) {
  const flow = useReactFlow();
  const [nodes, setNodes] = useState<DesignFlowNode[]>(props.nodes);
  const fitted = useRef(false);
  // The document changed: its nodes replace the ones being dragged.
  const [source, setSource] = useState(props.nodes);
  if (source !== props.nodes) {
    setSource(props.nodes);
    setNodes(props.nodes);
  }

  useEffect(() => {
    if (fitted.current || !nodes.length) return;
    fitted.current = true;
    requestAnimationFrame(() => flow.fitView({ padding: 0.15, maxZoom: 1 }));
  }, [nodes, flow]);

  const focusDone = useRef<number | null>(null);
  useEffect(() => {
    const f = props.focus;
    if (!f || focusDone.current === f.nonce || (f.id !== '*' && !nodes.some((n) => n.id === f.id))) return;
    focusDone.current = f.nonce;
    // `*`: everything (after adding a box); otherwise one box (a problem picked in the list).
    requestAnimationFrame(() => flow.fitView(f.id === '*' ? { padding: 0.2, maxZoom: 1, duration: 300 } : { nodes: [{ id: f.id }], padding: 1.2, maxZoom: 1, minZoom: 0.5, duration: 300 }));
  }, [props.focus, nodes, flow]);

  const onNodesChange = useCallback((changes: NodeChange<DesignFlowNode>[]) => {
    const kept = changes.filter((c) => c.type === 'position' || c.type === 'dimensions');
    if (kept.length) setNodes((ns) => applyNodeChanges(kept, ns));
  }, []);

  const { onSelect, onMove, onConnect } = props;
  const onNodeClick: NodeMouseHandler<DesignFlowNode> = useCallback((_, node) => onSelect(node.id), [onSelect]);
  const onEdgeClick: EdgeMouseHandler = useCallback((_, edge) => {
    const recordId = (edge.data as { recordId?: string } | undefined)?.recordId;
    if (recordId) onSelect(recordId);
  }, [onSelect]);
  const onNodeDragStop: OnNodeDrag<DesignFlowNode> = useCallback((_, node, dragged) => {
    const moves: Record<string, { x: number; y: number }> = {};
    for (const n of dragged.length ? dragged : [node]) moves[n.id] = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
    onMove(moves);
  }, [onMove]);
  const handleConnect = useCallback((c: Connection) => {
    if (c.source && c.target && c.source !== c.target) onConnect(c.source, c.target, c.sourceHandle ?? null);
  }, [onConnect]);

  return (
    <div className="h-full w-full" data-testid="design-canvas">
      <ReactFlow<DesignFlowNode, Edge>
        nodes={nodes}
        edges={props.edges}
        nodeTypes={designNodeTypes}
        onNodesChange={onNodesChange}
        onNodeClick={onNodeClick}
        onEdgeClick={onEdgeClick}
        onNodeDragStop={props.editable ? onNodeDragStop : undefined}
        onPaneClick={() => onSelect(null)}
        onConnect={props.editable ? handleConnect : undefined}
        nodesDraggable={props.editable}
        nodesConnectable={props.editable}
        connectionMode={ConnectionMode.Loose}
        connectionRadius={28}
        elevateEdgesOnSelect
        minZoom={0.1}
        maxZoom={2}
        deleteKeyCode={null}
        proOptions={{ hideAttribution: true }}
        defaultEdgeOptions={{ labelBgPadding: [4, 2], labelBgBorderRadius: 3, labelStyle: { fontSize: 10, fill: '#334155' } }}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} color="#cbd5e1" />
        <Controls showInteractive={false} position="bottom-left" />
        <MiniMap pannable zoomable nodeStrokeWidth={0} nodeColor={(n) => ((n.data as { color?: string }).color ?? '#94a3b8')} maskColor="rgba(241,245,249,0.7)" className="!rounded-md !ring-1 !ring-slate-200" />
      </ReactFlow>
    </div>
  );
}
