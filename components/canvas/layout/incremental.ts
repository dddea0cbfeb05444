// Incremental layout: when the graph changes (a refresh finds new resources, a service is
// opened and grows), every box already on the canvas stays where it is and only new boxes
// are placed, so the picture the user has learnt survives. A new box goes where the fresh
// layout puts it relative to its nearest old neighbour in the same account; a wholly new
// account goes below everything, and so does an account read for the first time whose frame,
// grown around the references to it drawn before, would reach over another account's frame.
// Boxes never overlap: a new box slides down to the first free place, and a box that grows
// pushes the boxes under it down, no further than needed.

import { GROUP_HEADER, GROUP_PADDING, type LayoutInput, type LayoutResult, type Rect } from './types';

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
  // Frames of accounts still without boxes (an account being read) are in the way too.
  const withBoxes = new Set(next.boxes.map((b) => b.group));
  const emptyFrames = next.groups.filter((g) => !withBoxes.has(g.id) && previous.result.groups[g.id]).map((g) => ({ group: g.id, ...previous.result.groups[g.id] }));
  /** A group's boxes placed so far. */
  const boxesOf = groupBoxes(kept);
  const references = new Set(previous.input.boxes.filter((b) => b.reference).map((b) => b.id));
  /** Where `group` stands whole in the fresh layout's arrangement, its frame's top at the bottom of the picture. */
  const belowEverything = (group: string, at: { x: number; y: number }) => {
    const rect = fresh_.groups[group] ?? { x: at.x, y: at.y - GROUP_HEADER };
    return { dx: 0, dy: bottom() + NEW_GROUP_GAP + GROUP_HEADER - (rect.y + GROUP_HEADER) };
  };
  const place = (box: Box) => {
    // Slide down past whatever is in the way.
    for (let blocker = placed.find((p) => overlaps(p, box)); blocker; blocker = placed.find((p) => overlaps(p, box))) box.y = blocker.y + blocker.height + PLACE_GAP;
    placed.push(box);
    positions[box.id] = { x: box.x, y: box.y };
  };

  // Group by group, in the order the fresh layout reads them (top to bottom, left to right).
  const freshOrder = (a: LayoutInput['boxes'][number], b: LayoutInput['boxes'][number]) => fresh_.positions[a.id].y - fresh_.positions[b.id].y || fresh_.positions[a.id].x - fresh_.positions[b.id].x || (a.id < b.id ? -1 : 1);
  const addedByGroup = groupBoxes([...added].sort(freshOrder));
  for (const [group, boxes] of addedByGroup) {
    const anchors = (boxesOf.get(group) ?? []).filter((k) => fresh_.positions[k.id]);
    // A wholly new account: one offset for the group, so its boxes keep the fresh layout's arrangement.
    const offset = anchors.length ? null : belowEverything(group, fresh_.positions[boxes[0].id]);
    const mark = placed.length;
    for (const b of boxes) {
      const at = fresh_.positions[b.id];
      let x: number;
      let y: number;
      if (offset) {
        x = at.x + offset.dx;
        y = at.y + offset.dy;
      } else {
        // Beside its nearest old neighbour in the account, as the fresh layout has them.
        const anchor = anchors.reduce((best, k) => (distance(fresh_.positions[k.id], at) < distance(fresh_.positions[best.id], at) ? k : best));
        x = anchor.x + at.x - fresh_.positions[anchor.id].x;
        y = anchor.y + at.y - fresh_.positions[anchor.id].y;
      }
      place({ id: b.id, group, x, y, width: b.width, height: b.height });
    }
    const own = [...(boxesOf.get(group) ?? []), ...placed.slice(mark)];
    if (anchors.length && anchors.every((k) => references.has(k.id)) && frameCollides(group, own, placed, emptyFrames)) {
      // An account read for the first time, whose boxes were drawn so far only as others'
      // references: grown around them, its frame would reach over a neighbour's, so it moves
      // whole, in the fresh layout's arrangement, below the picture instead.
      const moved = new Set(own.map((b) => b.id));
      for (let i = placed.length - 1; i >= 0; i--) if (moved.has(placed[i].id)) placed.splice(i, 1);
      const whole = next.boxes.filter((b) => b.group === group).sort(freshOrder);
      const shift = belowEverything(group, fresh_.positions[whole[0].id]);
      const mark2 = placed.length;
      for (const b of whole) place({ id: b.id, group, x: fresh_.positions[b.id].x + shift.dx, y: fresh_.positions[b.id].y + shift.dy, width: b.width, height: b.height });
      boxesOf.set(group, placed.slice(mark2));
    } else boxesOf.set(group, own);
  }

  // Accounts without boxes keep their frame, or get one below everything.
  const groups: Record<string, Rect> = {};
  for (const g of next.groups) {
    if (withBoxes.has(g.id)) continue;
    const old = previous.result.groups[g.id];
    const size = fresh_.groups[g.id] ?? old;
    if (!size) continue;
    groups[g.id] = old ?? { x: 0, y: bottom() + NEW_GROUP_GAP, width: size.width, height: size.height };
  }
  return { positions, groups, engine: fresh?.engine ?? previous.result.engine, ms: fresh?.ms ?? 0 };
}

/** The frame an account's boxes get on the canvas (build-flow's groupBounds): around them, with room for the title. */
export function frameAround(boxes: readonly Omit<Box, 'id' | 'group'>[]): Rect {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const b of boxes) {
    minX = Math.min(minX, b.x);
    minY = Math.min(minY, b.y);
    maxX = Math.max(maxX, b.x + b.width);
    maxY = Math.max(maxY, b.y + b.height);
  }
  return { x: minX - GROUP_PADDING, y: minY - GROUP_HEADER, width: maxX - minX + GROUP_PADDING * 2, height: maxY - minY + GROUP_HEADER + GROUP_PADDING };
}

/** True when the frame around `own` (the boxes of `group`) overlaps the frame of another account. */
function frameCollides(group: string, own: readonly Box[], placed: readonly Box[], emptyFrames: readonly (Rect & { group: string })[]): boolean {
  const frame = frameAround(own);
  const others = groupBoxes(placed);
  others.delete(group);
  const frames = [...[...others.values()].map((boxes) => frameAround(boxes)), ...emptyFrames.filter((f) => f.group !== group)];
  return frames.some((f) => overlaps(frame, f, 0));
}

function groupBoxes<B extends { group: string }>(boxes: readonly B[]): Map<string, B[]> {
  const byGroup = new Map<string, B[]>();
  for (const b of boxes) {
    const list = byGroup.get(b.group);
    if (list) list.push(b);
    else byGroup.set(b.group, [b]);
  }
  return byGroup;
}

function distance(a: { x: number; y: number }, b: { x: number; y: number }): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}
