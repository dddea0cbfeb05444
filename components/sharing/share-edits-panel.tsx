'use client';
// Sharing of one resource, as the designer edits it: the live shares that hold it (with their
// principals), and the edits a plan will make: share with accounts or the organization, add
// or remove principals, stop sharing. The edits are data (lib/sharing's ShareEdit); the
// server previews them as plan operations, with what each costs, before anything is saved.
import { useEffect, useState } from 'react';
import type { LiveShare, SharePlan, ShareEditInput } from '@/lib/sharing';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { TextInput } from '@/components/ui/field';
import { postJson } from './api';

export interface ShareEditsPanelProps {
  resource: { arn: string; name: string };
  /** Live shares that hold the resource. */
  shares: LiveShare[];
  accountNames: ReadonlyMap<string, string>;
  edits: ShareEditInput[];
  onChange(edits: ShareEditInput[]): void;
  readOnly?: boolean;
}

interface Preview {
  for: ShareEditInput[];
  plan?: SharePlan;
  error?: string;
  fields?: { path: string; rule: string }[];
}

const split = (text: string) => text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);

function principalLabel(p: string, names: ReadonlyMap<string, string>): string {
  if (names.has(p)) return `${names.get(p)} (${p})`;
  if (p.includes(':organization/')) return 'whole organization';
  if (p.includes(':ou/')) return `OU ${p.slice(p.lastIndexOf('/') + 1)}`;
  return p;
}

function describeEdit(e: ShareEditInput, shares: LiveShare[], names: ReadonlyMap<string, string>): string {
  if (e.action === 'share') return `Share as ${e.name} with ${[e.principals].flat().map((p) => principalLabel(String(p), names)).join(', ')}`;
  const share = shares.find((s) => s.arn === e.shareArn)?.name ?? e.shareArn;
  if (e.action === 'stop') return `Stop sharing ${share}`;
  const parts = [...[e.addPrincipals ?? []].flat().map((p) => `add ${principalLabel(String(p), names)}`), ...[e.removePrincipals ?? []].flat().map((p) => `remove ${principalLabel(String(p), names)}`)];
  return `${share}: ${parts.join(', ')}`;
}

