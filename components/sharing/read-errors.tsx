import type { SharingReadError } from '@/lib/sharing';
import { Alert } from '@/components/ui/alert';

/** Each distinct failure once, with the reads and accounts it hit (an endpoint down fails every read alike). */
function groupByMessage(errors: SharingReadError[]): { message: string; operations: string[]; accounts: string[] }[] {
  const groups = new Map<string, { message: string; operations: string[]; accounts: string[] }>();
  for (const e of errors) {
    const g = groups.get(e.message) ?? { message: e.message, operations: [], accounts: [] };
    if (!g.operations.includes(e.operation)) g.operations.push(e.operation);
    if (!g.accounts.includes(e.account)) g.accounts.push(e.account);
    groups.set(e.message, g);
  }
  return [...groups.values()];
}

/** What RAM would not tell, per account: the rest of the page still shows what it could read. */
export function SharingReadErrors({ errors, names }: { errors: SharingReadError[]; names: ReadonlyMap<string, string> }) {
  if (errors.length === 0) return null;
  return (
    <Alert tone="warning" title={`RAM could not be read completely in ${new Set(errors.map((e) => e.account)).size} account(s); what follows may be missing shares.`}>
      <ul className="mt-1 space-y-0.5 text-xs">
        {groupByMessage(errors).map((g) => (
          <li key={g.message} data-testid="sharing-read-error">
            {g.message} <span className="text-amber-900">({g.operations.join(', ')}; {g.accounts.map((a) => names.get(a) ?? a).join(', ')})</span>
          </li>
        ))}
      </ul>
    </Alert>
  );
}
