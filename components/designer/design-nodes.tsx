'use client';
// Boxes of the designer canvas: a service shows its listeners and rules (each listener has
// its own handle to draw a forward from), the others their key facts; live VPCs are drawn
// hatched, read-only. Badges say what the plan will do and what the lint found.
import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import { memo, type ReactNode } from 'react';
import type { Json } from '@/lib/topology';
import { DESIGN_KIND_INFO, getIn, trustedServices, type DesignRecord } from '@/lib/topology/design';
import { KindIcon } from '@/components/canvas/kind-icon';
import { STATUS_STYLE, statusClass, statusWord } from '@/components/canvas/style';
import { cn } from '@/components/ui/cn';
import type { RecordNodeData, VpcNodeData } from './build-design-flow';

export const BOX_WIDTH = 250;

const MARKS = {
  new: { chip: 'bg-emerald-600 text-white', ring: 'ring-emerald-500/70', label: 'New' },
  changed: { chip: 'bg-amber-500 text-white', ring: 'ring-amber-400', label: 'Changed' },
  live: { chip: '', ring: 'ring-slate-300', label: '' },
  // The account could not be read: whether it exists is not known.
  unknown: { chip: 'bg-slate-600 text-white', ring: 'ring-slate-400', label: 'Live unknown' },
} as const;

const handleClass = '!size-2.5 !min-w-0 !border-2 !border-white !bg-indigo-500 opacity-0 transition-opacity group-hover:opacity-100';

function Frame({ data, selected, children, kind }: { data: RecordNodeData; selected: boolean; children?: ReactNode; kind: DesignRecord['kind'] }) {
  const r = data.record;
  const mark = data.mark ? MARKS[data.mark] : MARKS.new;
  const sc = data.status ? statusClass(data.status) : undefined;
  return (
    <div
      className={cn('group relative rounded-lg bg-white shadow-[0_1px_3px_rgba(15,23,42,0.10)] ring-1', mark.ring, data.mark === 'new' && 'ring-[1.5px] [box-shadow:0_0_0_3px_rgba(16,185,129,0.08)]', selected && '!ring-2 !ring-indigo-600 shadow-md')}
      style={{ width: BOX_WIDTH }}
      data-testid="design-node"
      data-kind={kind}
      data-name={typeof r.spec.name === 'string' ? r.spec.name : undefined}
      data-mark={data.mark}
      data-status={data.status}
    >
      <span className="absolute inset-y-0 left-0 w-1 rounded-l-lg" style={{ background: data.color }} />
      <Handle id="in" type="source" position={Position.Left} className={handleClass} />
      <Handle id="out" type="source" position={Position.Right} className={handleClass} />
      <div className="flex items-start gap-2 px-3 pt-2.5 pb-2 pl-3.5">
        <span className="mt-0.5 rounded-md bg-slate-100 p-1 text-slate-600">
          <KindIcon kind={kind === 'serviceNetworkVpcEndpoint' ? 'vpcEndpoint' : (kind as never)} />
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-1.5 text-[10px] font-semibold tracking-wide text-slate-500 uppercase">
            <span className="truncate">{DESIGN_KIND_INFO[kind].label}</span>
            {data.mark && data.mark !== 'live' && <span className={cn('rounded px-1 py-px text-[9px] tracking-wide', mark.chip)}>{mark.label}</span>}
          </div>
          <div className="truncate text-sm font-semibold text-slate-900" title={titleOf(r)}>
            {titleOf(r)}
          </div>
          <div className="mt-0.5 flex items-center gap-1.5 text-[11px] text-slate-500">
            <span className="truncate">{data.accountLabel}</span>
            {sc && sc !== 'active' && (
              <span className={cn('inline-flex items-center gap-1 rounded px-1 text-[10px] ring-1 ring-inset', STATUS_STYLE[sc].ring, STATUS_STYLE[sc].text)}>
                <span className={cn('size-1.5 rounded-full', STATUS_STYLE[sc].dot, sc === 'pending' && 'animate-pulse')} />
                {statusWord(data.status!)}
              </span>
            )}
            {sc === 'active' && data.mark === 'live' && <span className="inline-flex items-center gap-1 text-emerald-700"><span className="size-1.5 rounded-full bg-emerald-500" />live</span>}
          </div>
        </div>
        <IssueBadges errors={data.errors} warnings={data.warnings} />
      </div>
      {children}
    </div>
  );
}

