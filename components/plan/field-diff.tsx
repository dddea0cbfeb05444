// A field-by-field diff of one operation, before → after, like `terraform plan` shows it.
import type { FieldChange, Json } from '@/lib/topology';
import { cn } from '@/components/ui/cn';

/** Keys (`targetGroup:ACCOUNT:REGION:name`) read as the name they end with. */
function readable(value: Json | undefined): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 1).replace(/\n\s*/g, ' ');
  return text.replace(/\b(serviceNetwork|service|targetGroup|resourceGateway|resourceConfiguration|listener|rule):[\w:-]+?:([a-z0-9-]+)(?=["/ ,}\]]|$)/g, '$1 $2');
}

export function FieldDiff({ changes, created }: { changes: FieldChange[]; created: boolean }) {
  if (!changes.length) return <p className="text-[12px] text-slate-500">No field changes.</p>;
  return (
    <table className="w-full table-fixed border-collapse font-mono text-[11.5px]" data-testid="field-diff">
      <thead>
        <tr className="text-left text-[10px] tracking-wide text-slate-400 uppercase">
          <th className="w-1/4 pb-1 font-medium">Field</th>
          {!created && <th className="pb-1 font-medium">Before</th>}
          <th className="pb-1 font-medium">{created ? 'Value' : 'After'}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.path} className="align-top">
            <td className="py-0.5 pr-2 break-all text-slate-600">{c.path}</td>
            {!created && <td className={cn('py-0.5 pr-2 break-all', c.before === undefined ? 'text-slate-300' : 'text-red-700 line-through decoration-red-300')}>{c.before === undefined ? '(none)' : readable(c.before)}</td>}
            <td className={cn('py-0.5 break-all', c.after === undefined ? 'text-slate-400' : 'text-emerald-800')}>{c.after === undefined ? '(removed)' : readable(c.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
