import { describe, expect, it } from 'vitest';
import { gridLayout } from './grid-layout';
import { frameAround, incrementalLayout, placesEverything, type Placement } from './incremental';
import type { LayoutInput, LayoutResult } from './types';

const box = (id: string, group: string, column: number, height = 68) => ({ id, width: 252, height, group, column, order: id });

function estate(extra: { services?: number; accounts?: string[]; tall?: string } = {}): LayoutInput {
  const boxes: LayoutInput['boxes'] = [box('sn', 'hub', 0), box('vpc-a', 'a', 2), box('vpc-b', 'b', 2)];
  const links: LayoutInput['links'] = [
    { id: 'l-a', from: 'sn', to: 'vpc-a' },
    { id: 'l-b', from: 'sn', to: 'vpc-b' },
  ];
  for (let i = 0; i < (extra.services ?? 3); i++) {
    const id = `svc-${i}`;
    boxes.push(box(id, 'a', 3, extra.tall === id ? 260 : 68));
    links.push({ id: `l-${id}`, from: 'sn', to: id });
  }
  for (const account of extra.accounts ?? []) boxes.push(box(`vpc-${account}`, account, 2));
  const groups = [{ id: 'hub', rank: 1 }, ...['a', 'b', ...(extra.accounts ?? [])].map((id) => ({ id, rank: 0 }))];
  return { boxes, links, groups };
}

function overlapping(input: LayoutInput, result: LayoutResult): string[] {
  const rects = input.boxes.map((b) => ({ id: b.id, ...result.positions[b.id], width: b.width, height: b.height }));
  const out: string[] = [];
  for (let i = 0; i < rects.length; i++)
    for (let j = i + 1; j < rects.length; j++) {
      const [a, b] = [rects[i], rects[j]];
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) out.push(`${a.id}/${b.id}`);
    }
  return out;
}

function shown(input: LayoutInput): Placement {
  return { input, result: gridLayout(input) };
}

