'use client';
// A service: its settings, its listeners (and their rules), the service networks it is
// associated with, its auth policy and access logs.
import { Button } from '@/components/ui/button';
import { ModelField, Section } from '../fields';
import type { KindPanelProps } from './helpers';
import { ListenerCard } from './listener';
import { Card } from './parts';
import { PolicyAndLogs } from './policy-and-logs';
import { AssociateWithNetwork } from './associate-with-network';

export function ServicePanel(props: KindPanelProps) {
  const { ctx, record, selectedId, h } = props;
  const { childrenOf, add, remove, name } = h;
  return (
    <>
      <Section title="Service">
        <ModelField ctx={ctx} record={record} path={['name']} label="Name" />
        <ModelField ctx={ctx} record={record} path={['authType']} label="Auth type" />
        <ModelField ctx={ctx} record={record} path={['customDomainName']} label="Custom domain name" />
        <ModelField ctx={ctx} record={record} path={['certificateArn']} label="Certificate ARN" />
      </Section>
      <Section title="Listeners" actions={ctx.editable ? <Button size="sm" variant="ghost" onClick={() => add('listener', record.id)}>+ Listener</Button> : undefined}>
        {childrenOf(record.id, 'serviceIdentifier', 'listener').map((l) => (
          <ListenerCard key={l.id} ctx={ctx} listener={l} selectedId={selectedId} h={h} />
        ))}
      </Section>
      <Section title="Service networks">
        {childrenOf(record.id, 'serviceIdentifier', 'serviceNetworkServiceAssociation').map((a) => (
          <Card key={a.id} title={`Associated with ${name(a.spec.serviceNetworkIdentifier)}`} onRemove={ctx.editable ? () => remove(a.id) : undefined} highlighted={a.id === selectedId} />
        ))}
        <AssociateWithNetwork ctx={ctx} endpoint={record.id} kind="service" />
      </Section>
      <PolicyAndLogs {...props} />
    </>
  );
}
