// The graph explains itself and exports usefully: a legend of every box and line kind,
// selection lighting up a box's neighbours and dimming the rest, a refresh that keeps every
// box where it was, an SVG export of plain shapes and text, and an account without resources
// (the partner whose invitation is pending) drawn with its frame so the invitation lands.
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { CreateServiceCommand } from '@aws-sdk/client-vpc-lattice';
import { clientsFor } from '../lib/testing/clients';
import { DEMO_ACCOUNTS } from '../lib/demo';
import { EDGE_KINDS, type TopologyEdge } from '../lib/topology';
import { signIn, uniqueName } from './support/auth';
import { inkOnScreen, settled, steadyTransform, zoomInTo } from './support/canvas';

const emulatorUrl = `http://127.0.0.1:${Number(process.env.E2E_EMULATOR_PORT ?? 4611)}`;
const id = (name: string) => DEMO_ACCOUNTS.find((a) => a.name === name)!.id;
const STOREFRONT = id('storefront');
const PARTNER = id('analytics-partner');

/** README screenshots, when E2E_SHOTS names a directory (public/screenshots to re-take them). */
async function shot(page: Page, name: string) {
  if (process.env.E2E_SHOTS) await page.screenshot({ path: `${process.env.E2E_SHOTS}/${name}.png` });
}

async function openTopology(page: Page, query = '') {
  await page.goto(`/topology${query}`);
  await expect(page.getByTestId('topology-canvas')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('canvas-node').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('topology-canvas')).not.toHaveAttribute('data-layout', 'pending');
}

async function refresh(page: Page) {
  await page.getByTestId('refresh').click();
  await expect(page.getByTestId('refresh')).toHaveText('Refreshing…');
  await expect(page.getByTestId('refresh')).toHaveText('Refresh', { timeout: 60_000 });
}

/** Where each resource box stands, in the canvas's own coordinates (independent of pan and zoom). */
async function boxPositions(page: Page): Promise<Record<string, string>> {
  return page.locator('.react-flow__node').evaluateAll((els) =>
    Object.fromEntries(els.filter((el) => !el.classList.contains('react-flow__node-account')).map((el) => [el.getAttribute('data-id')!, (el as HTMLElement).style.transform])),
  );
}