describe('incremental layout', () => {
  it('keeps every box of the old picture where it was and places only the new ones', () => {
    const before = shown(estate({ services: 3 }));
    // Move the old picture, as if the user had panned a different layout: nothing old may follow the fresh layout.
    for (const p of Object.values(before.result.positions)) p.x += 1000;
    const next = estate({ services: 5 });
    expect(placesEverything(before, next)).toBe(false);
    const result = incrementalLayout(before, gridLayout(next), next);
    for (const [id, p] of Object.entries(before.result.positions)) expect(result.positions[id], id).toEqual(p);
    expect(result.positions['svc-3']).toBeDefined();
    expect(result.positions['svc-4']).toBeDefined();
    // New services go into their account's column, beside the old ones, not where the fresh layout had them.
    expect(result.positions['svc-3'].x).toBe(before.result.positions['svc-0'].x);
    expect(overlapping(next, result)).toEqual([]);
  });

  it('puts a new account below the old picture without touching it', () => {
    const before = shown(estate());
    const next = estate({ accounts: ['c'] });
    const result = incrementalLayout(before, gridLayout(next), next);
    for (const [id, p] of Object.entries(before.result.positions)) expect(result.positions[id]).toEqual(p);
    const oldBottom = Math.max(...before.input.boxes.map((b) => before.result.positions[b.id].y + b.height));
    expect(result.positions['vpc-c'].y).toBeGreaterThan(oldBottom);
    expect(overlapping(next, result)).toEqual([]);
  });

  it('lets an opened service push the boxes under it down and moves nothing else', () => {
    const before = shown(estate({ services: 3 }));
    const next = estate({ services: 3, tall: 'svc-0' });
    // Only sizes changed: no fresh layout is needed.
    expect(placesEverything(before, next)).toBe(true);
    const result = incrementalLayout(before, null, next);
    const p = before.result.positions;
    expect(result.positions['svc-0']).toEqual(p['svc-0']);
    for (const id of ['sn', 'vpc-a', 'vpc-b']) expect(result.positions[id]).toEqual(p[id]);
    const under = ['svc-1', 'svc-2'].filter((id) => p[id].y > p['svc-0'].y);
    expect(under.length).toBeGreaterThan(0);
    for (const id of under) {
      expect(result.positions[id].x).toBe(p[id].x);
      expect(result.positions[id].y).toBeGreaterThanOrEqual(p['svc-0'].y + 260);
    }
    expect(overlapping(next, result)).toEqual([]);
  });

  it('uses the fresh layout when nothing was shown before, and gives an account with no boxes a frame', () => {
    const input = estate();
    input.groups.push({ id: 'partner', rank: 0 });
    const fresh = gridLayout(input);
    expect(incrementalLayout(null, fresh, input)).toBe(fresh);
    expect(fresh.groups.partner).toBeDefined();
    expect(fresh.groups.partner.width).toBeGreaterThan(200);
    // A later change keeps that frame where it was.
    const next = estate({ services: 4 });
    next.groups.push({ id: 'partner', rank: 0 });
    const result = incrementalLayout({ input, result: fresh }, gridLayout(next), next);
    expect(result.groups.partner).toEqual(fresh.groups.partner);
  });

  it("moves an account read last whole below the picture when its frame, grown around the references drawn before, would reach over a neighbour's", () => {
    // Before: the hub, account a, account b, and one service of c that the hub references (c not read yet), just above b.
    const shownBoxes: LayoutInput['boxes'] = [box('sn', 'hub', 0), box('vpc-a', 'a', 2), { ...box('svc-c0', 'c', 3), reference: true }, box('vpc-b', 'b', 2)];
    const before: Placement = {
      input: { boxes: shownBoxes, links: [{ id: 'l-c0', from: 'sn', to: 'svc-c0' }], groups: [{ id: 'hub', rank: 1 }, { id: 'a', rank: 0 }, { id: 'b', rank: 0 }, { id: 'c', rank: 0 }] },
      result: { positions: { sn: { x: 0, y: 34 }, 'vpc-a': { x: 600, y: 34 }, 'svc-c0': { x: 600, y: 200 }, 'vpc-b': { x: 600, y: 360 } }, groups: {}, engine: 'grid', ms: 0 },
    };
    const frames = (input: LayoutInput, result: LayoutResult) => {
      const byGroup = new Map<string, { x: number; y: number; width: number; height: number }[]>();
      for (const b of input.boxes) byGroup.set(b.group, [...(byGroup.get(b.group) ?? []), { ...result.positions[b.id], width: b.width, height: b.height }]);
      return new Map([...byGroup].map(([g, boxes]) => [g, frameAround(boxes)]));
    };
    expect(overlappingFrames(frames(before.input, before.result))).toEqual([]);

    // c is read: its service is its own now, with five more services and a VPC.
    const next: LayoutInput = {
      ...before.input,
      boxes: [box('sn', 'hub', 0), box('vpc-a', 'a', 2), box('svc-c0', 'c', 3), ...[1, 2, 3, 4, 5].map((i) => box(`svc-c${i}`, 'c', 3)), box('vpc-c', 'c', 2), box('vpc-b', 'b', 2)],
    };
    const result = incrementalLayout(before, gridLayout(next), next);
    expect(overlapping(next, result)).toEqual([]);
    expect(overlappingFrames(frames(next, result))).toEqual([]);
    // Nothing of the accounts read before moved; c stands below them, in the fresh layout's arrangement.
    for (const id of ['sn', 'vpc-a', 'vpc-b']) expect(result.positions[id]).toEqual(before.result.positions[id]);
    const oldBottom = Math.max(...shownBoxes.map((b) => before.result.positions[b.id].y + b.height));
    for (const id of ['svc-c0', 'svc-c1', 'svc-c5', 'vpc-c']) expect(result.positions[id].y).toBeGreaterThan(oldBottom);
    const fresh = gridLayout(next);
    expect(result.positions['svc-c1'].y - result.positions['svc-c0'].y).toBe(fresh.positions['svc-c1'].y - fresh.positions['svc-c0'].y);
    expect(result.positions['vpc-c'].x - result.positions['svc-c0'].x).toBe(fresh.positions['vpc-c'].x - fresh.positions['svc-c0'].x);
  });

  it('keeps an account that was already read in place when a refresh adds to it', () => {
    const before: Placement = {
      input: { boxes: [box('sn', 'hub', 0), box('svc-c0', 'c', 3), box('vpc-b', 'b', 2)], links: [], groups: [{ id: 'hub', rank: 1 }, { id: 'b', rank: 0 }, { id: 'c', rank: 0 }] },
      result: { positions: { sn: { x: 0, y: 34 }, 'svc-c0': { x: 600, y: 200 }, 'vpc-b': { x: 600, y: 360 } }, groups: {}, engine: 'grid', ms: 0 },
    };
    const next: LayoutInput = { ...before.input, boxes: [...before.input.boxes, box('svc-c1', 'c', 3)] };
    const result = incrementalLayout(before, gridLayout(next), next);
    for (const [id, p] of Object.entries(before.result.positions)) expect(result.positions[id]).toEqual(p);
    expect(overlapping(next, result)).toEqual([]);
  });
});

function overlappingFrames(frames: ReadonlyMap<string, { x: number; y: number; width: number; height: number }>): string[] {
  const list = [...frames];
  const out: string[] = [];
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) {
      const [[ga, a], [gb, b]] = [list[i], list[j]];
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) out.push(`${ga}/${gb}`);
    }
  return out;
}
