import { describe, expect, it } from 'vitest';
import { gridLayout } from './grid-layout';
import { incrementalLayout, placesEverything, type Placement } from './incremental';
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
});
