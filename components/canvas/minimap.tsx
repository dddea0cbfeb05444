'use client';
// The minimap of a large graph: the accounts' frames only, one rectangle each.
import { memo } from 'react';
import type { MiniMapNodeProps } from '@xyflow/react';

export const AccountsOnlyMiniMapNode = memo(function AccountsOnlyMiniMapNode({ id, x, y, width, height, borderRadius, color, className, shapeRendering, onClick }: MiniMapNodeProps) {
  if (!id.startsWith('account:')) return null;
  return <rect className={`react-flow__minimap-node ${className}`} x={x} y={y} rx={borderRadius} ry={borderRadius} width={width} height={height} style={{ fill: color }} shapeRendering={shapeRendering} onClick={onClick ? (event) => onClick(event, id) : undefined} />;
});
