import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { buildView } from '@/lib/topology';
import { HUB, IDS, sampleTopology } from '@/lib/topology/fixtures';
import { elkLayout } from './elk-layout';
import { gridLayout } from './grid-layout';
import { buildLayoutInput, layoutKey, orientEdge } from './layout-input';
import type { LayoutInput, LayoutResult } from './types';

/** A hub with three service networks and `accounts` spokes of `services` services each. */
function estate(accounts: number, services: number): LayoutInput {
  const boxes: LayoutInput['boxes'] = [];
  const links: LayoutInput['links'] = [];
  for (let s = 0; s < 3; s++) boxes.push({ id: `sn${s}`, width: 252, height: 68, group: 'hub', column: 0, order: `sn${s}` });
  for (let a = 0; a < accounts; a++) {
    boxes.push({ id: `vpc${a}`, width: 252, height: 68, group: `a${a}`, column: 2, order: 'vpc' });
    links.push({ id: `lv${a}`, from: `sn${a % 3}`, to: `vpc${a}` });
    for (let i = 0; i < services; i++) {
      boxes.push({ id: `s${a}-${i}`, width: 252, height: i % 7 === 0 ? 180 : 68, group: `a${a}`, column: 3, order: String(i).padStart(4, '0') });
      links.push({ id: `l${a}-${i}`, from: `sn${i % 3}`, to: `s${a}-${i}` });
    }
  }
  return { boxes, links, groups: [{ id: 'hub', rank: 3 }, ...Array.from({ length: accounts }, (_, a) => ({ id: `a${a}`, rank: 0 }))] };
}

function expectReadable(input: LayoutInput, result: LayoutResult) {
  const rects = input.boxes.map((b) => ({ ...b, ...result.positions[b.id] }));
  for (const r of rects) {
    expect(result.positions[r.id], `${r.id} placed`).toBeDefined();
    const g = result.groups[r.group];
    expect(r.x >= g.x && r.y >= g.y && r.x + r.width <= g.x + g.width + 0.5 && r.y + r.height <= g.y + g.height + 0.5, `${r.id} inside its group`).toBe(true);
  }
  // No two boxes overlap, and no two groups overlap.
  const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  const sorted = [...rects].sort((a, b) => a.x - b.x);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j].x < sorted[i].x + sorted[i].width; j++) {
      expect(overlaps(sorted[i], sorted[j]), `${sorted[i].id} and ${sorted[j].id} overlap`).toBe(false);
    }
  }
  const groups = Object.entries(result.groups);
  for (let i = 0; i < groups.length; i++) for (let j = i + 1; j < groups.length; j++) expect(overlaps(groups[i][1], groups[j][1]), `groups ${groups[i][0]} and ${groups[j][0]} overlap`).toBe(false);
}

describe('gridLayout', () => {
  it('places every box without overlaps, inside its group, hubs on the left', () => {
    for (const [accounts, services] of [[1, 1], [4, 6], [20, 50], [3, 300]]) {
      const input = estate(accounts, services);
      const result = gridLayout(input);
      expectReadable(input, result);
      const hub = result.groups.hub;
      for (const [id, g] of Object.entries(result.groups)) if (id !== 'hub') expect(g.x).toBeGreaterThan(hub.x + hub.width);
    }
  });
  it('gives equal pictures for equal inputs whatever their order', () => {
    const input = estate(5, 8);
    const shuffled = { ...input, boxes: [...input.boxes].reverse(), groups: [...input.groups].reverse() };
    expect(gridLayout(shuffled).positions).toEqual(gridLayout(input).positions);
  });
  it('keys a layout by what shapes it: equal for a copy, different when a box, its group or a link changes', () => {
    const input = estate(5, 8);
    const key = layoutKey(input);
    expect(layoutKey(structuredClone(input))).toBe(key);
    const [first, second] = input.boxes;
    expect(layoutKey({ ...input, boxes: input.boxes.map((b) => (b === first ? { ...b, height: b.height + 10 } : b)) })).not.toBe(key);
    expect(layoutKey({ ...input, boxes: input.boxes.map((b) => (b === first ? { ...b, group: second!.group === b.group ? 'elsewhere' : second!.group } : b)) })).not.toBe(key);
    expect(layoutKey({ ...input, links: [...input.links, { id: 'extra', from: first!.id, to: second!.id }] })).not.toBe(key);
  });
  it('keeps a large estate roughly the shape of a screen', () => {
    const result = gridLayout(estate(20, 50));
    const right = Math.max(...Object.values(result.groups).map((g) => g.x + g.width));
    const bottom = Math.max(...Object.values(result.groups).map((g) => g.y + g.height));
    expect(right / bottom).toBeGreaterThan(0.8);
    expect(right / bottom).toBeLessThan(3.5);
  });
});

describe('elkLayout', () => {
  it('places every box without overlaps, inside its group, in the demo-sized estate and a larger one', async () => {
    const elk = new ELK();
    for (const [accounts, services] of [[4, 6], [10, 14]]) {
      const input = estate(accounts, services);
      const result = await elkLayout(elk, input);
      expect(result.engine).toBe('elk');
      expectReadable(input, result);
    }
  });
});

describe('buildLayoutInput', () => {
  it('reads service networks on the left: endpoint and gateway links are turned around', () => {
    expect(orientEdge({ kind: 'vpcEndpointServiceNetwork', source: 'vpce', target: 'sn' })).toEqual({ from: 'sn', to: 'vpce' });
    expect(orientEdge({ kind: 'resourceGatewayResourceConfiguration', source: 'rg', target: 'rc' })).toEqual({ from: 'rc', to: 'rg' });
    expect(orientEdge({ kind: 'serviceNetworkService', source: 'sn', target: 'svc' })).toEqual({ from: 'sn', to: 'svc' });
  });
  it('sizes, groups and ranks the boxes of a view', () => {
    const view = buildView(sampleTopology());
    const input = buildLayoutInput(view, new Map([[IDS.svc, 300]]));
    expect(input.boxes.find((b) => b.id === IDS.svc)).toMatchObject({ height: 300, group: '222222222222', column: 3 });
    expect(input.boxes.find((b) => b.id === IDS.sn)).toMatchObject({ column: 0, group: HUB });
    expect(input.groups.find((g) => g.id === HUB)?.rank).toBe(1);
    expect(input.links.find((l) => l.id === IDS.snRcAssoc)).toEqual({ id: IDS.snRcAssoc, from: IDS.sn, to: IDS.rc });
  });
});
