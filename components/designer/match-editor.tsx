'use client';
// A rule's match: method, path (prefix or exact), and header matches. The match kinds of a
// header come from the model's union members (exact, prefix, contains).
import { useId } from 'react';
import type { Json, JsonObject } from '@/lib/topology';
import { fieldIssues, getIn, MODEL_SHAPES, setField, type DesignRecord } from '@/lib/topology/design';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { controlClass, DraftInput, FieldFrame, type FieldContext } from './fields';

const HEADER_KINDS = Object.keys(MODEL_SHAPES['vpc-lattice'].shapes.HeaderMatchType?.members ?? {});
const PATH_KINDS = Object.keys(MODEL_SHAPES['vpc-lattice'].shapes.PathMatchType?.members ?? {});
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

export function MatchEditor({ ctx, record }: { ctx: FieldContext; record: DesignRecord }) {
  const id = useId();
  const http = (getIn(record.spec, ['match', 'httpMatch']) ?? {}) as JsonObject;
  const set = (next: JsonObject) => {
    const clean: JsonObject = {};
    for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)) clean[k] = v;
    ctx.dispatch(setField(ctx.design, record.id, ['match'], { httpMatch: clean }));
  };
  const problems = fieldIssues(ctx.issues, record.id, 'match');
  const pathMatch = (http.pathMatch ?? undefined) as JsonObject | undefined;
  const pathKind = pathMatch ? Object.keys((pathMatch.match ?? {}) as JsonObject)[0] ?? 'prefix' : 'prefix';
  const pathValue = pathMatch ? String(((pathMatch.match ?? {}) as JsonObject)[pathKind] ?? '') : '';
  const headers = (Array.isArray(http.headerMatches) ? http.headerMatches : []) as JsonObject[];
  const setHeader = (i: number, h: JsonObject) => set({ ...http, headerMatches: headers.map((x, j) => (j === i ? h : x)) });
  return (
    <FieldFrame id={id} label="Match" problems={problems.filter((p) => !/headerMatches\[\d+\]|pathMatch/.test(p.path))}>
      <div className="space-y-2 rounded-md p-2 ring-1 ring-slate-200 ring-inset">
        <div className="grid grid-cols-2 gap-1.5" data-testid="match-row">
          <select aria-label="Method" disabled={!ctx.editable} value={String(http.method ?? '')} onChange={(e) => set({ ...http, method: e.target.value || undefined } as JsonObject)} className={cn(controlClass(false), 'pr-6')}>
            <option value="">any method</option>
            {METHODS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
          <select aria-label="Path match" disabled={!ctx.editable} value={pathMatch ? pathKind : ''} onChange={(e) => set({ ...http, pathMatch: e.target.value ? { match: { [e.target.value]: pathValue || '/' }, caseSensitive: pathMatch?.caseSensitive === true } : undefined } as JsonObject)} className={cn(controlClass(false), 'pr-6')}>
            <option value="">any path</option>
            {PATH_KINDS.map((k) => (
              <option key={k} value={k}>
                path {k}
              </option>
            ))}
          </select>
          {pathMatch && (
            <div className="col-span-2">
            <DraftInput id={`${id}-path`} value={pathValue} invalid={problems.some((p) => p.path.includes('pathMatch'))} disabled={!ctx.editable} onCommit={(v) => set({ ...http, pathMatch: { ...pathMatch, match: { [pathKind]: v } } })} />
            </div>
          )}
        </div>
        {problems.filter((p) => p.path.includes('pathMatch')).map((p, i) => (
          <p key={i} className="text-[11px] text-red-700" data-testid="field-error">{p.rule}</p>
        ))}
        {headers.map((h, i) => {
          const kind = Object.keys((h.match ?? {}) as JsonObject)[0] ?? 'exact';
          const hp = problems.filter((p) => p.path.startsWith(`match.httpMatch.headerMatches[${i}]`));
          return (
            <div key={i}>
              <div className="grid grid-cols-[1fr_minmax(6.5rem,auto)_1fr_auto] gap-1.5">
                <DraftInput id={`${id}-h${i}`} value={String(h.name ?? '')} placeholder="header" invalid={hp.some((p) => p.path.endsWith('name'))} disabled={!ctx.editable} onCommit={(v) => setHeader(i, { ...h, name: v })} />
                <select aria-label="Header match" disabled={!ctx.editable} value={kind} onChange={(e) => setHeader(i, { ...h, match: { [e.target.value]: String(((h.match ?? {}) as JsonObject)[kind] ?? '') } })} className={cn(controlClass(false), 'pr-6')}>
                  {HEADER_KINDS.map((k) => (
                    <option key={k}>{k}</option>
                  ))}
                </select>
                <DraftInput id={`${id}-hv${i}`} value={String(((h.match ?? {}) as JsonObject)[kind] ?? '')} placeholder="value" invalid={hp.some((p) => p.path.includes('.match'))} disabled={!ctx.editable} onCommit={(v) => setHeader(i, { ...h, match: { [kind]: v } })} />
                {ctx.editable && (
                  <button type="button" aria-label="Remove header match" className="px-1 text-slate-400 hover:text-red-700" onClick={() => set({ ...http, headerMatches: headers.filter((_, j) => j !== i) as Json[] })}>
                    ×
                  </button>
                )}
              </div>
              {hp[0] && <p className="mt-0.5 text-[11px] text-red-700">{hp[0].rule}</p>}
            </div>
          );
        })}
        {ctx.editable && (
          <Button size="sm" variant="ghost" onClick={() => set({ ...http, headerMatches: [...headers, { name: 'x-header', match: { exact: 'value' } }] })}>
            + Header match
          </Button>
        )}
      </div>
    </FieldFrame>
  );
}
