import Link from 'next/link';
import type { OwnedShareView, SharePrincipalView } from '@/lib/sharing';
import { Badge } from '@/components/ui/badge';
import { EmptyRow, Table, Td, Th } from '@/components/ui/table';
import { Time } from '@/components/ui/time';
import { AccountChip } from './account-chip';
import { PrincipalAccessBadge, RamStatusBadge } from './access-badge';
import { ResourceLink } from './resource-link';

function principalLabel(p: SharePrincipalView): { title: string; detail: string } {
  if (p.kind === 'organization') return { title: 'Whole organization', detail: p.id.slice(p.id.lastIndexOf('/') + 1) };
  if (p.kind === 'organizationalUnit') return { title: 'Organizational unit', detail: p.id.slice(p.id.lastIndexOf('/') + 1) };
  return { title: p.name ?? p.id, detail: p.name ? p.id : p.external ? 'outside the organization' : '' };
}

/** The shares the configured accounts own: what each shares, with whom, and how each principal got (or awaits) access. */
export function OwnedSharesTable({ shares, colors, unknown = false }: { shares: OwnedShareView[]; colors: ReadonlyMap<string, string>; /** RAM could not be read in every account: an empty list is not known to be empty. */ unknown?: boolean }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Share</Th>
          <Th>Owner</Th>
          <Th>Resources</Th>
          <Th>Shared with</Th>
          <Th>External principals</Th>
          <Th>Status</Th>
        </tr>
      </thead>
      <tbody>
        {shares.length === 0 && <EmptyRow colSpan={6}>{unknown ? 'Unknown: RAM could not be read (see above).' : 'None of the configured accounts shares anything through RAM.'}</EmptyRow>}
        {shares.map((s) => (
          <tr key={s.arn} data-testid="owned-share" data-share={s.name} className="align-top">
            <Td className="align-top">
              <div className="font-medium text-slate-900">{s.name}</div>
              <div className="mt-0.5 max-w-56 truncate font-mono text-[11px] text-slate-400" title={s.arn}>
                {s.arn.slice(s.arn.lastIndexOf('/') + 1)}
              </div>
              {s.createdAt && (
                <div className="mt-0.5 text-[11px] text-slate-400">
                  created <Time value={s.createdAt} />
                </div>
              )}
              {Object.keys(s.tags).length > 0 && (
                <div className="mt-1 flex flex-wrap gap-1">
                  {Object.entries(s.tags).map(([k, v]) => (
                    <Badge key={k} className="font-mono">
                      {k}={v}
                    </Badge>
                  ))}
                </div>
              )}
            </Td>
            <Td className="align-top">
              <AccountChip account={s.owner} color={colors.get(s.owner.id)} />
            </Td>
            <Td className="align-top">
              {s.resources.length === 0 ? (
                <span className="text-xs text-slate-400">nothing yet</span>
              ) : (
                <ul className="space-y-0.5">
                  {s.resources.map((r) => (
                    <li key={r.arn} className="max-w-64">
                      <ResourceLink resource={r} />
                      {r.status !== 'ASSOCIATED' && (
                        <div className="pl-6 text-[11px] text-red-700" title={r.statusMessage}>
                          {r.status.toLowerCase()}
                          {r.statusMessage ? `: ${r.statusMessage}` : ''}
                        </div>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </Td>
            <Td className="align-top">
              {s.principals.length === 0 ? (
                <span className="text-xs text-slate-400">no one yet</span>
              ) : (
                <ul className="space-y-1.5">
                  {s.principals.map((p) => {
                    const label = principalLabel(p);
                    return (
                      <li key={p.id} className="flex items-start justify-between gap-3" data-testid="share-principal" data-principal={p.id}>
                        <span className="min-w-0 leading-tight">
                          <span className="flex items-center gap-1.5 text-[13px] font-medium text-slate-800">
                            {p.kind === 'account' && <span className="size-2 shrink-0 rounded-full" style={{ backgroundColor: colors.get(p.id) ?? '#cbd5e1' }} aria-hidden="true" />}
                            {label.title}
                          </span>
                          {label.detail && <span className="block truncate font-mono text-[11px] text-slate-500">{label.detail}</span>}
                        </span>
                        {p.access === 'invitation-pending' && p.name ? (
                          <Link href="/invitations" className="hover:opacity-80" title="Review the invitation">
                            <PrincipalAccessBadge access={p.access} />
                          </Link>
                        ) : (
                          <PrincipalAccessBadge access={p.access} />
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
            </Td>
            <Td className="align-top text-xs">
              {s.allowExternalPrincipals ? <span className="text-slate-700">Allowed</span> : <span className="text-slate-500">Organization only</span>}
            </Td>
            <Td className="align-top">
              <RamStatusBadge status={s.status} />
              {s.statusMessage && <div className="mt-1 max-w-40 text-[11px] text-red-700">{s.statusMessage}</div>}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
