'use client';
// The designer: palette, canvas, inspector and problems around one design document. Edits
// are commands that return patches (undo/redo replay their inverses); the document autosaves
// with its version, and "Plan" turns it into a plan to review.
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Topology } from '@/lib/topology';
import { addRecords, CommandError, connect, liveRecords, markRecords, moveNodes, paletteRecords, pendingChanges, removeRecords, unreadAccounts, validateDesign, type Design, type DesignIssue, type PaletteKind, type Patch, type VpcRef } from '@/lib/topology/design';
import { LiveStateNote } from './live-state-note';
import { accountColors } from '@/components/canvas/style';
import { useTopology } from '@/components/topology/api';
import { Button } from '@/components/ui/button';
import { ExportButton } from '@/components/export/export-dialog';
import { cn } from '@/components/ui/cn';
import { api } from './api';
import { buildDesignFlow, nextFreeSpot, vpcBoxes, type DesignFlowNode } from './build-design-flow';
import { DesignCanvas } from './design-canvas';
import { boxOf, Inspector } from './inspector';
import { ResizableAside } from './resizable-aside';
import { LintPanel } from './lint-panel';
import { Palette } from './palette';
import { useDesignEditor, type SaveState } from './use-design-editor';
import { authPolicyIssues } from '@/lib/access-server/policy-issues';
import { designTopology } from '@/lib/access-server/engine';
import type { AccessDecision } from '@/lib/access/types';
import type { ViewGraph } from '@/lib/topology';
import { AccessPanel } from '@/components/access/access-panel';
import { highlightOf } from '@/components/access/highlight';
import { questionFromParams, questionToParams, type AccessQuestion } from '@/components/access/question';
import { accessEdges, accessNodes } from '@/components/canvas/access-overlay';

export interface DesignerProps {
  id: string;
  name: string;
  document: Design;
  version: number;
  updatedAt: string;
  editable: boolean;
  accounts: { id: string; name: string; regions: string[] }[];
}

export function Designer(props: DesignerProps) {
  return (
    <ReactFlowProvider>
      <DesignerInner {...props} />
    </ReactFlowProvider>
  );
}

