import { describe, expect, it } from 'vitest';
import { marginFor, pictureTransform, stillShows, type Drawn } from './lod-picture';

const drawnAt = (transform: [number, number, number], margin = { x: 400, y: 250 }): Drawn => ({ transform, width: 1600, height: 1000, margin, moving: false });

/** Where a point of the canvas drawn for `drawn` lands on screen once the picture is moved onto `now`. */
function onScreen(drawn: Drawn, now: [number, number, number], p: { x: number; y: number }) {
  const [x0, y0, zoom0] = drawn.transform;
  // Its pixel in the picture, then the picture's corner (at −margin) moved by the CSS transform.
  const inPicture = { x: p.x * zoom0 + x0 + drawn.margin.x, y: p.y * zoom0 + y0 + drawn.margin.y };
  const { dx, dy, scale } = pictureTransform(drawn, now);
  return { x: -drawn.margin.x + dx + inPicture.x * scale, y: -drawn.margin.y + dy + inPicture.y * scale };
}

describe('the level-of-detail picture moved onto a later view', () => {
  it('puts every drawn point where the later view shows it, panned and zoomed', () => {
    const drawn = drawnAt([120, -80, 0.3]);
    for (const now of [[120, -80, 0.3], [300, 40, 0.3], [-50, 10, 0.45], [200, 100, 0.21]] as [number, number, number][]) {
      for (const p of [{ x: 0, y: 0 }, { x: 1000, y: -400 }, { x: -2500, y: 3000 }]) {
        const got = onScreen(drawn, now, p);
        expect(got.x).toBeCloseTo(p.x * now[2] + now[0], 6);
        expect(got.y).toBeCloseTo(p.y * now[2] + now[1], 6);
      }
    }
  });

  it('still shows a view panned within its margin, and not one panned past it', () => {
    const drawn = drawnAt([0, 0, 0.5]);
    const view = { width: 1600, height: 1000 };
    expect(stillShows(drawn, { ...view, transform: [0, 0, 0.5] })).toBe(true);
    expect(stillShows(drawn, { ...view, transform: [399, -249, 0.5] })).toBe(true);
    expect(stillShows(drawn, { ...view, transform: [401, 0, 0.5] })).toBe(false);
    expect(stillShows(drawn, { ...view, transform: [0, -251, 0.5] })).toBe(false);
  });

  it('is drawn again when a zoom in has blown it up twice over, or a zoom out has used up its margin', () => {
    const drawn = drawnAt([0, 0, 0.5]);
    const view = { width: 1600, height: 1000 };
    // Zooming in at the centre keeps the view inside the picture, until it is too blurred.
    const zoomedIn = (k: number): [number, number, number] => [800 - 800 * k, 500 - 500 * k, 0.5 * k];
    expect(stillShows(drawn, { ...view, transform: zoomedIn(1.9) })).toBe(true);
    expect(stillShows(drawn, { ...view, transform: zoomedIn(2.1) })).toBe(false);
    // Zooming out at the centre: a 25 % margin on each side covers a view 1.5 times as large.
    expect(stillShows(drawn, { ...view, transform: zoomedIn(1 / 1.45) })).toBe(true);
    expect(stillShows(drawn, { ...view, transform: zoomedIn(1 / 1.55) })).toBe(false);
  });

  it('is drawn again when the canvas changes size', () => {
    expect(stillShows(drawnAt([0, 0, 1]), { width: 1500, height: 1000, transform: [0, 0, 1] })).toBe(false);
  });

  it('keeps its margin within the pixel budget on a large, dense screen', () => {
    expect(marginFor(1600, 1000, 1, false)).toEqual({ x: 400, y: 250 });
    expect(marginFor(1600, 1000, 0.5, true)).toEqual({ x: 800, y: 500 });
    const dense = marginFor(1920, 1080, 2, false);
    expect(dense.x).toBeGreaterThan(0);
    expect(dense.x).toBeLessThan(1920 * 0.25);
    expect((1920 + 2 * dense.x) * (1080 + 2 * dense.y) * 4).toBeLessThanOrEqual(12_000_000 * 1.01);
    // A screen already past the budget gets no margin: the picture is the screen.
    expect(marginFor(2560, 1440, 2, false)).toEqual({ x: 0, y: 0 });
  });
});
