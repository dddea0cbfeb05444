import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { Field, Select, TextInput } from '@/components/ui/field';

export interface AuditFilterValues {
  actor?: string;
  action?: string;
  outcome?: string;
  from?: string;
  to?: string;
}

/** A plain GET form: filters live in the URL, so a filtered view can be shared and reloaded. */
export function AuditFilters({ values, actors, actions, errors }: { values: AuditFilterValues; actors: string[]; actions: string[]; errors: Record<string, string> }) {
  return (
    <form method="get" action="/audit" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_0.8fr_1fr_1fr_auto] lg:items-start" aria-label="Filter the audit log">
      <Field id="audit-actor" label="User" error={errors.actor}>
        <Select id="audit-actor" name="actor" defaultValue={values.actor ?? ''}>
          <option value="">Anyone</option>
          {actors.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="audit-action" label="Action" error={errors.action}>
        <Select id="audit-action" name="action" defaultValue={values.action ?? ''}>
          <option value="">Any action</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="audit-outcome" label="Outcome" error={errors.outcome}>
        <Select id="audit-outcome" name="outcome" defaultValue={values.outcome ?? ''}>
          <option value="">Any</option>
          <option value="success">success</option>
          <option value="partial">partial</option>
          <option value="failure">failure</option>
          <option value="denied">denied</option>
        </Select>
      </Field>
      <Field id="audit-from" label="From (UTC)" error={errors.from}>
        <TextInput id="audit-from" name="from" type="datetime-local" defaultValue={values.from ?? ''} invalid={!!errors.from} />
      </Field>
      <Field id="audit-to" label="To (UTC)" error={errors.to}>
        <TextInput id="audit-to" name="to" type="datetime-local" defaultValue={values.to ?? ''} invalid={!!errors.to} />
      </Field>
      <div className="flex gap-2 lg:pt-5">
        <Button type="submit" variant="primary">
          Apply
        </Button>
        <Link href="/audit" className="inline-flex h-8 items-center rounded-md px-3 text-sm font-medium text-slate-600 hover:bg-slate-100">
          Reset
        </Link>
      </div>
    </form>
  );
}
