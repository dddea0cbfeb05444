'use client';
// An auth policy as formatted JSON, one block per statement, with the statement that decided
// (by its Sid, or its index `#0`, `#1` …) highlighted in the decision's colour.
import { useState } from 'react';
import type { Json } from '@/lib/topology';
import { cn } from '@/components/ui/cn';

function parsePolicy(policy: Json | undefined): { statements: Json[]; version?: string; raw?: string } | null {
  if (policy === undefined || policy === null) return null;
  let value: Json = policy;
  if (typeof policy === 'string') {
    try {
      value = JSON.parse(policy) as Json;
    } catch {
      return { statements: [], raw: policy };
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { statements: [], raw: JSON.stringify(value) };
  const st = value.Statement;
  const statements = Array.isArray(st) ? st : st ? [st] : [];
  return { statements, version: typeof value.Version === 'string' ? value.Version : undefined };
}

/** Whether statement `i` is the one a step names (`Sid` or `#i`). */
export function isDeciding(statement: Json, index: number, deciding: string | undefined): boolean {
  if (!deciding) return false;
  if (deciding === `#${index}` || deciding === String(index)) return true;
  return !!statement && typeof statement === 'object' && !Array.isArray(statement) && statement.Sid === deciding;
}

export function PolicyView({ policy, deciding, tone }: { policy: Json | undefined; deciding?: string; tone: 'allow' | 'deny' }) {
  const parsed = parsePolicy(policy);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  if (!parsed) return <p className="text-[11.5px] text-slate-500">No auth policy is attached.</p>;
  if (parsed.raw !== undefined) return <pre className="overflow-auto rounded bg-slate-950 p-2 font-mono text-[11px] text-slate-100">{parsed.raw}</pre>;
  return (
    <div className="overflow-auto rounded-md bg-slate-950 py-1.5 font-mono text-[10.5px] leading-[1.45] text-slate-300" data-testid="policy-view">
      <div className="px-2.5">{'{'}</div>
      {parsed.version && <div className="px-2.5 pl-5">&quot;Version&quot;: &quot;{parsed.version}&quot;,</div>}
      <div className="px-2.5 pl-5">&quot;Statement&quot;: [</div>
      {parsed.statements.map((s, i) => {
        const hit = isDeciding(s, i, deciding);
        // With a deciding statement, the others fold to one line (click to open).
        if (deciding && !hit && !open.has(i)) {
          const o = s && typeof s === 'object' && !Array.isArray(s) ? s : {};
          const sid = typeof o.Sid === 'string' ? `"Sid": "${o.Sid}", ` : '';
          return (
            <button key={i} type="button" className="block w-full truncate py-0.5 pr-2 pl-[29px] text-left text-slate-500 hover:text-slate-200" onClick={() => setOpen(new Set([...open, i]))} data-testid="policy-statement" title="Show this statement">
              {`{ ${sid}"Effect": "${String(o.Effect ?? '?')}", … }${i < parsed.statements.length - 1 ? ',' : ''}`}
            </button>
          );
        }
        const text = JSON.stringify(s, null, 2).split('\n');
        return (
          <div
            key={i}
            className={cn('relative border-l-[3px] py-0.5 pr-2 pl-[26px]', hit ? (tone === 'deny' ? 'border-red-500 bg-red-500/20 text-red-50' : 'border-emerald-400 bg-emerald-500/20 text-emerald-50') : 'border-transparent')}
            data-testid="policy-statement"
            data-deciding={hit || undefined}
          >
            {hit && <span className={cn('absolute top-0.5 right-2 rounded px-1 font-sans text-[9.5px] font-semibold uppercase', tone === 'deny' ? 'bg-red-500 text-white' : 'bg-emerald-500 text-emerald-950')}>{tone === 'deny' ? 'decides: deny' : 'decides: allow'}</span>}
            {text.map((line, j) => (
              <div key={j} className="whitespace-pre">
                {line}
                {j === text.length - 1 && i < parsed.statements.length - 1 ? ',' : ''}
              </div>
            ))}
          </div>
        );
      })}
      <div className="px-2.5 pl-5">]</div>
      <div className="px-2.5">{'}'}</div>
    </div>
  );
}
