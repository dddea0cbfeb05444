// Incremental layout: when the graph changes (a refresh finds new resources, a service is
// opened and grows), every box already on the canvas stays where it is and only new boxes
// are placed, so the picture the user has learnt survives. A new box goes where the fresh
// layout puts it relative to its nearest old neighbour in the same account; a wholly new
// account goes below everything. Boxes never overlap: a new box slides down to the first
// free place, and a box that grows pushes the boxes under it down, no further than needed.

import { GROUP_HEADER, type LayoutInput, type LayoutResult, type Rect } from './types';

export const PLACE_GAP = 14;
/** Space between the old picture and an account that was not on it. */
const NEW_GROUP_GAP = 60;

/** What is on the canvas now: the result shown and the sizes it was computed for. */
export interface Placement {
  result: LayoutResult;
  input: LayoutInput;
}

interface Box {
  id: string;
  group: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

function overlaps(a: Omit<Box, 'id' | 'group'>, b: Omit<Box, 'id' | 'group'>, gap = PLACE_GAP): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

/** True when `next` needs no fresh layout: every box and every group is already placed. */
export function placesEverything(previous: Placement | null, next: LayoutInput): boolean {
  if (!previous) return false;
  const withBoxes = new Set(next.boxes.map((b) => b.group));
  return next.boxes.every((b) => previous.result.positions[b.id]) && next.groups.every((g) => withBoxes.has(g.id) || previous.result.groups[g.id]);
}

/**
 * The placement of `next`: boxes in `previous` keep their position, new ones are placed from
 * `fresh` (a full layout of `next`, needed only when something is new).
 */
export function incrementalLayout(previous: Placement | null, fresh: LayoutResult | null, next: LayoutInput): LayoutResult {
  if (!previous) {
    if (!fresh) throw new Error('a first layout needs a full layout of the graph');
    return fresh;
  }
  const before = previous.result.positions;
  const known = next.boxes.filter((b) => before[b.id]);
  if (known.length === 0 && fresh) return fresh;

  const previousHeight = new Map(previous.input.boxes.map((b) => [b.id, b.height]));
  const kept: Box[] = known.map((b) => ({ id: b.id, group: b.group, x: before[b.id].x, y: before[b.id].y, width: b.width, height: b.height }));

  // Boxes that grew push what is under them down (a cascade, top to bottom).
  const queue = kept.filter((b) => b.height > (previousHeight.get(b.id) ?? b.height)).sort((a, b) => a.y - b.y);
  while (queue.length) {
    const pusher = queue.shift()!;
    for (const b of kept) {
      if (b === pusher || b.y < pusher.y || !overlaps(b, pusher)) continue;
      b.y = pusher.y + pusher.height + PLACE_GAP;
      queue.push(b);
    }
  }

  const placed: Box[] = [...kept];
  const positions: LayoutResult['positions'] = {};
  for (const b of kept) positions[b.id] = { x: b.x, y: b.y };
  const bottom = () => Math.max(0, ...placed.map((b) => b.y + b.height), ...Object.values(previous.result.groups).map((g) => g.y + g.height));

  const fresh_: Pick<LayoutResult, 'positions' | 'groups'> = fresh ?? { positions: {}, groups: {} };
  const added = next.boxes.filter((b) => !before[b.id]);
  if (added.length && !fresh) throw new Error('new boxes need a full layout to be placed from');
  // New accounts: one offset per group, so its boxes keep the fresh layout's arrangement.
  const groupOffset = new Map<string, { dx: number; dy: number }>();
  const sorted = [...added].sort((a, b) => fresh_.positions[a.id].y - fresh_.positions[b.id].y || fresh_.positions[a.id].x - fresh_.positions[b.id].x || (a.id < b.id ? -1 : 1));
  for (const b of sorted) {
    const at = fresh_.positions[b.id];
    let x: number;
    let y: number;
    const anchors = kept.filter((k) => k.group === b.group && fresh_.positions[k.id]);
    if (anchors.length) {
      const anchor = anchors.reduce((best, k) => (distance(fresh_.positions[k.id], at) < distance(fresh_.positions[best.id], at) ? k : best));
      x = anchor.x + at.x - fresh_.positions[anchor.id].x;
      y = anchor.y + at.y - fresh_.positions[anchor.id].y;
    } else {
      let offset = groupOffset.get(b.group);
      if (!offset) {
        const rect = fresh_.groups[b.group] ?? { x: at.x, y: at.y - GROUP_HEADER };
        offset = { dx: 0, dy: bottom() + NEW_GROUP_GAP + GROUP_HEADER - (rect.y + GROUP_HEADER) };
        groupOffset.set(b.group, offset);
      }
      x = at.x + offset.dx;
      y = at.y + offset.dy;
    }
    const box: Box = { id: b.id, group: b.group, x, y, width: b.width, height: b.height };
    // Slide down past whatever is in the way.
    for (let blocker = placed.find((p) => overlaps(p, box)); blocker; blocker = placed.find((p) => overlaps(p, box))) box.y = blocker.y + blocker.height + PLACE_GAP;
    placed.push(box);
    positions[b.id] = { x: box.x, y: box.y };
  }

  // Accounts without boxes keep their frame, or get one below everything.
  const groups: Record<string, Rect> = {};
  const withBoxes = new Set(next.boxes.map((b) => b.group));
  for (const g of next.groups) {
    if (withBoxes.has(g.id)) continue;
    const old = previous.result.groups[g.id];
    const size = fresh_.groups[g.id] ?? old;
    if (!size) continue;
    groups[g.id] = old ?? { x: 0, y: bottom() + NEW_GROUP_GAP, width: size.width, height: size.height };
  }
  return { positions, groups, engine: fresh?.engine ?? previous.result.engine, ms: fresh?.ms ?? 0 };
}

function distance(a: { x: number; y: number }, b: { x: number; y: number }): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}
