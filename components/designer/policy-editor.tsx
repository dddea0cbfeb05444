'use client';
// The auth policy editor: JSON text with its size against the 10 KB limit, checked as IAM
// checks it while it is typed, templates filled in with what Trellis knows (the account, the
// organization, the service by reference until it exists), and a form for those who would
// rather not write JSON.
import { useId, useState } from 'react';
import { AUTH_POLICY_MAX_BYTES, fieldIssues, POLICY_TEMPLATES, setField, type DesignRecord } from '@/lib/topology/design';
import { cn } from '@/components/ui/cn';
import { PolicyLintMessages, usePolicyLint } from '@/components/access/policy-lint';
import { StructuredPolicyEditor } from '@/components/access/structured-policy-editor';
import { FieldFrame, type FieldContext } from './fields';

export function PolicyEditor({ ctx, record, owner, organizationId }: { ctx: FieldContext; record: DesignRecord; owner: DesignRecord | undefined; organizationId?: string }) {
  const id = useId();
  const value = typeof record.spec.policy === 'string' ? record.spec.policy : '';
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  const [mode, setMode] = useState<'json' | 'form'>('json');
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }
  const lint = usePolicyLint(draft);
  const bytes = new TextEncoder().encode(draft).length;
  let parseError: string | null = null;
  if (draft.trim()) {
    try {
      JSON.parse(draft);
    } catch (err) {
      parseError = (err as Error).message;
    }
  }
  // The linter's findings show below as they are typed; the rest (size, shape, auth type) here.
  const problems = fieldIssues(ctx.issues, record.id, 'policy').filter((p) => p.code !== 'policy-lint');
  const commit = () => {
    if (draft !== value) ctx.dispatch(setField(ctx.design, record.id, ['policy'], draft));
  };
  const serviceId = owner?.arn?.split('/').pop();
  const ownerKind = owner?.kind === 'serviceNetwork' ? 'serviceNetwork' : 'service';
  const set = (text: string) => {
    setDraft(text);
    ctx.dispatch(setField(ctx.design, record.id, ['policy'], text));
  };
  return (
    <FieldFrame id={id} label="Policy document" problems={draft === value ? problems : []}>
      <div className="mb-1.5 flex flex-wrap gap-1">
        {POLICY_TEMPLATES.map((t) => (
          <button
            key={t.id}
            type="button"
            title={t.description}
            disabled={!ctx.editable}
            className="rounded bg-violet-50 px-1.5 py-0.5 text-[11px] text-violet-700 ring-1 ring-violet-200 ring-inset hover:bg-violet-100"
            onClick={() => set(t.build({ region: record.region, account: record.account, serviceId, resourceArn: owner?.arn, owner: ownerKind, organizationId }))}
            data-testid={`policy-template-${t.id}`}
          >
            {t.title}
          </button>
        ))}
      </div>
      <div className="mb-1 flex gap-3 text-[11px]" role="tablist">
        {(['json', 'form'] as const).map((m) => (
          <button key={m} type="button" role="tab" aria-selected={mode === m} className={cn('border-b-2 pb-0.5 font-medium', mode === m ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-500 hover:text-slate-800')} onClick={() => setMode(m)} data-testid={`policy-mode-${m}`}>
            {m === 'json' ? 'JSON' : 'Form'}
          </button>
        ))}
      </div>
      {mode === 'form' ? (
        <StructuredPolicyEditor text={draft} defaultResource={ownerKind === 'serviceNetwork' ? '*' : owner?.arn ? `${owner.arn}/*` : '${service.arn}/*'} disabled={!ctx.editable} onChange={set} />
      ) : (
        <textarea
          id={id}
          value={draft}
          disabled={!ctx.editable}
          spellCheck={false}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          rows={12}
          className={cn('block w-full rounded-md border-0 px-2 py-1.5 font-mono text-[11.5px] leading-snug ring-1 ring-inset focus:ring-2 focus:outline-none', parseError || lint.some((m) => m.severity === 'error') || problems.some((p) => p.severity === 'error') ? 'ring-red-400' : 'ring-slate-300 focus:ring-indigo-600')}
          placeholder='{ "Version": "2012-10-17", "Statement": [ … ] }'
          data-testid="policy-text"
        />
      )}
      <div className="mt-1 flex justify-between text-[11px]">
        <span className={parseError ? 'text-red-700' : 'text-slate-500'}>{parseError ? `Not valid JSON: ${parseError}` : draft.trim() ? 'Valid JSON' : ''}</span>
        <span className={cn('tabular-nums', bytes > AUTH_POLICY_MAX_BYTES ? 'font-medium text-red-700' : 'text-slate-500')}>
          {(bytes / 1024).toFixed(1)} / 10 KB
        </span>
      </div>
      {!parseError && <PolicyLintMessages messages={lint} />}
    </FieldFrame>
  );
}
