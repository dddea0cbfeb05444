// ELK's layered layout for the inside of each account group: columns by role (ELK
// partitions), order inside a column chosen to uncross the group's own links (gateway →
// configurations, endpoint → VPC). Groups too big for that in good time use the grid, and
// all groups are packed by packGroups. ELK is synchronous and cannot be interrupted, so
// this runs in a Web Worker (layout.worker.ts) that the page terminates at its deadline.

import type { ELK, ElkNode } from 'elkjs/lib/elk-api';
import { boxesByGroup, gridGroup, groupByColumn, packGroups, sortBoxes, type PlacedGroup } from './grid-layout';
import { GROUP_HEADER, GROUP_PADDING, type LayoutBox, type LayoutInput, type LayoutLink, type LayoutResult } from './types';

/** Beyond this many boxes in one column, a group wraps on the grid instead (ELK keeps a layer in one column). */
export const ELK_MAX_COLUMN = 12;

export function elkGroupGraph(boxes: readonly LayoutBox[], links: readonly LayoutLink[]): ElkNode {
  const sorted = sortBoxes(boxes);
  const ids = new Set(sorted.map((b) => b.id));
  return {
    id: 'group',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.partitioning.activate': 'true',
      // Unlinked boxes of one role stay in one column instead of being packed as separate components.
      'elk.separateConnectedComponents': 'false',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.spacing.nodeNode': '14',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.spacing.componentComponent': '14',
      'elk.padding': `[top=${GROUP_HEADER},left=${GROUP_PADDING},bottom=${GROUP_PADDING},right=${GROUP_PADDING}]`,
    },
    children: sorted.map((b) => ({ id: b.id, width: b.width, height: b.height, layoutOptions: { 'elk.partitioning.partition': String(b.column) } })),
    edges: links.filter((l) => ids.has(l.from) && ids.has(l.to)).map((l) => ({ id: l.id, sources: [l.from], targets: [l.to] })),
  };
}

export async function elkGroup(elk: ELK, boxes: readonly LayoutBox[], links: readonly LayoutLink[]): Promise<PlacedGroup> {
  const out = await elk.layout(elkGroupGraph(boxes, links));
  const positions: Record<string, { x: number; y: number }> = {};
  for (const c of out.children ?? []) positions[c.id] = { x: c.x ?? 0, y: c.y ?? 0 };
  return { width: out.width ?? 0, height: out.height ?? 0, positions };
}

export async function elkLayout(elk: ELK, input: LayoutInput): Promise<LayoutResult> {
  const started = Date.now();
  const placed = new Map<string, PlacedGroup>();
  for (const [id, boxes] of boxesByGroup(input)) {
    const tallest = Math.max(...groupByColumn(boxes).map((c) => c.length));
    placed.set(id, tallest <= ELK_MAX_COLUMN ? await elkGroup(elk, boxes, input.links) : gridGroup(boxes));
  }
  return { ...packGroups(placed, input.groups), engine: 'elk', ms: Date.now() - started };
}
