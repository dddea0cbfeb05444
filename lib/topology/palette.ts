// Account colours that stay distinct however many accounts there are. The first twelve are
// hand-picked hues; beyond them, hues step by the golden angle (each new hue lands in the
// widest gap left) and three lightness and chroma bands alternate, so neighbours in the list
// never share a band. Colours are #rrggbb, since the canvas appends alpha for tints.

const CURATED = ['#4f46e5', '#0d9488', '#d97706', '#e11d48', '#0284c7', '#7c3aed', '#059669', '#ea580c', '#c026d3', '#0891b2', '#65a30d', '#475569'];

const GOLDEN_ANGLE = 137.50776405003785;
/** OKLCH lightness and chroma bands: dark enough for a thin bar on white, light enough to tell apart. */
const BANDS = [
  { l: 0.56, c: 0.16 },
  { l: 0.68, c: 0.14 },
  { l: 0.46, c: 0.12 },
];

/** The colour of the account at `index` in the sorted list of accounts. */
export function paletteColor(index: number): string {
  if (index < CURATED.length) return CURATED[index];
  const n = index - CURATED.length;
  // Start between the curated hues so the first generated colours do not echo them.
  const hue = (17 + n * GOLDEN_ANGLE) % 360;
  const band = BANDS[n % BANDS.length];
  return oklchToHex(band.l, band.c, hue);
}

export function palette(count: number): string[] {
  return Array.from({ length: count }, (_, i) => paletteColor(i));
}

function oklchToHex(l: number, c: number, hueDeg: number): string {
  const h = (hueDeg * Math.PI) / 180;
  // Reduce chroma until the colour is inside sRGB, so no channel clips into a neighbour's colour.
  for (let chroma = c; chroma >= 0; chroma -= 0.01) {
    const rgb = oklabToLinearSrgb(l, chroma * Math.cos(h), chroma * Math.sin(h));
    if (rgb.every((v) => v >= -0.0005 && v <= 1.0005)) return `#${rgb.map(toByte).join('')}`;
  }
  const grey = oklabToLinearSrgb(l, 0, 0);
  return `#${grey.map(toByte).join('')}`;
}

function oklabToLinearSrgb(L: number, a: number, b: number): [number, number, number] {
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s, -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s, -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s];
}

function toByte(linear: number): string {
  const v = Math.min(1, Math.max(0, linear));
  const srgb = v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055;
  return Math.round(srgb * 255)
    .toString(16)
    .padStart(2, '0');
}

/** Perceptual distance of two #rrggbb colours (Euclidean in OKLab, 0…~1); used to check the palette. */
export function colorDistance(x: string, y: string): number {
  const [a, b] = [x, y].map(hexToOklab);
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

function hexToOklab(hex: string): [number, number, number] {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  const l = Math.cbrt(0.4122214708 * r + 0.5363627587 * g + 0.0514323755 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969037 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return [0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s, 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s, 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s];
}
