import type { InvitationPreview as Preview, PreviewBox } from '@/lib/sharing';
import { KindIcon } from '@/components/canvas/kind-icon';
import { Icon } from '@/components/shell/icons';

function anchor(box: PreviewBox, side: 'left' | 'right'): { x: number; y: number } {
  // Edges leave a share from inside its account box, and reach an account at its header.
  const y = box.role === 'account' && box.height > 60 ? box.y + 22 : box.y + Math.min(box.height, 44) / 2;
  return { x: side === 'right' ? box.x + box.width : box.x, y };
}

function edgePath(from: PreviewBox, to: PreviewBox): string {
  const a = anchor(from, 'right');
  const b = anchor(to, 'left');
  const dx = Math.max(30, (b.x - a.x) / 2);
  return `M${a.x},${a.y} C${a.x + dx},${a.y} ${b.x - dx},${b.y} ${b.x},${b.y}`;
}

function AccountBox({ box, color }: { box: PreviewBox; color: string }) {
  return (
    <div
      className="absolute rounded-lg border border-dashed bg-white/60"
      style={{ left: box.x, top: box.y, width: box.width, height: box.height, borderColor: color, backgroundColor: `${color}0d` }}
      data-testid="preview-account"
    >
      <div className="flex items-center gap-1.5 px-2.5 pt-1.5">
        <span className="size-2 rounded-full" style={{ backgroundColor: color }} aria-hidden="true" />
        <span className="truncate text-xs font-semibold text-slate-800">{box.title}</span>
      </div>
      <div className="truncate px-2.5 font-mono text-[10px] text-slate-500">{box.subtitle}</div>
    </div>
  );
}

function ShareBox({ box }: { box: PreviewBox }) {
  return (
    <div className="absolute flex items-center gap-2 rounded-md bg-white px-2 shadow-xs ring-1 ring-slate-300" style={{ left: box.x, top: box.y, width: box.width, height: box.height }} data-testid="preview-share">
      <Icon name="share" className="size-4 shrink-0 text-indigo-600" />
      <span className="min-w-0 leading-tight">
        <span className="block truncate text-xs font-semibold text-slate-900" title={box.title}>
          {box.title}
        </span>
        <span className="block truncate text-[10px] text-slate-500">{box.subtitle}</span>
      </span>
    </div>
  );
}

function ResourceBox({ box, color }: { box: PreviewBox; color: string }) {
  return (
    <div className="absolute overflow-hidden rounded-md bg-white shadow-xs ring-1 ring-slate-300" style={{ left: box.x, top: box.y, width: box.width, height: box.height }} data-testid="preview-resource">
      <div className="absolute inset-y-0 left-0 w-1" style={{ backgroundColor: color }} aria-hidden="true" />
      <div className="flex h-11 items-center gap-2 pr-2 pl-3">
        <KindIcon kind={box.kind ?? 'aggregate'} className="size-4 shrink-0 text-slate-600" />
        <span className="min-w-0 leading-tight">
          <span className="block truncate text-xs font-semibold text-slate-900" title={box.id}>
            {box.title}
          </span>
          <span className="block truncate text-[10px] text-slate-500">{box.subtitle}</span>
        </span>
      </div>
      {box.contents.length > 0 && (
        <ul className="border-t border-slate-100 px-3 pt-1 text-[11px] leading-4 text-slate-600">
          {box.contents.map((line) => (
            <li key={line} className="truncate">
              {line}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The invitation drawn as a small graph: sender and share → resources ⇢ receiver. */
export function InvitationPreview({ preview, colors }: { preview: Preview; colors: ReadonlyMap<string, string> }) {
  const byId = new Map(preview.boxes.map((b) => [b.id, b]));
  const colorOf = (account: string) => colors.get(account) ?? '#64748b';
  return (
    <div className="overflow-x-auto rounded-md bg-slate-50 ring-1 ring-slate-200 ring-inset" data-testid="invitation-preview">
      <div className="relative mx-auto" style={{ width: preview.width, height: preview.height }} role="img" aria-label="What the invitation shares, and with whom">
        <svg className="absolute inset-0" width={preview.width} height={preview.height} aria-hidden="true">
          <defs>
            <marker id="share-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill="#94a3b8" />
            </marker>
            <marker id="share-arrow-pending" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill="#d97706" />
            </marker>
          </defs>
          {preview.edges.map((e) => {
            const from = byId.get(e.from);
            const to = byId.get(e.to);
            if (!from || !to) return null;
            const d = edgePath(from, to);
            const a = anchor(from, 'right');
            const b = anchor(to, 'left');
            return (
              <g key={e.id} data-testid={e.dashed ? 'preview-edge-pending' : 'preview-edge'}>
                <path d={d} fill="none" stroke={e.dashed ? '#d97706' : '#94a3b8'} strokeWidth={1.5} strokeDasharray={e.dashed ? '6 4' : undefined} markerEnd={`url(#${e.dashed ? 'share-arrow-pending' : 'share-arrow'})`} />
                {e.label && (
                  <text x={(a.x + b.x) / 2} y={Math.min(a.y, b.y) - 8} textAnchor="middle" fontSize={10} fontWeight={600} style={{ fill: e.dashed ? '#b45309' : '#475569' }}>
                    {e.label}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
        {preview.boxes.map((b) =>
          b.role === 'account' ? <AccountBox key={b.id} box={b} color={colorOf(b.account)} /> : b.role === 'share' ? <ShareBox key={b.id} box={b} /> : <ResourceBox key={b.id} box={b} color={colorOf(b.account)} />,
        )}
      </div>
    </div>
  );
}
