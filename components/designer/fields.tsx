'use client';
// Form fields of the inspector. Each reads its type, choices and limits from the model's
// shape for its path (the create call's input), shows the rule it breaks under it, and
// commits one command per edit (on blur or Enter for text, at once for choices).
import { useId, useState, type ReactNode } from 'react';
import type { Json } from '@/lib/topology';
import { describeConstraint, mustBe, DESIGN_KIND_INFO, fieldIssues, getIn, inputShapeOf, setField, shapeAt, type Design, type DesignIssue, type DesignRecord, type Patch } from '@/lib/topology/design';
import { cn } from '@/components/ui/cn';
import { stringBreaks } from '@/lib/models';
import { useDebounced } from './use-debounced';

export interface FieldContext {
  design: Design;
  issues: DesignIssue[];
  editable: boolean;
  dispatch(patch: Patch): void;
}

export function shapeOf(record: DesignRecord, path: readonly (string | number)[]) {
  const info = DESIGN_KIND_INFO[record.kind];
  const input = record.kind === 'target' ? 'Target' : inputShapeOf(info, info.create);
  const p = record.kind === 'target' ? path : path;
  return input ? shapeAt(info.model, input, p) : undefined;
}

const control = 'block w-full rounded-md border-0 bg-white px-2 text-[13px] text-slate-900 ring-1 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:outline-none disabled:bg-slate-50 disabled:text-slate-500';

export function FieldFrame({ id, label, hint, problems, children, className, typing }: { id: string; label: ReactNode; hint?: string; problems: DesignIssue[]; children: ReactNode; className?: string; typing?: string | null }) {
  const error = typing ? undefined : problems.find((p) => p.severity === 'error');
  const warning = problems.find((p) => p.severity === 'warning');
  return (
    <div className={cn('group relative min-w-0', className)} data-testid="field" data-field={id}>
      <label htmlFor={id} className="mb-0.5 flex items-baseline justify-between gap-2 text-[11px] font-medium text-slate-600">
        <span>{label}</span>
        {hint && !error && !typing && <span className="truncate font-normal text-slate-400" title={hint}>{hint}</span>}
      </label>
      {children}
      {/* The whole sentence while the field has the focus: the label's copy may be cut short. */}
      {/* Over what follows, never pushing it: a layout that moves on blur would swallow clicks. */}
      {hint && !error && !typing && <p className="pointer-events-none absolute top-full right-0 left-0 z-20 mt-1 hidden rounded bg-slate-800 px-2 py-1 text-[11px] leading-snug text-white shadow-md group-focus-within:block">{hint}</p>}
      {typing && (
        <p className="mt-1 text-[11px] leading-snug break-words text-red-700" role="status" aria-live="polite" data-testid="field-live-rule">
          {typing}
        </p>
      )}
      {error && (
        <p className="mt-1 text-[11px] leading-snug break-words text-red-700" role="alert" data-testid="field-error">
          {error.rule}
        </p>
      )}
      {!error && warning && <p className="mt-1 text-[11px] leading-snug text-amber-700">{warning.rule}</p>}
    </div>
  );
}

export function controlClass(invalid: boolean) {
  return cn(control, 'h-7', invalid ? 'ring-red-400 focus:ring-red-500' : 'ring-slate-300 focus:ring-indigo-600');
}

/** A text or number input that commits when the user leaves it or presses Enter. */
export function DraftInput({ id, value, onCommit, onDraft, type = 'text', invalid, disabled, placeholder }: { id: string; value: string; onCommit(v: string): void; onDraft?(v: string): void; type?: 'text' | 'number'; invalid: boolean; disabled?: boolean; placeholder?: string }) {
  const [draft, setDraft] = useState(value);
  // A new value from the document (undo, another field) replaces the draft.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }
  const commit = () => {
    if (draft !== value) onCommit(draft);
  };
  return (
    <input
      id={id}
      type={type}
      value={draft}
      disabled={disabled}
      placeholder={placeholder}
      aria-invalid={invalid || undefined}
      className={controlClass(invalid)}
      onChange={(e) => {
        setDraft(e.target.value);
        onDraft?.(e.target.value);
      }}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setDraft(value);
      }}
    />
  );
}

function parseValue(raw: string, type: string | undefined): Json | undefined {
  if (raw.trim() === '') return undefined;
  if (type === 'integer' || type === 'long') {
    const n = Number(raw);
    return Number.isFinite(n) ? n : raw;
  }
  return raw;
}

/**
 * One field of a record's spec, typed by the model: enum → select, integer → number,
 * boolean → checkbox, list of strings → comma-separated, otherwise text.
 */
