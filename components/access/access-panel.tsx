'use client';
// "Can it call?": pick the caller (a VPC, and a principal ARN or anonymous) and the request
// (service, method, path, headers), ask the console, and read the verdict as a chain of steps.
// The question lives in the page's URL (./question), so a link reproduces it; the page draws
// the decision on its canvas.
import './access.css';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { AccessDecision } from '@/lib/access/types';
import type { Topology } from '@/lib/topology';
import { principalsOf } from '@/lib/access-server/engine';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { askAccess } from './api';
import { EMPTY_QUESTION, isComplete, METHODS, type AccessQuestion } from './question';
import { Verdict } from './verdict';

export interface AccessPanelProps {
  topology: Topology;
  accountNames: ReadonlyMap<string, string>;
  /** The question from the URL (null: the panel opens empty). */
  question: AccessQuestion | null;
  /** Evaluate a design's desired state instead of live (the designer). */
  design?: string;
  /** Extra services to offer (a design's new ones), by id and name. */
  extraServices?: { id: string; name: string; account: string }[];
  /** Called before asking (the designer saves first); false stops. */
  beforeAsk?: () => Promise<boolean>;
  onAsk(q: AccessQuestion): void;
  onDecision(decision: AccessDecision | null, q: AccessQuestion | null): void;
  onSelect?(id: string): void;
  onClose(): void;
}

const OTHER = '__other__';

/** `role ProductServiceRole (222222222222)`, `session i-1 of role R (…)`, `anonymous`. */
function principalLabel(arn: string | null): string {
  if (!arn) return 'anonymous';
  const m = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):(.+)$/.exec(arn);
  if (!m) return arn;
  const [, account, rest] = m;
  if (rest === 'root') return `account ${account}`;
  const session = /^assumed-role\/([^/]+)\/(.+)$/.exec(rest);
  if (session) return `session ${session[2]} of role ${session[1]} (${account})`;
  const [kind, ...name] = rest.split('/');
  return `${kind} ${name.join('/')} (${account})`;
}

function headersToText(h: Record<string, string>): string {
  return Object.entries(h)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

function textToHeaders(text: string): { headers: Record<string, string>; problem: string | null } {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const at = line.indexOf(':');
    if (at <= 0) return { headers, problem: `"${line.trim()}" is not "name: value"` };
    const name = line.slice(0, at).trim().toLowerCase();
    if (!/^[a-z0-9-]{1,100}$/.test(name)) return { headers, problem: `"${name}" is not a header name (letters, digits and "-")` };
    headers[name] = line.slice(at + 1).trim();
  }
  return { headers, problem: null };
}