function IssueBadges({ errors, warnings }: { errors: number; warnings: number }) {
  if (!errors && !warnings) return null;
  return (
    <div className="flex shrink-0 flex-col items-end gap-0.5" data-testid="issue-badges">
      {errors > 0 && <span className="rounded-full bg-red-600 px-1.5 text-[10px] font-semibold text-white" title={`${errors} error${errors > 1 ? 's' : ''}`}>{errors}</span>}
      {warnings > 0 && <span className="rounded-full bg-amber-400 px-1.5 text-[10px] font-semibold text-amber-950" title={`${warnings} warning${warnings > 1 ? 's' : ''}`}>{warnings}</span>}
    </div>
  );
}

function titleOf(r: DesignRecord): string {
  if (typeof r.spec.name === 'string' && r.spec.name) return r.spec.name;
  if (r.kind === 'iamRole' && typeof r.spec.RoleName === 'string' && r.spec.RoleName) return r.spec.RoleName;
  if (r.kind === 'serviceNetworkVpcEndpoint') return `endpoint in ${String(r.spec.VpcId ?? '?')}`;
  return '(unnamed)';
}

function facts(r: DesignRecord, names: Record<string, string>): string[] {
  const s = r.spec;
  switch (r.kind) {
    case 'serviceNetwork':
      return [s.authType === 'AWS_IAM' ? 'IAM auth' : 'no auth'];
    case 'targetGroup': {
      const c = (s.config ?? {}) as Record<string, Json>;
      return [String(s.type ?? '?'), s.type === 'LAMBDA' ? `event ${String(c.lambdaEventStructureVersion ?? 'V1')}` : `${String(c.protocol ?? '?')}:${String(c.port ?? '?')}`];
    }
    case 'resourceGateway':
      return [String(s.vpcIdentifier ?? 'no VPC'), `${Array.isArray(s.subnetIds) ? s.subnetIds.length : 0} subnets`];
    case 'resourceConfiguration': {
      const def = s.resourceConfigurationDefinition as Record<string, Record<string, Json>> | undefined;
      const target = def?.dnsResource?.domainName ?? def?.ipResource?.ipAddress ?? def?.arnResource?.arn;
      const gw = typeof s.resourceGatewayIdentifier === 'string' ? names[s.resourceGatewayIdentifier] : undefined;
      return [String(s.type ?? '?'), target ? `${String(target)}:${Array.isArray(s.portRanges) ? s.portRanges.join(',') : ''}` : '', gw ? `via ${gw}` : ''].filter(Boolean);
    }
    case 'iamRole': {
      const by = trustedServices(s.AssumeRolePolicyDocument).map((p) => p.split('.')[0]);
      return [`assumed by ${by.length ? by.join(', ') : 'no service'}`, 'global'];
    }
    case 'serviceNetworkVpcEndpoint':
      return [typeof s.ServiceNetworkArn === 'string' ? `to ${names[s.ServiceNetworkArn] ?? 'a service network'}` : 'not connected'];
    default:
      return [];
  }
}

function childChips(children: DesignRecord[]): ReactNode {
  const targets = children.filter((c) => c.kind === 'target').length;
  const policy = children.some((c) => c.kind === 'authPolicy');
  const logs = children.some((c) => c.kind === 'accessLogSubscription');
  if (!targets && !policy && !logs) return null;
  return (
    <div className="flex flex-wrap gap-1 border-t border-slate-100 px-3 py-1.5 pl-3.5 text-[10px] text-slate-600">
      {targets > 0 && <span className="rounded bg-slate-100 px-1.5 py-px">{targets} target{targets > 1 ? 's' : ''}</span>}
      {policy && <span className="rounded bg-violet-50 px-1.5 py-px text-violet-700 ring-1 ring-violet-200 ring-inset">auth policy</span>}
      {logs && <span className="rounded bg-sky-50 px-1.5 py-px text-sky-700 ring-1 ring-sky-200 ring-inset">access logs</span>}
    </div>
  );
}

export const RecordNode = memo(function RecordNode({ data, selected }: NodeProps<Node<RecordNodeData, 'record'>>) {
  const f = facts(data.record, data.names);
  return (
    <Frame data={data} selected={selected} kind={data.record.kind}>
      {f.length > 0 && <div className="-mt-1 px-3 pb-2 pl-3.5 text-[11px] text-slate-600">{f.join(' · ')}</div>}
      {childChips(data.children)}
    </Frame>
  );
});

function actionSummary(action: Json | undefined, names: Record<string, string>): string {
  const fixed = getIn(action, ['fixedResponse', 'statusCode']);
  if (fixed !== undefined) return `respond ${String(fixed)}`;
  const groups = getIn(action, ['forward', 'targetGroups']);
  if (!Array.isArray(groups) || !groups.length) return 'no action';
  return `→ ${groups.map((g) => names[String(getIn(g, ['targetGroupIdentifier']))] ?? 'target group').join(', ')}`;
}

