'use client';
// The accounts Trellis reads: each with how it is reached (base credentials or a role), its
// regions and where the entry comes from; a connection test per account; and a form to add
// an account or override a configured one.

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { callApi } from '@/components/admin/api';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Field, TextInput } from '@/components/ui/field';
import { Table, Td, Th } from '@/components/ui/table';

export interface AccountRow {
  id: string;
  name: string;
  roleArn?: string;
  externalId?: string;
  regions: string[];
  source: string;
  enabled: boolean;
  editedBy?: string;
  editedAt?: string;
}

interface TestResult {
  ok: boolean;
  identity?: { account: string; arn: string; userId: string };
  code?: string;
  message?: string;
  warning?: string;
}

const SOURCE_LABEL: Record<string, string> = { env: 'TRELLIS_ACCOUNTS', file: 'config file', demo: 'demo estate', base: 'base credentials', admin: 'added here' };

export function AccountsAdmin({ accounts }: { accounts: AccountRow[] }) {
  const router = useRouter();
  const [tests, setTests] = useState<Record<string, TestResult | 'running'>>({});
  const [editing, setEditing] = useState<AccountRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function test(id: string) {
    setTests((t) => ({ ...t, [id]: 'running' }));
    const result = await callApi<TestResult>('POST', `/api/accounts/${id}/test`);
    setTests((t) => ({ ...t, [id]: result.ok ? result.data : { ok: false, message: result.message } }));
  }

  async function revert(id: string) {
    const result = await callApi('DELETE', `/api/accounts/${id}`);
    setNotice(result.ok ? `The edit of ${id} was reverted. Refresh the topology to read with the configured entry.` : result.message);
    router.refresh();
  }

  return (
    <div className="space-y-4">
      {notice && (
        <Alert tone="info" className="flex items-center justify-between">
          {notice}
        </Alert>
      )}
      <Table>
        <thead>
          <tr>
            <Th>Account</Th>
            <Th>Reached with</Th>
            <Th>Regions</Th>
            <Th>Source</Th>
            <Th className="text-right">Connection</Th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => {
            const t = tests[a.id];
            return (
              <tr key={a.id} data-testid="account-row" data-account={a.id} className={a.enabled ? undefined : 'opacity-60'}>
                <Td className="whitespace-nowrap">
                  <div className="font-medium text-slate-900">{a.name}</div>
                  <div className="font-mono text-xs text-slate-500">{a.id}</div>
                </Td>
                <Td className="min-w-72 max-w-md">
                  {a.roleArn ? (
                    <span className="font-mono text-xs break-all">
                      AssumeRole {a.roleArn}
                      {a.externalId ? ' (external id set)' : ''}
                    </span>
                  ) : (
                    <span className="text-xs">the SDK default credential chain</span>
                  )}
                </Td>
                <Td className="font-mono text-xs whitespace-nowrap">{a.regions.join(', ')}</Td>
                <Td>
                  <div className="flex flex-wrap items-center gap-1">
                    <Badge tone={a.editedBy ? 'violet' : 'neutral'}>{a.editedBy && a.source !== 'admin' ? `${SOURCE_LABEL[a.source] ?? a.source}, edited` : (SOURCE_LABEL[a.source] ?? a.source)}</Badge>
                    {!a.enabled && <Badge tone="amber">disabled</Badge>}
                  </div>
                  {a.editedBy && <div className="mt-0.5 text-[11px] text-slate-500">by {a.editedBy}</div>}
                </Td>
                <Td className="w-[26rem] text-right">
                  <div className="flex justify-end gap-1.5">
                    <Button size="sm" onClick={() => test(a.id)} disabled={t === 'running'} data-testid="test-connection">
                      {t === 'running' ? 'Testing…' : 'Test connection'}
                    </Button>
                    <Button size="sm" variant="ghost" onClick={() => setEditing(a)} data-testid="edit-account">
                      Edit
                    </Button>
                    {a.editedBy && (
                      <Button size="sm" variant="ghost" onClick={() => revert(a.id)} data-testid="revert-account">
                        Revert
                      </Button>
                    )}
                  </div>
                  {t && t !== 'running' && (
                    <div className={`mt-1.5 text-left text-xs ${t.ok ? 'text-emerald-800' : 'text-red-700'}`} data-testid="connection-result" data-ok={t.ok}>
                      {t.ok ? (
                        <>
                          Connected as <span className="font-mono break-all">{t.identity?.arn}</span>
                          {t.warning && <div className="text-amber-800">{t.warning}</div>}
                        </>
                      ) : (
                        <span className="break-words">{t.message}</span>
                      )}
                    </div>
                  )}
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      <AccountForm
        key={editing?.id ?? 'new'}
        initial={editing}
        onCancel={() => setEditing(null)}
        onSaved={(id) => {
          setEditing(null);
          setNotice(`Saved ${id}. Refresh the topology to read it.`);
          router.refresh();
        }}
      />
    </div>
  );
}

function AccountForm({ initial, onCancel, onSaved }: { initial: AccountRow | null; onCancel: () => void; onSaved: (id: string) => void }) {
  const [id, setId] = useState(initial?.id ?? '');
  const [name, setName] = useState(initial?.name ?? '');
  const [roleArn, setRoleArn] = useState(initial?.roleArn ?? '');
  const [externalId, setExternalId] = useState(initial?.externalId ?? '');
  const [regions, setRegions] = useState(initial?.regions.join(', ') ?? '');
  const [enabled, setEnabled] = useState(initial?.enabled ?? true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    const body: Record<string, unknown> = { id: id.trim(), name: name.trim(), regions: regions.split(/[\s,]+/).filter(Boolean), enabled };
    if (roleArn.trim()) body.roleArn = roleArn.trim();
    if (externalId.trim()) body.externalId = externalId.trim();
    const result = await callApi<{ account: { id: string } }>('POST', '/api/accounts', body);
    setBusy(false);
    if (result.ok) onSaved(result.data.account.id);
    else {
      setErrors(result.fields);
      setMessage(result.message);
    }
  }

  return (
    <form onSubmit={submit} className="rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200" data-testid="account-form">
      <h2 className="text-sm font-semibold text-slate-900">{initial ? `Edit ${initial.name}` : 'Add an account'}</h2>
      <p className="mt-0.5 mb-3 text-xs text-slate-500">
        Leave the role empty for the account of the console&apos;s own credentials. An edit overrides the configured entry with the same id until it is reverted.
      </p>
      {message && (
        <Alert tone="error" className="mb-3">
          {message}
        </Alert>
      )}
      <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
        <Field id="account-id" label="Account id" error={errors.id}>
          <TextInput id="account-id" value={id} onChange={(e) => setId(e.target.value)} disabled={!!initial} invalid={!!errors.id} placeholder="123456789012" />
        </Field>
        <Field id="account-name" label="Name" error={errors.name}>
          <TextInput id="account-name" value={name} onChange={(e) => setName(e.target.value)} invalid={!!errors.name} placeholder="payments-prod" />
        </Field>
        <Field id="account-regions" label="Regions" error={errors.regions} hint="Comma-separated, e.g. us-east-1, eu-west-1">
          <TextInput id="account-regions" value={regions} onChange={(e) => setRegions(e.target.value)} invalid={!!errors.regions} />
        </Field>
        <Field id="account-role" label="Role to assume" error={errors.roleArn} className="md:col-span-2" hint="arn:aws:iam::ACCOUNT:role/NAME; empty for the base credentials">
          <TextInput id="account-role" value={roleArn} onChange={(e) => setRoleArn(e.target.value)} invalid={!!errors.roleArn} />
        </Field>
        <Field id="account-external-id" label="External id (optional)" error={errors.externalId}>
          <TextInput id="account-external-id" value={externalId} onChange={(e) => setExternalId(e.target.value)} invalid={!!errors.externalId} />
        </Field>
      </div>
      <div className="mt-3 flex items-center gap-3">
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" className="accent-indigo-600" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          Read this account
        </label>
        <div className="ml-auto flex gap-2">
          {initial && (
            <Button variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
          )}
          <Button type="submit" variant="primary" disabled={busy} data-testid="save-account">
            {busy ? 'Saving…' : initial ? 'Save changes' : 'Add account'}
          </Button>
        </div>
      </div>
    </form>
  );
}
