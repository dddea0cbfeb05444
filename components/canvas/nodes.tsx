'use client';
// The boxes on the canvas. Each is memoised and reads only its own data, so panning and
// selection do not re-render the graph.

import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { createContext, memo, useContext, type ReactNode } from 'react';
import { statusClass, type ChangeMark, type ServiceDetail, type ViewNode } from '@/lib/topology';
import { cn } from '@/components/ui/cn';
import { KindIcon } from './kind-icon';
import { RequestCountBadge } from './request-counts-context';
import { endpointServiceSubtitle, endpointSubtitle } from './networking-subtitles';
import type { NodeOwnership } from '@/lib/sharing';
import { OwnershipBadge } from '@/components/sharing/ownership-badge';
import { NODE_WIDTH } from './layout/layout-input';
import { ServiceStructure } from './service-structure';
import { LodLabel } from './lod-label';
import { KIND_SHORT, STATUS_STYLE, statusWord } from './style';

export interface CanvasNodeData extends Record<string, unknown> {
  view: ViewNode;
  color: string;
  accountLabel: string;
  height: number;
  mark?: ChangeMark;
  /** Set for an opened service. */
  detail?: ServiceDetail;
  expanded?: boolean;
  /** Consumers other than the owner. */
  sharedWith: number;
  ownership?: NodeOwnership;
  accountNames?: ReadonlyMap<string, string>;
}

export interface AccountGroupData extends Record<string, unknown> {
  account: string;
  label: string;
  color: string;
  count: number;
  width: number;
  height: number;
}

export type ResourceFlowNode = Node<CanvasNodeData, 'resource'>;
export type ServiceFlowNode = Node<CanvasNodeData, 'service'>;
export type AggregateFlowNode = Node<CanvasNodeData, 'aggregate'>;
export type AccountFlowNode = Node<AccountGroupData, 'account'>;
export type CallerFlowNode = Node<CanvasNodeData, 'caller'>;
export type CanvasFlowNode = ResourceFlowNode | ServiceFlowNode | AggregateFlowNode | AccountFlowNode | CallerFlowNode;

export interface CanvasActions {
  toggleService(id: string): void;
  expandAggregate(id: string): void;
  select(id: string): void;
  /** Folds an account's caller roles into one box. */
  foldCallers?(account: string): void;
}

export const CanvasActionsContext = createContext<CanvasActions>({ toggleService: () => {}, expandAggregate: () => {}, select: () => {} });

// Outlines and borders, not box-shadows: thousands of shadows make every pan repaint slowly.
const MARK_STYLE: Record<ChangeMark, { ring: string; label: string; chip: string }> = {
  added: { ring: 'outline-2 outline-emerald-500', label: 'Added', chip: 'bg-emerald-600 text-white' },
  removed: { ring: 'outline-2 outline-dashed outline-red-400 opacity-60', label: 'Removed', chip: 'bg-red-600 text-white' },
  changed: { ring: 'outline-2 outline-amber-400', label: 'Changed', chip: 'bg-amber-500 text-white' },
};

/** The second line of a box: the fact that identifies the resource best. */
export function subtitle(view: ViewNode): string {
  const n = view.node;
  if (!n) return '';
  const d = n.description;
  if (n.external) return n.account ? `not read · ${n.account}` : 'referenced only';
  switch (n.kind) {
    case 'serviceNetwork':
      return [n.resourceId, d.authType === 'AWS_IAM' ? 'IAM auth' : d.authType === 'NONE' ? 'no auth' : ''].filter(Boolean).join(' · ');
    case 'service': {
      const dns = (d.dnsEntry as { domainName?: string } | undefined)?.domainName;
      return String(d.customDomainName ?? dns ?? n.resourceId ?? '');
    }
    case 'vpc':
      return [d.CidrBlock, n.resourceId].filter(Boolean).join(' · ');
    case 'vpcEndpoint':
      return endpointSubtitle(n);
    case 'vpcEndpointService':
      return endpointServiceSubtitle(n);
    case 'resourceGateway':
      return [n.resourceId, d.vpcIdentifier ?? d.vpcId].filter(Boolean).join(' · ');
    case 'resourceConfiguration': {
      const def = d.resourceConfigurationDefinition as { dnsResource?: { domainName?: string }; ipResource?: { ipAddress?: string }; arnResource?: { arn?: string } } | undefined;
      const target = def?.dnsResource?.domainName ?? def?.ipResource?.ipAddress ?? def?.arnResource?.arn;
      const ports = Array.isArray(d.portRanges) ? `:${(d.portRanges as string[]).join(',')}` : '';
      return [String(d.type ?? ''), target ? `${target}${ports}` : ''].filter(Boolean).join(' · ');
    }
    default:
      return n.resourceId ?? '';
  }
}

function StatusBadge({ status }: { status: string }) {
  const sc = statusClass(status);
  if (sc === 'active' || !status) return null;
  const s = STATUS_STYLE[sc];
  return (
    <span className={cn('inline-flex items-center gap-1 rounded px-1 py-px text-[10px] font-medium normal-case tracking-normal ring-1 ring-inset', s.ring, s.text)} data-testid="status-badge">
      <span className={cn('size-1.5 rounded-full', s.dot, sc === 'pending' && 'animate-pulse')} />
      {statusWord(status)}
    </span>
  );
}