export function AccessPanel(props: AccessPanelProps) {
  const { topology, accountNames } = props;
  const id = useId();
  const initial = props.question ?? EMPTY_QUESTION;
  const [q, setQ] = useState<AccessQuestion>(initial);
  const [headersText, setHeadersText] = useState(headersToText(initial.headers));
  const principals = useMemo(() => principalsOf(topology), [topology]);
  const [principalMode, setPrincipalMode] = useState<string>(initial.principal === null ? 'anonymous' : principals.includes(initial.principal) ? initial.principal : OTHER);
  const vpcs = useMemo(() => topology.nodes.filter((n) => n.kind === 'vpc' && !n.external).sort((a, b) => a.account.localeCompare(b.account) || a.name.localeCompare(b.name)), [topology]);
  const services = useMemo(() => {
    const live = topology.nodes.filter((n) => n.kind === 'service').map((n) => ({ id: n.resourceId ?? n.id, name: n.name, account: n.account }));
    const extra = (props.extraServices ?? []).filter((e) => !live.some((l) => l.id === e.id));
    return [...live, ...extra].sort((a, b) => a.account.localeCompare(b.account) || a.name.localeCompare(b.name));
  }, [topology, props.extraServices]);
  const [decision, setDecision] = useState<AccessDecision | null>(null);
  const [error, setError] = useState<{ message: string; fields: { path: string; rule: string }[] } | null>(null);
  const [busy, setBusy] = useState(false);
  // Once answered, the question folds into one line so the verdict reads from the top.
  const [editing, setEditing] = useState(true);
  const headerParse = textToHeaders(headersText);

  const { onDecision, onAsk, beforeAsk, design } = props;
  const ask = async (question: AccessQuestion) => {
    setBusy(true);
    setError(null);
    if (beforeAsk && !(await beforeAsk())) {
      setBusy(false);
      return;
    }
    const r = await askAccess(question, design);
    setBusy(false);
    if (r.ok) {
      setDecision(r.data);
      setEditing(false);
      onDecision(r.data, question);
    } else {
      setDecision(null);
      onDecision(null, null);
      setError({ message: r.message, fields: r.fields });
    }
  };

  // A deep link with a whole question asks it once the estate is in.
  const asked = useRef(false);
  useEffect(() => {
    if (asked.current || !props.question || !isComplete(props.question) || !topology.nodes.length) return;
    asked.current = true;
    void ask(props.question);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.question, topology]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (headerParse.problem) return;
    const question: AccessQuestion = { ...q, headers: headerParse.headers };
    onAsk(question);
    void ask(question);
  };

  const fieldError = (path: string) => error?.fields.find((f) => f.path === path)?.rule;
  const input = 'block h-8 w-full rounded-md border-0 bg-white px-2 text-[12.5px] text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none';
  const label = 'mb-0.5 block text-[11px] font-medium text-slate-600';
  const accountOf = (a: string) => accountNames.get(a) ?? a;

  return (
    <aside className="flex w-[400px] shrink-0 flex-col overflow-hidden border-l border-slate-200 bg-white" aria-label="Can it call?" data-testid="access-panel">
      <div className="flex items-center gap-2 border-b border-slate-200 px-4 py-2.5">
        <h2 className="text-[14px] font-semibold text-slate-900">Can it call?</h2>
        {design && <span className="rounded bg-violet-50 px-1.5 text-[10.5px] font-medium text-violet-700 ring-1 ring-violet-200">the design, as if applied</span>}
        <button
          type="button"
          className="ml-auto text-[12px] text-slate-500 hover:text-slate-900"
          onClick={() => {
            onDecision(null, null);
            props.onClose();
          }}
          data-testid="access-close"
        >
          Close
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        {!editing && decision && (
          <div className="flex items-start gap-2 border-b border-slate-200 bg-slate-50 px-4 py-2 text-[12px]" data-testid="access-question">
            <p className="min-w-0 flex-1 leading-snug text-slate-700">
              <span className="font-medium text-slate-900">{vpcs.find((v) => (v.resourceId ?? v.id) === q.vpc)?.name || q.vpc}</span> →{' '}
              <span className="font-medium text-slate-900">{services.find((x) => x.id === q.service)?.name ?? q.service}</span>{' '}
              <span className="font-mono text-[11.5px]">
                {q.method} {q.path}
              </span>{' '}
              as <span className="font-medium text-slate-900" title={q.principal ?? undefined}>{principalLabel(q.principal)}</span>
              {Object.keys(q.headers).length > 0 && <span className="text-slate-500"> · {Object.keys(q.headers).length} header{Object.keys(q.headers).length === 1 ? '' : 's'}</span>}
            </p>
            <button type="button" className="shrink-0 font-medium text-indigo-700 hover:underline" onClick={() => setEditing(true)} data-testid="access-edit">
              Change
            </button>
          </div>
        )}
        <form onSubmit={submit} className={cn('space-y-2.5 border-b border-slate-200 px-4 py-3', !editing && decision && 'hidden')} data-testid="access-form">
          <fieldset className="space-y-2">
            <legend className="mb-1 text-[10.5px] font-semibold tracking-wide text-slate-500 uppercase">Caller</legend>
            <div>
              <label htmlFor={`${id}-vpc`} className={label}>
                VPC
              </label>
              <select id={`${id}-vpc`} className={input} value={q.vpc} onChange={(e) => setQ({ ...q, vpc: e.target.value })} data-testid="access-vpc" required>
                <option value="">Choose the caller&apos;s VPC…</option>
                {vpcs.map((v) => (
                  <option key={v.id} value={v.resourceId ?? v.id}>
                    {v.name || v.resourceId} ({v.resourceId}) · {accountOf(v.account)}
                  </option>
                ))}
              </select>
              {fieldError('source.vpc') && <p className="mt-0.5 text-[11px] text-red-700">{fieldError('source.vpc')}</p>}
            </div>
            <div>
              <label htmlFor={`${id}-principal`} className={label}>
                Principal
              </label>
              <select
                id={`${id}-principal`}
                className={input}
                value={principalMode}
                onChange={(e) => {
                  const v = e.target.value;
                  setPrincipalMode(v);
                  setQ({ ...q, principal: v === 'anonymous' ? null : v === OTHER ? (q.principal ?? '') : v });
                }}
                data-testid="access-principal"
              >
                <option value="anonymous">Anonymous (unsigned request)</option>
                {principals.length > 0 && (
                  <optgroup label="Named in the estate's auth policies">
                    {principals.map((p) => (
                      <option key={p} value={p}>
                        {p}
                      </option>
                    ))}
                  </optgroup>
                )}
                <option value={OTHER}>Another ARN…</option>
              </select>
              {principalMode === OTHER && (
                <input
                  className={cn(input, 'mt-1 font-mono text-[11.5px]')}
                  placeholder="arn:aws:iam::111122223333:role/NAME"
                  value={q.principal ?? ''}
                  onChange={(e) => setQ({ ...q, principal: e.target.value })}
                  aria-label="Principal ARN"
                  data-testid="access-principal-arn"
                />
              )}
              {fieldError('source.principal') && <p className="mt-0.5 text-[11px] text-red-700">{fieldError('source.principal')}</p>}
            </div>
          </fieldset>
          <fieldset className="space-y-2">
            <legend className="mb-1 text-[10.5px] font-semibold tracking-wide text-slate-500 uppercase">Request</legend>
            <div>
              <label htmlFor={`${id}-service`} className={label}>
                Service
              </label>
              <select id={`${id}-service`} className={input} value={q.service} onChange={(e) => setQ({ ...q, service: e.target.value })} data-testid="access-service" required>
                <option value="">Choose the service…</option>
                {services.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} · {accountOf(s.account)}
                  </option>
                ))}
              </select>
              {fieldError('target.service') && <p className="mt-0.5 text-[11px] text-red-700">{fieldError('target.service')}</p>}
            </div>
            <div className="grid grid-cols-[96px_1fr_72px] gap-2">
              <div>
                <label htmlFor={`${id}-method`} className={label}>
                  Method
                </label>
                <select id={`${id}-method`} className={input} value={q.method} onChange={(e) => setQ({ ...q, method: e.target.value })} data-testid="access-method">
                  {METHODS.map((m) => (
                    <option key={m}>{m}</option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor={`${id}-path`} className={label}>
                  Path
                </label>
                <input id={`${id}-path`} className={cn(input, 'font-mono')} value={q.path} onChange={(e) => setQ({ ...q, path: e.target.value })} data-testid="access-path" />
              </div>
              <div>
                <label htmlFor={`${id}-port`} className={label}>
                  Port
                </label>
                <input
                  id={`${id}-port`}
                  className={input}
                  inputMode="numeric"
                  placeholder="auto"
                  value={q.port ?? ''}
                  onChange={(e) => {
                    const n = Number(e.target.value);
                    setQ({ ...q, port: e.target.value && Number.isInteger(n) ? n : undefined });
                  }}
                  data-testid="access-port"
                />
              </div>
            </div>
            {fieldError('target.path') && <p className="text-[11px] text-red-700">{fieldError('target.path')}</p>}
            <div>
              <label htmlFor={`${id}-headers`} className={label}>
                Headers <span className="font-normal text-slate-400">one per line, name: value</span>
              </label>
              <textarea id={`${id}-headers`} rows={2} className={cn(input, 'h-auto py-1 font-mono text-[11.5px]')} value={headersText} onChange={(e) => setHeadersText(e.target.value)} placeholder="x-canary: true" data-testid="access-headers" />
              {headerParse.problem && <p className="mt-0.5 text-[11px] text-red-700">{headerParse.problem}</p>}
            </div>
          </fieldset>
          <div className="flex items-center gap-2 pt-0.5">
            <Button type="submit" variant="primary" disabled={busy || !q.vpc || !q.service || !!headerParse.problem} data-testid="access-ask">
              {busy ? 'Asking…' : 'Can it call?'}
            </Button>
            {decision && <span className="text-[11px] text-slate-500">The link in the address bar asks this again.</span>}
          </div>
        </form>
        <div className="px-4 py-3">
          {error && (
            <div className="rounded-md bg-red-50 px-3 py-2 text-[12px] text-red-800 ring-1 ring-red-200" role="alert" data-testid="access-error">
              {error.message}
            </div>
          )}
          {decision && <Verdict decision={decision} topology={topology} onSelect={props.onSelect} />}
          {!decision && !error && <p className="text-[12px] text-slate-500">Pick a caller and a request. The answer follows AWS&apos;s order: the network path, the service network&apos;s auth policy, the service&apos;s, the caller&apos;s own identity policy, then the listener&apos;s rules.</p>}
        </div>
      </div>
    </aside>
  );
}
