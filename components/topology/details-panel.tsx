'use client';
// Everything known about the selected resource: the facts, what it contains, its policies
// as formatted JSON, its tags, the resources it links to, and every field the API returned.

import type { ReactNode } from 'react';
import { CANVAS_KINDS, EDGE_LABELS, KIND_LABELS, relatedNodes, serviceDetail, statusClass, type FieldChange, type Json, type Topology, type TopologyNode, type ViewNode } from '@/lib/topology';
import { cn } from '@/components/ui/cn';
import { KindIcon } from '@/components/canvas/kind-icon';
import { ServiceStructure } from '@/components/canvas/service-structure';
import { STATUS_STYLE, statusWord } from '@/components/canvas/style';
import { NetworkingDetails, TargetPointsAtCell } from './networking-details';
import { IdentitySections } from './identity-details';
import { DetailsSection as Section, JsonBlock } from './details-section';
import { AccessLogDetails } from './access-log-details';

function Value({ value }: { value: Json }) {
  if (value === null) return <span className="text-slate-400">null</span>;
  if (typeof value === 'object') return <JsonBlock value={value} />;
  return <span className="break-all font-mono text-[11px] text-slate-800">{String(value)}</span>;
}

function NodeLink({ node, onSelect, accountNames }: { node: TopologyNode; onSelect: (id: string) => void; accountNames: ReadonlyMap<string, string> }) {
  return (
    <button type="button" onClick={() => onSelect(node.id)} className="group flex w-full items-center gap-2 rounded px-1.5 py-1 text-left hover:bg-slate-50" data-testid="related-node">
      <KindIcon kind={node.kind} className="size-3.5 shrink-0 text-slate-400" />
      <span className="truncate text-[12.5px] font-medium text-slate-800 group-hover:text-indigo-700">{node.name}</span>
      <span className="text-[11px] text-slate-400">{KIND_LABELS[node.kind]}</span>
      <span className="ml-auto shrink-0 text-[11px] text-slate-400">{accountNames.get(node.account) ?? node.account}</span>
    </button>
  );
}