function matchSummary(match: Json | undefined): string {
  const method = getIn(match, ['httpMatch', 'method']);
  const prefix = getIn(match, ['httpMatch', 'pathMatch', 'match', 'prefix']);
  const exact = getIn(match, ['httpMatch', 'pathMatch', 'match', 'exact']);
  const headers = getIn(match, ['httpMatch', 'headerMatches']);
  return [method, prefix !== undefined ? `${String(prefix)}*` : exact, Array.isArray(headers) && headers.length ? `${headers.length} header${headers.length > 1 ? 's' : ''}` : undefined].filter(Boolean).join(' ') || 'any request';
}

export const ServiceNode = memo(function ServiceNode({ data, selected }: NodeProps<Node<RecordNodeData, 'service'>>) {
  const auth = data.record.spec.authType === 'AWS_IAM' ? 'IAM auth' : 'no auth';
  return (
    <Frame data={data} selected={selected} kind="service">
      <div className="-mt-1 px-3 pb-1.5 pl-3.5 text-[11px] text-slate-600">{auth}</div>
      <div className="border-t border-slate-100 py-1">
        {data.listeners.length === 0 && <div className="px-3.5 py-1 text-[11px] text-slate-400 italic">No listener: add one in the panel</div>}
        {data.listeners.map(({ record: l, rules }) => (
          <div key={l.id} className="relative" data-testid="listener-row">
            <div className="flex items-center gap-1.5 px-3.5 py-1 text-[11px]">
              <span className="rounded bg-indigo-50 px-1 font-mono text-[10px] font-semibold text-indigo-700 ring-1 ring-indigo-200 ring-inset">
                {String(l.spec.protocol ?? '?')}:{String(l.spec.port ?? (l.spec.protocol === 'HTTP' ? 80 : 443))}
              </span>
              <span className="truncate font-medium text-slate-800">{String(l.spec.name ?? '')}</span>
              <span className="ml-auto truncate text-slate-500">{actionSummary(l.spec.defaultAction, data.names)}</span>
            </div>
            {rules.map((rule) => (
              <div key={rule.id} className="flex items-center gap-1.5 py-0.5 pr-3.5 pl-7 text-[10.5px] text-slate-600">
                <span className="w-6 shrink-0 text-right font-mono text-slate-400 tabular-nums">{String(rule.spec.priority ?? '')}</span>
                <span className="truncate">{matchSummary(rule.spec.match)}</span>
                <span className="ml-auto truncate text-slate-500">{actionSummary(rule.spec.action, data.names)}</span>
              </div>
            ))}
            <Handle id={`h:${l.id}`} type="source" position={Position.Right} className="!top-[13px] !size-2 !min-w-0 !border-2 !border-white !bg-indigo-400" />
          </div>
        ))}
      </div>
      {childChips(data.children)}
    </Frame>
  );
});

export const VpcNode = memo(function VpcNode({ data, selected }: NodeProps<Node<VpcNodeData, 'vpc'>>) {
  const { vpc } = data;
  return (
    <div
      className={cn('group relative rounded-lg bg-white ring-1 ring-slate-300 ring-dashed [background-image:repeating-linear-gradient(135deg,#f8fafc_0,#f8fafc_6px,#fff_6px,#fff_12px)]', selected && 'ring-2 ring-indigo-600')}
      style={{ width: BOX_WIDTH - 40 }}
      data-testid="design-node"
      data-kind="vpc"
      data-name={vpc.name}
      title="A live VPC: connect it to a service network to associate them"
    >
      <span className="absolute inset-y-0 left-0 w-1 rounded-l-lg" style={{ background: data.color }} />
      <Handle id="in" type="source" position={Position.Left} className={handleClass} />
      <Handle id="out" type="source" position={Position.Right} className={handleClass} />
      <div className="flex items-start gap-2 px-3 py-2 pl-3.5">
        <span className="mt-0.5 text-slate-500">
          <KindIcon kind="vpc" />
        </span>
        <div className="min-w-0">
          <div className="text-[10px] font-semibold tracking-wide text-slate-500 uppercase">VPC · live</div>
          <div className="truncate text-sm font-semibold text-slate-800">{vpc.name}</div>
          <div className="truncate text-[11px] text-slate-500">{[vpc.vpcId, vpc.cidr].filter(Boolean).join(' · ')}</div>
        </div>
      </div>
    </div>
  );
});

export const designNodeTypes = { record: RecordNode, service: ServiceNode, vpc: VpcNode };
