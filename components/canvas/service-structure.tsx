// What is inside a service: listeners, their rules (match → action) and the target groups
// with weights and target health. Drawn in an opened service box and in the details panel.

import { statusClass, type ActionSummary, type ServiceDetail } from '@/lib/topology';
import { cn } from '@/components/ui/cn';
import { SERVICE_ROW, STATUS_STYLE } from './style';

function ActionText({ action }: { action: ActionSummary }) {
  if (action.type === 'fixedResponse') return <span className="text-slate-600">returns {action.statusCode}</span>;
  if (action.type === 'none') return <span className="text-slate-400">no action</span>;
  return (
    <span className="text-slate-700">
      {action.targets.map((t, i) => (
        <span key={t.targetGroup}>
          {i > 0 && <span className="text-slate-400"> · </span>}
          <span className="font-medium">{t.name}</span>
          {t.weight !== undefined && action.targets.length > 1 && <span className="text-slate-500"> {t.weight}</span>}
        </span>
      ))}
    </span>
  );
}

function HealthDots({ health }: { health: Partial<Record<string, number>> }) {
  const entries = (['active', 'pending', 'failed', 'inactive', 'unknown'] as const).filter((k) => health[k]);
  if (!entries.length) return <span className="text-slate-400">no targets</span>;
  return (
    <span className="inline-flex items-center gap-1.5">
      {entries.map((k) => (
        <span key={k} className="inline-flex items-center gap-0.5" title={`${health[k]} ${STATUS_STYLE[k].label.toLowerCase()}`}>
          <span className={cn('size-1.5 rounded-full', STATUS_STYLE[k].dot)} />
          <span className="tabular-nums text-slate-600">{health[k]}</span>
        </span>
      ))}
    </span>
  );
}

/** `compact` sizes rows to the heights serviceHeight() reserves on the canvas. */
export function ServiceStructure({ detail, compact = false, onSelect }: { detail: ServiceDetail; compact?: boolean; onSelect?: (id: string) => void }) {
  const row = (h: number) => (compact ? { height: h } : undefined);
  const link = (id: string, text: string) =>
    onSelect ? (
      <button type="button" className="truncate text-left hover:text-indigo-700 hover:underline nodrag" onClick={(e) => { e.stopPropagation(); onSelect(id); }}>
        {text}
      </button>
    ) : (
      <span className="truncate">{text}</span>
    );
  return (
    <div className="text-[11px] leading-tight" data-testid="service-structure">
      <div className="flex items-end pb-1 text-[10px] font-semibold uppercase tracking-wide text-slate-500" style={row(SERVICE_ROW.sectionTitle)}>
        Listeners and rules
      </div>
      {detail.listeners.length === 0 && (
        <div className="text-slate-400" style={row(SERVICE_ROW.listener)}>
          No listeners
        </div>
      )}
      {detail.listeners.map((l) => (
        <div key={l.listener.id} data-testid="listener">
          <div className="flex items-center gap-1.5 font-medium text-slate-800" style={row(SERVICE_ROW.listener)}>
            <span className="rounded bg-slate-100 px-1 font-mono text-[10px] text-slate-700">
              {String(l.listener.description.protocol ?? '')}:{String(l.listener.description.port ?? '')}
            </span>
            {link(l.listener.id, l.listener.name)}
          </div>
          {l.rules.map((r) => (
            <div key={r.rule.id} className="ml-2 border-l border-slate-200 pl-2" style={row(SERVICE_ROW.rule)} data-testid="rule">
              <div className="flex items-center gap-1 text-slate-700">
                {r.isDefault ? <span className="text-slate-500">default</span> : <span className="font-mono text-[10px] text-slate-500">#{r.priority}</span>}
                <span className="truncate font-medium">{r.isDefault ? '' : r.rule.name}</span>
              </div>
              <div className="truncate text-slate-500">
                {r.isDefault ? '' : <span className="font-mono text-[10px]">{r.match}</span>}
                {r.isDefault ? '' : ' → '}
                <ActionText action={r.action} />
              </div>
            </div>
          ))}
        </div>
      ))}
      {detail.targetGroups.length > 0 && (
        <>
          <div className="flex items-end pb-1 text-[10px] font-semibold uppercase tracking-wide text-slate-500" style={row(SERVICE_ROW.sectionTitle)}>
            Target groups
          </div>
          {detail.targetGroups.map((g) => (
            <div key={g.targetGroup.id} className="flex items-center justify-between gap-2" style={row(SERVICE_ROW.targetGroup)} data-testid="target-group">
              <span className="flex min-w-0 items-center gap-1.5">
                <span className={cn('size-1.5 shrink-0 rounded-full', STATUS_STYLE[statusClass(g.targetGroup.status)].dot)} />
                {link(g.targetGroup.id, g.targetGroup.name)}
                <span className="shrink-0 font-mono text-[10px] text-slate-400">
                  {String(g.targetGroup.description.type ?? '')}
                  {g.targetGroup.description.port !== undefined ? `:${String(g.targetGroup.description.port)}` : ''}
                </span>
              </span>
              <HealthDots health={g.health} />
            </div>
          ))}
        </>
      )}
    </div>
  );
}