function DesignerInner(props: DesignerProps) {
  const router = useRouter();
  const flow = useReactFlow();
  const editor = useDesignEditor(props.id, props.document, props.version, props.updatedAt, props.editable);
  const { design, dispatch } = editor;
  const [selected, setSelected] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ id: string; nonce: number } | null>(null);
  const [message, setMessage] = useState<{ tone: 'error' | 'info'; text: string } | null>(null);
  const liveQuery = useTopology({ refetchOnMount: 'always' });
  const topology = useMemo<Topology | null>(() => (liveQuery.data ? { nodes: liveQuery.data.nodes, edges: liveQuery.data.edges, errors: liveQuery.data.errors } : null), [liveQuery.data]);
  const accountNames = useMemo(() => new Map((liveQuery.data?.accounts ?? props.accounts).map((a) => [a.id, a.name])), [liveQuery.data, props.accounts]);
  const [planning, setPlanning] = useState(false);
  const [serverIssues, setServerIssues] = useState<DesignIssue[]>([]);
  const [refreshing, setRefreshing] = useState(false);

  // Once the live boxes (VPCs) are in, show everything (once; React's "adjust state while
  // rendering" pattern, so the first picture already includes them).
  const [fittedToLive, setFittedToLive] = useState(false);
  if (liveQuery.data !== undefined && !fittedToLive) {
    setFittedToLive(true);
    setFocus((f) => ({ id: '*', nonce: (f?.nonce ?? 0) + 1 }));
  }

  const refreshLive = async () => {
    setRefreshing(true);
    const res = await fetch('/api/topology/refresh', { method: 'POST' }).catch(() => null);
    if (res?.body) await res.text();
    await liveQuery.refetch();
    setRefreshing(false);
  };

  const live = useMemo(() => (topology ? liveRecords(topology) : []), [topology]);
  // The model's and Lattice's rules, and auth policies as IAM checks them (a placeholder is an error).
  const issues = useMemo(() => [...validateDesign(design, topology ? { live } : {}), ...authPolicyIssues(design)], [design, live, topology]);
  // Against an incomplete read, what matches nothing may exist: "live unknown", not new.
  const unread = useMemo(() => (liveQuery.data?.read.state === 'failed' ? new Set(['*']) : unreadAccounts(liveQuery.data?.errors ?? [])), [liveQuery.data]);
  const marks = useMemo(() => markRecords(design.records, live, unread), [design.records, live, unread]);
  const statuses = useMemo(() => {
    const m = new Map<string, string>();
    for (const n of topology?.nodes ?? []) m.set(n.id, n.status);
    for (const e of topology?.edges ?? []) if (e.status) m.set(e.id, e.status);
    return m;
  }, [topology]);
  const accountsInUse = useMemo(() => new Set([design.defaults.account, ...Object.values(design.records).filter((r) => !r.removed).map((r) => r.account)]), [design]);
  const referencedVpcs = useMemo(() => new Set(Object.values(design.records).filter((r) => !r.removed).flatMap((r) => [r.spec.vpcIdentifier, r.spec.VpcId]).filter((v): v is string => typeof v === 'string')), [design]);
  const vpcs = useMemo(() => vpcBoxes(topology, accountsInUse, referencedVpcs), [topology, accountsInUse, referencedVpcs]);
  const colors = useMemo(() => accountColors([...accountsInUse, ...props.accounts.map((a) => a.id)]), [accountsInUse, props.accounts]);
  const builtFlow = useMemo(
    () => buildDesignFlow({ design, vpcs, issues, marks, statuses, colors, accountNames, selectedId: selected ? boxOf(design.records, selected) : null }),
    [design, vpcs, issues, marks, statuses, colors, accountNames, selected],
  );
  // "Can it call?" against the design as if applied: the desired state, and the answer drawn on the canvas.
  // The question is in the URL here too (?ask=1&from=…), so a link to the design reproduces it.
  const searchParams = useSearchParams();
  const [asking, setAsking] = useState<{ question: AccessQuestion | null; answer: { decision: AccessDecision; q: AccessQuestion } | null } | null>(() => {
    const q = questionFromParams(new URLSearchParams(searchParams.toString()));
    return q ? { question: q, answer: null } : null;
  });
  const desired = useMemo(() => (asking && topology ? designTopology(design, topology) : null), [asking, design, topology]);
  const writeQuestion = useCallback((q: AccessQuestion | null) => {
    const p = questionToParams(q, new URLSearchParams(window.location.search));
    window.history.replaceState(null, '', `${window.location.pathname}${p.size ? `?${p}` : ''}`);
  }, []);
  const flowModel = useMemo(() => {
    if (!asking?.answer || !desired) return builtFlow;
    const view = { nodes: builtFlow.nodes.map((n) => ({ id: n.id })), edges: builtFlow.edges.map((e) => ({ id: e.id })) } as unknown as ViewGraph;
    const lit = highlightOf(asking.answer.decision, desired, view, { vpc: asking.answer.q.vpc, service: asking.answer.q.service });
    return { nodes: accessNodes(builtFlow.nodes, lit), edges: accessEdges(builtFlow.edges, lit) };
  }, [builtFlow, asking, desired]);

  const act = useCallback(
    (make: () => Patch) => {
      try {
        dispatch(make());
        setMessage(null);
      } catch (err) {
        if (err instanceof CommandError) setMessage({ tone: 'error', text: err.message });
        else throw err;
      }
    },
    [dispatch],
  );

  const addFromPalette = (kind: PaletteKind) => {
    const account = design.defaults.account;
    const vpcNode = topology?.nodes.find((n) => n.kind === 'vpc' && n.account === account && n.description.IsDefault === true) ?? topology?.nodes.find((n) => n.kind === 'vpc' && n.account === account);
    const inVpc = (k: string) => (topology?.nodes ?? []).filter((n) => n.kind === k && n.parent === vpcNode?.id).map((n) => n.resourceId ?? n.id);
    const vpc = vpcNode ? { vpcId: vpcNode.resourceId ?? vpcNode.id, subnetIds: inVpc('subnet'), securityGroupIds: inVpc('securityGroup') } : undefined;
    const position = nextFreeSpot(kind, flow.getNodes() as DesignFlowNode[]);
    const liveNames = new Set(live.filter((r) => typeof r.spec.name === 'string').map((r) => `${r.kind}:${r.account}:${String(r.spec.name)}`));
    const records = paletteRecords(design, kind, { position, vpc, liveNames });
    const { patch, ids } = addRecords(design, records);
    dispatch(patch);
    setSelected(ids[0]);
    setFocus((f) => ({ id: '*', nonce: (f?.nonce ?? 0) + 1 }));
  };

  const vpcRefs = useMemo(() => new Map<string, VpcRef>(vpcs.map((v) => [v.id, { id: v.id, vpcId: v.vpcId, account: v.account, region: v.region }])), [vpcs]);
  const onConnect = useCallback(
    (source: string, target: string, handle: string | null) => {
      const from = handle?.startsWith('h:') ? handle.slice(2) : source;
      act(() => connect(design, from, target, { vpcs: vpcRefs }));
    },
    [act, design, vpcRefs],
  );
  const onMove = useCallback((moves: Record<string, { x: number; y: number }>) => act(() => moveNodes(design, moves)), [act, design]);
  const pick = useCallback((id: string) => {
    setSelected(id);
    setFocus((f) => ({ id: boxOf(design.records, id), nonce: (f?.nonce ?? 0) + 1 }));
  }, [design.records]);

  // Keyboard: undo, redo, delete the selection (not while typing in a field).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
      if (typing) return;
      const mod = e.metaKey || e.ctrlKey;
      if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        if (e.shiftKey) editor.redo();
        else editor.undo();
      } else if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        editor.redo();
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && selected && design.records[selected] && props.editable) {
        e.preventDefault();
        dispatch(removeRecords(design, [selected]));
        setSelected(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editor, selected, design, dispatch, props.editable]);

  const plan = async () => {
    setPlanning(true);
    setMessage(null);
    setServerIssues([]);
    const saved = await editor.flush();
    if (!saved && editor.save.kind !== 'saved') {
      setPlanning(false);
      return setMessage({ tone: 'error', text: 'Save the design first (see the save status).' });
    }
    const r = await api<{ plan: { id: string } }>('POST', `/api/designs/${props.id}/plan`);
    if (r.ok) {
      router.push(`/plans/${r.data.plan.id}`);
      return;
    }
    setPlanning(false);
    if (r.issues) setServerIssues(r.issues);
    setMessage({ tone: 'error', text: r.message });
  };

  const allIssues = useMemo(() => {
    const seen = new Set(issues.map((i) => `${i.recordId}|${i.path}|${i.code}`));
    return [...issues, ...serverIssues.filter((i) => !seen.has(`${i.recordId}|${i.path}|${i.code}`))];
  }, [issues, serverIssues]);
  const errors = allIssues.filter((i) => i.severity === 'error').length;
  const ctx = { design, issues: allIssues, editable: props.editable, dispatch: (p: Patch) => act(() => p) };
  const pending = pendingChanges(design.records, live, marks);

  return (
    <div className="-mx-8 -my-6 flex h-screen min-h-[560px] flex-col bg-slate-50" data-testid="designer">
      <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
        <Link href="/designs" className="text-[12px] text-slate-500 hover:text-slate-800">
          Designs
        </Link>
        <span className="text-slate-300">/</span>
        <h1 className="truncate text-[15px] font-semibold text-slate-900">{props.name}</h1>
        <SaveBadge state={editor.save} version={editor.version} />
        <div className="ml-2 flex items-center gap-1">
          <Button size="sm" variant="ghost" onClick={editor.undo} disabled={!props.editable || !editor.history.past.length} title={editor.history.past.length ? `Undo ${editor.history.past[editor.history.past.length - 1].label} (Ctrl+Z)` : 'Nothing to undo'} data-testid="undo">
            ↶ Undo
          </Button>
          <Button size="sm" variant="ghost" onClick={editor.redo} disabled={!props.editable || !editor.history.future.length} title={editor.history.future.length ? `Redo ${editor.history.future[editor.history.future.length - 1].label} (Ctrl+Shift+Z)` : 'Nothing to redo'} data-testid="redo">
            ↷ Redo
          </Button>
        </div>
        <div className="ml-auto flex items-center gap-2">
          <span className="hidden text-[12px] text-slate-500 md:inline" data-testid="pending-count">
            {pending} change{pending === 1 ? '' : 's'} from live
          </span>
          <ExportButton size="sm" scopes={[{ scope: `design:${props.id}`, label: `Design ${props.name}, as last saved` }]} label="Export as code" />
          <Button
            size="sm"
            onClick={() => {
              if (asking) writeQuestion(null);
              setAsking(asking ? null : { question: null, answer: null });
            }}
            aria-pressed={!!asking}
            data-testid="access-toggle"
          >
            Can it call?
          </Button>
          <Button size="sm" variant="ghost" onClick={refreshLive} disabled={refreshing} title="Read the live estate again">
            {refreshing ? 'Reading live…' : 'Refresh live'}
          </Button>
          {props.editable && (
            <Button variant="primary" onClick={plan} disabled={planning || errors > 0 || editor.save.kind === 'conflict'} title={errors ? 'Fix the errors listed under Problems first' : 'Compute the plan against the live estate'} data-testid="plan-button">
              {planning ? 'Planning…' : 'Plan changes'}
            </Button>
          )}
        </div>
      </header>
      {editor.save.kind === 'conflict' && (
        <div className="flex items-center gap-3 border-b border-amber-200 bg-amber-50 px-4 py-2 text-[13px] text-amber-900" role="alert" data-testid="conflict">
          <span>{editor.save.message}</span>
          <Button size="sm" onClick={editor.reload}>
            Load their version
          </Button>
        </div>
      )}
      {message && (
        <div className={cn('border-b px-4 py-2 text-[13px]', message.tone === 'error' ? 'border-red-200 bg-red-50 text-red-800' : 'border-sky-200 bg-sky-50 text-sky-900')} role={message.tone === 'error' ? 'alert' : 'status'} data-testid="designer-message">
          {message.text}
          <button type="button" className="ml-3 text-[12px] underline" onClick={() => setMessage(null)}>
            dismiss
          </button>
        </div>
      )}
      <LiveStateNote read={liveQuery.data?.read} unread={unread} accountNames={accountNames} />
      <div className="flex min-h-0 flex-1">
        <aside className="w-52 shrink-0 overflow-y-auto border-r border-slate-200 bg-slate-50">
          {/* A viewer is not offered what they may not do: no palette, only why. */}
          {props.editable ? (
            <Palette onAdd={addFromPalette} disabled={false} />
          ) : (
            <p className="p-3 text-[12px] leading-relaxed text-slate-600" data-testid="read-only-note">
              Read-only: you can look at this design and its plans. Changing it needs the editor role.
            </p>
          )}
        </aside>
        {/* The page's one <main> is the console shell's. */}
        <section className="flex min-w-0 flex-1 flex-col" aria-label="Design canvas">
          <div className="min-h-0 flex-1">
            <DesignCanvas nodes={flowModel.nodes} edges={flowModel.edges} editable={props.editable} focus={focus} onSelect={setSelected} onMove={onMove} onConnect={onConnect} />
          </div>
          <LintPanel design={design} issues={allIssues} onPick={pick} />
        </section>
        {asking && desired ? (
          <AccessPanel
            topology={desired}
            accountNames={accountNames}
            question={asking.question}
            design={props.id}
            beforeAsk={props.editable ? editor.flush : undefined}
            onAsk={(q) => {
              writeQuestion(q);
              setAsking((a) => ({ answer: a?.answer ?? null, question: q }));
            }}
            onDecision={(decision, q) => setAsking((a) => ({ question: a?.question ?? q, answer: decision && q ? { decision, q } : null }))}
            onSelect={(id) => pick(id)}
            onClose={() => {
              writeQuestion(null);
              setAsking(null);
            }}
          />
        ) : (
          <ResizableAside storageKey="trellis.inspector.width" initial={380} min={320} max={760} label="Properties">
            <Inspector ctx={ctx} selectedId={selected} topology={topology} accounts={props.accounts} onSelect={setSelected} />
          </ResizableAside>
        )}
      </div>
    </div>
  );
}

function SaveBadge({ state, version }: { state: SaveState; version: number }) {
  const text =
    state.kind === 'saved' ? `Saved · v${version}` : state.kind === 'saving' ? 'Saving…' : state.kind === 'dirty' ? 'Unsaved changes' : state.kind === 'conflict' ? 'Conflict' : state.kind === 'readonly' ? `Read-only · v${version}` : 'Not saved';
  const tone = state.kind === 'saved' || state.kind === 'readonly' ? 'text-slate-500' : state.kind === 'conflict' || state.kind === 'error' ? 'text-red-700' : 'text-amber-700';
  return (
    <span className={cn('text-[12px]', tone)} data-testid="save-state" data-state={state.kind} title={state.kind === 'error' ? state.message : undefined}>
      {text}
    </span>
  );
}
