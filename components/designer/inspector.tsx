'use client';
// The properties of the selected box: every field of the resource and of what it contains
// (a service's listeners and rules, a target group's targets, auth policies, access logs,
// associations), each validated as the API and Lattice would.
import type { ReactNode } from 'react';
import type { Topology } from '@/lib/topology';
import { DESIGN_KIND_INFO, recordName, type DesignRecord } from '@/lib/topology/design';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Section, type FieldContext } from './fields';
import { ShareSection } from './share-section';
import { TagsEditor } from './tags-editor';
import { AssociationPanel, VpcAssociationPanel } from './inspector/association';
import { recordHelpers, type KindPanelProps } from './inspector/helpers';
import { LiveVpcPanel } from './inspector/live-vpc';
import { EmptyInspector, Header } from './inspector/parts';
import { PlacementSection } from './inspector/placement';
import { RolePanel } from './inspector/role-panel';
import { ResourceConfigurationPanel } from './inspector/resource-configuration';
import { ResourceGatewayPanel } from './inspector/resource-gateway';
import { ServicePanel } from './inspector/service';
import { ServiceNetworkPanel } from './inspector/service-network';
import { TargetGroupPanel } from './inspector/target-group';
import { VpcEndpointPanel } from './inspector/vpc-endpoint';

export interface InspectorProps {
  ctx: FieldContext;
  selectedId: string | null;
  topology: Topology | null;
  accounts: { id: string; name: string; regions: string[] }[];
  onSelect(id: string | null): void;
}

// Associations and endpoints are not resources RAM could share; their panels leave sharing out.
const ASSOCIATION_KINDS: readonly DesignRecord['kind'][] = ['serviceNetworkServiceAssociation', 'serviceNetworkVpcAssociation', 'serviceNetworkResourceAssociation', 'serviceNetworkVpcEndpoint'];

/** The box a record is edited in: listeners and rules in their service, targets in their group. */
export function boxOf(records: Record<string, DesignRecord>, id: string): string {
  const r = records[id];
  if (!r) return id;
  if (r.kind === 'listener') return String(r.spec.serviceIdentifier);
  if (r.kind === 'rule') return boxOf(records, String(r.spec.listenerIdentifier));
  if (r.kind === 'target') return String(r.spec.targetGroupIdentifier);
  if (r.kind === 'authPolicy' || r.kind === 'accessLogSubscription') return String(r.spec.resourceIdentifier);
  if (r.kind === 'iamRolePolicy') return String(r.spec.RoleName);
  return id;
}

export function Inspector(props: InspectorProps) {
  const { ctx, selectedId, topology } = props;
  const records = ctx.design.records;
  if (!selectedId) return <EmptyInspector editable={ctx.editable} />;
  const vpcNode = topology?.nodes.find((n) => n.id === selectedId && n.kind === 'vpc');
  if (vpcNode) return <LiveVpcPanel vpcNode={vpcNode} ctx={ctx} />;
  const record = records[boxOf(records, selectedId)];
  if (!record || record.removed) return <EmptyInspector editable={ctx.editable} />;
  const h = recordHelpers(ctx, record, topology);
  const info = DESIGN_KIND_INFO[record.kind];
  const topLevel = !['listener', 'rule', 'target', 'authPolicy', 'accessLogSubscription', 'iamRolePolicy'].includes(record.kind);
  const ownIssues = ctx.issues.filter((i) => boxOf(records, i.recordId) === record.id && i.path === '');
  return (
    <div data-testid="inspector" data-record={record.id}>
      <div className="flex items-start justify-between gap-2 px-4 pt-4 pb-3">
        <Header icon={record.kind === 'serviceNetworkVpcEndpoint' ? 'vpcEndpoint' : record.kind} kind={info.label} name={recordName(record)} />
        {ctx.editable && (
          <Button size="sm" variant="danger" onClick={() => h.remove(record.id)} data-testid="delete-record">
            Delete
          </Button>
        )}
      </div>
      {ownIssues.map((i, n) => (
        <p key={n} className={cn('mx-4 mb-2 rounded px-2 py-1 text-[12px]', i.severity === 'error' ? 'bg-red-50 text-red-800' : 'bg-amber-50 text-amber-900')}>
          {i.rule}
        </p>
      ))}
      {topLevel && !info.global && <PlacementSection ctx={ctx} record={record} accounts={props.accounts} />}
      {record.kind === 'iamRole' ? <RolePanel ctx={ctx} record={record} selectedId={selectedId} topology={topology} h={h} accounts={props.accounts} /> : <KindPanel ctx={ctx} record={record} selectedId={selectedId} topology={topology} h={h} />}
      {topLevel && !info.global && !ASSOCIATION_KINDS.includes(record.kind) && <ShareSection ctx={ctx} record={record} topology={topology} accountNames={new Map(props.accounts.map((a) => [a.id, a.name]))} />}
      {info.taggable && (
        <Section title="Tags">
          <TagsEditor ctx={ctx} record={record} />
        </Section>
      )}
      {record.arn && (
        <p className="border-t border-slate-200 px-4 py-3 font-mono text-[10.5px] break-all text-slate-400" title="The live resource this record stands for">
          {record.arn}
        </p>
      )}
    </div>
  );
}

/** The panel for the record's kind (listeners, rules and targets are edited in their box's). */
function KindPanel(props: KindPanelProps): ReactNode {
  switch (props.record.kind) {
    case 'serviceNetwork':
      return <ServiceNetworkPanel {...props} />;
    case 'service':
      return <ServicePanel {...props} />;
    case 'targetGroup':
      return <TargetGroupPanel {...props} />;
    case 'resourceGateway':
      return <ResourceGatewayPanel {...props} />;
    case 'resourceConfiguration':
      return <ResourceConfigurationPanel {...props} />;
    case 'serviceNetworkVpcEndpoint':
      return <VpcEndpointPanel {...props} />;
    case 'serviceNetworkServiceAssociation':
    case 'serviceNetworkResourceAssociation':
      return <AssociationPanel {...props} />;
    case 'serviceNetworkVpcAssociation':
      return <VpcAssociationPanel {...props} />;
    default:
      return null;
  }
}
