// The canvas as a plain SVG document: rectangles, paths and text only, no HTML inside
// <foreignObject>, so draw.io, Inkscape and Visio open it and can edit every shape. The
// sheet carries a title, the snapshot's time and a legend of the accounts and lines shown.
// Pure: it takes a scene of boxes and lines in canvas coordinates and returns the text.

export interface SvgBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
  kind: string;
  subtitle?: string;
  /** The account's colour, drawn as the bar on the left edge. */
  color: string;
  status?: string;
  /** Referenced but not read: drawn hatched. */
  external?: boolean;
}

export interface SvgGroup {
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
  account: string;
  color: string;
}

export interface SvgLine {
  id: string;
  from: { x: number; y: number };
  to: { x: number; y: number };
  stroke: string;
  width: number;
  dash?: string;
  arrow?: 'start' | 'end';
  label?: string;
}

export interface SvgLegendEntry {
  label: string;
  stroke: string;
  width: number;
  dash?: string;
  arrow?: boolean;
}

export interface SvgScene {
  title: string;
  /** When the snapshot was taken, as people read it. */
  subtitle: string;
  groups: SvgGroup[];
  boxes: SvgBox[];
  lines: SvgLine[];
  legend: { lines: SvgLegendEntry[]; accounts: { label: string; color: string }[] };
}