export function ModelField({ ctx, record, path, label, className, choices, placeholder, command }: { ctx: FieldContext; record: DesignRecord; path: (string | number)[]; label: string; className?: string; choices?: { value: string; label: string }[]; placeholder?: string; command?: (value: Json | undefined) => Patch }) {
  const reactId = useId();
  const id = `${reactId}-${path.join('-')}`;
  const shape = shapeOf(record, path);
  const value = getIn(record.spec, path);
  const key = path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[');
  const problems = fieldIssues(ctx.issues, record.id, key);
  const invalid = problems.some((p) => p.severity === 'error');
  const commit = (v: Json | undefined) => ctx.dispatch(command ? command(v) : setField(ctx.design, record.id, path, v));
  const options = choices ?? shape?.enum?.map((v) => ({ value: v, label: v }));
  // A select lists its choices; the hint is for what is typed.
  const hint = options ? undefined : describeConstraint(shape);
  // While typing, the sentence shows as soon as the draft (settled for a moment) breaks the model.
  const [draft, setDraft] = useState<string | null>(null);
  const settled = useDebounced(draft, 250);
  const typing = settled !== null && settled !== String(value ?? '') && stringBreaks(shape, settled) && hint ? mustBe(hint) : null;
  let control: ReactNode;
  if (options) {
    control = (
      <select id={id} disabled={!ctx.editable} value={value === undefined || value === null ? '' : String(value)} onChange={(e) => commit(e.target.value === '' ? undefined : e.target.value)} className={cn(controlClass(invalid), 'pr-7')} aria-invalid={invalid || undefined}>
        <option value="">(not set)</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (shape?.type === 'boolean') {
    control = (
      <label className="flex h-7 items-center gap-2 text-[13px] text-slate-700">
        <input id={id} type="checkbox" disabled={!ctx.editable} checked={value === true} onChange={(e) => commit(e.target.checked)} className="size-3.5 rounded border-slate-300 text-indigo-600" />
        {value === undefined ? <span className="text-slate-400">not set (API default)</span> : value ? 'yes' : 'no'}
      </label>
    );
  } else if (shape?.type === 'list') {
    const list = Array.isArray(value) ? value.map(String).join(', ') : '';
    control = <DraftInput id={id} value={list} invalid={invalid} disabled={!ctx.editable} placeholder="comma-separated" onCommit={(v) => commit(v.trim() ? v.split(',').map((x) => x.trim()).filter(Boolean) : undefined)} />;
  } else {
    control = (
      <DraftInput
        id={id}
        type={shape?.type === 'integer' || shape?.type === 'long' ? 'number' : 'text'}
        value={value === undefined || value === null ? '' : String(value)}
        invalid={invalid || typing !== null}
        disabled={!ctx.editable}
        placeholder={placeholder}
        onDraft={shape?.type === 'string' ? setDraft : undefined}
        onCommit={(v) => {
          setDraft(null);
          commit(parseValue(v, shape?.type));
        }}
      />
    );
  }
  return (
    <FieldFrame id={id} label={label} hint={hint} problems={problems} className={className} typing={typing}>
      {control}
    </FieldFrame>
  );
}

/** A list of ids chosen from the live estate (subnets, security groups), or typed when none is known. */
export function IdListField({ ctx, record, path, label, options }: { ctx: FieldContext; record: DesignRecord; path: string[]; label: string; options: { value: string; label: string }[] }) {
  const value = getIn(record.spec, path);
  const chosen = new Set(Array.isArray(value) ? value.map(String) : []);
  const key = path.join('.');
  const problems = fieldIssues(ctx.issues, record.id, key);
  const reactId = useId();
  if (!options.length) return <ModelField ctx={ctx} record={record} path={path} label={label} />;
  const toggle = (v: string) => {
    const next = new Set(chosen);
    if (next.has(v)) next.delete(v);
    else next.add(v);
    ctx.dispatch(setField(ctx.design, record.id, path, [...next]));
  };
  return (
    <FieldFrame id={reactId} label={label} hint={describeConstraint(shapeOf(record, path))} problems={problems}>
      <div className="max-h-32 space-y-0.5 overflow-auto rounded-md p-1.5 ring-1 ring-slate-200 ring-inset">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-2 text-[12px] text-slate-700">
            <input type="checkbox" disabled={!ctx.editable} checked={chosen.has(o.value)} onChange={() => toggle(o.value)} className="size-3.5 rounded border-slate-300 text-indigo-600" />
            <span className="truncate">{o.label}</span>
          </label>
        ))}
      </div>
    </FieldFrame>
  );
}

export function Section({ title, actions, children }: { title: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="border-t border-slate-200 px-4 py-3">
      <div className="mb-2 flex items-center justify-between gap-2">
        <h3 className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
        {actions}
      </div>
      <div className="space-y-2.5">{children}</div>
    </section>
  );
}
