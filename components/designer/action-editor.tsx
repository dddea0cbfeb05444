'use client';
// A listener's default action or a rule's action: forward to weighted target groups, or a
// fixed response. Weights and status codes are checked by the model (0–999, 100–599).
import { useId } from 'react';
import type { Json, JsonObject } from '@/lib/topology';
import { fieldIssues, getIn, setField, type DesignRecord } from '@/lib/topology/design';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { controlClass, DraftInput, FieldFrame, type FieldContext } from './fields';

export function ActionEditor({ ctx, record, field, targetGroups }: { ctx: FieldContext; record: DesignRecord; field: 'defaultAction' | 'action'; targetGroups: { id: string; label: string }[] }) {
  const id = useId();
  const action = record.spec[field];
  const groups = getIn(action, ['forward', 'targetGroups']);
  const fixed = getIn(action, ['fixedResponse', 'statusCode']);
  const mode = Array.isArray(groups) ? 'forward' : 'fixed';
  const set = (next: JsonObject) => ctx.dispatch(setField(ctx.design, record.id, [field], next));
  const rows = Array.isArray(groups) ? (groups as JsonObject[]) : [];
  const total = rows.reduce((n, g) => n + (typeof g.weight === 'number' ? g.weight : 0), 0);
  const problems = fieldIssues(ctx.issues, record.id, field);
  const rowProblems = (i: number, leaf: string) => problems.filter((p) => p.path === `${field}.forward.targetGroups[${i}].${leaf}`);
  const updateRow = (i: number, patch: Record<string, Json | undefined>) => {
    const next = rows.map((r, j) => {
      if (j !== i) return r;
      const merged: JsonObject = { ...r };
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined) delete merged[k];
        else merged[k] = v;
      }
      return merged;
    });
    set({ forward: { targetGroups: next } });
  };
  const listLevel = problems.filter((p) => !/\[\d+\]\./.test(p.path));
  return (
    <FieldFrame id={id} label={field === 'defaultAction' ? 'Default action' : 'Action'} problems={listLevel}>
      <div className="rounded-md p-2 ring-1 ring-slate-200 ring-inset">
        <div className="mb-2 flex gap-1 text-[11px]" role="radiogroup">
          {(['forward', 'fixed'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={mode === m}
              disabled={!ctx.editable}
              onClick={() => (m === mode ? undefined : set(m === 'forward' ? { forward: { targetGroups: targetGroups[0] ? [{ targetGroupIdentifier: targetGroups[0].id, weight: 100 }] : [] } } : { fixedResponse: { statusCode: 404 } }))}
              className={cn('rounded px-2 py-0.5 font-medium', mode === m ? 'bg-indigo-600 text-white' : 'bg-slate-100 text-slate-600 hover:bg-slate-200')}
            >
              {m === 'forward' ? 'Forward' : 'Fixed response'}
            </button>
          ))}
        </div>
        {mode === 'fixed' ? (
          <FieldFrame id={`${id}-status`} label="Status code" hint="100–599" problems={problems.filter((p) => p.path.endsWith('statusCode'))}>
            <DraftInput id={`${id}-status`} type="number" value={fixed === undefined ? '' : String(fixed)} invalid={problems.some((p) => p.path.endsWith('statusCode'))} disabled={!ctx.editable} onCommit={(v) => set({ fixedResponse: { statusCode: Number(v) } })} />
          </FieldFrame>
        ) : (
          <div className="space-y-1.5">
            {rows.length === 0 && <p className="text-[11px] text-slate-500">No target group yet: add one, or draw a line from this listener to a target group.</p>}
            {rows.map((g, i) => {
              const tg = String(g.targetGroupIdentifier ?? '');
              const weight = typeof g.weight === 'number' ? g.weight : undefined;
              const wProblems = rowProblems(i, 'weight');
              const tProblems = rowProblems(i, 'targetGroupIdentifier');
              return (
                <div key={i} className="grid grid-cols-[1fr_4.5rem_auto] items-start gap-1.5" data-testid="forward-row">
                  <div>
                    <select aria-label="Target group" disabled={!ctx.editable} value={tg} onChange={(e) => updateRow(i, { targetGroupIdentifier: e.target.value })} className={cn(controlClass(tProblems.some((p) => p.severity === 'error')), 'pr-6')}>
                      {!targetGroups.some((t) => t.id === tg) && <option value={tg}>{tg || '(choose)'}</option>}
                      {targetGroups.map((t) => (
                        <option key={t.id} value={t.id}>
                          {t.label}
                        </option>
                      ))}
                    </select>
                    {tProblems[0] && <p className="mt-0.5 text-[11px] text-red-700">{tProblems[0].rule}</p>}
                  </div>
                  <div>
                    <DraftInput id={`${id}-w${i}`} type="number" value={weight === undefined ? '' : String(weight)} invalid={wProblems.length > 0} disabled={!ctx.editable} onCommit={(v) => updateRow(i, { weight: v === '' ? undefined : Number(v) })} />
                    {wProblems[0] && <p className="mt-0.5 text-[11px] text-red-700" data-testid="field-error">{wProblems[0].rule}</p>}
                  </div>
                  <span className="pt-1 text-[11px] text-slate-500 tabular-nums">{total > 0 && weight !== undefined ? `${Math.round((weight / total) * 100)}%` : ''}</span>
                  {ctx.editable && rows.length > 1 && (
                    <button type="button" className="col-span-3 -mt-1 justify-self-start text-[11px] text-slate-500 hover:text-red-700" onClick={() => set({ forward: { targetGroups: rows.filter((_, j) => j !== i) } })}>
                      remove
                    </button>
                  )}
                </div>
              );
            })}
            {ctx.editable && targetGroups.length > 0 && (
              <Button size="sm" variant="ghost" onClick={() => set({ forward: { targetGroups: [...rows, { targetGroupIdentifier: targetGroups.find((t) => !rows.some((r) => r.targetGroupIdentifier === t.id))?.id ?? targetGroups[0].id, weight: rows.length ? 0 : 100 }] } })}>
                + Target group
              </Button>
            )}
          </div>
        )}
      </div>
    </FieldFrame>
  );
}