const MARGIN = 32;
const HEADER = 64;
const LEGEND_WIDTH = 280;
const FONT = "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Shortens text to what fits `width` px at `size` px (an average glyph is ~0.58 em wide). */
export function fit(text: string, width: number, size: number): string {
  const max = Math.max(1, Math.floor(width / (size * 0.58)));
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/** React Flow's default bezier between a right-hand source handle and a left-hand target handle. */
export function bezier(from: { x: number; y: number }, to: { x: number; y: number }): string {
  const dx = to.x - from.x;
  const c = dx >= 0 ? dx / 2 : 0.25 * 25 * Math.sqrt(-dx);
  return `M${r(from.x)},${r(from.y)} C${r(from.x + c)},${r(from.y)} ${r(to.x - c)},${r(to.y)} ${r(to.x)},${r(to.y)}`;
}

function r(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function arrowHead(at: { x: number; y: number }, pointing: 1 | -1, color: string): string {
  const back = at.x - pointing * 9;
  return `<polygon points="${r(at.x)},${r(at.y)} ${r(back)},${r(at.y - 4.5)} ${r(back)},${r(at.y + 4.5)}" fill="${color}"/>`;
}

export function bounds(scene: Pick<SvgScene, 'groups' | 'boxes'>): { x: number; y: number; width: number; height: number } {
  const rects = [...scene.groups, ...scene.boxes];
  if (!rects.length) return { x: 0, y: 0, width: 0, height: 0 };
  const x = Math.min(...rects.map((b) => b.x));
  const y = Math.min(...rects.map((b) => b.y));
  return { x, y, width: Math.max(...rects.map((b) => b.x + b.width)) - x, height: Math.max(...rects.map((b) => b.y + b.height)) - y };
}

export function sceneToSvg(scene: SvgScene): string {
  const b = bounds(scene);
  const legendHeight = 28 + (scene.legend.accounts.length ? 22 + scene.legend.accounts.length * 18 : 0) + (scene.legend.lines.length ? 22 + scene.legend.lines.length * 18 : 0);
  const graphWidth = b.width + MARGIN * 2;
  const width = Math.ceil(graphWidth + LEGEND_WIDTH);
  const height = Math.ceil(HEADER + Math.max(b.height + MARGIN * 2, legendHeight + MARGIN));
  // Canvas coordinates → sheet coordinates.
  const ox = MARGIN - b.x;
  const oy = HEADER + MARGIN - b.y;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT)}">`);
  out.push(`<title>${escapeXml(scene.title)}</title>`);
  out.push(`<defs><pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="8" stroke="#e2e8f0" stroke-width="4"/></pattern></defs>`);
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<g id="header"><text x="${MARGIN}" y="30" font-size="18" font-weight="600" fill="#0f172a">${escapeXml(scene.title)}</text>`);
  out.push(`<text x="${MARGIN}" y="50" font-size="12" fill="#475569">${escapeXml(scene.subtitle)}</text></g>`);

  out.push(`<g id="accounts" transform="translate(${r(ox)},${r(oy)})">`);
  for (const g of scene.groups) {
    out.push(`<g class="account" data-account="${escapeXml(g.account)}">`);
    out.push(`<rect x="${r(g.x)}" y="${r(g.y)}" width="${r(g.width)}" height="${r(g.height)}" rx="12" fill="${g.color}" fill-opacity="0.06" stroke="${g.color}" stroke-opacity="0.45"/>`);
    out.push(`<circle cx="${r(g.x + 18)}" cy="${r(g.y + 17)}" r="4" fill="${g.color}"/>`);
    out.push(`<text x="${r(g.x + 28)}" y="${r(g.y + 21)}" font-size="12" font-weight="600" fill="#1e293b">${escapeXml(fit(`${g.label}  ${g.account}`, g.width - 40, 12))}</text></g>`);
  }
  out.push('</g>');

  out.push(`<g id="lines" transform="translate(${r(ox)},${r(oy)})" fill="none">`);
  for (const l of scene.lines) {
    out.push(`<g class="line" data-id="${escapeXml(l.id)}"><path d="${bezier(l.from, l.to)}" fill="none" stroke="${l.stroke}" stroke-width="${r(l.width)}"${l.dash ? ` stroke-dasharray="${l.dash}"` : ''}/>`);
    if (l.arrow === 'end') out.push(arrowHead(l.to, 1, l.stroke));
    if (l.arrow === 'start') out.push(arrowHead(l.from, -1, l.stroke));
    if (l.label) {
      const mx = (l.from.x + l.to.x) / 2;
      const my = (l.from.y + l.to.y) / 2;
      const w = l.label.length * 5.6 + 8;
      out.push(`<rect x="${r(mx - w / 2)}" y="${r(my - 8)}" width="${r(w)}" height="15" rx="3" fill="#ffffff"/><text x="${r(mx)}" y="${r(my + 3)}" font-size="10" text-anchor="middle" fill="#475569">${escapeXml(l.label)}</text>`);
    }
    out.push('</g>');
  }
  out.push('</g>');

  out.push(`<g id="boxes" transform="translate(${r(ox)},${r(oy)})">`);
  for (const n of scene.boxes) {
    out.push(`<g class="box" data-id="${escapeXml(n.id)}">`);
    out.push(`<rect x="${r(n.x)}" y="${r(n.y)}" width="${r(n.width)}" height="${r(n.height)}" rx="6" fill="${n.external ? 'url(#hatch)' : '#ffffff'}" stroke="#cbd5e1"/>`);
    out.push(`<rect x="${r(n.x)}" y="${r(n.y)}" width="5" height="${r(n.height)}" fill="${n.color}"/>`);
    const kindLine = n.status ? `${n.kind} · ${n.status}` : n.kind;
    out.push(`<text x="${r(n.x + 14)}" y="${r(n.y + 20)}" font-size="10" fill="#64748b" letter-spacing="0.4">${escapeXml(fit(kindLine.toUpperCase(), n.width - 24, 10))}</text>`);
    out.push(`<text x="${r(n.x + 14)}" y="${r(n.y + 38)}" font-size="13" font-weight="600" fill="#0f172a">${escapeXml(fit(n.label, n.width - 24, 13))}</text>`);
    if (n.subtitle) out.push(`<text x="${r(n.x + 14)}" y="${r(n.y + 55)}" font-size="10.5" font-family="${escapeXml(MONO)}" fill="#64748b">${escapeXml(fit(n.subtitle, n.width - 24, 10.5))}</text>`);
    out.push('</g>');
  }
  out.push('</g>');

  // The legend, right of the graph.
  const lx = graphWidth;
  let ly = HEADER + MARGIN;
  out.push(`<g id="legend"><text x="${lx}" y="${ly}" font-size="13" font-weight="600" fill="#0f172a">Legend</text>`);
  ly += 10;
  if (scene.legend.accounts.length) {
    ly += 22;
    out.push(`<text x="${lx}" y="${ly - 6}" font-size="10" font-weight="600" fill="#64748b">ACCOUNTS</text>`);
    for (const a of scene.legend.accounts) {
      out.push(`<rect x="${lx}" y="${ly}" width="10" height="10" rx="2" fill="${a.color}"/><text x="${lx + 18}" y="${ly + 9}" font-size="11" fill="#334155">${escapeXml(fit(a.label, LEGEND_WIDTH - 50, 11))}</text>`);
      ly += 18;
    }
  }
  if (scene.legend.lines.length) {
    ly += 22;
    out.push(`<text x="${lx}" y="${ly - 6}" font-size="10" font-weight="600" fill="#64748b">LINES</text>`);
    for (const l of scene.legend.lines) {
      out.push(`<line x1="${lx}" y1="${ly + 5}" x2="${lx + (l.arrow ? 22 : 28)}" y2="${ly + 5}" stroke="${l.stroke}" stroke-width="${r(Math.max(1.5, l.width))}"${l.dash ? ` stroke-dasharray="${l.dash}"` : ''}/>`);
      if (l.arrow) out.push(arrowHead({ x: lx + 30, y: ly + 5 }, 1, l.stroke));
      out.push(`<text x="${lx + 38}" y="${ly + 9}" font-size="11" fill="#334155">${escapeXml(fit(l.label, LEGEND_WIDTH - 70, 11))}</text>`);
      ly += 18;
    }
  }
  out.push('</g></svg>');
  return out.join('\n');
}
