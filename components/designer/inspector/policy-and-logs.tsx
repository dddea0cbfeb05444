'use client';
// The auth policy and access log subscriptions of a service network or a service.
import { Button } from '@/components/ui/button';
import { organizationOf } from '@/components/access/policy-lint';
import { ModelField, Section } from '../fields';
import { PolicyEditor } from '../policy-editor';
import type { KindPanelProps } from './helpers';
import { Card } from './parts';
import { DestinationPicker } from '../pickers/destination-picker';

export function PolicyAndLogs({ ctx, record, selectedId, topology, h: { childrenOf, add, remove } }: KindPanelProps) {
  return (
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
            <DestinationPicker ctx={ctx} subscription={s} owner={record} topology={topology} />
            {record.kind === 'serviceNetwork' && <ModelField ctx={ctx} record={s} path={['serviceNetworkLogType']} label="Log type" />}
          </Card>
        ))}
      </Section>
    </>
  );
}
