'use client';
// A resource configuration: what it points at, through which gateway, and its group.
import { ModelField, Section } from '../fields';
import type { KindPanelProps } from './helpers';
import { AssociateWithNetwork } from './associate-with-network';

export function ResourceConfigurationPanel({ ctx, record, h: { active } }: KindPanelProps) {
  const gateways = active.filter((r) => r.kind === 'resourceGateway' && r.account === record.account).map((r) => ({ value: r.id, label: String(r.spec.name) }));
  const groups = active.filter((r) => r.kind === 'resourceConfiguration' && r.spec.type === 'GROUP' && r.id !== record.id).map((r) => ({ value: r.id, label: String(r.spec.name) }));
  return (
    <>
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
    {record.spec.type !== 'CHILD' && (
      <Section title="Service networks">
        <AssociateWithNetwork ctx={ctx} endpoint={record.id} kind="resourceConfiguration" />
      </Section>
    )}
    </>
  );
}
