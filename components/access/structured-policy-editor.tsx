'use client';
// The auth policy as a form, for those who do not want to write IAM JSON: statements of who
// (anyone, any signed caller, named principals), methods, paths and extra conditions. Every
// change writes the JSON; a policy the form cannot show says so and leaves the JSON alone.
import { useState } from 'react';
import { cn } from '@/components/ui/cn';
import { FORM_KEYS, FORM_OPERATORS, formToJson, jsonToForm, newStatement, type FormStatement, type Who } from './policy-form';
import { METHODS } from './question';

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

export function StructuredPolicyEditor({ text, defaultResource, disabled, onChange }: { text: string; defaultResource: string; disabled?: boolean; onChange(json: string): void }) {
  const parsed = text.trim() ? jsonToForm(text) : [];
  // Free-text fields keep what is being typed; the JSON gets the parsed lines.
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  if (parsed === null) {
    return (
      <p className="rounded-md bg-amber-50 px-2.5 py-2 text-[12px] text-amber-900 ring-1 ring-amber-200" data-testid="policy-form-unsupported">
        This policy uses IAM features the form does not show (NotPrincipal, NotAction, several resources…). Edit it as JSON.
      </p>
    );
  }
  const statements = parsed;
  const write = (next: FormStatement[]) => onChange(formToJson(next));
  const edit = (i: number, patch: Partial<FormStatement>) => write(statements.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const draft = (k: string, fallback: string) => drafts[k] ?? fallback;
  const base = 'h-7 min-w-0 rounded border-0 bg-white px-1.5 text-[12px] ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none';
  const input = `${base} w-full`;
  return (
    <div className="space-y-2" data-testid="policy-form">
      {statements.map((s, i) => (
        <fieldset key={i} disabled={disabled} className={cn('min-w-0 space-y-1.5 rounded-md p-2 ring-1 ring-inset', s.effect === 'Deny' ? 'bg-red-50/50 ring-red-200' : 'bg-emerald-50/40 ring-emerald-200')} data-testid="policy-form-statement">
          <div className="flex items-center gap-1.5">
            <select className={cn(base, 'w-20 shrink-0')} value={s.effect} onChange={(e) => edit(i, { effect: e.target.value as 'Allow' | 'Deny' })} aria-label="Effect">
              <option>Allow</option>
              <option>Deny</option>
            </select>
            <input className={cn(base, 'flex-1')} placeholder="Sid (optional)" value={s.sid} onChange={(e) => edit(i, { sid: e.target.value.replace(/[^A-Za-z0-9]/g, '') })} aria-label="Statement id" />
            <button type="button" className="text-[11px] text-slate-500 hover:text-red-700" onClick={() => write(statements.filter((_, j) => j !== i))}>
              Remove
            </button>
          </div>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-[11.5px]">
            <span className="w-16 font-medium text-slate-600">Who</span>
            {(
              [
                ['anyone', 'Anyone, anonymous too'],
                ['authenticated', 'Any signed caller'],
                ['named', 'These principals'],
              ] as [Who, string][]
            ).map(([w, label]) => (
              <label key={w} className="flex items-center gap-1">
                <input type="radio" name={`who-${i}`} checked={s.who === w} onChange={() => edit(i, { who: w })} />
                {label}
              </label>
            ))}
          </div>
          {s.who === 'named' && (
            <textarea
              className={cn(input, 'h-auto py-1 font-mono text-[11px]')}
              rows={2}
              placeholder="arn:aws:iam::111122223333:role/NAME (one per line)"
              value={draft(`p${i}`, s.principals.join('\n'))}
              onChange={(e) => {
                setDrafts({ ...drafts, [`p${i}`]: e.target.value });
                edit(i, { principals: lines(e.target.value) });
              }}
              aria-label="Principals"
              data-testid="policy-form-principals"
            />
          )}
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-[11.5px]">
            <span className="w-16 font-medium text-slate-600">Methods</span>
            {METHODS.map((m) => (
              <label key={m} className="flex items-center gap-0.5">
                <input type="checkbox" checked={s.methods.includes(m)} onChange={(e) => edit(i, { methods: e.target.checked ? [...s.methods, m] : s.methods.filter((x) => x !== m) })} />
                {m}
              </label>
            ))}
            {!s.methods.length && <span className="text-slate-400">(any)</span>}
          </div>
          <div className="flex items-start gap-1.5 text-[11.5px]">
            <span className="w-16 shrink-0 pt-1 font-medium text-slate-600">Paths</span>
            <textarea
              className={cn(input, 'h-auto py-1 font-mono text-[11px]')}
              rows={1}
              placeholder="/orders* (one per line; * matches anything; empty = any path)"
              value={draft(`path${i}`, s.paths.join('\n'))}
              onChange={(e) => {
                setDrafts({ ...drafts, [`path${i}`]: e.target.value });
                edit(i, { paths: lines(e.target.value) });
              }}
              aria-label="Paths"
              data-testid="policy-form-paths"
            />
          </div>
          {s.conditions.map((c, k) => (
            <div key={k} className="flex items-center gap-1">
              <select className={cn(base, 'w-36 shrink-0')} value={c.operator} onChange={(e) => edit(i, { conditions: s.conditions.map((x, y) => (y === k ? { ...x, operator: e.target.value } : x)) })} aria-label="Operator">
                {[...new Set([c.operator, ...FORM_OPERATORS])].map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </select>
              <input className={cn(base, 'flex-1 font-mono text-[11px]')} list="policy-form-keys" value={c.key} onChange={(e) => edit(i, { conditions: s.conditions.map((x, y) => (y === k ? { ...x, key: e.target.value } : x)) })} aria-label="Condition key" />
              <input
                className={cn(base, 'w-24 shrink-0 font-mono text-[11px]')}
                value={draft(`c${i}.${k}`, c.values.join(', '))}
                onChange={(e) => {
                  setDrafts({ ...drafts, [`c${i}.${k}`]: e.target.value });
                  edit(i, { conditions: s.conditions.map((x, y) => (y === k ? { ...x, values: e.target.value.split(',').map((v) => v.trim()).filter(Boolean) } : x)) });
                }}
                aria-label="Values"
              />
              <button type="button" className="text-[11px] text-slate-400 hover:text-red-700" onClick={() => edit(i, { conditions: s.conditions.filter((_, y) => y !== k) })} aria-label="Remove condition">
                ✕
              </button>
            </div>
          ))}
          <button type="button" className="text-[11px] font-medium text-indigo-700 hover:underline" onClick={() => edit(i, { conditions: [...s.conditions, { operator: 'StringEquals', key: 'aws:PrincipalOrgID', values: [] }] })}>
            + Condition
          </button>
        </fieldset>
      ))}
      <datalist id="policy-form-keys">
        {FORM_KEYS.map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
      <button type="button" disabled={disabled} className="rounded bg-white px-2 py-1 text-[11.5px] font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50" onClick={() => write([...statements, newStatement(defaultResource)])} data-testid="policy-form-add">
        + Statement
      </button>
    </div>
  );
}
