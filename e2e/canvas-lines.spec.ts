// Lines on a large canvas are drawn on the canvas layer under the boxes, and only the boxes in
// view are in the DOM. A line whose far end is out of view must still do what a line does on a
// small canvas: hovering it names it, a click pins its name, a click on empty canvas unpins it.
// The demo estate is small, so `?canvas=large` draws it as a large canvas is drawn.
import { expect, test, type Page } from '@playwright/test';
import type { TopologyEdge } from '../lib/topology';
import { signIn } from './support/auth';
import { steadyTransform, zoomInTo } from './support/canvas';

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Every resource box's place in the canvas's own coordinates, from the DOM of the small canvas (where every box is mounted). */
async function boxRects(page: Page): Promise<Map<string, Rect>> {
  const rows = await page.locator('.react-flow__node:not(.react-flow__node-account)').evaluateAll((els) =>
    els.map((el) => {
      const [x, y] = ((el as HTMLElement).style.transform.match(/-?[\d.]+/g) ?? []).map(Number);
      return { id: el.getAttribute('data-id')!, x, y, width: (el as HTMLElement).offsetWidth, height: (el as HTMLElement).offsetHeight };
    }),
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** The x of the drawn curve at t: React Flow's bezier from a right-hand handle to a left-hand one (x2 ≥ x1). */
function curveX(x1: number, x2: number, t: number): number {
  const c1 = x1 + 0.5 * (x2 - x1);
  const c2 = x2 - 0.5 * (x2 - x1);
  const u = 1 - t;
  return u * u * u * x1 + 3 * u * u * t * c1 + 3 * u * t * t * c2 + t * t * t * x2;
}

function curveY(y1: number, y2: number, t: number): number {
  const u = 1 - t;
  return (u * u * u + 3 * u * u * t) * y1 + (3 * u * t * t + t * t * t) * y2;
}

/** Where a line between two boxes crosses canvas x, if it spans it. */
function lineYAt(rects: Map<string, Rect>, edge: TopologyEdge, x: number): number | null {
  const a = rects.get(edge.source);
  const b = rects.get(edge.target);
  if (!a || !b) return null;
  const [left, right] = a.x < b.x ? [a, b] : [b, a];
  const x1 = left.x + left.width;
  const x2 = right.x;
  if (x < x1 || x > x2) return null;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (curveX(x1, x2, mid) < x) lo = mid;
    else hi = mid;
  }
  return curveY(left.y + left.height / 2, right.y + right.height / 2, lo);
}

test.describe('lines on a large canvas', () => {
  test.use({ viewport: { width: 1600, height: 1000 } });
  test.beforeEach(async ({ page }) => {
    await signIn(page, 'admin');
  });

  test('a line whose far end is out of view is named on hover, pinned by a click and unpinned by a click on empty canvas', async ({ page }, testInfo) => {
    const topology = (await (await page.request.get('/api/topology')).json()) as { edges: TopologyEdge[] };
    // Where the boxes stand, read from the small canvas, where every box is in the DOM; the large drawing lays out the same.
    await page.goto('/topology');
    await expect(page.getByTestId('canvas-node').first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('topology-canvas')).not.toHaveAttribute('data-layout', 'pending');
    const rects = await boxRects(page);

    await page.goto('/topology?canvas=large');
    const canvas = page.getByTestId('topology-canvas');
    await expect(canvas).not.toHaveAttribute('data-layout', 'pending', { timeout: 60_000 });
    // Zoomed in to full detail, where the lines are drawn on the layer under the DOM boxes.
    // Past the layer's threshold (a zoom of 0.45 on a large canvas, a little more to leave it).
    await zoomInTo(page, 0.6);
    await expect(page.getByTestId('line-layer')).toBeAttached();
    // Only an invitation (with its buttons) is a DOM line here.
    await expect(page.locator('.react-flow__edge-default')).toHaveCount(0);
    const { zoom } = await steadyTransform(page);
    const pane = (await page.locator('.react-flow').boundingBox())!;

    // A service association line running left to right with room between its boxes: after the
    // view is moved so that its left box is out of view, a point on it is hovered, clear of every box.
    const HOVER_X = 160;
    const inBox = (x: number, y: number) => [...rects.values()].some((r) => x > r.x - 12 && x < r.x + r.width + 12 && y > r.y - 12 && y < r.y + r.height + 12);
    let chosen: { edge: TopologyEdge; left: Rect; x: number; y: number; shiftX: number } | null = null;
    for (const edge of topology.edges.filter((e) => e.kind === 'serviceNetworkService')) {
      const a = rects.get(edge.source);
      const b = rects.get(edge.target);
      if (!a || !b) continue;
      const [left, right] = a.x < b.x ? [a, b] : [b, a];
      const x1 = left.x + left.width;
      const x2 = right.x;
      if ((x2 - x1) * zoom < HOVER_X + 80) continue;
      // The left box's right side 40 px left of the pane; the point HOVER_X px into the pane.
      const shiftX = -40 - x1 * zoom;
      let lo = 0;
      let hi = 1;
      for (let i = 0; i < 40; i++) {
        const mid = (lo + hi) / 2;
        if (shiftX + curveX(x1, x2, mid) * zoom < HOVER_X) lo = mid;
        else hi = mid;
      }
      const x = curveX(x1, x2, lo);
      const y = curveY(left.y + left.height / 2, right.y + right.height / 2, lo);
      if (inBox(x, y)) continue;
      // Clear of the lines that cross it (other specs may add some to the shared estate): the hover takes the nearest.
      const crossing = topology.edges.filter((o) => o.source !== edge.source && o.target !== edge.target && o.source !== edge.target && o.target !== edge.source);
      if (crossing.some((o) => Math.abs((lineYAt(rects, o, x) ?? Infinity) - y) * zoom < 12)) continue;
      chosen = { edge, left, x, y, shiftX };
      break;
    }
    expect(chosen, 'a service association line long enough to hover with its end out of view').not.toBeNull();
    const { edge, left, x, y, shiftX } = chosen!;
    const leftId = [...rects].find(([, r]) => r === left)![0];

    // Move the view by dragging empty canvas: the point to HOVER_X, the middle of the pane's height.
    const before = await steadyTransform(page);
    const dx = shiftX - before.tx;
    const dy = pane.height / 2 - (before.ty + y * zoom);
    const start = await page.evaluate(({ pane, dx }) => {
      for (let py = pane.y + 20; py < pane.y + pane.height - 20; py += 17) {
        for (let px = pane.x + pane.width - 300; px > pane.x + 60; px -= 23) {
          if (px + dx < 5 || px + dx > window.innerWidth - 5) continue;
          if (document.elementFromPoint(px, py)?.classList.contains('react-flow__pane')) return { x: px, y: py };
        }
      }
      return null;
    }, { pane, dx });
    expect(start, 'an empty spot of canvas to drag from').not.toBeNull();
    await page.mouse.move(start!.x, start!.y);
    await page.mouse.down();
    await page.mouse.move(start!.x + dx, Math.max(5, Math.min(995, start!.y + dy)), { steps: 12 });
    await page.mouse.up();
    const after = await steadyTransform(page);
    const point = { x: pane.x + after.tx + x * after.zoom, y: pane.y + after.ty + y * after.zoom };
    expect(point.x).toBeGreaterThan(pane.x + 40);
    expect(point.y).toBeGreaterThan(pane.y + 40);
    expect(point.y).toBeLessThan(pane.y + pane.height - 40);
    // The line's left box is out of view, so React Flow has not mounted it.
    await expect(page.locator(`.react-flow__node[data-id="${leftId}"]`)).toHaveCount(0);

    // Hovering the line names it, and it stays named while the pointer rests on it.
    const layer = page.getByTestId('line-layer');
    await page.mouse.move(point.x - 6, point.y);
    await page.mouse.move(point.x, point.y, { steps: 3 });
    await expect(canvas).toHaveAttribute('data-hovered-line', edge.id);
    await page.mouse.move(point.x + 1, point.y);
    await page.mouse.move(point.x, point.y);
    await expect(canvas).toHaveAttribute('data-hovered-line', edge.id);
    // Drawn raised, with its name, on the layer.
    await expect(layer).toHaveAttribute('data-raised-lines', edge.id);
    await expect(layer).toHaveAttribute('data-raised-labels', /^service association/);
    await page.screenshot({ path: testInfo.outputPath('line-hovered.png') });

    // A click pins it: it stays named once the pointer has left it.
    await page.mouse.click(point.x, point.y);
    await expect(canvas).toHaveAttribute('data-pinned-line', edge.id);
    await page.mouse.move(start!.x + dx, Math.max(5, Math.min(995, start!.y + dy)), { steps: 4 });
    await expect(canvas).not.toHaveAttribute('data-hovered-line');
    await expect(canvas).toHaveAttribute('data-pinned-line', edge.id);
    await expect(layer).toHaveAttribute('data-raised-lines', edge.id);
    await expect(layer).toHaveAttribute('data-raised-labels', /^service association/);
    await page.screenshot({ path: testInfo.outputPath('line-pinned.png') });

    // A click on empty canvas unpins it, as on a small canvas. Empty: no box there, and no line
    // drawn within reach of the pointer (other tests add resources, so other lines may cross the
    // place the drag started from). A spot is tried by hovering the pinned line, then the spot:
    // once the hover has left the line, the spot names no line, or another.
    const right = rects.get(edge.source === leftId ? edge.target : edge.source)!;
    const onLine = Array.from({ length: 65 }, (_, i) => ({
      x: pane.x + after.tx + curveX(left.x + left.width, right.x, i / 64) * after.zoom,
      y: pane.y + after.ty + curveY(left.y + left.height / 2, right.y + right.height / 2, i / 64) * after.zoom,
    }));
    const candidates = await page.evaluate(({ pane }) => {
      const out: { x: number; y: number }[] = [];
      for (let py = pane.y + 30; py < pane.y + pane.height - 30; py += 41) {
        for (let px = pane.x + 30; px < pane.x + pane.width - 30; px += 53) {
          if (document.elementFromPoint(px, py)?.classList.contains('react-flow__pane')) out.push({ x: px, y: py });
        }
      }
      return out;
    }, { pane });
    let empty: { x: number; y: number } | null = null;
    for (const spot of candidates.filter((c) => onLine.every((p) => Math.hypot(p.x - c.x, p.y - c.y) > 40))) {
      await page.mouse.move(point.x, point.y);
      await expect(canvas).toHaveAttribute('data-hovered-line', edge.id);
      await page.mouse.move(spot.x, spot.y);
      await expect(canvas).not.toHaveAttribute('data-hovered-line', edge.id);
      if ((await canvas.getAttribute('data-hovered-line')) === null) {
        empty = spot;
        break;
      }
    }
    expect(empty, 'a spot of canvas with no box and no line').not.toBeNull();
    await page.mouse.click(empty!.x, empty!.y);
    await expect(canvas).not.toHaveAttribute('data-pinned-line');
    await expect(layer).toHaveAttribute('data-raised-lines', '');
  });
});
