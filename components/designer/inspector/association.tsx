'use client';
// Associations with a service network: of a service or a resource configuration (what it
// joins), and of a VPC (with its security groups).
import { DESIGN_KIND_INFO } from '@/lib/topology/design';
import { IdListField, Section } from '../fields';
import type { KindPanelProps } from './helpers';

export function AssociationPanel({ record, h: { name } }: KindPanelProps) {
  return (
    <Section title={DESIGN_KIND_INFO[record.kind].label}>
      <p className="text-[13px] text-slate-700">
        {name(record.spec.serviceNetworkIdentifier)} ↔ {name(record.spec.serviceIdentifier ?? record.spec.resourceConfigurationIdentifier)}
      </p>
    </Section>
  );
}

export function VpcAssociationPanel({ ctx, record, h: { name, inVpc } }: KindPanelProps) {
  return (
    <Section title="VPC association">
      <p className="text-[13px] text-slate-700">
        {name(record.spec.serviceNetworkIdentifier)} ↔ {String(record.spec.vpcIdentifier)}
      </p>
      <IdListField ctx={ctx} record={record} path={['securityGroupIds']} label="Security groups" options={inVpc('securityGroup', record.spec.vpcIdentifier)} />
    </Section>
  );
}
