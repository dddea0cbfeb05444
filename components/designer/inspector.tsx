'use client';
// The properties of the selected box: every field of the resource and of what it contains
// (a service's listeners and rules, a target group's targets, auth policies, access logs,
// associations), each validated as the API and Lattice would.
import type { ReactNode } from 'react';
import type { Topology } from '@/lib/topology';
import { addRecord, childRecord, DESIGN_KIND_INFO, getIn, removeRecords, setPlacement, type DesignRecord } from '@/lib/topology/design';
import { KindIcon } from '@/components/canvas/kind-icon';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { ActionEditor } from './action-editor';
import { FieldFrame, IdListField, ModelField, Section, controlClass, type FieldContext } from './fields';
import { MatchEditor } from './match-editor';
import { PolicyEditor } from './policy-editor';
import { organizationOf } from '@/components/access/policy-lint';
import { ShareSection } from './share-section';
import { TagsEditor } from './tags-editor';

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
  return id;
}

export function Inspector(props: InspectorProps) {
  const { ctx, selectedId, topology } = props;
  const records = ctx.design.records;
  if (!selectedId) return <EmptyInspector />;
  const vpcNode = topology?.nodes.find((n) => n.id === selectedId && n.kind === 'vpc');
  if (vpcNode) {
    return (
      <div className="p-4 text-sm text-slate-600">
        <Header icon="vpc" kind="VPC (live)" name={vpcNode.name} />
        <p className="mt-3 text-[13px]">{vpcNode.resourceId} in {vpcNode.account}. Draw a line from it to a service network to associate them; a VPC joins one service network (use an endpoint for more).</p>
      </div>
    );
  }
  const record = records[boxOf(records, selectedId)];
  if (!record || record.removed) return <EmptyInspector />;
  const active = Object.values(records).filter((r) => !r.removed);
  const childrenOf = (id: string, field: string, kind?: DesignRecord['kind']) => active.filter((r) => r.spec[field] === id && (!kind || r.kind === kind));
  const add = (kind: Parameters<typeof childRecord>[1], parent: string) => {
    const { patch } = addRecord(ctx.design, childRecord(ctx.design, kind, parent));
    ctx.dispatch(patch);
  };
  const remove = (id: string) => ctx.dispatch(removeRecords(ctx.design, [id]));
  const vpcs = (topology?.nodes ?? []).filter((n) => n.kind === 'vpc' && !n.external && n.account === record.account);
  const vpcChoices = vpcs.map((v) => ({ value: v.resourceId ?? v.id, label: `${v.name} (${v.resourceId})` }));
  const inVpc = (kind: 'subnet' | 'securityGroup', vpcId: unknown) => {
    const vpc = vpcs.find((v) => v.resourceId === vpcId);
    return (topology?.nodes ?? []).filter((n) => n.kind === kind && vpc && n.parent === vpc.id).map((n) => ({ value: n.resourceId ?? n.id, label: `${n.name} (${n.resourceId})` }));
  };
  const targetGroups = active.filter((r) => r.kind === 'targetGroup').map((t) => ({ id: t.id, label: `${String(t.spec.name)}${t.account !== record.account ? ` (${t.account})` : ''}` }));
  const name = (id: unknown) => (typeof id === 'string' ? String(records[id]?.spec.name ?? id) : '?');
  const info = DESIGN_KIND_INFO[record.kind];
  const topLevel = !['listener', 'rule', 'target', 'authPolicy', 'accessLogSubscription'].includes(record.kind);

  const policyAndLogs = (
    <>
      <Section title="Auth policy" actions={ctx.editable && !childrenOf(record.id, 'resourceIdentifier', 'authPolicy').length ? <Button size="sm" variant="ghost" onClick={() => add('authPolicy', record.id)}>+ Auth policy</Button> : undefined}>
        {childrenOf(record.id, 'resourceIdentifier', 'authPolicy').map((p) => (
          <Card key={p.id} title="Auth policy" onRemove={ctx.editable ? () => remove(p.id) : undefined} highlighted={p.id === selectedId}>
            <PolicyEditor ctx={ctx} record={p} owner={record} organizationId={organizationOf(topology)} />
          </Card>
        ))}
        {!childrenOf(record.id, 'resourceIdentifier', 'authPolicy').length && <p className="text-[12px] text-slate-500">None. {record.spec.authType === 'AWS_IAM' ? 'With AWS_IAM and no policy every request is denied.' : 'Auth type NONE: requests are not checked.'}</p>}
      </Section>
      <Section title="Access logs" actions={ctx.editable ? <Button size="sm" variant="ghost" onClick={() => add('accessLogSubscription', record.id)}>+ Subscription</Button> : undefined}>
        {childrenOf(record.id, 'resourceIdentifier', 'accessLogSubscription').map((s) => (
          <Card key={s.id} title="Subscription" onRemove={ctx.editable ? () => remove(s.id) : undefined} highlighted={s.id === selectedId}>
            <ModelField ctx={ctx} record={s} path={['destinationArn']} label="Destination ARN (CloudWatch Logs, S3 or Firehose)" />
            {record.kind === 'serviceNetwork' && <ModelField ctx={ctx} record={s} path={['serviceNetworkLogType']} label="Log type" />}
          </Card>
        ))}
      </Section>
    </>
  );

  let body: ReactNode = null;
  switch (record.kind) {
    case 'serviceNetwork':
      body = (
        <>
          <Section title="Service network">
            <ModelField ctx={ctx} record={record} path={['name']} label="Name" />
            <ModelField ctx={ctx} record={record} path={['authType']} label="Auth type" />
            <ModelField ctx={ctx} record={record} path={['sharingConfig', 'enabled']} label="Shareable through RAM" />
          </Section>
          <Section title="Associations">
            {active.filter((r) => r.spec.serviceNetworkIdentifier === record.id || r.spec.ServiceNetworkArn === record.id).map((a) => (
              <Card key={a.id} title={a.kind === 'serviceNetworkServiceAssociation' ? `Service ${name(a.spec.serviceIdentifier)}` : a.kind === 'serviceNetworkVpcAssociation' ? `VPC ${String(a.spec.vpcIdentifier)}` : a.kind === 'serviceNetworkResourceAssociation' ? `Resource ${name(a.spec.resourceConfigurationIdentifier)}` : `Endpoint in ${String(a.spec.VpcId)}`} onRemove={ctx.editable && a.kind !== 'serviceNetworkVpcEndpoint' ? () => remove(a.id) : undefined} highlighted={a.id === selectedId}>
                {a.kind === 'serviceNetworkVpcAssociation' && <IdListField ctx={ctx} record={a} path={['securityGroupIds']} label="Security groups" options={inVpc('securityGroup', a.spec.vpcIdentifier)} />}
              </Card>
            ))}
            <p className="text-[11px] text-slate-500">Draw a line from a service, VPC or resource configuration to associate it.</p>
          </Section>
          {policyAndLogs}
        </>
      );
      break;
    case 'service':
      body = (
        <>
          <Section title="Service">
            <ModelField ctx={ctx} record={record} path={['name']} label="Name" />
            <ModelField ctx={ctx} record={record} path={['authType']} label="Auth type" />
            <ModelField ctx={ctx} record={record} path={['customDomainName']} label="Custom domain name" />
            <ModelField ctx={ctx} record={record} path={['certificateArn']} label="Certificate ARN" />
          </Section>
          <Section title="Listeners" actions={ctx.editable ? <Button size="sm" variant="ghost" onClick={() => add('listener', record.id)}>+ Listener</Button> : undefined}>
            {childrenOf(record.id, 'serviceIdentifier', 'listener').map((l) => (
              <Card key={l.id} title={`Listener ${String(l.spec.name ?? '')}`} onRemove={ctx.editable ? () => remove(l.id) : undefined} highlighted={l.id === selectedId}>
                <div className="grid grid-cols-[1fr_7rem_5rem] gap-2">
                  <ModelField ctx={ctx} record={l} path={['name']} label="Name" />
                  <ModelField ctx={ctx} record={l} path={['protocol']} label="Protocol" />
                  <ModelField ctx={ctx} record={l} path={['port']} label="Port" />
                </div>
                <ActionEditor ctx={ctx} record={l} field="defaultAction" targetGroups={targetGroups} />
                <div className="space-y-2 border-l-2 border-slate-100 pl-2">
                  {childrenOf(l.id, 'listenerIdentifier', 'rule')
                    .sort((a, b) => Number(a.spec.priority) - Number(b.spec.priority))
                    .map((rule) => (
                      <Card key={rule.id} title={`Rule ${String(rule.spec.name ?? '')}`} onRemove={ctx.editable ? () => remove(rule.id) : undefined} highlighted={rule.id === selectedId}>
                        <div className="grid grid-cols-[1fr_5rem] gap-2">
                          <ModelField ctx={ctx} record={rule} path={['name']} label="Name" />
                          <ModelField ctx={ctx} record={rule} path={['priority']} label="Priority" />
                        </div>
                        <MatchEditor ctx={ctx} record={rule} />
                        <ActionEditor ctx={ctx} record={rule} field="action" targetGroups={targetGroups} />
                      </Card>
                    ))}
                  {ctx.editable && (
                    <Button size="sm" variant="ghost" onClick={() => add('rule', l.id)}>
                      + Rule
                    </Button>
                  )}
                </div>
              </Card>
            ))}
          </Section>
          <Section title="Service networks">
            {childrenOf(record.id, 'serviceIdentifier', 'serviceNetworkServiceAssociation').map((a) => (
              <Card key={a.id} title={`Associated with ${name(a.spec.serviceNetworkIdentifier)}`} onRemove={ctx.editable ? () => remove(a.id) : undefined} highlighted={a.id === selectedId} />
            ))}
            <p className="text-[11px] text-slate-500">Draw a line to a service network to associate the service with it.</p>
          </Section>
          {policyAndLogs}
        </>
      );
      break;
    case 'targetGroup': {
      const lambda = record.spec.type === 'LAMBDA';
      body = (
        <>
          <Section title="Target group">
            <ModelField ctx={ctx} record={record} path={['name']} label="Name" />
            <ModelField ctx={ctx} record={record} path={['type']} label="Type" />
            {!lambda && (
              <>
                <div className="grid grid-cols-[1fr_6rem] gap-2">
                  <ModelField ctx={ctx} record={record} path={['config', 'protocol']} label="Protocol" />
                  <ModelField ctx={ctx} record={record} path={['config', 'port']} label="Port" />
                </div>
                <ModelField ctx={ctx} record={record} path={['config', 'protocolVersion']} label="Protocol version" />
                <ModelField ctx={ctx} record={record} path={['config', 'vpcIdentifier']} label="VPC" choices={vpcChoices.length ? vpcChoices : undefined} />
                {(record.spec.type === 'IP' || getIn(record.spec, ['config', 'ipAddressType']) !== undefined) && <ModelField ctx={ctx} record={record} path={['config', 'ipAddressType']} label="IP address type" />}
              </>
            )}
            {lambda && <ModelField ctx={ctx} record={record} path={['config', 'lambdaEventStructureVersion']} label="Lambda event structure" />}
          </Section>
          {!lambda && record.spec.type !== 'ALB' && (
            <Section title="Health check">
              <ModelField ctx={ctx} record={record} path={['config', 'healthCheck', 'enabled']} label="Enabled" />
              <div className="grid grid-cols-[1fr_6rem] gap-2">
                <ModelField ctx={ctx} record={record} path={['config', 'healthCheck', 'path']} label="Path" />
                <ModelField ctx={ctx} record={record} path={['config', 'healthCheck', 'protocol']} label="Protocol" />
              </div>
            </Section>
          )}
          <Section title="Targets" actions={ctx.editable ? <Button size="sm" variant="ghost" onClick={() => add('target', record.id)}>+ Target</Button> : undefined}>
            {childrenOf(record.id, 'targetGroupIdentifier', 'target').map((t) => (
              <Card key={t.id} onRemove={ctx.editable ? () => remove(t.id) : undefined} highlighted={t.id === selectedId}>
                <div className="grid grid-cols-[1fr_6rem] gap-2">
                  <ModelField ctx={ctx} record={t} path={['id']} label={lambda ? 'Function ARN' : record.spec.type === 'INSTANCE' ? 'Instance id' : record.spec.type === 'ALB' ? 'Load balancer ARN' : 'IP address'} />
                  {!lambda && <ModelField ctx={ctx} record={t} path={['port']} label="Port" />}
                </div>
              </Card>
            ))}
          </Section>
        </>
      );
      break;
    }
    case 'resourceGateway':
      body = (
        <Section title="Resource gateway">
          <ModelField ctx={ctx} record={record} path={['name']} label="Name" />
          <ModelField ctx={ctx} record={record} path={['vpcIdentifier']} label="VPC" choices={vpcChoices.length ? vpcChoices : undefined} />
          <IdListField ctx={ctx} record={record} path={['subnetIds']} label="Subnets" options={inVpc('subnet', record.spec.vpcIdentifier)} />
          <IdListField ctx={ctx} record={record} path={['securityGroupIds']} label="Security groups" options={inVpc('securityGroup', record.spec.vpcIdentifier)} />
          <ModelField ctx={ctx} record={record} path={['ipAddressType']} label="IP address type" />
        </Section>
      );
      break;
    case 'resourceConfiguration': {
      const gateways = active.filter((r) => r.kind === 'resourceGateway' && r.account === record.account).map((r) => ({ value: r.id, label: String(r.spec.name) }));
      const groups = active.filter((r) => r.kind === 'resourceConfiguration' && r.spec.type === 'GROUP' && r.id !== record.id).map((r) => ({ value: r.id, label: String(r.spec.name) }));
      body = (
        <Section title="Resource configuration">
          <ModelField ctx={ctx} record={record} path={['name']} label="Name" />
          <div className="grid grid-cols-2 gap-2">
            <ModelField ctx={ctx} record={record} path={['type']} label="Type" />
            <ModelField ctx={ctx} record={record} path={['protocol']} label="Protocol" />
          </div>
          <ModelField ctx={ctx} record={record} path={['portRanges']} label="Port ranges" />
          <ModelField ctx={ctx} record={record} path={['resourceConfigurationDefinition', 'dnsResource', 'domainName']} label="DNS name of the resource" />
          <ModelField ctx={ctx} record={record} path={['resourceConfigurationDefinition', 'dnsResource', 'ipAddressType']} label="IP address type" />
          <ModelField ctx={ctx} record={record} path={['resourceGatewayIdentifier']} label="Resource gateway" choices={gateways} />
          {record.spec.type === 'CHILD' && <ModelField ctx={ctx} record={record} path={['resourceConfigurationGroupIdentifier']} label="Group" choices={groups} />}
          <ModelField ctx={ctx} record={record} path={['allowAssociationToShareableServiceNetwork']} label="May join shareable service networks" />
        </Section>
      );
      break;
    }
    case 'serviceNetworkVpcEndpoint': {
      const networks = active.filter((r) => r.kind === 'serviceNetwork').map((r) => ({ value: r.id, label: String(r.spec.name) }));
      body = (
        <Section title="Service-network VPC endpoint">
          <ModelField ctx={ctx} record={record} path={['ServiceNetworkArn']} label="Service network" choices={networks} />
          <ModelField ctx={ctx} record={record} path={['VpcId']} label="VPC" choices={vpcChoices.length ? vpcChoices : undefined} />
          <IdListField ctx={ctx} record={record} path={['SubnetIds']} label="Subnets" options={inVpc('subnet', record.spec.VpcId)} />
          <IdListField ctx={ctx} record={record} path={['SecurityGroupIds']} label="Security groups" options={inVpc('securityGroup', record.spec.VpcId)} />
        </Section>
      );
      break;
    }
    case 'serviceNetworkServiceAssociation':
    case 'serviceNetworkResourceAssociation':
      body = (
        <Section title={info.label}>
          <p className="text-[13px] text-slate-700">
            {name(record.spec.serviceNetworkIdentifier)} ↔ {name(record.spec.serviceIdentifier ?? record.spec.resourceConfigurationIdentifier)}
          </p>
        </Section>
      );
      break;
    case 'serviceNetworkVpcAssociation':
      body = (
        <Section title="VPC association">
          <p className="text-[13px] text-slate-700">
            {name(record.spec.serviceNetworkIdentifier)} ↔ {String(record.spec.vpcIdentifier)}
          </p>
          <IdListField ctx={ctx} record={record} path={['securityGroupIds']} label="Security groups" options={inVpc('securityGroup', record.spec.vpcIdentifier)} />
        </Section>
      );
      break;
  }

  const ownIssues = ctx.issues.filter((i) => boxOf(records, i.recordId) === record.id && i.path === '');
  return (
    <div data-testid="inspector" data-record={record.id}>
      <div className="flex items-start justify-between gap-2 px-4 pt-4 pb-3">
        <Header icon={record.kind === 'serviceNetworkVpcEndpoint' ? 'vpcEndpoint' : record.kind} kind={info.label} name={String(record.spec.name ?? '')} />
        {ctx.editable && (
          <Button size="sm" variant="danger" onClick={() => remove(record.id)} data-testid="delete-record">
            Delete
          </Button>
        )}
      </div>
      {ownIssues.map((i, n) => (
        <p key={n} className={cn('mx-4 mb-2 rounded px-2 py-1 text-[12px]', i.severity === 'error' ? 'bg-red-50 text-red-800' : 'bg-amber-50 text-amber-900')}>
          {i.rule}
        </p>
      ))}
      {topLevel && (
        <Section title="Placement">
          <FieldFrame id="placement" label="Account and Region" problems={[]}>
            <select
              id="placement"
              disabled={!ctx.editable}
              className={cn(controlClass(false), 'pr-7')}
              value={`${record.account}|${record.region}`}
              onChange={(e) => {
                const [account, region] = e.target.value.split('|');
                ctx.dispatch(setPlacement(ctx.design, record.id, account, region));
              }}
            >
              {!props.accounts.some((a) => a.id === record.account) && <option value={`${record.account}|${record.region}`}>{record.account} · {record.region}</option>}
              {props.accounts.flatMap((a) => a.regions.map((r) => (
                <option key={`${a.id}|${r}`} value={`${a.id}|${r}`}>
                  {a.name} · {a.id} · {r}
                </option>
              )))}
            </select>
          </FieldFrame>
        </Section>
      )}
      {body}
      {topLevel && !ASSOCIATION_KINDS.includes(record.kind) && <ShareSection ctx={ctx} record={record} topology={topology} accountNames={new Map(props.accounts.map((a) => [a.id, a.name]))} />}
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

function Header({ icon, kind, name }: { icon: Parameters<typeof KindIcon>[0]['kind'] | string; kind: string; name: string }) {
  return (
    <div className="flex min-w-0 items-center gap-2">
      <span className="rounded-md bg-indigo-50 p-1.5 text-indigo-700">
        <KindIcon kind={icon as Parameters<typeof KindIcon>[0]['kind']} />
      </span>
      <div className="min-w-0">
        <div className="text-[10px] font-semibold tracking-wide text-slate-500 uppercase">{kind}</div>
        <div className="truncate text-sm font-semibold text-slate-900">{name || '(unnamed)'}</div>
      </div>
    </div>
  );
}

function Card({ title, children, onRemove, highlighted }: { title?: string; children?: ReactNode; onRemove?: () => void; highlighted?: boolean }) {
  return (
    <div className={cn('space-y-2 rounded-md bg-slate-50/70 p-2.5 ring-1 ring-slate-200', highlighted && 'ring-2 ring-indigo-400')}>
      {(title || onRemove) && (
        <div className="flex items-center justify-between gap-2">
          <span className="truncate text-[12px] font-medium text-slate-800">{title}</span>
          {onRemove && (
            <button type="button" className="text-[11px] text-slate-500 hover:text-red-700" onClick={onRemove}>
              Remove
            </button>
          )}
        </div>
      )}
      {children}
    </div>
  );
}

function EmptyInspector() {
  return (
    <div className="p-5 text-[13px] leading-relaxed text-slate-500">
      <p className="font-medium text-slate-700">Nothing selected</p>
      <p className="mt-1">Add resources from the palette, then select a box to edit its properties. Draw a line between two boxes to connect them: a service to a service network, a VPC to a service network, a listener to a target group.</p>
    </div>
  );
}
