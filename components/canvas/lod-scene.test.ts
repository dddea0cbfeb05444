import { describe, expect, it } from 'vitest';
import type { Edge } from '@xyflow/react';
import type { ViewNode } from '@/lib/topology';
import { boxStyle, buildLodScene, frameNamePlace, curveInView, curvePoint, drawnInDom, fitLabel, hitTest, hitTestLine, inView, LOD_HYSTERESIS, lineInView, lodLayerWanted, MAX_NAMED_BOXES, nameFontPx, raisedLines, unoverlapped, viewRect } from './lod-scene';
import { boxHandles } from './build-flow';
import type { CanvasFlowNode } from './nodes';

function box(id: string, x: number, y: number, extra: Partial<CanvasFlowNode> = {}, view: Partial<ViewNode> = {}): CanvasFlowNode {
  return {
    id,
    type: 'resource',
    position: { x, y },
    width: 252,
    height: 68,
    data: { view: { id, kind: 'service', label: `name of ${id}`, account: '111', status: 'ACTIVE', ...view } as ViewNode, color: '#0ea5e9', accountLabel: 'storefront', height: 68, sharedWith: 0 },
    ...extra,
  } as CanvasFlowNode;
}

const frame = { id: 'account:111', type: 'account', position: { x: -20, y: -40 }, width: 600, height: 300, data: { account: '111', label: 'storefront', color: '#0ea5e9', count: 2, width: 600, height: 300 } } as CanvasFlowNode;

