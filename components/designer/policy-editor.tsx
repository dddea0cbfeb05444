'use client';
// The auth policy editor: JSON text with its size against the 10 KB limit, checked as it is
// typed, and templates to start from (the method-and-path policy among them).
import { useId, useState } from 'react';
import { AUTH_POLICY_MAX_BYTES, fieldIssues, POLICY_TEMPLATES, setField, type DesignRecord } from '@/lib/topology/design';
import { cn } from '@/components/ui/cn';
import { FieldFrame, type FieldContext } from './fields';

export function PolicyEditor({ ctx, record, owner }: { ctx: FieldContext; record: DesignRecord; owner: DesignRecord | undefined }) {
  const id = useId();
  const value = typeof record.spec.policy === 'string' ? record.spec.policy : '';
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }
  const bytes = new TextEncoder().encode(draft).length;
  let parseError: string | null = null;
  if (draft.trim()) {
    try {
      JSON.parse(draft);
    } catch (err) {
      parseError = (err as Error).message;
    }
  }
  const problems = fieldIssues(ctx.issues, record.id, 'policy');
  const commit = () => {
    if (draft !== value) ctx.dispatch(setField(ctx.design, record.id, ['policy'], draft));
  };
  const serviceId = owner?.arn?.split('/').pop();
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
            onClick={() => ctx.dispatch(setField(ctx.design, record.id, ['policy'], t.build({ region: record.region, account: record.account, serviceId })))}
          >
            {t.title}
          </button>
        ))}
      </div>
      <textarea
        id={id}
        value={draft}
        disabled={!ctx.editable}
        spellCheck={false}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        rows={12}
        className={cn('block w-full rounded-md border-0 px-2 py-1.5 font-mono text-[11.5px] leading-snug ring-1 ring-inset focus:ring-2 focus:outline-none', parseError || problems.some((p) => p.severity === 'error') ? 'ring-red-400' : 'ring-slate-300 focus:ring-indigo-600')}
        placeholder='{ "Version": "2012-10-17", "Statement": [ … ] }'
      />
      <div className="mt-1 flex justify-between text-[11px]">
        <span className={parseError ? 'text-red-700' : 'text-slate-500'}>{parseError ? `Not valid JSON: ${parseError}` : draft.trim() ? 'Valid JSON' : ''}</span>
        <span className={cn('tabular-nums', bytes > AUTH_POLICY_MAX_BYTES ? 'font-medium text-red-700' : 'text-slate-500')}>
          {(bytes / 1024).toFixed(1)} / 10 KB
        </span>
      </div>
    </FieldFrame>
  );
}
