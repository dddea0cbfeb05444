// Deterministic layout pieces. Inside an account group, boxes stand in columns by role
// (service networks, services, resource configurations, gateways, endpoints, VPCs) and long
// columns wrap. Groups are packed with the hubs (owners of service networks) on the left
// and the other accounts in columns to their right, aiming at a landscape picture.

import { GROUP_HEADER, GROUP_PADDING, type LayoutBox, type LayoutGroup, type LayoutInput, type LayoutResult, type Rect } from './types';

const COLUMN_GAP = 56;
const ROW_GAP = 14;
const GROUP_GAP = 28;
const HUB_GAP = 180;
/** A column taller than this wraps into a neighbour. */
const MAX_COLUMN_HEIGHT = 900;
/** Width over height the packing aims for (a screen, roughly). */
const TARGET_ASPECT = 1.6;

/** A group laid out on its own: box positions relative to the group's top-left corner. */
export interface PlacedGroup {
  width: number;
  height: number;
  positions: Record<string, { x: number; y: number }>;
}

export function sortBoxes(boxes: readonly LayoutBox[]): LayoutBox[] {
  return [...boxes].sort((a, b) => a.column - b.column || a.order.localeCompare(b.order) || (a.id < b.id ? -1 : 1));
}

export function groupByColumn(boxes: readonly LayoutBox[]): LayoutBox[][] {
  const columns = new Map<number, LayoutBox[]>();
  for (const b of sortBoxes(boxes)) {
    const list = columns.get(b.column);
    if (list) list.push(b);
    else columns.set(b.column, [b]);
  }
  return [...columns.keys()].sort((a, b) => a - b).map((k) => columns.get(k)!);
}

export function gridGroup(boxes: readonly LayoutBox[]): PlacedGroup {
  const positions: Record<string, { x: number; y: number }> = {};
  let x = GROUP_PADDING;
  let height = 0;
  for (const list of groupByColumn(boxes)) {
    let y = 0;
    let width = 0;
    for (const b of list) {
      if (y > 0 && y + b.height > MAX_COLUMN_HEIGHT) {
        x += width + ROW_GAP * 2;
        y = 0;
        width = 0;
      }
      positions[b.id] = { x, y: GROUP_HEADER + y };
      y += b.height + ROW_GAP;
      width = Math.max(width, b.width);
      height = Math.max(height, y - ROW_GAP);
    }
    x += width + COLUMN_GAP;
  }
  return { width: x - COLUMN_GAP + GROUP_PADDING, height: GROUP_HEADER + height + GROUP_PADDING, positions };
}

export function boxesByGroup(input: LayoutInput): Map<string, LayoutBox[]> {
  const byGroup = new Map<string, LayoutBox[]>();
  for (const b of input.boxes) {
    const list = byGroup.get(b.group);
    if (list) list.push(b);
    else byGroup.set(b.group, [b]);
  }
  return byGroup;
}

/** A frame for an account with no boxes: room for its title and a line, so invitations to it have somewhere to land. */
export const EMPTY_GROUP: PlacedGroup = { width: 284, height: GROUP_HEADER + 44 + GROUP_PADDING, positions: {} };

/** Places laid-out groups: hubs stacked on the left, the others in columns to their right. */
export function packGroups(laidOut: ReadonlyMap<string, PlacedGroup>, groups: readonly LayoutGroup[]): Pick<LayoutResult, 'positions' | 'groups'> {
  const placed = new Map(laidOut);
  for (const g of groups) if (!placed.has(g.id)) placed.set(g.id, EMPTY_GROUP);
  const ordered = [...groups].filter((g) => placed.has(g.id)).sort((a, b) => b.rank - a.rank || (a.id < b.id ? -1 : 1));
  const positions: LayoutResult['positions'] = {};
  const rects: Record<string, Rect> = {};
  const put = (id: string, x: number, y: number) => {
    const p = placed.get(id)!;
    rects[id] = { x, y, width: p.width, height: p.height };
    for (const [box, pos] of Object.entries(p.positions)) positions[box] = { x: x + pos.x, y: y + pos.y };
  };

  const hubs = ordered.filter((g) => g.rank > 0);
  const spokes = ordered.filter((g) => g.rank <= 0);
  let y = 0;
  let hubWidth = 0;
  for (const g of hubs) {
    put(g.id, 0, y);
    y += placed.get(g.id)!.height + GROUP_GAP;
    hubWidth = Math.max(hubWidth, placed.get(g.id)!.width);
  }
  const hubHeight = Math.max(0, y - GROUP_GAP);

  // Try column heights from the tallest group up, keep the packing whose outline is closest to a screen's shape.
  const startX = hubs.length ? hubWidth + HUB_GAP : 0;
  const pack = (target: number) => {
    const at = new Map<string, { x: number; y: number }>();
    let x = startX;
    let cy = 0;
    let columnWidth = 0;
    let bottom = 0;
    for (const g of spokes) {
      const p = placed.get(g.id)!;
      if (cy > 0 && cy + p.height > target) {
        x += columnWidth + GROUP_GAP * 2;
        cy = 0;
        columnWidth = 0;
      }
      at.set(g.id, { x, y: cy });
      cy += p.height + GROUP_GAP;
      columnWidth = Math.max(columnWidth, p.width);
      bottom = Math.max(bottom, cy - GROUP_GAP);
    }
    return { at, width: x + columnWidth, height: Math.max(bottom, hubHeight) };
  };
  const tallest = Math.max(0, hubHeight, ...spokes.map((g) => placed.get(g.id)!.height));
  const total = spokes.reduce((sum, g) => sum + placed.get(g.id)!.height + GROUP_GAP, 0);
  let best = pack(tallest);
  for (let i = 1; i <= 24; i++) {
    const candidate = pack(tallest + ((total - tallest) * i) / 24);
    const score = (c: { width: number; height: number }) => Math.abs(Math.log(c.width / Math.max(1, c.height) / TARGET_ASPECT));
    if (score(candidate) < score(best)) best = candidate;
  }
  for (const g of spokes) put(g.id, best.at.get(g.id)!.x, best.at.get(g.id)!.y);
  // Hubs sit level with the middle of the spokes, so their lines fan out evenly.
  const spokesHeight = Math.max(0, ...spokes.map((g) => rects[g.id].y + rects[g.id].height));
  const shift = Math.max(0, Math.round((spokesHeight - hubHeight) / 2));
  if (shift > 0) {
    for (const g of hubs) {
      rects[g.id].y += shift;
      for (const box of Object.keys(placed.get(g.id)!.positions)) positions[box].y += shift;
    }
  }
  return { positions, groups: rects };
}

export function gridLayout(input: LayoutInput): LayoutResult {
  const started = Date.now();
  const placed = new Map([...boxesByGroup(input)].map(([id, boxes]) => [id, gridGroup(boxes)]));
  return { ...packGroups(placed, input.groups), engine: 'grid', ms: Date.now() - started };
}
