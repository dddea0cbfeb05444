'use client';
// A service network: its settings, what is associated with it, its auth policy and access logs.
import { IdListField, ModelField, Section } from '../fields';
import type { KindPanelProps } from './helpers';
import { Card } from './parts';
import { PolicyAndLogs } from './policy-and-logs';

export function ServiceNetworkPanel(props: KindPanelProps) {
  const { ctx, record, selectedId, h: { active, remove, inVpc, name } } = props;
  return (
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
      <PolicyAndLogs {...props} />
    </>
  );
}
