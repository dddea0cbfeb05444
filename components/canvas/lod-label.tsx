// Level of detail: far out, a box's 13 px name would be a few pixels high. The canvas sets
// data-detail on its container (low, or minimal when further out) and --lod-font to a size
// that reads on screen; the box then shows only its name, large, in place of its details.

export const LOD_LEVELS = [
  // Below this zoom the details give way to the large name.
  // The name grows as the zoom shrinks, to about 11 px on screen, as far as the box holds it.
  { below: 0.2, level: 'minimal', font: 44, maxFont: 60, lines: 1, groupFont: 56 },
  { below: 0.45, level: 'low', font: 22, maxFont: 28, lines: 2, groupFont: 30 },
] as const;

/** Size of a name on screen the level-of-detail rendering aims for, in px. */
const READABLE_PX = 11;

export type DetailLevel = 'full' | 'low' | 'minimal';

export function detailLevel(zoom: number): { level: DetailLevel; style: Record<string, string> } {
  for (const l of LOD_LEVELS) {
    const font = Math.min(l.maxFont, Math.max(l.font, Math.ceil(READABLE_PX / zoom)));
    if (zoom < l.below) return { level: l.level, style: { '--lod-font': `${font}px`, '--lod-lines': String(l.lines), '--lod-group-font': `${l.groupFont}px` } };
  }
  return { level: 'full', style: {} };
}

/** The simplified rendering of a box: its name, as large as the box allows. */
export function LodLabel({ label }: { label: string }) {
  return (
    <div className="pointer-events-none absolute inset-0 hidden items-center pr-2 pl-3.5 group-data-[detail=low]/canvas:flex group-data-[detail=minimal]/canvas:flex" data-testid="lod-label" aria-hidden="true">
      <span
        className="overflow-hidden font-semibold leading-[1.1] [overflow-wrap:anywhere] text-slate-900"
        style={{ fontSize: 'var(--lod-font, 22px)', display: '-webkit-box', WebkitBoxOrient: 'vertical', WebkitLineClamp: 'var(--lod-lines, 2)' as unknown as number }}
      >
        {label}
      </span>
    </div>
  );
}
