'use client';
// The designs page: every design with its size and last change; new (empty, from the whole
// live estate, or from selected live resources), rename, duplicate, delete.
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { DesignSummaryDto } from '@/lib/plan/designs';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Select, TextInput } from '@/components/ui/field';
import { Panel } from '@/components/ui/panel';
import { EmptyRow, Table, Td, Th } from '@/components/ui/table';
import { Time } from '@/components/ui/time';
import { api } from './api';
import { SelectionPicker } from './selection-picker';

export interface AccountChoice {
  id: string;
  name: string;
  regions: string[];
}

type Start = 'empty' | 'live' | 'selection';
type Row = DesignSummaryDto;

export function DesignsList({ designs, accounts, canEdit }: { designs: Row[]; accounts: AccountChoice[]; canEdit: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [name, setName] = useState('');
  // `/designs?select=ARN` (the topology's "Design from this") starts from that resource.
  const preselected = useSearchParams().getAll('select');
  const [start, setStart] = useState<Start>(preselected.length ? 'selection' : 'empty');
  const [selection, setSelection] = useState<string[]>(preselected);
  const [target, setTarget] = useState(accounts[0] ? `${accounts[0].id}|${accounts[0].regions[0]}` : '');

  async function create(e: FormEvent) {
    e.preventDefault();
    const [account, region] = target.split('|');
    setBusy('create');
    setError(null);
    const result = await api<{ design: { id: string } }>('POST', '/api/designs', { name: name.trim(), start, account, region, ...(start === 'selection' ? { selection } : {}) });
    setBusy(null);
    if (!result.ok) return setError(result.message);
    router.push(`/designs/${result.data.design.id}`);
  }

  async function act(id: string, what: 'duplicate' | 'rename' | 'delete', current: string) {
    setError(null);
    if (what === 'delete') {
      if (!window.confirm(`Delete the design "${current}"? Its plans stay, for the record.`)) return;
      setBusy(id);
      const r = await api('DELETE', `/api/designs/${id}`);
      setBusy(null);
      if (!r.ok) return setError(r.message);
    } else {
      const next = window.prompt(what === 'rename' ? 'New name' : 'Name of the copy', what === 'rename' ? current : `${current} (copy)`);
      if (!next?.trim()) return;
      setBusy(id);
      const r = what === 'rename' ? await api('PATCH', `/api/designs/${id}`, { name: next.trim() }) : await api('POST', `/api/designs/${id}/duplicate`, { name: next.trim() });
      setBusy(null);
      if (!r.ok) return setError(r.message);
    }
    router.refresh();
  }

  return (
    <div className="space-y-5">
      {error && <Alert tone="error">{error}</Alert>}
      {canEdit && (
        <Panel title="New design" description="Draw a change on top of the live estate, or a new topology from nothing.">
          <form onSubmit={create} className="grid grid-cols-1 gap-3 sm:grid-cols-[1fr_14rem_16rem_auto] sm:items-end">
            <Field id="design-name" label="Name">
              <TextInput id="design-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="orders canary rollout" required maxLength={100} />
            </Field>
            <Field id="design-start" label="Start from">
              <Select id="design-start" value={start} onChange={(e) => setStart(e.target.value as Start)}>
                <option value="empty">An empty canvas</option>
                <option value="live">The live estate</option>
                <option value="selection">Selected live resources</option>
              </Select>
            </Field>
            <Field id="design-account" label="New resources go to">
              <Select id="design-account" value={target} onChange={(e) => setTarget(e.target.value)}>
                {accounts.flatMap((a) => a.regions.map((r) => (
                  <option key={`${a.id}|${r}`} value={`${a.id}|${r}`}>
                    {a.name} · {a.id} · {r}
                  </option>
                )))}
              </Select>
            </Field>
            <Button type="submit" variant="primary" disabled={busy === 'create' || !name.trim() || !target || (start === 'selection' && selection.length === 0)}>
              {busy === 'create' ? 'Creating…' : 'Create design'}
            </Button>
            {start === 'selection' && (
              <div className="sm:col-span-4">
                <SelectionPicker selected={selection} onChange={setSelection} />
              </div>
            )}
          </form>
        </Panel>
      )}
      <Panel title="Designs" bodyClassName="p-0">
        <Table>
          <thead>
            <tr>
              <Th>Name</Th>
              <Th className="text-right">Resources</Th>
              <Th>Version</Th>
              <Th>Last change</Th>
              <Th>Created by</Th>
              <Th className="w-0" />
            </tr>
          </thead>
          <tbody>
            {designs.length === 0 && <EmptyRow colSpan={6}>No designs yet.{canEdit ? ' Create one above.' : ''}</EmptyRow>}
            {designs.map((d) => (
              <tr key={d.id} className="hover:bg-slate-50" data-testid="design-row">
                <Td>
                  <Link href={`/designs/${d.id}`} className="font-medium text-indigo-700 hover:underline">
                    {d.name}
                  </Link>
                </Td>
                <Td className="text-right tabular-nums">{d.records}</Td>
                <Td className="tabular-nums">v{d.version}</Td>
                <Td>
                  <Time value={d.updatedAt} /> <span className="text-slate-500">by {d.updatedBy}</span>
                </Td>
                <Td>{d.createdBy}</Td>
                <Td className="whitespace-nowrap">
                  {canEdit && (
                    <div className="flex gap-1">
                      <Button size="sm" variant="ghost" disabled={busy === d.id} onClick={() => act(d.id, 'rename', d.name)}>
                        Rename
                      </Button>
                      <Button size="sm" variant="ghost" disabled={busy === d.id} onClick={() => act(d.id, 'duplicate', d.name)}>
                        Duplicate
                      </Button>
                      <Button size="sm" variant="ghost" className="text-red-700" disabled={busy === d.id} onClick={() => act(d.id, 'delete', d.name)}>
                        Delete
                      </Button>
                    </div>
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Panel>
    </div>
  );
}
