import { Badge } from '@/components/ui/badge';
import { EmptyRow, Table, Td, Th } from '@/components/ui/table';
import { Time } from '@/components/ui/time';

export interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  action: string;
  target: string | null;
  outcome: 'success' | 'partial' | 'failure' | 'denied';
  details: Record<string, unknown>;
  address: string | null;
}

const outcomeTone = { success: 'green', partial: 'amber', failure: 'red', denied: 'amber' } as const;

/** A detail value in one line: lists joined, `{ path, rule }` pairs as "path: rule". */
function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(formatValue).join('; ') || '(none)';
  if (typeof value === 'object') {
    const entries = Object.values(value as Record<string, unknown>);
    return entries.length === 2 && entries.every((v) => typeof v === 'string') ? entries.join(': ') : JSON.stringify(value);
  }
  return String(value);
}

function Details({ details, address }: { details: Record<string, unknown>; address: string | null }) {
  const entries = Object.entries(details);
  if (address) entries.push(['address', address]);
  if (!entries.length) return <span className="text-slate-400">—</span>;
  return (
    <dl className="flex flex-wrap gap-x-3 gap-y-0.5 text-xs">
      {entries.map(([k, v]) => (
        <div key={k} className="flex min-w-0 gap-1">
          <dt className="text-slate-400">{k}</dt>
          <dd className="max-w-[22rem] truncate text-slate-700" title={formatValue(v)}>
            {formatValue(v)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function AuditTable({ events }: { events: AuditRow[] }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th className="w-36">Time (UTC)</Th>
          <Th>User</Th>
          <Th>Action</Th>
          <Th>Target</Th>
          <Th>Outcome</Th>
          <Th>Details</Th>
        </tr>
      </thead>
      <tbody>
        {events.length === 0 && <EmptyRow colSpan={6}>No events match these filters.</EmptyRow>}
        {events.map((e) => (
          <tr key={e.id} data-testid="audit-row" className="hover:bg-slate-50/60">
            <Td className="text-xs text-slate-600">
              <Time value={e.at} />
            </Td>
            <Td className="font-mono text-[13px] text-slate-900">{e.actor}</Td>
            <Td>
              <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">{e.action}</code>
            </Td>
            <Td className="max-w-56 truncate font-mono text-xs" title={e.target ?? undefined}>
              {e.target ?? <span className="text-slate-400">—</span>}
            </Td>
            <Td>
              <Badge tone={outcomeTone[e.outcome]}>{e.outcome}</Badge>
            </Td>
            <Td className="max-w-[34rem]">
              <Details details={e.details} address={e.address} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
