'use client';
// A caller's IAM role: name, path and who may assume it (the trust policy), and its identity
// policies, with a helper that writes the vpc-lattice-svcs:Invoke statement for chosen
// services. IAM is global: the role belongs to its account in every Region.
import { useId, useState } from 'react';
import type { Topology } from '@/lib/topology';
import { fieldIssues, invokedServices, invokePolicy, setField, setPlacement, TRUSTED_SERVICES, trustedServices, trustPolicy, type DesignRecord } from '@/lib/topology/design';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { FieldFrame, ModelField, Section, type FieldContext } from '../fields';
import type { KindPanelProps } from './helpers';
import { Card } from './parts';

export function RolePanel({ ctx, record, selectedId, topology, accounts, h: { childrenOf, add, remove } }: KindPanelProps & { accounts: { id: string; name: string }[] }) {
  const trusted = new Set(trustedServices(record.spec.AssumeRolePolicyDocument));
  const toggle = (principal: string) => {
    const next = new Set(trusted);
    if (next.has(principal)) next.delete(principal);
    else next.add(principal);
    ctx.dispatch(setField(ctx.design, record.id, ['AssumeRolePolicyDocument'], trustPolicy([...next])));
  };
  const policies = childrenOf(record.id, 'RoleName', 'iamRolePolicy');
  return (
    <>
      <Section title="Account">
        <label className="block text-[11px] font-medium text-slate-600">
          Owning account
          <select
            disabled={!ctx.editable}
            value={record.account}
            onChange={(e) => ctx.dispatch(setPlacement(ctx.design, record.id, e.target.value, record.region))}
            className="mt-0.5 block h-7 w-full rounded-md border-0 bg-white px-2 text-[13px] ring-1 ring-slate-300 ring-inset"
            data-testid="role-account"
          >
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.id})
              </option>
            ))}
          </select>
        </label>
        <p className="text-[11.5px] leading-snug text-slate-500" data-testid="role-global">
          IAM is global: this role belongs to account {record.account} and is the same in every Region.
        </p>
      </Section>
      <Section title="IAM role">
        <ModelField ctx={ctx} record={record} path={['RoleName']} label="Role name" />
        <ModelField ctx={ctx} record={record} path={['Path']} label="Path" />
        <ModelField ctx={ctx} record={record} path={['Description']} label="Description" />
        <ModelField ctx={ctx} record={record} path={['MaxSessionDuration']} label="Maximum session (seconds)" />
      </Section>
      <Section title="Who may assume it">
        <div className="space-y-0.5" data-testid="trusted-services">
          {TRUSTED_SERVICES.map((s) => (
            <label key={s.principal} className="flex items-center gap-2 text-[12px] text-slate-700">
              <input type="checkbox" disabled={!ctx.editable} checked={trusted.has(s.principal)} onChange={() => toggle(s.principal)} className="size-3.5 rounded border-slate-300 text-indigo-600" />
              <span>{s.label}</span>
              <code className="text-[10.5px] text-slate-400">{s.principal}</code>
            </label>
          ))}
        </div>
        <JsonField ctx={ctx} record={record} field="AssumeRolePolicyDocument" label="Trust policy" />
      </Section>
      <Section title="Identity policies" actions={ctx.editable ? <Button size="sm" variant="ghost" onClick={() => add('iamRolePolicy', record.id)} data-testid="add-role-policy">+ Invoke policy</Button> : undefined}>
        {policies.map((p) => (
          <Card key={p.id} title={String(p.spec.PolicyName ?? '')} onRemove={ctx.editable ? () => remove(p.id) : undefined} highlighted={p.id === selectedId}>
            <ModelField ctx={ctx} record={p} path={['PolicyName']} label="Policy name" />
            <InvokeHelper ctx={ctx} policy={p} topology={topology} />
            <JsonField ctx={ctx} record={p} field="PolicyDocument" label="Policy document" />
          </Card>
        ))}
        {!policies.length && <p className="text-[12px] text-slate-500">None: the role may not invoke any service. Add an invoke policy and choose the services it calls.</p>}
      </Section>
    </>
  );
}

/** Services the caller may invoke: those whose ARN is known (live, or taken from the estate). */
function serviceChoices(ctx: FieldContext, topology: Topology | null): { arn: string; label: string }[] {
  const out = new Map<string, string>();
  for (const n of topology?.nodes ?? []) if (n.kind === 'service' && !n.external) out.set(n.id, `${n.name} (${n.account})`);
  for (const r of Object.values(ctx.design.records)) if (r.kind === 'service' && !r.removed && r.arn) out.set(r.arn, `${String(r.spec.name)} (${r.account})`);
  return [...out].map(([arn, label]) => ({ arn, label })).sort((a, b) => a.label.localeCompare(b.label));
}

function InvokeHelper({ ctx, policy, topology }: { ctx: FieldContext; policy: DesignRecord; topology: Topology | null }) {
  const choices = serviceChoices(ctx, topology);
  const chosen = new Set(invokedServices(policy.spec.PolicyDocument));
  const toggle = (arn: string) => {
    const next = new Set(chosen);
    if (next.has(arn)) next.delete(arn);
    else next.add(arn);
    ctx.dispatch(setField(ctx.design, policy.id, ['PolicyDocument'], invokePolicy([...next])));
  };
  const unsaved = Object.values(ctx.design.records).filter((r) => r.kind === 'service' && !r.removed && !r.arn).length;
  return (
    <div>
      <p className="mb-0.5 text-[11px] font-medium text-slate-600">May invoke (vpc-lattice-svcs:Invoke)</p>
      <div className="max-h-36 space-y-0.5 overflow-auto rounded-md p-1.5 ring-1 ring-slate-200 ring-inset" data-testid="invoke-services">
        {choices.map((c) => (
          <label key={c.arn} className="flex items-center gap-2 text-[12px] text-slate-700">
            <input type="checkbox" disabled={!ctx.editable} checked={chosen.has(c.arn)} onChange={() => toggle(c.arn)} className="size-3.5 rounded border-slate-300 text-indigo-600" />
            <span className="truncate">{c.label}</span>
          </label>
        ))}
        {!choices.length && <p className="text-[11.5px] text-slate-500">No services in the estate yet.</p>}
      </div>
      {unsaved > 0 && <p className="mt-1 text-[11px] text-slate-500">Services this design creates have no ARN yet: apply them first, then allow them here.</p>}
    </div>
  );
}

/** A policy document as JSON text, committed when the user leaves it. */
function JsonField({ ctx, record, field, label }: { ctx: FieldContext; record: DesignRecord; field: string; label: string }) {
  const id = useId();
  const value = typeof record.spec[field] === 'string' ? (record.spec[field] as string) : '';
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }
  const problems = fieldIssues(ctx.issues, record.id, field);
  const invalid = problems.some((p) => p.severity === 'error');
  return (
    <FieldFrame id={id} label={label} problems={problems}>
      <textarea
        id={id}
        value={draft}
        disabled={!ctx.editable}
        spellCheck={false}
        rows={Math.min(14, Math.max(5, draft.split('\n').length))}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => draft !== value && ctx.dispatch(setField(ctx.design, record.id, [field], draft))}
        className={cn('block w-full rounded-md border-0 bg-white px-2 py-1 font-mono text-[11px] leading-snug ring-1 ring-inset focus:ring-2 focus:outline-none', invalid ? 'ring-red-400' : 'ring-slate-300 focus:ring-indigo-600')}
        data-testid={`json-${field}`}
      />
    </FieldFrame>
  );
}