test.describe('the graph', () => {
  test.use({ viewport: { width: 1600, height: 1000 } });
  test.beforeEach(async ({ page }) => {
    await signIn(page, 'admin');
  });

  test('the legend lists every box kind and every line kind, those on the canvas first', async ({ page }) => {
    await openTopology(page);
    const legend = page.getByTestId('canvas-legend');
    await expect(legend).toBeVisible();
    // Kinds not drawn here fold away; opened, every kind the topology knows is listed.
    await legend.getByTestId('legend-others').locator('summary').click();
    for (const kind of EDGE_KINDS) await expect(legend.locator(`[data-testid=legend-edge][data-edge-kind=${kind}]`), kind).toBeVisible();
    // Lines drawn on this canvas are marked present and named as the issue asks.
    await expect(legend.locator('[data-testid=legend-edge][data-present=true][data-edge-kind=serviceNetworkService]')).toContainText('service association');
    await expect(legend.locator('[data-testid=legend-edge][data-present=true][data-edge-kind=serviceNetworkVpc]')).toContainText('VPC association');
    await expect(legend.locator('[data-testid=legend-edge][data-edge-kind=forward]')).toContainText('weight');
    await expect(legend.locator('[data-testid=legend-edge][data-edge-kind=invitation]')).toContainText('share invitation');
    await expect(legend.locator('[data-testid=legend-node][data-kind=serviceNetwork]')).toBeVisible();
    // At the initial fit, neither the legend nor the minimap covers a box.
    const covers = await page.evaluate(() => {
      const rects = ['[data-testid=canvas-legend]', '.react-flow__minimap'].map((s) => document.querySelector(s)!.getBoundingClientRect());
      return [...document.querySelectorAll('.react-flow__node')]
        .filter((n) => !n.classList.contains('react-flow__node-account'))
        .map((n) => n.getBoundingClientRect())
        .filter((b) => rects.some((r) => b.left < r.right && r.left < b.right && b.top < r.bottom && r.top < b.bottom)).length;
    });
    expect(covers).toBe(0);
    // Nor does it cover the export menu.
    const legendBox = (await legend.boundingBox())!;
    const exportBox = (await page.getByTestId('export-svg').boundingBox())!;
    expect(legendBox.y).toBeGreaterThan(exportBox.y + exportBox.height);
    await legend.getByTestId('legend-others').locator('summary').click();
    await shot(page, 'topology-demo');
    // Collapsing it leaves a button.
    await page.getByTestId('legend-toggle').click();
    await expect(legend.getByTestId('legend-edge')).toHaveCount(0);
  });

  test('selecting a box lights up its neighbours, names their lines and dims everything else', async ({ page }) => {
    await openTopology(page);
    const topology = (await (await page.request.get('/api/topology')).json()) as { edges: TopologyEdge[] };
    const sn = page.locator('[data-testid=canvas-node][data-kind=serviceNetwork]', { hasText: 'retail-services' }).first();
    const snId = (await sn.getAttribute('data-node-id'))!;
    await sn.click();
    await expect(page.getByTestId('topology-canvas')).toHaveAttribute('data-selected-id', snId);

    const onCanvas = new Set(await page.locator('.react-flow__node:not(.react-flow__node-account)').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!)));
    const neighbours = new Set([snId]);
    for (const e of topology.edges) {
      if (e.source === snId && onCanvas.has(e.target)) neighbours.add(e.target);
      if (e.target === snId && onCanvas.has(e.source)) neighbours.add(e.source);
    }
    expect(neighbours.size).toBeGreaterThan(2);
    for (const nodeId of onCanvas) {
      const wrapper = page.locator(`.react-flow__node[data-id="${nodeId}"]`);
      if (neighbours.has(nodeId)) await expect(wrapper, `${nodeId} lit`).not.toHaveClass(/graph-dim/);
      else await expect(wrapper, `${nodeId} dimmed`).toHaveClass(/graph-dim/);
    }
    // The lines to the neighbours carry their kind's name; the others are dimmed.
    await expect(page.locator('.react-flow__edge-textwrapper', { hasText: 'service association' }).first()).toBeVisible();
    await expect(page.locator('.react-flow__edge.graph-dim').first()).toBeAttached();
    // Clicking the empty canvas ends the highlight.
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await expect(page.locator('.react-flow__node.graph-dim')).toHaveCount(0);
  });

  test('a refresh that finds a new service keeps every box where it was and places only the new one', async ({ page }) => {
    await openTopology(page);
    const before = await boxPositions(page);
    expect(Object.keys(before).length).toBeGreaterThan(10);
    const name = uniqueName('graph-new');
    const { lattice } = clientsFor(emulatorUrl, STOREFRONT);
    const created = await lattice.send(new CreateServiceCommand({ name, authType: 'NONE' }));
    await refresh(page);
    const added = page.locator(`.react-flow__node[data-id="${created.arn}"]`);
    await expect(added).toBeAttached({ timeout: 30_000 });
    const after = await boxPositions(page);
    for (const [nodeId, transform] of Object.entries(before)) expect(after[nodeId], nodeId).toBe(transform);
    // The new box does not sit on top of an old one.
    const overlap = await page.evaluate((newId) => {
      const box = (el: Element) => el.getBoundingClientRect();
      const mine = box(document.querySelector(`.react-flow__node[data-id="${newId}"]`)!);
      return [...document.querySelectorAll('.react-flow__node:not(.react-flow__node-account)')]
        .filter((el) => el.getAttribute('data-id') !== newId)
        .some((el) => {
          const b = box(el);
          return mine.left < b.right && b.left < mine.right && mine.top < b.bottom && b.top < mine.bottom;
        });
    }, created.arn!);
    expect(overlap).toBe(false);
  });

  test('the SVG export is plain shapes and text, with a title, the legend and the snapshot time', async ({ page }) => {
    await openTopology(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
    const svg = fs.readFileSync((await download.path())!, 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toMatch(/foreignObject/i);
    expect(svg).toMatch(/<text[^>]*>retail-services<\/text>/);
    expect(svg).toContain('<title>Trellis topology</title>');
    expect(svg).toMatch(/Snapshot taken \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(svg).toMatch(/<g id="legend">[\s\S]*service association/);
    // A browser parses it as an SVG document without errors.
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: doc.querySelector('parsererror')?.textContent ?? null, texts: doc.querySelectorAll('text').length, paths: doc.querySelectorAll('path').length };
    }, svg);
    expect(parsed.error).toBeNull();
    expect(parsed.texts).toBeGreaterThan(30);
    expect(parsed.paths).toBeGreaterThan(5);

    // The PNG is the same sheet (title, legend, time) drawn at twice the size, within 4,096 px.
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    const bytes = fs.readFileSync((await png.path())!);
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const [, w, h] = svg.match(/width="(\d+)" height="(\d+)"/)!.map(Number);
    const scale = Math.min(2, 4096 / w, 4096 / h);
    expect(bytes.readUInt32BE(16)).toBe(Math.round(w * scale));
    expect(bytes.readUInt32BE(20)).toBe(Math.round(h * scale));
    if (process.env.E2E_SHOTS) fs.copyFileSync((await png.path())!, `${process.env.E2E_SHOTS}/export-check.png`);
  });

  test('the partner account with no resources has its frame, and its pending invitation lands on it', async ({ page }) => {
    await openTopology(page);
    const frame = page.locator(`[data-testid=account-group][data-account="${PARTNER}"]`);
    await expect(frame).toBeVisible();
    await expect(frame).toHaveAttribute('data-count', '0');
    await expect(frame).toContainText('analytics-partner');
    await expect(frame).toContainText('No resources on the canvas');
    await expect(page.getByTestId('invitation-edge-label').filter({ hasText: 'analytics-partner' }).first()).toBeVisible();
  });

  test('zoomed far out, boxes show their names large instead of their details', async ({ page }) => {
    await openTopology(page);
    const canvas = page.getByTestId('topology-canvas');
    await expect(canvas).toHaveAttribute('data-detail', /full|low/);
    const zoomOut = page.locator('.react-flow__controls-zoomout');
    for (let i = 0; i < 8 && (await canvas.getAttribute('data-detail')) === 'full'; i++) await zoomOut.click();
    await expect(canvas).toHaveAttribute('data-detail', /low|minimal/);
    const label = page.getByTestId('lod-label').first();
    await expect(label).toBeVisible();
    // The name stays at least 9 px high on screen: its font size times the zoom.
    const screenPx = await label.evaluate((el) => {
      const zoom = new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform).a;
      return parseFloat(getComputedStyle(el.firstElementChild!).fontSize) * zoom;
    });
    expect(screenPx).toBeGreaterThan(9);
  });

  test('while the view moves over the canvas layer, its pictures come from a worker, and the still picture follows', async ({ page }) => {
    await openTopology(page);
    const canvas = page.getByTestId('topology-canvas');
    const zoomOut = page.locator('.react-flow__controls-zoomout');
    for (let i = 0; i < 20 && !(await canvas.getAttribute('data-lod-layer')); i++) await zoomOut.click();
    const layer = page.getByTestId('lod-layer');
    await expect(layer).toBeVisible();
    // Drag the view around a wide loop, one step a frame, until a picture drawn by the worker is
    // on screen: a view that keeps moving is never drawn again on the page, so only the worker's
    // picture can raise the count.
    await page.evaluate(`new Promise((done, fail) => {
      const pane = document.querySelector('[data-testid=topology-canvas] .react-flow__pane');
      const layer = document.querySelector('[data-testid=lod-layer]');
      const r = pane.getBoundingClientRect();
      const mouse = (type, x, y, target) => target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: window, clientX: x, clientY: y, button: 0, buttons: type === 'mouseup' ? 0 : 1 }));
      const at = (i) => ({ x: r.x + 20 + 600 + Math.sin(i / 15) * 600, y: r.y + 20 + 300 + Math.cos(i / 15) * 300 });
      mouse('mousedown', r.x + 20 + 600, r.y + 20 + 600, pane);
      let i = 0;
      const frame = () => {
        const p = at(i++);
        if (Number(layer.dataset.workerPictures ?? 0) > 0) { mouse('mouseup', p.x, p.y, window); return done(null); }
        if (i > 1500) { mouse('mouseup', p.x, p.y, window); return fail(new Error('no picture came from the worker in 1,500 frames')); }
        mouse('mousemove', p.x, p.y, window);
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    })`);
    await expect(layer).toHaveAttribute('data-worker-pictures', /^[1-9]\d*$/);
    // Once the view stands still, the page draws the full picture again, boxes in view counted.
    await expect(layer).not.toHaveAttribute('data-boxes-in-view', '0');
    await shot(page, 'canvas-lod-after-move');
  });

  test('zoomed out further, the boxes are drawn on one canvas layer, and a click on a box there selects it', async ({ page }) => {
    await openTopology(page);
    const canvas = page.getByTestId('topology-canvas');
    const service = page.locator('[data-testid=canvas-node][data-kind=service]').first();
    const id = (await service.getAttribute('data-node-id'))!;
    const name = (await service.getByTestId('node-name').textContent())!;
    // Where the box stands in the canvas's own coordinates, from its DOM box before it goes.
    const node = page.locator(`.react-flow__node[data-id="${id}"]`);
    const placed = await node.evaluate((el) => ({ transform: (el as HTMLElement).style.transform, width: (el as HTMLElement).offsetWidth, height: (el as HTMLElement).offsetHeight }));
    const [x, y] = (placed.transform.match(/-?[\d.]+/g) ?? []).map(Number);
    const zoomOut = page.locator('.react-flow__controls-zoomout');
    for (let i = 0; i < 20 && !(await canvas.getAttribute('data-lod-layer')); i++) await zoomOut.click();
    await expect(canvas).toHaveAttribute('data-lod-layer', 'true');
    await expect(page.getByTestId('lod-layer')).toBeVisible();
    // The boxes are no longer DOM: the layer draws them.
    await expect(node).toHaveCount(0);
    await expect(page.getByTestId('lod-layer')).not.toHaveAttribute('data-boxes-in-view', '0');
    // The box's centre on screen, from the viewport's transform once the zoom has stopped.
    const m = await steadyTransform(page);
    const pane = (await page.locator('.react-flow').boundingBox())!;
    // The layer's picture is on screen: the box's place is drawn on (a white box: its border, its
    // account's bar, lines across it), and blank without the layer.
    const onScreen = { x: pane.x + m.tx + x * m.zoom, y: pane.y + m.ty + y * m.zoom, width: Math.max(4, placed.width * m.zoom), height: Math.max(4, placed.height * m.zoom) };
    const drawn = await inkOnScreen(page, onScreen);
    await page.getByTestId('lod-layer').evaluate((el) => ((el as HTMLElement).style.visibility = 'hidden'));
    const without = await inkOnScreen(page, onScreen);
    await page.getByTestId('lod-layer').evaluate((el) => ((el as HTMLElement).style.visibility = ''));
    expect(drawn - without).toBeGreaterThan(0.02);
    await page.mouse.click(pane.x + m.tx + (x + placed.width / 2) * m.zoom, pane.y + m.ty + (y + placed.height / 2) * m.zoom);
    await expect(canvas).toHaveAttribute('data-selected-id', id);
    await expect(page.getByTestId('details-title')).toContainText(name);
    await shot(page, 'canvas-lod-selected');
    // Zoomed back in, the DOM boxes return, the clicked one selected.
    // Past the layer's threshold (a zoom of 0.2 on a small canvas, a little more to leave it).
    await zoomInTo(page, 0.3);
    await expect(canvas).not.toHaveAttribute('data-lod-layer');
    await expect(page.locator(`[data-testid=canvas-node][data-node-id="${id}"]`)).toHaveAttribute('data-selected', 'true');
  });

  test('the access path uses the same highlight: the path lit, everything else dimmed', async ({ page }) => {
    const topology = (await (await page.request.get('/api/topology')).json()) as { nodes: { id: string; kind: string; name: string; account: string; resourceId?: string }[] };
    const find = (kind: string, name: string) => topology.nodes.find((n) => n.kind === kind && n.name === name && n.account === STOREFRONT)!;
    const product = find('vpc', 'product');
    const orderService = find('service', 'order-service');
    await openTopology(page);
    await page.getByTestId('access-toggle').click();
    const panel = page.getByTestId('access-panel');
    await panel.getByTestId('access-vpc').selectOption(product.resourceId!);
    await panel.getByTestId('access-principal').selectOption(`arn:aws:iam::${STOREFRONT}:role/ProductServiceRole`);
    await panel.getByTestId('access-service').selectOption(orderService.resourceId!);
    await panel.getByTestId('access-method').selectOption('DELETE');
    await panel.getByTestId('access-path').fill('/orders/42');
    await panel.getByTestId('access-ask').click();
    await expect(panel.getByTestId('access-verdict')).toHaveAttribute('data-decision', 'deny');
    await expect(page.locator(`.react-flow__node.access-path[data-id="${product.id}"]`)).toBeAttached();
    await expect(page.locator(`.react-flow__node.access-failed[data-id="${orderService.id}"]`)).toBeAttached();
    await expect(page.locator(`.react-flow__node.access-path[data-id="${product.id}"]`)).not.toHaveClass(/graph-dim/);
    // Off the path: the dimming selection uses.
    await expect(page.locator('.react-flow__node.graph-dim').first()).toBeAttached();
    await expect(page.locator('.react-flow__edge.graph-dim').first()).toBeAttached();
    // The path's box is in view, clear of the legend.
    await expect(page.locator(`.react-flow__node[data-id="${orderService.id}"]`)).toBeInViewport();
    // The canvas pans to the path; the picture is taken once it stands still.
    await settled(page, `.react-flow__node[data-id="${orderService.id}"]`);
    await shot(page, 'access-denied');
  });
});