function Shell({ data, selected, children, testId }: { data: CanvasNodeData; selected: boolean; children: ReactNode; testId: string }) {
  const { view, color, mark } = data;
  return (
    <div
      className={cn(
        'relative box-border rounded-md border border-slate-300 bg-white',
        view.node?.external && '[background-image:repeating-linear-gradient(135deg,#f8fafc_0,#f8fafc_6px,#fff_6px,#fff_12px)]',
        mark && MARK_STYLE[mark].ring,
        selected && 'border-indigo-600 outline-2 outline-indigo-600',
      )}
      style={{ width: NODE_WIDTH, height: data.height }}
      data-testid={testId}
      data-kind={view.kind === 'aggregate' ? `aggregate:${view.aggregate!.kind}` : view.kind}
      data-node-id={view.id}
      data-mark={mark}
      data-selected={selected || undefined}
      title={view.node?.id ?? view.label}
    >
      <span className="absolute inset-y-0 left-0 w-[5px] rounded-l-md" style={{ background: color }} />
      <Handle type="target" position={Position.Left} isConnectable={false} className="!size-1.5 !min-w-0 !border-0 !bg-slate-400" />
      <div className="contents group-data-[detail=low]/canvas:invisible group-data-[detail=minimal]/canvas:invisible">{children}</div>
      <LodLabel label={view.label} />
      <Handle type="source" position={Position.Right} isConnectable={false} className="!size-1.5 !min-w-0 !border-0 !bg-slate-400" />
      {mark && <span className={cn('absolute -top-2 right-2 rounded px-1 text-[9px] font-semibold uppercase tracking-wide', MARK_STYLE[mark].chip)}>{MARK_STYLE[mark].label}</span>}
    </div>
  );
}

function Header({ data, action }: { data: CanvasNodeData; action?: ReactNode }) {
  const { view } = data;
  const kind = view.kind === 'aggregate' ? view.aggregate!.kind : view.kind;
  return (
    <div className="flex h-[68px] flex-col justify-center gap-0.5 pl-3.5 pr-2.5">
      <div className="flex items-center gap-1.5 text-[10px] font-medium uppercase tracking-wide text-slate-500 group-data-[detail=low]/canvas:invisible">
        <KindIcon kind={kind} className="size-3.5 shrink-0" />
        <span className="truncate">{KIND_SHORT[kind]}</span>
        {data.sharedWith > 0 && (
          <span className="normal-case tracking-normal text-sky-700" title={`Shared: ${data.sharedWith} other account${data.sharedWith === 1 ? '' : 's'} can see it`} data-testid="shared-badge">
            ⇄{data.sharedWith}
          </span>
        )}
        <span className="ml-auto flex items-center gap-1">
          <StatusBadge status={view.status} />
          {action}
        </span>
      </div>
      <div className="truncate text-[13px] font-semibold leading-snug text-slate-900" data-testid="node-name">
        {view.label}
      </div>
      {data.ownership && (data.ownership.sharedWith.length || data.ownership.pending.length) ? <OwnershipBadge ownership={data.ownership} names={data.accountNames ?? new Map()} ownerColor={data.color} /> : <div className="truncate font-mono text-[10.5px] leading-snug text-slate-500 group-data-[detail=low]/canvas:invisible">{subtitle(view)}</div>}
    </div>
  );
}

export const ResourceNode = memo(function ResourceNode({ data, selected }: NodeProps<ResourceFlowNode>) {
  return (
    <Shell data={data} selected={!!selected} testId="canvas-node">
      <Header data={data} />
    </Shell>
  );
});

export const ServiceNode = memo(function ServiceNode({ data, selected }: NodeProps<ServiceFlowNode>) {
  const actions = useContext(CanvasActionsContext);
  const toggle = (
    <button
      type="button"
      // A button, not a badge: raised, with a chevron, so it does not read as a status.
      className="nodrag -my-0.5 inline-flex cursor-pointer items-center gap-0.5 rounded border border-slate-300 bg-white px-1.5 py-0.5 text-[10px] font-medium normal-case tracking-normal text-slate-700 shadow-xs hover:border-indigo-300 hover:bg-indigo-50 hover:text-indigo-800 focus-visible:outline-2 focus-visible:outline-indigo-500"
      onClick={(e) => {
        e.stopPropagation();
        actions.toggleService(data.view.id);
      }}
      aria-expanded={!!data.expanded}
      aria-label={data.expanded ? 'Close the service' : 'Open the service: listeners, rules and target groups'}
      data-testid="toggle-service"
    >
      <span aria-hidden="true" className={data.expanded ? 'rotate-90' : ''}>
        ▸
      </span>
      {data.expanded ? 'Close' : 'Open'}
    </button>
  );
  return (
    <Shell data={data} selected={!!selected} testId="canvas-node">
      <Header
        data={data}
        action={
          <span className="flex items-center gap-1">
            <RequestCountBadge serviceId={data.view.id} />
            {toggle}
          </span>
        }
      />
      {data.expanded && data.detail && (
        <div className="border-t border-slate-200 px-3.5">
          <ServiceStructure detail={data.detail} compact onSelect={actions.select} />
        </div>
      )}
    </Shell>
  );
});

