'use client';
// Sharing of one resource, as the designer edits it: the live shares that hold it (with their
// principals), and the edits a plan will make: share with accounts or the organization, add
// or remove principals, stop sharing. The edits are data (lib/sharing's ShareEdit), checked
// against RAM's rules beside the field before they join the design; the server previews the
// design's edits as plan operations, with what each costs.
import { useEffect, useState } from 'react';
import { shareEditProblems, type LiveShare, type SharePlan, type ShareEditInput } from '@/lib/plan/sharing';
import { principalLabel, type ShareProblem } from '@/lib/sharing';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { TextInput } from '@/components/ui/field';
import { postJson } from './api';

export interface ShareEditsPanelProps {
  resource: { arn: string; name: string };
  /** Live shares that hold the resource. */
  shares: LiveShare[];
  /** Every live share the configured accounts own, to name the shares other edits change. */
  allShares?: LiveShare[];
  accountNames: ReadonlyMap<string, string>;
  /** The design's sharing edits (all of them: they are previewed and planned together). */
  edits: ShareEditInput[];
  /** Positions in `edits` of the edits the live shares already match. */
  applied?: ReadonlySet<number>;
  onAdd(edit: ShareEditInput): void;
  onRemove(indexes: number[]): void;
  readOnly?: boolean;
}

interface Preview {
  for: ShareEditInput[];
  plan?: SharePlan;
  error?: string;
  fields?: { path: string; rule: string }[];
}

const split = (text: string) => text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);

/** The problems of one field (`principals` matches `principals.1`). */
const rulesAt = (problems: ShareProblem[], field: string) => problems.filter((p) => p.path === field || p.path.startsWith(`${field}.`)).map((p) => p.rule);

function describeEdit(e: ShareEditInput, shares: LiveShare[], names: ReadonlyMap<string, string>): string {
  if (e.action === 'share') return `Share as ${e.name} with ${[e.principals].flat().map((p) => principalLabel(String(p), names)).join(', ')}`;
  const share = shares.find((s) => s.arn === e.shareArn)?.name ?? e.shareArn;
  if (e.action === 'stop') return `Stop sharing ${share}`;
  const parts = [...[e.addPrincipals ?? []].flat().map((p) => `add ${principalLabel(String(p), names)}`), ...[e.removePrincipals ?? []].flat().map((p) => `remove ${principalLabel(String(p), names)}`)];
  return `${share}: ${parts.join(', ')}`;
}

function FieldRules({ id, rules }: { id: string; rules: string[] }) {
  if (!rules.length) return null;
  return (
    <ul id={id} className="space-y-0.5 text-xs text-red-700" role="alert" data-testid="share-field-error">
      {rules.map((r, i) => (
        <li key={i}>{r}</li>
      ))}
    </ul>
  );
}