export function DetailsPanel({ topology, node, aggregate, changes, accountNames, onSelect, onClose, onRequests, canDesign = false }: {
  /** Opens the Requests view of a service or service network (its access logs). */
  onRequests?: (id: string) => void;
  /** The user may start designs: top-level resources offer "Design from this". */
  canDesign?: boolean;
  topology: Topology;
  node: TopologyNode | undefined;
  aggregate: ViewNode | undefined;
  changes: FieldChange[] | undefined;
  accountNames: ReadonlyMap<string, string>;
  onSelect: (id: string) => void;
  onClose: () => void;
}) {
  if (aggregate?.aggregate) {
    const byId = new Map(topology.nodes.map((n) => [n.id, n]));
    const members = aggregate.aggregate.members.map((id) => byId.get(id)).filter((n): n is TopologyNode => !!n).sort((a, b) => a.name.localeCompare(b.name));
    return (
      <Shell onClose={onClose} kind={aggregate.aggregate.kind} title={aggregate.label} subtitle={accountNames.get(aggregate.account) ?? aggregate.account}>
        <Section title={`Members (${members.length})`}>
          <div className="space-y-0.5">
            {members.map((m) => (
              <NodeLink key={m.id} node={m} onSelect={onSelect} accountNames={accountNames} />
            ))}
          </div>
        </Section>
      </Shell>
    );
  }
  if (!node) {
    return (
      <Shell onClose={onClose} kind="aggregate" title="Not in this topology" subtitle="">
        <p className="px-4 py-3 text-sm text-slate-600">The selected resource is not in the current discovery. It may have been deleted, or its account could not be read.</p>
      </Shell>
    );
  }

  const sc = statusClass(node.status);
  const detail = node.kind === 'service' ? serviceDetail(topology, node.id) : undefined;
  const related = relatedNodes(topology, node.id).filter((r) => r.node.id !== node.parent);
  const parent = node.parent ? topology.nodes.find((n) => n.id === node.parent) : undefined;
  const consumers = node.seenBy.filter((a) => a !== node.account);
  const targets = node.kind === 'targetGroup' ? topology.nodes.filter((n) => n.parent === node.id && n.kind === 'target') : [];
  const groupedRelated = new Map<string, typeof related>();
  for (const r of related) {
    const key = EDGE_LABELS[r.edge.kind];
    groupedRelated.set(key, [...(groupedRelated.get(key) ?? []), r]);
  }

  return (
    <Shell onClose={onClose} kind={node.kind} title={node.name} subtitle={KIND_LABELS[node.kind]}>
      <div className="px-4 pb-3" data-testid="details-facts">
        <div className="mb-2 flex flex-wrap items-center gap-1.5">
          <span className={cn('inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-[11px] font-medium ring-1 ring-inset', STATUS_STYLE[sc].ring, STATUS_STYLE[sc].text)} data-testid="details-status">
            <span className={cn('size-1.5 rounded-full', STATUS_STYLE[sc].dot)} />
            {statusWord(node.status)}
          </span>
          {node.external && <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] text-slate-600 ring-1 ring-inset ring-slate-200">Referenced only: its account is not read</span>}
          {onRequests && !node.external && (node.kind === 'service' || node.kind === 'serviceNetwork') && (
            <button type="button" className="text-[12px] font-medium text-indigo-700 hover:underline" onClick={() => onRequests(node.id)} data-testid="open-requests">
              Requests
            </button>
          )}
          {canDesign && !node.external && CANVAS_KINDS.includes(node.kind) && node.kind !== 'vpcEndpointService' && (
            <a href={`/designs?select=${encodeURIComponent(node.id)}`} className="ml-auto text-[12px] font-medium text-indigo-700 hover:underline" data-testid="design-from-node">
              Design from this →
            </a>
          )}
        </div>
        <dl className="grid grid-cols-[6.5rem_1fr] gap-x-3 gap-y-1 text-[12px]">
          <dt className="text-slate-500">Account</dt>
          <dd className="text-slate-800">
            {accountNames.get(node.account) ?? 'not configured'} <span className="font-mono text-[11px] text-slate-500">{node.account}</span>
          </dd>
          {node.region && (
            <>
              <dt className="text-slate-500">Region</dt>
              <dd className="font-mono text-[11px] text-slate-800">{node.region}</dd>
            </>
          )}
          {node.resourceId && (
            <>
              <dt className="text-slate-500">Id</dt>
              <dd className="break-all font-mono text-[11px] text-slate-800">{node.resourceId}</dd>
            </>
          )}
          <dt className="text-slate-500">{node.id.startsWith('arn:') ? 'ARN' : 'Key'}</dt>
          <dd className="break-all font-mono text-[11px] text-slate-800" data-testid="details-arn">
            {node.id}
          </dd>
          {consumers.length > 0 && (
            <>
              <dt className="text-slate-500">Shared with</dt>
              <dd className="text-slate-800">{consumers.map((a) => accountNames.get(a) ?? a).join(', ')}</dd>
            </>
          )}
          {parent && (
            <>
              <dt className="text-slate-500">Part of</dt>
              <dd>
                <button type="button" className="text-left text-indigo-700 hover:underline" onClick={() => onSelect(parent.id)}>
                  {parent.name} <span className="text-slate-400">({KIND_LABELS[parent.kind]})</span>
                </button>
              </dd>
            </>
          )}
        </dl>
      </div>

      {changes && changes.length > 0 && (
        <Section title="Changed since the compared snapshot" testId="details-changes">
          <ul className="space-y-1 text-[11.5px]">
            {changes.slice(0, 30).map((c) => (
              <li key={c.path}>
                <span className="font-mono text-slate-700">{c.path}</span>: <span className="text-red-700 line-through">{c.before === undefined ? '—' : JSON.stringify(c.before)}</span> → <span className="text-emerald-700">{c.after === undefined ? '—' : JSON.stringify(c.after)}</span>
              </li>
            ))}
          </ul>
        </Section>
      )}

      <NetworkingDetails topology={topology} node={node} accountNames={accountNames} onSelect={onSelect} />

      {detail && (
        <Section title="Listeners, rules and target groups" testId="details-structure">
          <ServiceStructure detail={detail} onSelect={onSelect} />
        </Section>
      )}

      {targets.length > 0 && (
        <Section title={`Targets (${targets.length})`} testId="details-targets">
          <table className="w-full text-[11.5px]">
            <tbody>
              {targets.map((t) => (
                <tr key={t.id} className="border-b border-slate-100 last:border-0">
                  <td className="py-1 font-mono text-slate-800">{t.name}</td>
                  <td className="py-1 pl-2 text-[11px]" data-testid="target-points-at">
                    <TargetPointsAtCell topology={topology} target={t} onSelect={onSelect} />
                  </td>
                  <td className={cn('py-1 text-right', STATUS_STYLE[statusClass(t.status)].text)}>{t.status}</td>
                  <td className="py-1 pl-2 text-right text-slate-400">{String(t.description.reasonCode ?? '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      )}

      {node.authPolicy && (
        <Section title={`Auth policy${node.authPolicy.state ? ` (${node.authPolicy.state})` : ''}`} testId="details-auth-policy">
          <JsonBlock value={node.authPolicy.policy} testId="auth-policy-json" />
        </Section>
      )}
      {(node.kind === 'service' || node.kind === 'serviceNetwork') && !node.external && <AccessLogDetails arn={node.id} topology={topology} onSelect={onSelect} />}
      <IdentitySections node={node} />
      {node.resourcePolicy !== undefined && node.kind !== 'lambdaFunction' && (
        <Section title="Resource policy" testId="details-resource-policy">
          <JsonBlock value={node.resourcePolicy} />
        </Section>
      )}

      <Section title={`Tags (${Object.keys(node.tags).length})`} testId="details-tags">
        {Object.keys(node.tags).length === 0 ? (
          <p className="text-[12px] text-slate-400">No tags{node.external || node.seenBy.includes(node.account) ? '' : ' visible from the accounts read'}.</p>
        ) : (
          <table className="w-full text-[11.5px]">
            <tbody>
              {Object.entries(node.tags)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([k, v]) => (
                  <tr key={k} className="border-b border-slate-100 last:border-0">
                    <td className="py-1 pr-2 font-mono text-slate-500">{k}</td>
                    <td className="py-1 font-mono text-slate-800">{v}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        )}
      </Section>

      {groupedRelated.size > 0 && (
        <Section title="Related" testId="details-related">
          <div className="space-y-2">
            {[...groupedRelated.entries()].map(([label, list]) => (
              <div key={label}>
                <div className="mb-0.5 text-[11px] text-slate-500">{label}</div>
                {list.map((r) => (
                  <NodeLink key={`${r.edge.id}`} node={r.node} onSelect={onSelect} accountNames={accountNames} />
                ))}
              </div>
            ))}
          </div>
        </Section>
      )}

      <Section title="Every field the API returned" testId="details-fields">
        <dl className="space-y-1.5">
          {Object.entries(node.description).map(([k, v]) => (
            <div key={k} className="grid grid-cols-[9rem_1fr] gap-2 text-[11.5px]">
              <dt className="truncate text-slate-500" title={k}>
                {k}
              </dt>
              <dd className="min-w-0">
                <Value value={v} />
              </dd>
            </div>
          ))}
        </dl>
      </Section>
    </Shell>
  );
}

function Shell({ kind, title, subtitle, onClose, children }: { kind: TopologyNode['kind'] | 'aggregate'; title: string; subtitle: string; onClose: () => void; children: ReactNode }) {
  return (
    <aside className="flex h-full w-[400px] shrink-0 flex-col border-l border-slate-200 bg-white" data-testid="details-panel" aria-label="Details">
      <header className="flex items-start gap-2.5 px-4 pt-4 pb-2">
        <span className="mt-0.5 rounded-md bg-slate-100 p-1.5 text-slate-600">
          <KindIcon kind={kind} className="size-4" />
        </span>
        <div className="min-w-0 flex-1">
          <div className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{subtitle}</div>
          <h2 className="truncate text-base font-semibold text-slate-900" data-testid="details-title">
            {title}
          </h2>
        </div>
        <button type="button" onClick={onClose} className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700" aria-label="Close details">
          ✕
        </button>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto pb-6">{children}</div>
    </aside>
  );
}
