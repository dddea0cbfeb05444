// Drawing on the designer's canvas as a user does: wait for a box to stop moving, then drag
// from one handle to another.
import { expect, type Page } from '@playwright/test';

/** Waits until a box stops moving (the canvas pans to show what was added). */
export async function settled(page: Page, selector: string) {
  let last = '';
  await expect
    .poll(async () => {
      const now = JSON.stringify(await page.locator(selector).boundingBox());
      const same = now === last;
      last = now;
      return same;
    }, { intervals: [150] })
    .toBe(true);
}

/** Drags from one handle to another, as a user draws a connection on the canvas. */
export async function connect(page: Page, from: string, to: string) {
  await settled(page, from);
  const a = await page.locator(from).boundingBox();
  const b = await page.locator(to).boundingBox();
  if (!a || !b) throw new Error(`cannot see ${a ? to : from}`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** The topology canvas's view once it has stopped moving: screen = pane + translate + canvas × zoom. */
export async function steadyTransform(page: Page): Promise<{ tx: number; ty: number; zoom: number }> {
  const viewport = page.locator('.react-flow__viewport');
  let last = '';
  await expect
    .poll(async () => {
      const now = await viewport.evaluate((el) => getComputedStyle(el).transform);
      const same = now === last;
      last = now;
      return same;
    }, { intervals: [150] })
    .toBe(true);
  return viewport.evaluate((el) => {
    const { a, e, f } = new DOMMatrixReadOnly(getComputedStyle(el).transform);
    return { tx: e, ty: f, zoom: a };
  });
}

/**
 * Zooms in with the canvas's + button, one step at a time, until the view stands at `zoom` or
 * further. What the canvas shows there (the DOM boxes back from the level-of-detail layer)
 * follows once the view has stood still: wait for it with an assertion, not a count of clicks.
 */
export async function zoomInTo(page: Page, zoom: number) {
  const zoomIn = page.locator('.react-flow__controls-zoomin');
  for (let i = 0; i < 30 && (await steadyTransform(page)).zoom < zoom; i++) await zoomIn.click();
  expect((await steadyTransform(page)).zoom).toBeGreaterThanOrEqual(zoom);
}

/**
 * The share of a screen rectangle's pixels that are not (near) white, from a screenshot: what the
 * user sees, whatever element draws it. The PNG is decoded by the page itself, so the spec needs
 * no image library.
 */
export async function inkOnScreen(page: Page, rect: { x: number; y: number; width: number; height: number }): Promise<number> {
  const png = (await page.screenshot({ clip: rect })).toString('base64');
  return page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const { data: px } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let inked = 0;
    for (let i = 0; i < px.length; i += 4) if (Math.min(px[i], px[i + 1], px[i + 2]) < 235) inked++;
    return inked / (px.length / 4);
  }, png);
}