export function ShareEditsPanel({ resource, shares, accountNames, edits, onChange, readOnly = false }: ShareEditsPanelProps) {
  const [name, setName] = useState('');
  const [principals, setPrincipals] = useState('');
  const [adding, setAdding] = useState<Record<string, string>>({});
  // The preview answers one list of edits; an answer for an older list is not shown.
  const [answer, setAnswer] = useState<Preview | null>(null);
  const preview: Preview = answer?.for === edits ? answer : { for: edits };

  useEffect(() => {
    if (!edits.length) return;
    let current = true;
    void postJson<SharePlan>('/api/shares/plan', { edits }).then((r) => {
      if (!current) return;
      setAnswer(r.ok ? { for: edits, plan: r.data } : { for: edits, error: r.message, fields: r.fields });
    });
    return () => {
      current = false;
    };
  }, [edits]);

  const push = (edit: ShareEditInput) => onChange([...edits, edit]);
  const removed = (share: LiveShare, p: string) => edits.some((e) => e.action === 'update' && e.shareArn === share.arn && [e.removePrincipals ?? []].flat().includes(p));
  const stopped = (share: LiveShare) => edits.some((e) => e.action === 'stop' && e.shareArn === share.arn);

  return (
    <div className="space-y-3 text-sm" data-testid="share-edits-panel">
      {shares.length === 0 && <p className="text-xs text-slate-500">{resource.name} is not shared.</p>}
      {shares.map((share) => (
        <div key={share.arn} className="rounded-md p-2.5 ring-1 ring-slate-200" data-testid="share-edits-share" data-share={share.name}>
          <div className="flex items-center justify-between gap-2">
            <span className="font-medium text-slate-900">{share.name}</span>
            {!readOnly && !stopped(share) && (
              <Button size="sm" variant="danger" onClick={() => push({ action: 'stop', shareArn: share.arn })} data-testid="stop-sharing">
                Stop sharing
              </Button>
            )}
            {stopped(share) && <Badge tone="red">stops in the plan</Badge>}
          </div>
          <ul className="mt-1.5 space-y-1">
            {share.principals.map((p) => (
              <li key={p} className="flex items-center justify-between gap-2 text-xs">
                <span className={removed(share, p) ? 'text-slate-400 line-through' : 'text-slate-700'}>{principalLabel(p, accountNames)}</span>
                {!readOnly && !removed(share, p) && !stopped(share) && (
                  <button type="button" className="text-[11px] text-red-700 hover:underline" onClick={() => push({ action: 'update', shareArn: share.arn, removePrincipals: [p] })}>
                    remove
                  </button>
                )}
              </li>
            ))}
          </ul>
          {!readOnly && !stopped(share) && (
            <form
              className="mt-2 flex gap-1.5"
              onSubmit={(e) => {
                e.preventDefault();
                const list = split(adding[share.arn] ?? '');
                if (!list.length) return;
                push({ action: 'update', shareArn: share.arn, addPrincipals: list });
                setAdding((a) => ({ ...a, [share.arn]: '' }));
              }}
            >
              <TextInput aria-label={`Add principals to ${share.name}`} placeholder="account id or organization ARN" value={adding[share.arn] ?? ''} onChange={(e) => setAdding((a) => ({ ...a, [share.arn]: e.target.value }))} className="font-mono text-xs" />
              <Button size="sm" type="submit">
                Add
              </Button>
            </form>
          )}
        </div>
      ))}
      {!readOnly && (
        <form
          className="space-y-1.5 rounded-md bg-slate-50 p-2.5 ring-1 ring-slate-200 ring-inset"
          onSubmit={(e) => {
            e.preventDefault();
            push({ action: 'share', name: name.trim(), resourceArns: [resource.arn], principals: split(principals) });
            setName('');
            setPrincipals('');
          }}
        >
          <p className="text-xs font-medium text-slate-700">Share {resource.name} in a new share</p>
          <TextInput aria-label="New share name" placeholder="share name" value={name} onChange={(e) => setName(e.target.value)} />
          <TextInput aria-label="Share with" placeholder="account ids or organization ARN" value={principals} onChange={(e) => setPrincipals(e.target.value)} className="font-mono text-xs" />
          <div className="text-right">
            <Button size="sm" type="submit" variant="primary" data-testid="add-share-edit">
              Add to plan
            </Button>
          </div>
        </form>
      )}
      {edits.length > 0 && (
        <div className="space-y-1.5" data-testid="share-edits">
          <p className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase">Sharing changes in this design</p>
          <ul className="space-y-1">
            {edits.map((e, i) => (
              <li key={i} className="flex items-start justify-between gap-2 text-xs text-slate-700">
                <span>{describeEdit(e, shares, accountNames)}</span>
                {!readOnly && (
                  <button type="button" className="shrink-0 text-[11px] text-slate-500 hover:text-slate-900" onClick={() => onChange(edits.filter((_, j) => j !== i))}>
                    undo
                  </button>
                )}
              </li>
            ))}
          </ul>
          {preview.error && (
            <Alert tone="error" title="These changes cannot be planned">
              <ul className="text-xs">
                {(preview.fields?.length ? preview.fields : [{ path: '', rule: preview.error }]).map((f, i) => (
                  <li key={i}>{f.rule}</li>
                ))}
              </ul>
            </Alert>
          )}
          {preview.plan && (
            <ol className="space-y-0.5 rounded-md bg-white p-2 font-mono text-[11px] ring-1 ring-slate-200" data-testid="share-edits-operations">
              {preview.plan.operations.map((op) => (
                <li key={op.id}>
                  {op.call} · {op.label}
                  {op.consequence && <div className="font-sans text-amber-800">{op.consequence}</div>}
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </div>
  );
}
