import { describe, expect, it } from 'vitest';
import { bezier, escapeXml, fit, sceneToSvg, type SvgScene } from './svg-export';

const scene: SvgScene = {
  title: 'Trellis topology',
  subtitle: 'Snapshot 2026-12-03 10:00 UTC',
  groups: [{ x: 0, y: 0, width: 600, height: 200, label: 'network-hub', account: '111111111111', color: '#4f46e5' }],
  boxes: [
    { id: 'sn', x: 16, y: 34, width: 252, height: 68, label: 'retail-services', kind: 'Service network', subtitle: 'sn-0123 · IAM auth', color: '#4f46e5' },
    { id: 'svc', x: 330, y: 34, width: 252, height: 68, label: 'orders <v2> & "co"', kind: 'Service', color: '#0d9488', status: 'Creating', external: true },
  ],
  lines: [{ id: 'e1', from: { x: 268, y: 68 }, to: { x: 330, y: 68 }, stroke: '#64748b', width: 1.4, dash: '9 3', arrow: 'end', label: 'service association' }],
  legend: { lines: [{ label: 'service association', stroke: '#64748b', width: 1.4 }], accounts: [{ label: 'network-hub', color: '#4f46e5' }] },
};

describe('SVG export', () => {
  const svg = sceneToSvg(scene);

  it('is plain SVG shapes and text, without HTML in foreignObject', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toMatch(/foreignObject/i);
    expect(svg).not.toMatch(/<div|<span|xhtml/i);
    expect(svg).toMatch(/<text[^>]*>retail-services<\/text>/);
    expect(svg).toContain('<path d="M268,68 C');
    expect(svg).toContain('stroke-dasharray="9 3"');
  });

  it('is well-formed XML with the names escaped', () => {
    expect(svg).toContain('orders &lt;v2&gt; &amp; &quot;co&quot;');
    // Every element opened is closed (a cheap well-formedness check without a DOM).
    const opened = (svg.match(/<(svg|g|defs|pattern)\b/g) ?? []).length;
    const closed = (svg.match(/<\/(svg|g|defs|pattern)>/g) ?? []).length;
    expect(opened).toBe(closed);
  });

  it('carries the title, the snapshot time and a legend of accounts and lines', () => {
    expect(svg).toContain('<title>Trellis topology</title>');
    expect(svg).toContain('Snapshot 2026-12-03 10:00 UTC');
    expect(svg).toMatch(/<g id="legend">[\s\S]*ACCOUNTS[\s\S]*network-hub[\s\S]*LINES[\s\S]*service association/);
  });

  it('sizes the sheet around the graph and the legend', () => {
    const [, w, h] = svg.match(/width="(\d+)" height="(\d+)"/)!.map(Number);
    expect(w).toBeGreaterThanOrEqual(600 + 64 + 280);
    expect(h).toBeGreaterThanOrEqual(200 + 64 + 64);
  });

  it('shortens what does not fit and draws lines as React Flow does', () => {
    expect(fit('a'.repeat(100), 100, 10)).toHaveLength(17);
    expect(fit('short', 100, 10)).toBe('short');
    expect(escapeXml(`<&>'"`)).toBe('&lt;&amp;&gt;&apos;&quot;');
    expect(bezier({ x: 0, y: 0 }, { x: 100, y: 50 })).toBe('M0,0 C50,0 50,50 100,50');
  });
});
