import { describe, expect, it } from 'vitest';
import { colorDistance, palette, paletteColor } from './palette';

function minDistance(colors: string[], window = colors.length): number {
  let min = Infinity;
  for (let i = 0; i < colors.length; i++) for (let j = i + 1; j < Math.min(colors.length, i + 1 + window); j++) min = Math.min(min, colorDistance(colors[i], colors[j]));
  return min;
}

describe('account palette', () => {
  it('gives 20 accounts 20 clearly different colours', () => {
    const colors = palette(20);
    expect(new Set(colors).size).toBe(20);
    // 0.04 in OKLab is well past a just-noticeable difference (~0.02) for flat swatches.
    expect(minDistance(colors)).toBeGreaterThan(0.04);
  });

  it('gives 300 accounts 300 different colours, and any five in a row stay clearly apart', () => {
    const colors = palette(300);
    expect(new Set(colors).size).toBe(300);
    expect(minDistance(colors, 5)).toBeGreaterThan(0.04);
  });

  it('makes #rrggbb colours a tint can be appended to, the same for the same index', () => {
    for (const c of palette(300)) expect(c).toMatch(/^#[0-9a-f]{6}$/);
    expect(paletteColor(150)).toBe(palette(300)[150]);
  });

  it('keeps every colour dark enough for a thin bar on white', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const v = parseInt(hex.slice(i, i + 2), 16) / 255;
        return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    // Contrast with white at least 2:1 (a non-text graphic the eye must find, not read).
    for (const c of palette(300)) expect(1.05 / (luminance(c) + 0.05)).toBeGreaterThan(2);
  });
});
