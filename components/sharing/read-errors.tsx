import type { SharingReadError } from '@/lib/sharing';
import { Alert } from '@/components/ui/alert';

/** What RAM would not tell, per account: the rest of the page still shows what it could read. */
export function SharingReadErrors({ errors, names }: { errors: SharingReadError[]; names: ReadonlyMap<string, string> }) {
  if (errors.length === 0) return null;
  return (
    <Alert tone="warning" title={`RAM could not be read completely in ${new Set(errors.map((e) => e.account)).size} account(s); what follows may be missing shares.`}>
      <ul className="mt-1 space-y-0.5 text-xs">
        {errors.map((e, i) => (
          <li key={i}>
            <span className="font-medium">{names.get(e.account) ?? e.account}</span> ({e.account}, {e.region}) · {e.operation}: {e.message}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
