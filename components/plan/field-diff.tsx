// A field-by-field diff of one operation, before → after, like `terraform plan` shows it.
import type { FieldChange, Json } from '@/lib/topology';
import { cn } from '@/components/ui/cn';
import { asJsonDocument, jsonLineDiff } from '@/lib/plan/json-diff';

/** A JSON document (an auth policy) as a multi-line diff, removed lines red, added green. */
export function JsonDiff({ before, after }: { before?: Json; after?: Json }) {
  const lines = jsonLineDiff(before, after);
  return (
    <pre className="max-h-80 overflow-auto rounded bg-slate-50 py-1 font-mono text-[11px] leading-[1.45] ring-1 ring-slate-200" data-testid="json-diff">
      {lines.map((l, i) => (
        <div key={i} className={cn('px-2 whitespace-pre', l.kind === 'added' && 'bg-emerald-50 text-emerald-900', l.kind === 'removed' && 'bg-red-50 text-red-800', l.kind === 'same' && 'text-slate-600')} data-line={l.kind}>
          <span className="mr-2 inline-block w-2 select-none text-slate-400">{l.kind === 'added' ? '+' : l.kind === 'removed' ? '−' : ' '}</span>
          {l.text}
        </div>
      ))}
    </pre>
  );
}

/** Keys (`targetGroup:ACCOUNT:REGION:name`) read as the name they end with. */
function readable(value: Json | undefined): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 1).replace(/\n\s*/g, ' ');
  return text.replace(/\b(serviceNetwork|service|targetGroup|resourceGateway|resourceConfiguration|listener|rule):[\w:-]+?:([a-z0-9-]+)(?=["/ ,}\]]|$)/g, '$1 $2');
}

export function FieldDiff({ changes, created, beforeLabel = 'Before', afterLabel = 'After' }: { changes: FieldChange[]; created: boolean; beforeLabel?: string; afterLabel?: string }) {
  if (!changes.length) return <p className="text-[12px] text-slate-500">No field changes.</p>;
  return (
    <table className="w-full table-fixed border-collapse font-mono text-[11.5px]" data-testid="field-diff">
      <thead>
        <tr className="text-left text-[10px] tracking-wide text-slate-400 uppercase">
          <th className="w-1/4 pb-1 font-medium">Field</th>
          {!created && <th className="pb-1 font-medium">{beforeLabel}</th>}
          <th className="pb-1 font-medium">{created ? 'Value' : afterLabel}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) =>
          asJsonDocument(c.after) !== null || asJsonDocument(c.before) !== null ? (
            <tr key={c.path} className="align-top">
              <td className="py-0.5 pr-2 break-all text-slate-600">{c.path}</td>
              <td colSpan={created ? 1 : 2} className="py-0.5">
                <JsonDiff before={created ? undefined : c.before} after={c.after} />
              </td>
            </tr>
          ) : (
          <tr key={c.path} className="align-top">
            <td className="py-0.5 pr-2 break-all text-slate-600">{c.path}</td>
            {!created && <td className={cn('py-0.5 pr-2 break-all', c.before === undefined ? 'text-slate-300' : 'text-red-700 line-through decoration-red-300')}>{c.before === undefined ? '(none)' : readable(c.before)}</td>}
            <td className={cn('py-0.5 break-all', c.after === undefined ? 'text-slate-400' : 'text-emerald-800')}>{c.after === undefined ? '(removed)' : readable(c.after)}</td>
          </tr>
          ),
        )}
      </tbody>
    </table>
  );
}
