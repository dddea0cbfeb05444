'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyRow, Table, Td, Th } from '@/components/ui/table';
import { Time } from '@/components/ui/time';
import { callApi } from './api';

export interface TokenListItem {
  id: string;
  name: string;
  user: string;
  prefix: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  status: 'active' | 'expired' | 'revoked';
}

const statusTone = { active: 'green', expired: 'amber', revoked: 'red' } as const;

export function TokensTable({ tokens }: { tokens: TokenListItem[] }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);

  async function revoke(t: TokenListItem) {
    setConfirming(null);
    const result = await callApi('DELETE', `/api/tokens/${t.id}`);
    setNotice(result.ok ? { tone: 'success', text: `Token “${t.name}” of ${t.user} is revoked; it no longer works.` } : { tone: 'error', text: result.message });
    if (result.ok) router.refresh();
  }

  return (
    <div>
      {notice && <Alert tone={notice.tone} className="m-3">{notice.text}</Alert>}
      <Table>
        <thead>
          <tr>
            <Th>Label</Th>
            <Th>User</Th>
            <Th>Token</Th>
            <Th>Created (UTC)</Th>
            <Th>Last used</Th>
            <Th>Expires</Th>
            <Th>Status</Th>
            <Th className="text-right">
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {tokens.length === 0 && <EmptyRow colSpan={8}>No API tokens yet. Create one above for scripts and CI.</EmptyRow>}
          {tokens.map((t) => (
            <tr key={t.id} data-testid={`token-row-${t.name}`} className={t.revokedAt ? 'text-slate-400' : undefined}>
              <Td className="font-medium text-slate-900">{t.name}</Td>
              <Td className="font-mono text-[13px]">{t.user}</Td>
              <Td className="font-mono text-xs text-slate-500">{t.prefix}…</Td>
              <Td className="text-xs">
                <Time value={t.createdAt} />
                <div className="text-[11px] text-slate-400">by {t.createdBy}</div>
              </Td>
              <Td className="text-xs">
                <Time value={t.lastUsedAt} empty="never" />
              </Td>
              <Td className="text-xs">
                <Time value={t.expiresAt} empty="never" />
              </Td>
              <Td>
                <Badge tone={statusTone[t.status]}>{t.status}</Badge>
              </Td>
              <Td className="text-right">
                {!t.revokedAt &&
                  (confirming === t.id ? (
                    <div className="flex justify-end gap-1.5">
                      <Button size="sm" variant="ghost" onClick={() => setConfirming(null)}>
                        Keep
                      </Button>
                      <Button size="sm" variant="danger" onClick={() => revoke(t)}>
                        Confirm revoke
                      </Button>
                    </div>
                  ) : (
                    <Button size="sm" variant="danger" onClick={() => setConfirming(t.id)}>
                      Revoke
                    </Button>
                  ))}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