/** A caller role: an IAM role auth policies name, with a button that folds its account's callers. */
export const CallerNode = memo(function CallerNode({ data, selected }: NodeProps<CallerFlowNode>) {
  const actions = useContext(CanvasActionsContext);
  const fold = actions.foldCallers && (
    <button
      type="button"
      className="nodrag -my-0.5 rounded px-1 py-0.5 text-[10px] font-medium normal-case tracking-normal text-violet-700 ring-1 ring-inset ring-violet-200 hover:bg-violet-50"
      onClick={(e) => {
        e.stopPropagation();
        actions.foldCallers?.(data.view.account);
      }}
      aria-label="Fold this account's callers into one box"
      data-testid="fold-callers"
    >
      Fold
    </button>
  );
  return (
    <Shell data={data} selected={!!selected} testId="canvas-node">
      <Header data={data} action={fold} />
    </Shell>
  );
});

export const AggregateNode = memo(function AggregateNode({ data, selected }: NodeProps<AggregateFlowNode>) {
  const actions = useContext(CanvasActionsContext);
  const agg = data.view.aggregate!;
  return (
    <div className="relative" style={{ width: NODE_WIDTH, height: data.height }}>
      <div className="absolute inset-0 translate-x-1.5 translate-y-1.5 rounded-md border border-slate-200 bg-white" />
      <div className="absolute inset-0 translate-x-[3px] translate-y-[3px] rounded-md border border-slate-200 bg-white" />
      <div className="absolute inset-0">
        <Shell data={data} selected={!!selected} testId="canvas-aggregate">
          <div className="flex h-full flex-col justify-center gap-0.5 pl-3.5 pr-2.5">
            <div className="flex items-center gap-1.5 text-[10px] font-medium uppercase tracking-wide text-slate-500">
              <KindIcon kind={agg.kind} className="size-3.5" />
              {KIND_SHORT[agg.kind]}s
              <span className="ml-auto flex gap-1.5 normal-case tracking-normal">
                {(['failed', 'pending'] as const).map((k) =>
                  agg.statusCounts[k] ? (
                    <span key={k} className={cn('inline-flex items-center gap-0.5', STATUS_STYLE[k].text)}>
                      <span className={cn('size-1.5 rounded-full', STATUS_STYLE[k].dot)} />
                      {agg.statusCounts[k]}
                    </span>
                  ) : null,
                )}
              </span>
            </div>
            <div className="truncate text-[13px] font-semibold text-slate-900" data-testid="node-name">
              {data.view.label}
            </div>
            <button
              type="button"
              className="nodrag self-start text-[10.5px] font-medium text-indigo-600 hover:text-indigo-800"
              onClick={(e) => {
                e.stopPropagation();
                actions.expandAggregate(data.view.id);
              }}
              data-testid="expand-aggregate"
            >
              Show all {agg.members.length}
            </button>
          </div>
        </Shell>
      </div>
    </div>
  );
});

export const AccountGroupNode = memo(function AccountGroupNode({ data }: NodeProps<AccountFlowNode>) {
  return (
    <div
      className="relative rounded-xl"
      style={{ width: data.width, height: data.height, background: `${data.color}0d`, boxShadow: `inset 0 0 0 1px ${data.color}40` }}
      data-testid="account-group"
      data-account={data.account}
      data-count={data.count}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} className="!opacity-0" />
      <div className="flex items-center gap-2 px-4 pt-2.5 text-[12px] group-data-[detail=low]/canvas:invisible group-data-[detail=minimal]/canvas:invisible">
        <span className="size-2 shrink-0 rounded-full" style={{ background: data.color }} />
        <span className="truncate font-semibold text-slate-800">{data.label}</span>
        <span className="font-mono text-[11px] text-slate-500">{data.account || 'accounts not read'}</span>
        <span className="ml-auto text-[11px] text-slate-400">{data.count}</span>
      </div>
      {data.count === 0 && <div className="px-4 pt-2 text-[11px] text-slate-500 group-data-[detail=low]/canvas:invisible group-data-[detail=minimal]/canvas:invisible">No resources on the canvas</div>}
      {/* Far out, the account's name stands above its frame, large enough to read. */}
      <div className="pointer-events-none absolute bottom-full left-0 hidden items-center gap-[0.3em] pb-[0.15em] font-semibold whitespace-nowrap text-slate-800 group-data-[detail=low]/canvas:flex group-data-[detail=minimal]/canvas:flex" style={{ fontSize: 'var(--lod-group-font, 30px)' }} aria-hidden="true">
        <span className="size-[0.6em] rounded-full" style={{ background: data.color }} />
        {data.label}
      </div>
    </div>
  );
});

export const nodeTypes = { resource: ResourceNode, service: ServiceNode, aggregate: AggregateNode, account: AccountGroupNode, caller: CallerNode };