describe('the level-of-detail scene', () => {
  it('keeps frames, boxes with their state, and lines from handle to handle', () => {
    const nodes = [frame, box('a', 0, 0, { selected: true }), box('b', 400, 100, { className: 'graph-dim' }, { aggregate: { kind: 'service', members: [], statusCounts: {} } } as Partial<ViewNode>), box('c', 400, 300, { className: 'access-failed' })];
    (nodes[2] as { type: string }).type = 'aggregate';
    (nodes[1].data as { mark?: string }).mark = 'added';
    const edges: Edge[] = [
      { id: 'e1', source: 'a', target: 'b', style: { stroke: '#64748b', strokeWidth: 1.25, strokeDasharray: '4 3' } },
      { id: 'e2', source: 'a', target: 'c', className: 'graph-dim', style: { stroke: '#64748b', strokeWidth: 1.25 } },
      { id: 'gone', source: 'a', target: 'not-on-the-canvas' },
    ];
    const scene = buildLodScene(nodes, edges);
    expect(scene.frames).toEqual([{ account: '111', label: 'storefront', color: '#0ea5e9', x: -20, y: -40, width: 600, height: 300, room: Infinity, inset: 40 }]);
    expect(scene.boxes.map((b) => [b.id, b.selected, b.dim, b.aggregate, b.mark, b.access])).toEqual([
      ['a', true, false, false, 'added', undefined],
      ['b', false, true, true, undefined, undefined],
      ['c', false, false, false, undefined, 'failed'],
    ]);
    // Dimmed lines come first so the lit ones are drawn over them; a line to a box not drawn is left out.
    expect(scene.batches.map((b) => [b.dim, b.dash, b.lines.length])).toEqual([
      [true, [], 1],
      [false, [4, 3], 1],
    ]);
    expect(scene.batches[1].lines[0]).toEqual({ id: 'e1', x1: 252, y1: 34, x2: 400, y2: 134 });
  });

  it('takes over at the same zoom as the detail level, and gives way only a little further in', () => {
    expect(lodLayerWanted(0.44, true, false, false)).toBe(true);
    expect(lodLayerWanted(0.46, true, false, false)).toBe(false);
    // Once on, it stays on until the view is past the threshold by the hysteresis.
    expect(lodLayerWanted(0.46, true, false, true)).toBe(true);
    expect(lodLayerWanted(0.45 * LOD_HYSTERESIS, true, false, true)).toBe(false);
    // A small graph only at the minimal level; never when plain.
    expect(lodLayerWanted(0.3, false, false, false)).toBe(false);
    expect(lodLayerWanted(0.19, false, false, false)).toBe(true);
    expect(lodLayerWanted(0.21, false, false, true)).toBe(true);
    expect(lodLayerWanted(0.01, true, true, true)).toBe(false);
  });

  it('leaves the access path and invitations to the DOM, and keeps hovered and pinned lines on the layer', () => {
    expect(drawnInDom({ id: 'plain', source: 'a', target: 'b', type: 'default' })).toBe(false);
    expect(drawnInDom({ id: 'path', source: 'a', target: 'b', className: 'access-edge-path' })).toBe(true);
    expect(drawnInDom({ id: 'dimmed', source: 'a', target: 'b', className: 'graph-dim' })).toBe(false);
    expect(drawnInDom({ id: 'invitation', source: 'a', target: 'b', type: 'invitation' })).toBe(true);
  });

  it('raises lines by id, in the order asked (the last on top), thicker and named, whether or not their boxes are in view', () => {
    const scene = buildLodScene([box('a', 0, 0), box('b', 5000, 100), box('c', 400, 300)], [
      { id: 'far', source: 'a', target: 'b', style: { stroke: '#0ea5e9', strokeWidth: 1.5, strokeDasharray: '4 3' } },
      { id: 'near', source: 'a', target: 'c', className: 'graph-dim' },
    ]);
    const labels = new Map([['far', 'service association'], ['near', 'VPC association']]);
    const raised = raisedLines(scene, ['far', 'gone', 'near'], (id) => labels.get(id));
    expect(raised.map((r) => [r.line.id, r.stroke, r.width, r.dash, r.label])).toEqual([
      ['far', '#0ea5e9', 2.5, [4, 3], 'service association'],
      ['near', '#94a3b8', 2.25, [], 'VPC association'],
    ]);
    expect(raised[0].line).toEqual({ id: 'far', x1: 252, y1: 34, x2: 5000, y2: 134 });
    expect(raisedLines(scene, [], () => 'x')).toEqual([]);
  });

  it('draws lines as the DOM’s curves, and finds the one under the pointer', () => {
    const line = { id: 'l', x1: 0, y1: 0, x2: 200, y2: 100 };
    // React Flow's bezier: control points half the distance across, at each end's height.
    expect(curvePoint(line, 0)).toEqual({ x: 0, y: 0 });
    expect(curvePoint(line, 0.5)).toEqual({ x: 100, y: 50 });
    expect(curvePoint(line, 1)).toEqual({ x: 200, y: 100 });
    // Backwards (target left of the source), the curve bulges out beyond both ends.
    const back = { id: 'b', x1: 300, y1: 0, x2: 200, y2: 100 };
    expect(curveInView(back, { x: 320, y: 0, width: 20, height: 20 })).toBe(true);
    expect(lineInView(back, { x: 320, y: 0, width: 20, height: 20 })).toBe(false);
    const batches = [{ stroke: '#000', width: 1, dash: [], dim: false, lines: [line, { id: 'other', x1: 0, y1: 300, x2: 200, y2: 300 }] }];
    // Within the tolerance of the curve, and of nothing far from any line.
    expect(hitTestLine(batches, { x: 100, y: 52 }, 4)?.id).toBe('l');
    expect(hitTestLine(batches, { x: 100, y: 298 }, 4)?.id).toBe('other');
    expect(hitTestLine(batches, { x: 100, y: 200 }, 4)).toBeNull();
  });

  it('puts an account’s name above its frame where there is room, else inside its top, else nowhere', () => {
    const under = { ...frame, id: 'account:222', position: { x: 100, y: 300 }, data: { ...frame.data, account: '222', label: 'payments' } } as CanvasFlowNode;
    const aside = { ...frame, id: 'account:333', position: { x: 700, y: -40 }, data: { ...frame.data, account: '333', label: 'ledger' } } as CanvasFlowNode;
    const scene = buildLodScene([frame, under, aside, box('p', 140, 340, {}, { account: '222' })], []);
    const [top, below, beside] = scene.frames;
    // The frame under another has 40 units above it (300 - 260), and 40 above its first box.
    expect(below.room).toBe(40);
    expect(below.inset).toBe(40);
    expect(top.room).toBe(Infinity);
    expect(beside.room).toBe(Infinity);
    expect(frameNamePlace(top, 0.05, 11)).toBe('above');
    expect(frameNamePlace(below, 1, 11)).toBe('above');
    // Further out the gap is 2 px on screen: neither above nor inside has room for an 11 px name.
    expect(frameNamePlace(below, 0.05, 11)).toBeNull();
    expect(frameNamePlace({ ...below, inset: 400 }, 0.05, 11)).toBe('inside');
  });

  it('finds what is in view from React Flow’s transform', () => {
    // Zoom 0.5, the canvas origin 100 px right of the screen's left edge and 20 px down.
    const view = viewRect([100, 20, 0.5], 800, 600);
    expect(view).toEqual({ x: -200, y: -40, width: 1600, height: 1200 });
    const boxes = buildLodScene([box('in', 0, 0), box('edge', 1300, 1100), box('right', 1500, 0), box('above', 0, -200)], []).boxes;
    expect(inView(boxes, view).map((b) => b.id)).toEqual(['in', 'edge']);
    expect(lineInView({ id: 'across', x1: -500, y1: 50, x2: 2000, y2: 60 }, view)).toBe(true);
    expect(lineInView({ id: 'right', x1: 1500, y1: 50, x2: 2000, y2: 60 }, view)).toBe(false);
  });

  it('hit-tests a click against the boxes, the one drawn last on top', () => {
    const boxes = buildLodScene([frame, box('under', 0, 0), box('over', 100, 20)], []).boxes;
    expect(hitTest(boxes, { x: 10, y: 10 })?.id).toBe('under');
    expect(hitTest(boxes, { x: 150, y: 40 })?.id).toBe('over');
    // The account frame is not a box: a click on its empty part selects nothing.
    expect(hitTest(boxes, { x: 500, y: 200 })).toBeNull();
  });

  it('draws blocks far out, boxes nearer, and names only where they fit and are few enough', () => {
    expect(boxStyle(3, 10)).toBe('block');
    expect(boxStyle(9, 10)).toBe('box');
    expect(boxStyle(20, 10)).toBe('named');
    expect(boxStyle(20, MAX_NAMED_BOXES + 1)).toBe('box');
    expect(nameFontPx(14)).toBe(8);
    expect(nameFontPx(30)).toBe(13);
    expect(fitLabel('checkout', 200, 10)).toBe('checkout');
    expect(fitLabel('checkout-service-eu', 60, 10)).toBe('checkout-…');
    expect(fitLabel('checkout', 8, 10)).toBe('');
  });

  it('places handles where the DOM draws them, so unrendered boxes need no measuring', () => {
    expect(boxHandles(68)).toEqual([
      expect.objectContaining({ type: 'target', x: -2, y: 31, width: 6, height: 6 }),
      expect.objectContaining({ type: 'source', x: 248, y: 31, width: 6, height: 6 }),
    ]);
  });
});

describe('labels on the canvas layer', () => {
  it('draws a label only where none drawn before it overlaps, also across the grid’s cells', () => {
    const rects = [
      { x: 0, y: 0, width: 40, height: 14 },
      { x: 30, y: 5, width: 40, height: 14 },
      { x: 100, y: 0, width: 40, height: 14 },
      { x: 60, y: 60, width: 20, height: 10 },
      { x: 138, y: 10, width: 40, height: 14 },
      { x: 41, y: 0, width: 10, height: 14 },
    ];
    expect(unoverlapped(rects, 64)).toEqual([true, false, true, true, false, true]);
    expect(unoverlapped(rects, 8)).toEqual([true, false, true, true, false, true]);
    expect(unoverlapped([])).toEqual([]);
  });
});