export function ShareEditsPanel({ resource, shares, allShares = shares, accountNames, edits, applied = new Set(), onAdd, onRemove, readOnly = false }: ShareEditsPanelProps) {
  const [name, setName] = useState('');
  const [principals, setPrincipals] = useState('');
  const [adding, setAdding] = useState<Record<string, string>>({});
  // Rules broken by what was typed, shown beside the field; nothing joins the design until they are met.
  const [newProblems, setNewProblems] = useState<ShareProblem[]>([]);
  const [addProblems, setAddProblems] = useState<Record<string, string[]>>({});
  // The preview answers one list of edits; an answer for an older list is not shown.
  const [answer, setAnswer] = useState<Preview | null>(null);
  const previewKey = JSON.stringify(edits.filter((_, i) => !applied.has(i)));
  const preview: Preview = answer && JSON.stringify(answer.for) === previewKey ? answer : { for: [] };

  useEffect(() => {
    const wanted = JSON.parse(previewKey) as ShareEditInput[];
    if (!wanted.length) return;
    let current = true;
    void postJson<SharePlan>('/api/shares/plan', { edits: wanted }).then((r) => {
      if (!current) return;
      setAnswer(r.ok ? { for: wanted, plan: r.data } : { for: wanted, error: r.message, fields: r.fields });
    });
    return () => {
      current = false;
    };
  }, [previewKey]);

  const push = (edit: ShareEditInput) => onAdd(edit);
  // Edits the live shares already match are left out of the preview: planned again they would be refused.
  const pending = edits.filter((_, i) => !applied.has(i));
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
                  <button type="button" className="text-[11px] text-red-700 hover:underline" onClick={() => push({ action: 'update', shareArn: share.arn, removePrincipals: [p] })} data-testid="remove-principal" data-principal={p}>
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
                const edit: ShareEditInput = { action: 'update', shareArn: share.arn, addPrincipals: list };
                const rules = [...rulesAt(shareEditProblems(edit), 'addPrincipals'), ...(list.length ? [] : ['at least one account id, organization or OU to add'])];
                list.forEach((p) => {
                  if (p === share.account) rules.push(`account ${p} owns the share; share with other accounts`);
                  else if (share.principals.includes(p)) rules.push(`${p} already has share ${share.name}`);
                });
                setAddProblems((a) => ({ ...a, [share.arn]: rules }));
                if (rules.length) return;
                push(edit);
                setAdding((a) => ({ ...a, [share.arn]: '' }));
              }}
            >
              <TextInput aria-label={`Add principals to ${share.name}`} placeholder="account id or organization ARN" value={adding[share.arn] ?? ''} invalid={Boolean(addProblems[share.arn]?.length)} onChange={(e) => setAdding((a) => ({ ...a, [share.arn]: e.target.value }))} className="font-mono text-xs" />
              <Button size="sm" type="submit" data-testid="add-principals">
                Add
              </Button>
            </form>
          )}
          {!readOnly && !stopped(share) && <div className="mt-1"><FieldRules id={`add-principals-${share.name}-error`} rules={addProblems[share.arn] ?? []} /></div>}
        </div>
      ))}
      {!readOnly && (
        <form
          className="space-y-1.5 rounded-md bg-slate-50 p-2.5 ring-1 ring-slate-200 ring-inset"
          onSubmit={(e) => {
            e.preventDefault();
            const edit: ShareEditInput = { action: 'share', name: name.trim(), resourceArns: [resource.arn], principals: split(principals) };
            const problems = shareEditProblems(edit);
            setNewProblems(problems);
            if (problems.length) return;
            push(edit);
            setName('');
            setPrincipals('');
          }}
        >
          <p className="text-xs font-medium text-slate-700">Share {resource.name} in a new share</p>
          <TextInput aria-label="New share name" placeholder="share name" value={name} invalid={rulesAt(newProblems, 'name').length > 0} onChange={(e) => setName(e.target.value)} />
          <FieldRules id="new-share-name-error" rules={rulesAt(newProblems, 'name')} />
          <TextInput aria-label="Share with" placeholder="account ids or organization ARN" value={principals} invalid={rulesAt(newProblems, 'principals').length > 0} onChange={(e) => setPrincipals(e.target.value)} className="font-mono text-xs" />
          <FieldRules id="new-share-principals-error" rules={rulesAt(newProblems, 'principals')} />
          <FieldRules id="new-share-resource-error" rules={[...rulesAt(newProblems, 'resourceArns'), ...rulesAt(newProblems, 'allowExternalPrincipals')]} />
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
              <li key={i} className="flex items-start justify-between gap-2 text-xs text-slate-700" data-testid="share-edit" data-applied={applied.has(i) || undefined}>
                <span>
                  {describeEdit(e, allShares, accountNames)}
                  {applied.has(i) && (
                    <Badge tone="green" className="ml-1.5">
                      live
                    </Badge>
                  )}
                </span>
                {!readOnly && (
                  <button type="button" className="shrink-0 text-[11px] text-slate-500 hover:text-slate-900" onClick={() => onRemove([i])} data-testid="remove-share-edit">
                    remove
                  </button>
                )}
              </li>
            ))}
          </ul>
          {!readOnly && applied.size > 0 && (
            <div className="flex items-center justify-between gap-2 rounded-md bg-emerald-50 px-2 py-1.5 text-xs text-emerald-900">
              <span>{applied.size === 1 ? 'One change is' : `${applied.size} changes are`} live now; planned again it would be refused.</span>
              <Button size="sm" variant="ghost" onClick={() => onRemove([...applied])} data-testid="clear-applied-share-edits">
                Clear
              </Button>
            </div>
          )}
          {pending.length > 0 && preview.error && (
            <Alert tone="error" title="These changes cannot be planned">
              <ul className="text-xs">
                {(preview.fields?.length ? preview.fields : [{ path: '', rule: preview.error }]).map((f, i) => (
                  <li key={i}>{f.rule}</li>
                ))}
              </ul>
            </Alert>
          )}
          {pending.length > 0 && preview.plan && (
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
