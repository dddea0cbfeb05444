'use client';
// A service-network VPC endpoint: the network, and the VPC, subnets and security groups it is in.
import { IdListField, ModelField, Section } from '../fields';
import type { KindPanelProps } from './helpers';

export function VpcEndpointPanel({ ctx, record, h: { active, vpcChoices, inVpc } }: KindPanelProps) {
  const networks = active.filter((r) => r.kind === 'serviceNetwork').map((r) => ({ value: r.id, label: String(r.spec.name) }));
  return (
    <Section title="Service-network VPC endpoint">
      <ModelField ctx={ctx} record={record} path={['ServiceNetworkArn']} label="Service network" choices={networks} />
      <ModelField ctx={ctx} record={record} path={['VpcId']} label="VPC" choices={vpcChoices.length ? vpcChoices : undefined} />
      <IdListField ctx={ctx} record={record} path={['SubnetIds']} label="Subnets" options={inVpc('subnet', record.spec.VpcId)} />
      <IdListField ctx={ctx} record={record} path={['SecurityGroupIds']} label="Security groups" options={inVpc('securityGroup', record.spec.VpcId)} />
    </Section>
  );
}
