'use client';
// Proposes a share and has the server check it: RAM's rules for resource types and principals,
// then the estate (an owner Trellis acts in, resources that exist and may be shared). Nothing
// is changed here: a share is made by a reviewed plan.
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Select, TextInput } from '@/components/ui/field';
import { postJson } from './api';

export interface ShareableOption {
  arn: string;
  name: string;
  kind: string;
  account: string;
  accountName: string;
}

interface Proposal {
  owner: { id: string; name: string };
  resources: { arn: string; name: string; kind: string; type: string }[];
  principals: { value: string; kind: string; name?: string; configured: boolean }[];
  share: { allowExternalPrincipals: boolean };
  operations: { id: string; call: string; account: string; region: string; label: string; consequence?: string }[];
  warnings: string[];
}

const KIND_WORDS: Record<string, string> = { serviceNetwork: 'service network', service: 'service', resourceConfiguration: 'resource configuration' };

const areaClass =
  'block w-full rounded-md border-0 bg-white px-2.5 py-1.5 font-mono text-xs text-slate-900 shadow-xs ring-1 ring-inset placeholder:font-sans placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:outline-none';

function lines(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function ShareCheckForm({ options }: { options: ShareableOption[] }) {
  const [name, setName] = useState('');
  const [resources, setResources] = useState('');
  const [principals, setPrincipals] = useState('');
  const [external, setExternal] = useState(true);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ message: string; fields: Record<string, string[]> } | null>(null);
  const [proposal, setProposal] = useState<Proposal | null>(null);

  async function check(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setProposal(null);
    setErrors(null);
    const result = await postJson<Proposal>('/api/shares/check', { name, resourceArns: lines(resources), principals: lines(principals), allowExternalPrincipals: external });
    setBusy(false);
    if (result.ok) {
      setProposal(result.data);
      return;
    }
    const fields: Record<string, string[]> = {};
    for (const f of result.fields) {
      const top = f.path.split('.')[0];
      fields[top] = [...(fields[top] ?? []), f.rule];
    }
    setErrors({ message: result.message, fields });
  }

  function addResource(arn: string) {
    if (!arn) return;
    const current = lines(resources);
    if (!current.includes(arn)) setResources([...current, arn].join('\n'));
  }

  const fieldError = (key: string) => errors?.fields[key]?.join('; ');

  return (
    <form onSubmit={check} className="space-y-3" data-testid="share-check-form" noValidate>
      <div className="grid gap-3 md:grid-cols-2">
        <Field id="share-name" label="Share name" error={fieldError('name')}>
          <TextInput id="share-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="platform-for-payments" invalid={!!fieldError('name')} />
        </Field>
        <Field id="share-pick" label="Add a resource" hint="Service networks, services and resource configurations of the configured accounts.">
          <Select id="share-pick" value="" onChange={(e) => addResource(e.target.value)}>
            <option value="">Choose…</option>
            {options.map((o) => (
              <option key={o.arn} value={o.arn}>
                {o.name} · {KIND_WORDS[o.kind] ?? o.kind} · {o.accountName}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <Field id="share-resources" label="Resource ARNs" hint="One per line." error={fieldError('resourceArns')}>
          <textarea
            id="share-resources"
            rows={3}
            value={resources}
            onChange={(e) => setResources(e.target.value)}
            placeholder="arn:aws:vpc-lattice:us-east-1:111111111111:servicenetwork/sn-…"
            aria-invalid={!!fieldError('resourceArns') || undefined}
            className={`${areaClass} ${fieldError('resourceArns') ? 'ring-red-400 focus:ring-red-500' : 'ring-slate-300 focus:ring-indigo-600'}`}
          />
        </Field>
        <Field id="share-principals" label="Share with" hint="Account ids, an organization ARN or OU ARNs; one per line." error={fieldError('principals')}>
          <textarea
            id="share-principals"
            rows={3}
            value={principals}
            onChange={(e) => setPrincipals(e.target.value)}
            placeholder="333333333333"
            aria-invalid={!!fieldError('principals') || undefined}
            className={`${areaClass} ${fieldError('principals') ? 'ring-red-400 focus:ring-red-500' : 'ring-slate-300 focus:ring-indigo-600'}`}
          />
        </Field>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={external} onChange={(e) => setExternal(e.target.checked)} className="size-4 rounded border-slate-300 text-indigo-600" />
          Allow principals outside the organization
        </label>
        <Button type="submit" variant="primary" disabled={busy} data-testid="check-share">
          {busy ? 'Checking…' : 'Check share'}
        </Button>
      </div>
      {errors && (
        <Alert tone="error" title="This share cannot be made">
          {errors.message}
        </Alert>
      )}
      {proposal && (
        <Alert tone="success" title="The share can be made" className="text-sm">
          <p data-testid="share-check-result">
            {proposal.owner.name} ({proposal.owner.id}) would share {proposal.resources.map((r) => `${KIND_WORDS[r.kind] ?? r.kind} ${r.name}`).join(', ')} with{' '}
            {proposal.principals.map((p) => (p.name ? `${p.name} (${p.value})` : p.kind === 'account' ? `${p.value} (not configured in Trellis)` : p.value)).join(', ')}.
          </p>
          <p className="mt-1 text-xs">
            Accounts outside the organization, or any account when RAM sharing with the organization is off, receive an invitation and get access only once they accept it; the others get access at once.
            {!proposal.share.allowExternalPrincipals && ' This share is limited to the organization: RAM refuses accounts outside it.'}
          </p>
          <ol className="mt-2 space-y-0.5 font-mono text-[11px]" data-testid="share-check-operations">
            {proposal.operations.map((op) => (
              <li key={op.id}>
                {op.id} · {op.call} in {proposal.owner.id === op.account ? proposal.owner.name : op.account} ({op.region}) · {op.label}
              </li>
            ))}
          </ol>
          {proposal.warnings.map((w) => (
            <p key={w} className="mt-1 text-xs text-amber-800">
              {w}
            </p>
          ))}
        </Alert>
      )}
    </form>
  );
}
