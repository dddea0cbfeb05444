import type { Metadata } from 'next';
import Link from 'next/link';
import { fieldProblems, requireRole } from '@/lib/auth';
import { auditFilterSchema, queryObject } from '@/lib/auth/schemas';
import { listAuditEvents, listAuditFacets } from '@/lib/db';
import { Alert } from '@/components/ui/alert';
import { PageHeader, Panel } from '@/components/ui/panel';
import { AuditFilters } from '@/components/admin/audit-filters';
import { AuditTable } from '@/components/admin/audit-table';

export const metadata: Metadata = { title: 'Audit log' };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: Search }) {
  await requireRole('admin');
  const raw = queryObject(await searchParams);
  const parsed = auditFilterSchema.safeParse(raw);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const f of fieldProblems(parsed.error)) errors[f.path] = f.rule;
  const filter = parsed.success ? parsed.data : {};

  const [{ events, nextBeforeId }, facets] = parsed.success
    ? [await listAuditEvents({ ...filter, beforeId: filter.before, limit: 100 }), await listAuditFacets()]
    : [{ events: [], nextBeforeId: null }, await listAuditFacets()];

  const olderHref = nextBeforeId ? `/audit?${new URLSearchParams({ ...raw, before: String(nextBeforeId) })}` : null;
  const filtered = ['actor', 'action', 'outcome', 'from', 'to'].some((k) => raw[k]);

  return (
    <div className="max-w-7xl space-y-4">
      <PageHeader title="Audit log" description="Every change and sign-in, newest first: who, when, what, on what, and how it ended." />
      <Panel>
        <AuditFilters values={raw} actors={facets.actors} actions={facets.actions} errors={errors} />
      </Panel>
      {!parsed.success && <Alert tone="error">Some filters are not valid; fix the fields marked above.</Alert>}
      <Panel
        title={raw.before ? 'Older events' : filtered ? 'Matching events' : 'Latest events'}
        description={`${events.length} shown${nextBeforeId ? ', more below' : ''}`}
        bodyClassName="p-0"
        actions={
          raw.before ? (
            <Link href={`/audit?${new URLSearchParams(Object.fromEntries(Object.entries(raw).filter(([k]) => k !== 'before')))}`} className="text-xs font-medium text-indigo-700 hover:underline">
              Back to newest
            </Link>
          ) : undefined
        }
      >
        <AuditTable events={events} />
        {olderHref && (
          <div className="border-t border-slate-200 px-4 py-2.5 text-right">
            <Link href={olderHref} className="text-sm font-medium text-indigo-700 hover:underline">
              Older events →
            </Link>
          </div>
        )}
      </Panel>
    </div>
  );
}
