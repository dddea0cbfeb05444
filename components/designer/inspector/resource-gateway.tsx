'use client';
// A resource gateway: its VPC, subnets and security groups.
import { IdListField, ModelField, Section } from '../fields';
import type { KindPanelProps } from './helpers';

export function ResourceGatewayPanel({ ctx, record, h: { vpcChoices, inVpc } }: KindPanelProps) {
  return (
    <Section title="Resource gateway">
      <ModelField ctx={ctx} record={record} path={['name']} label="Name" />
      <ModelField ctx={ctx} record={record} path={['vpcIdentifier']} label="VPC" choices={vpcChoices.length ? vpcChoices : undefined} />
      <IdListField ctx={ctx} record={record} path={['subnetIds']} label="Subnets" options={inVpc('subnet', record.spec.vpcIdentifier)} />
      <IdListField ctx={ctx} record={record} path={['securityGroupIds']} label="Security groups" options={inVpc('securityGroup', record.spec.vpcIdentifier)} />
      <ModelField ctx={ctx} record={record} path={['ipAddressType']} label="IP address type" />
    </Section>
  );
}
